// From what the user typed (flags, -d JSON, settings, wizard answers) to the exact
// POST /v3/videos body. One place knows how a flag maps to a body field, so `video create`,
// the wizard, batch rows and the printed "equivalent command line" can never disagree.
import type { CaptionSettings, CreateVideoBody } from '../../api/video-body.js';
import type { ResolvedSettings } from '../../config/load.js';
import { toFlag } from '../../shared/flag-names.js';
import { shellQuote } from '../../shared/shell-quote.js';
import { twinInvocation } from '../../shared/twin-invocation.js';
import { CAPTION_FILE_FORMAT, CAPTION_STYLE, DEFAULT_ENGINE } from '../../shared/video-facts.js';
import { localPlaceholder, parseMediaSource } from '../media/local-media.js';
import { parseBackground, VIDEO_INPUT_KEYS, type VideoInput } from './input.js';

export type { CreateVideoBody } from '../../api/video-body.js';
export { checkLocalRules, type Problem } from './rules.js';
export { parseBackground, partialVideoInputSchema, VIDEO_INPUT_KEYS, videoInputSchema, type VideoInput } from './input.js';

/** --audio: a URL goes as audio_url, an asset or a local file (uploaded first) as audio_asset_id. */
function audioFields(value: string): Json {
  const source = parseMediaSource(value);
  if (!source) return {};
  if (source.kind === 'url') return { audio_url: source.url };
  return { audio_asset_id: source.kind === 'asset' ? source.id : localPlaceholder(source.path) };
}

// Fields in the order the API reference lists them, so dry-run output reads like the docs.
const BODY_ORDER = [
  'type',
  'avatar_id',
  'script',
  'voice_id',
  'audio_url',
  'audio_asset_id',
  'title',
  'resolution',
  'aspect_ratio',
  'engine',
  'motion_prompt',
  'expressiveness',
  'remove_background',
  'background',
  'fit',
  'output_format',
  'voice_settings',
  'caption',
  'callback_url',
  'callback_id',
  'watermark',
];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The body fields the given input sets (nothing else), ready to merge over -d data. */
function bodyFragment(input: Partial<VideoInput>, base: Json = {}): Json {
  const out: Json = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined) out[key] = value;
  };
  put('avatar_id', input.look);
  put('script', input.script);
  put('voice_id', input.voice);
  put('audio_url', input.audioUrl);
  if (input.audio !== undefined) Object.assign(out, audioFields(input.audio));
  put('title', input.title);
  put('resolution', input.resolution);
  put('aspect_ratio', input.aspectRatio);
  if (input.engine !== undefined || input.referenceLook !== undefined) {
    const current = isObject(base.engine) ? base.engine : {};
    // A reference look only exists on Avatar V, so it implies that engine unless one is named.
    const type = input.engine ?? current.type ?? 'avatar_v';
    out.engine = { ...current, type, ...(input.referenceLook !== undefined ? { reference_look_id: input.referenceLook } : {}) };
  }
  put('motion_prompt', input.motionPrompt);
  put('expressiveness', input.expressiveness);
  put('remove_background', input.removeBackground);
  if (input.background !== undefined) put('background', parseBackground(input.background) ?? input.background);
  put('fit', input.fit);
  put('output_format', input.outputFormat);
  const voice = { speed: input.voiceSpeed, pitch: input.voicePitch, volume: input.voiceVolume, locale: input.voiceLocale };
  if (Object.values(voice).some((v) => v !== undefined)) {
    out.voice_settings = { ...(isObject(base.voice_settings) ? base.voice_settings : {}), ...defined(voice) };
  }
  if (input.captions) out.caption = withCaptions(base.caption);
  put('callback_url', input.callbackUrl);
  put('callback_id', input.callbackId);
  return out;
}

/**
 * A body's caption asked for, over what it had (-d): a sidecar SRT always; `burnIn` (--captioned)
 * also asks for the caption style, the only way a burned-in version is rendered (contract §4.2).
 */
export function withCaptions(current: unknown, burnIn = false): CaptionSettings {
  return { ...(isObject(current) ? current : {}), file_format: CAPTION_FILE_FORMAT, ...(burnIn && { style: CAPTION_STYLE }) };
}

