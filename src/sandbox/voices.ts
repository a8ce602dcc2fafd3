// Speech, cloning, design and deletion of voices (contract §11). Clones live in State.voices like
// the seeds, so GET /v3/voices and GET /v3/voices/{id} see them; their status follows the clock.
import { createHash } from 'node:crypto';
import { checkAssetInput } from './avatars-input.js';
import { findVoice, voiceDetailView, voiceListView, type SeedVoice } from './data/voices.js';
import { ApiError, invalidParameter, notFound } from './errors.js';
import { takeScripted } from './faults.js';
import { synthesize } from './speech-audio.js';
import { onlyFields } from './strict.js';
import { Fields, isObject, type Json } from './validate-fields.js';
import { newId, type State } from './state.js';

const DEFAULT_CLONE_FAILURE = 'Sandbox: the recording could not be cloned (injected fault).';

/** Brings every clone's status up to the sandbox clock. */
export function settleClones(state: State): void {
  const now = state.now();
  for (const clone of state.clones.values()) {
    const voice = findVoice(clone.voiceId, state.voices);
    if (voice?.status !== 'processing' || now < clone.readyAt) continue;
    voice.status = clone.failure ? 'failed' : 'complete';
    voice.hasPreview = !clone.failure;
  }
}

/** A voice by its id, or by the clone id POST /v3/voices/clone answered. */
export function lookUpVoice(state: State, id: string): SeedVoice | undefined {
  settleClones(state);
  const clone = [...state.clones.values()].find((c) => c.cloneId === id);
  return findVoice(clone ? clone.voiceId : id, state.voices);
}

/** GET /v3/voices/{id}: while processing, a clone has no name, language or gender yet (§11.3). */
export function voiceDetail(state: State, voice: SeedVoice): Record<string, unknown> {
  const view = voiceDetailView(voice, state.baseUrl);
  const clone = state.clones.get(voice.id);
  if (!clone) return view;
  const { name, language, gender, ...rest } = view;
  const failure = voice.status === 'failed' ? (clone.failure ?? DEFAULT_CLONE_FAILURE) : null;
  return { ...rest, ...(voice.status === 'processing' ? {} : { name, language, gender }), failure_message: failure };
}

/** POST /v3/voices/speech (§11.1). */
export function speak(state: State, body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw invalidParameter(undefined, 'request body must be a JSON object');
  onlyFields(body, ['text', 'voice_id', 'input_type', 'speed', 'language', 'locale']);
  const f: Fields = new Fields(body, '');
  const text = f.str('text');
  if (text === null || text.trim() === '') f.fail('text', 'text is required');
  if ([...text].length > 5000) f.fail('text', 'text must be at most 5000 characters');
  const voiceId = f.str('voice_id');
  if (voiceId === null) f.fail('voice_id', 'voice_id is required');
  const inputType = f.enumOf('input_type', ['text', 'ssml'] as const) ?? 'text';
  const speed = f.num(body, 'speed', 'speed', 0.5, 2, 'between 0.5 and 2.0') ?? 1;
  f.str('language');
  f.str('locale');
  const voice = lookUpVoice(state, voiceId);
  if (!voice) throw notFound('voice_not_found', `voice ${voiceId} not found`);
  if (!voice.engines.includes('starfish') || (voice.status !== null && voice.status !== 'complete')) {
    f.fail('voice_id', `voice ${voiceId} does not support the starfish engine: list usable voices with GET /v3/voices?engine=starfish`);
  }
  const speech = synthesize(text, speed, inputType === 'ssml');
  const id = newId('speech');
  state.speech.set(id, speech.mp3);
  return {
    audio_url: `${state.baseUrl}/static/speech/${id}.mp3`,
    duration: speech.duration,
    request_id: id,
    word_timestamps: speech.words,
  };
}

/** POST /v3/voices/clone (§11.3): no Idempotency-Key, so every call makes a voice. */
export function createClone(state: State, body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw invalidParameter(undefined, 'request body must be a JSON object');
  onlyFields(body, ['audio', 'voice_name', 'language', 'remove_background_noise']);
  const f: Fields = new Fields(body, '');
  const audio = body['audio'];
  if (!isObject(audio)) f.fail('audio', 'audio is required: an AssetInput (url, asset_id or base64)');
  checkAssetInput(state, f, audio as Json, 'audio', 'audio');
  const name = f.str('voice_name');
  if (name === null || name.trim() === '') f.fail('voice_name', 'voice_name is required');
  if ([...name].length > 100) f.fail('voice_name', 'voice_name must be at most 100 characters');
  const language = f.str('language');
  f.bool('remove_background_noise');
  if (takeScripted(state, 'clone-limit')) {
    throw new ApiError(400, 'resource_limit_exceeded', 'You have reached the voice clone limit of your plan: delete an unused clone.');
  }
  const failed = takeScripted(state, 'fail-clone');
  const slow = takeScripted(state, 'slow-clone');
  const voiceId = newId('vc');
  const cloneId = state.options.cloneIdDiffers ? newId('clone') : voiceId;
  const seq = state.voices.reduce((m, v) => Math.max(m, v.seq), 0) + 1;
  state.voices.push({
    seq,
    id: voiceId,
    name,
    language: languageName(language),
    locale: 'en-US',
    gender: createHash('sha256').update(name).digest()[0]! % 2 === 0 ? 'female' : 'male',
    type: 'private',
    engines: ['elevenlabs', 'starfish'],
    supportPause: true,
    supportLocale: false,
    hasPreview: false,
    status: 'processing',
    createdAt: Math.floor(state.now() / 1000),
  });
  state.clones.set(voiceId, {
    voiceId,
    cloneId,
    readyAt: state.now() + (slow ? slow.ms : state.options.cloneMs),
    failure: failed ? (failed.failureMessage ?? DEFAULT_CLONE_FAILURE) : null,
  });
  return { voice_clone_id: cloneId };
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', es: 'Spanish', fr: 'French', de: 'German', pt: 'Portuguese' };
function languageName(code: string | null): string {
  return (code && LANGUAGE_NAMES[code.toLowerCase()]) || 'English';
}

/** POST /v3/voices (§11.4): ranks the public catalogue by the prompt's words; the same prompt and seed, the same voices. */
export function designSearch(state: State, body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw invalidParameter(undefined, 'request body must be a JSON object');
  onlyFields(body, ['prompt', 'gender', 'locale', 'seed']);
  const f: Fields = new Fields(body, '');
  const prompt = f.str('prompt');
  if (prompt === null || prompt.trim() === '') f.fail('prompt', 'prompt is required');
  if ([...prompt].length > 1000) f.fail('prompt', 'prompt must be at most 1000 characters');
  const gender = f.enumOf('gender', ['male', 'female'] as const);
  const locale = f.str('locale');
  const seed = body['seed'] ?? 0;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0) f.fail('seed', 'seed must be an integer ≥ 0');
  const words = prompt.toLowerCase().split(/\W+/).filter(Boolean);
  const score = (v: SeedVoice) => {
    const text = `${v.name} ${v.language} ${v.gender} ${v.locale}`.toLowerCase();
    const hits = words.filter((w) => text.includes(w)).length;
    const tie = createHash('sha256').update(`${prompt}\u0000${v.id}`).digest().readUInt32BE(0) / 2 ** 32;
    return hits + tie;
  };
  const ranked = state.voices
    .filter((v) => v.type === 'public' && (!gender || v.gender === gender) && (!locale || v.locale.toLowerCase() === locale.toLowerCase()))
    .map((v) => ({ v, s: score(v) }))
    .sort((a, b) => b.s - a.s || a.v.seq - b.v.seq)
    .slice(seed * 3, seed * 3 + 3);
  return { seed, voices: ranked.map(({ v }) => voiceListView(v, state.baseUrl)) };
}

/** DELETE /v3/voices/{id} (§11.5). */
export function deleteVoice(state: State, id: string): Record<string, unknown> {
  const voice = lookUpVoice(state, id);
  if (!voice) throw notFound('voice_not_found', `voice ${id} not found`);
  if (voice.type === 'public') throw new ApiError(403, 'forbidden', `voice ${id} is a public voice: only your own clones can be deleted`);
  if (state.scripted.some((s) => s.kind === 'voice-in-use' && s.voiceId === voice.id)) {
    throw new ApiError(409, 'conflict', `voice ${id} is used by a template: remove it there first`);
  }
  state.voices.splice(state.voices.indexOf(voice), 1);
  state.clones.delete(voice.id);
  return { voice_id: voice.id };
}