/** `data` is the -d JSON body; flags (input) override its fields. */
export function buildCreateBody(input: Partial<VideoInput>, data: Json = {}): CreateVideoBody {
  const merged: Json = { type: 'avatar', ...structuredClone(data), ...bodyFragment(input, data) };
  return orderBody(merged) as unknown as CreateVideoBody;
}

export function orderBody(body: Json): Json {
  const known = BODY_ORDER.filter((k) => k in body).map((k) => [k, body[k]] as const);
  const rest = Object.keys(body)
    .filter((k) => !BODY_ORDER.includes(k))
    .map((k) => [k, body[k]] as const);
  return Object.fromEntries([...known, ...rest]);
}

function defined<T extends Json>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// ---- settings and command lines -------------------------------------------------------------

/** Defaults for a video from .heygenrc, user settings and TWIN_* variables. */
export function inputFromSettings(settings: Pick<ResolvedSettings, 'values'>): Partial<VideoInput> {
  const s = settings.values;
  return defined({
    look: s.look,
    voice: s.voice,
    engine: s.engine,
    resolution: s.resolution,
    aspectRatio: s['aspect-ratio'],
    fit: s.fit,
    outputFormat: s['output-format'],
    expressiveness: s.expressiveness,
    removeBackground: s['remove-background'],
    background: s.background,
    voiceSpeed: s['voice-speed'],
    voicePitch: s['voice-pitch'],
    voiceVolume: s['voice-volume'],
    voiceLocale: s['voice-locale'],
    captions: s.captions,
    callbackUrl: s['callback-url'],
  });
}

/** The `twin video create ...` line that sends the same body, quoted for a POSIX shell. */
export function toCommandLine(input: Partial<VideoInput>, extra: readonly string[] = []): string {
  return toCommandWords(input, extra).join(' ');
}

/** toCommandLine's words, each quoted for a POSIX shell (for wrapCommand). */
export function toCommandWords(input: Partial<VideoInput>, extra: readonly string[] = []): string[] {
  const words = ['video', 'create'];
  for (const key of VIDEO_INPUT_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    const flag = toFlag(key);
    if (value === true) words.push(flag);
    // --no-captions / --no-remove-background keep a `true` from settings out of the body.
    else if (value === false) words.push(`--no-${flag.slice(2)}`);
    // `--voice-pitch=-5`: a value starting with "-" must not look like a flag.
    else if (String(value).startsWith('-')) words.push(`${flag}=${String(value)}`);
    else words.push(flag, String(value));
  }
  // The invocation is shell-ready already (`node '/a path/bin/twin.js'`): not quoted again.
  return [twinInvocation(), ...[...words, ...extra].map(shellQuote)];
}

// ---- settings beneath -d beneath flags -------------------------------------------------------

interface ComposedBody {
  body: CreateVideoBody;
  /** Settings that were left out because the request contradicts them. */
  notes: string[];
}

/**
 * The body `video create` sends: settings fill only what neither -d nor a flag sets (one
 * level deep, so a .heygenrc voice-speed survives a --voice-pitch), then flags override -d.
 */
export function composeCreateBody(input: Partial<VideoInput>, data: Json = {}, defaults: Partial<VideoInput> = {}): ComposedBody {
  const explicit: Json = buildCreateBody(input, data) as unknown as Json;
  const fromSettings = bodyFragment(defaults);
  const body: Json = { ...explicit };
  for (const [key, value] of Object.entries(fromSettings)) {
    const mine = body[key];
    if (mine === undefined) body[key] = value;
    // A background is a union: merging a colour into an image would make a third thing.
    else if (key !== 'background' && isObject(mine) && isObject(value)) body[key] = { ...value, ...mine };
  }
  const notes: string[] = [];
  const engine = isObject(body.engine) ? body.engine.type : DEFAULT_ENGINE;
  // A default that the user's own choices rule out is dropped, not turned into an error.
  if (explicit.expressiveness === undefined && body.expressiveness !== undefined && engine !== 'avatar_iv') {
    delete body.expressiveness;
    notes.push(`Left out the default expressiveness from your settings: it is Avatar IV only and the engine is ${String(engine)}.`);
  }
  if (explicit.background === undefined && body.background !== undefined && body.output_format === 'webm') {
    delete body.background;
    notes.push('Left out the default background from your settings: webm output is transparent.');
  }
  return { body: orderBody(body) as unknown as CreateVideoBody, notes };
}
