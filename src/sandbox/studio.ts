// POST /v3/videos with `type: "studio"` (contract §9): 1–50 whole-frame scenes rendered as one
// video. Only the form every known snapshot accepts (§9.2–§9.3) passes by default; the §9.4 forms
// are refused naming their field unless `studioUnconfirmed` is on; `studioUnavailable` answers
// every studio create as an account without multi-scene videos would (§9.1).
import { checkDownloadable, invalidParameter } from './errors.js';
import { findVoice } from './data/voices.js';
import type { CreateRequest } from './records.js';
import { AUDIO_VIDEO_SECONDS, estimateDuration } from './srt.js';
import type { State } from './state.js';
import { onlyFields } from './strict.js';
import { takeScripted } from './faults.js';
import { SCRIPT_MAX_CHARS } from '../shared/video-facts.js';
import { createRefs, validateCreate, type CreateRefs } from './validate.js';
import { checkCaption, checkVoiceSettings, checkWatermark, Fields, isObject, type Json } from './validate-fields.js';
import type { VideoRecord } from './records.js';

const SCENES_MAX = 50;
const IMAGE_SECONDS_MAX = 300;
/** The sandbox cannot decode a clip, so every `video` scene lasts this long (README). */
const CLIP_SECONDS = 6;

const TOP_FIELDS = ['type', 'scenes', 'aspect_ratio', 'resolution', 'caption', 'title', 'callback_url', 'callback_id', 'watermark'];
const INPUT_FIELDS = [
  'type',
  'avatar_id',
  'script',
  'voice_id',
  'audio_url',
  'audio_asset_id',
  'voice_settings',
  'engine',
  'background',
  'expressiveness',
  'motion_prompt',
];
const AUDIO_FIELDS = ['script', 'voice_id', 'audio_url', 'audio_asset_id', 'voice_settings'];
const ASSET_INPUT_FIELDS = { url: ['type', 'url'], asset_id: ['type', 'asset_id'], base64: ['type', 'media_type', 'data'] } as const;

interface StudioModes {
  unavailable: boolean;
  unconfirmed: boolean;
}

function isStudioBody(body: unknown): boolean {
  return isObject(body) && body['type'] === 'studio';
}

/** A studio body once validated: a CreateRequest whose duration is the sum of its scenes. */
function validateStudio(body: Json, prefix: string, refs: CreateRefs, modes: StudioModes): CreateRequest {
  const f: Fields = new Fields(body, prefix);
  if (modes.unavailable) f.fail('type', 'type must be one of avatar, image, cinematic_avatar (studio is not enabled for this account)');
  onlyFields(body, TOP_FIELDS, prefix);
  const scenes = body['scenes'];
  if (!Array.isArray(scenes)) f.fail('scenes', 'scenes is required: an array of 1 to 50 scenes');
  if (scenes.length < 1 || scenes.length > SCENES_MAX)
    f.fail('scenes', `scenes must hold 1 to ${SCENES_MAX} scenes (got ${scenes.length})`);
  const title = f.str('title');
  const resolution = f.enumOf('resolution', ['4k', '1080p', '720p'] as const);
  // §9.2: what `auto` means across several sources is unconfirmed; the sandbox renders it as 16:9.
  const aspect = f.enumOf('aspect_ratio', ['16:9', '9:16', '4:5', '5:4', '1:1', 'auto'] as const) ?? '16:9';
  const callbackUrl = f.str('callback_url');
  const callbackId = f.str('callback_id');
  f.httpUrl('callback_url', callbackUrl);
  const caption = f.obj('caption');
  const captionStyle = caption ? checkCaption(f, caption) : null;
  const watermark = f.obj('watermark');
  if (watermark) checkWatermark(f, watermark);

  let seconds = 0;
  const words: string[] = [];
  let firstLook: CreateRequest['look'] | null = null;
  scenes.forEach((scene: unknown, i: number) => {
    const at = `${prefix}scenes[${i}].`;
    if (!isObject(scene)) throw invalidParameter(`${prefix}scenes[${i}]`, `scenes[${i}] must be an object`);
    const s: Fields = new Fields(scene, at);
    const kind = s.enumOf('type', ['avatar_video', 'image', 'video'] as const);
    if (kind === null) s.fail('type', `scenes[${i}].type is required (avatar_video, image or video)`);
    const played =
      kind === 'avatar_video'
        ? talkingScene(s, scene, refs, modes)
        : kind === 'image'
          ? imageScene(s, scene, refs)
          : clipScene(s, scene, refs, modes);
    seconds += played.seconds;
    if (played.script) words.push(played.script);
    firstLook ??= played.look ?? null;
  });
  return {
    look: firstLook,
    voice: null,
    script: words.length > 0 ? words.join('\n') : null,
    audio: words.length === 0,
    title,
    resolution,
    aspectRatio: aspect === 'auto' ? '16:9' : aspect,
    outputFormat: 'mp4',
    engine: 'avatar_iv',
    captionStyle,
    background: null,
    callbackUrl,
    callbackId,
    studio: { scenes: scenes.length, durationSec: Math.round(seconds * 10) / 10 },
  };
}

interface Played {
  seconds: number;
  script: string | null;
  look?: CreateRequest['look'];
}

function talkingScene(s: Fields, scene: Json, refs: CreateRefs, modes: StudioModes): Played {
  onlyFields(scene, ['type', 'input'], s.prefix);
  const input = s.obj('input');
  if (input === null) s.fail('input', 'input is required');
  const inputType = s.str('type', input, 'input.type');
  if (inputType !== 'avatar') {
    // §9.4: `image` (7699a8e only) and `animated_image` (resync branches only) are unconfirmed.
    if (modes.unconfirmed && (inputType === 'image' || inputType === 'animated_image')) return unconfirmedInput(s, input);
    s.fail('input.type', `input.type must be avatar (got ${JSON.stringify(inputType)})`);
  }
  onlyFields(input, INPUT_FIELDS, s.param('input.'));
  const bg = s.obj('background', input, 'input.background');
  if (bg !== null) {
    // §9.3: colour only, and the key is `color`, not `value` as in §4.2.
    if (s.enumOf('type', ['color'] as const, bg, 'input.background.type') === null) {
      s.fail('input.background.type', 'input.background.type is required (color)');
    }
    onlyFields(bg, ['type', 'color'], s.param('input.background.'));
    const color = s.str('color', bg, 'input.background.color');
    if (color === null || !/^#[0-9a-fA-F]{6}$/.test(color)) s.fail('input.background.color', 'input.background.color must be like #1a2b3c');
  }
  const { background: _bg, ...avatar } = input;
  const request = validateCreate(avatar, s.param('input.'), refs);
  return { seconds: estimateDuration(request.script), script: request.script, look: request.look };
}

function unconfirmedInput(s: Fields, input: Json): Played {
  const script = s.str('script', input, 'input.script');
  return { seconds: estimateDuration(script), script };
}

function imageScene(s: Fields, scene: Json, refs: CreateRefs): Played {
  onlyFields(scene, ['type', 'source', 'duration', ...AUDIO_FIELDS], s.prefix);
  checkSource(s, refs, 'image');
  const duration = scene['duration'];
  const narration = narrate(s, refs, true);
  if (duration !== undefined && duration !== null) {
    if (narration !== undefined) s.fail('duration', 'duration is for a silent image; a narrated image takes its length from the audio');
    if (typeof duration !== 'number' || !Number.isFinite(duration) || duration <= 0 || duration > IMAGE_SECONDS_MAX) {
      s.fail('duration', `duration must be a number of seconds above 0 and at most ${IMAGE_SECONDS_MAX}`);
    }
    return { seconds: duration, script: null };
  }
  if (narration === undefined) s.fail('duration', 'an image scene needs duration (silent) or one audio source (narrated)');
  return narration;
}

function clipScene(s: Fields, scene: Json, refs: CreateRefs, modes: StudioModes): Played {
  // §9.4: a voiceover on a clip appears only on the resync branches.
  onlyFields(scene, ['type', 'source', 'playback', ...(modes.unconfirmed ? AUDIO_FIELDS : [])], s.prefix);
  checkSource(s, refs, 'video');
  const playback = s.obj('playback');
  if (playback !== null) {
    onlyFields(playback, ['volume', 'mute'], s.param('playback.'));
    s.num(playback, 'volume', 'playback.volume', 0, 1, 'between 0 and 1');
    const mute = playback['mute'];
    if (mute !== undefined && mute !== null && typeof mute !== 'boolean') s.fail('playback.mute', 'playback.mute must be a boolean');
  }
  return narrate(s, refs, false) ?? { seconds: CLIP_SECONDS, script: null };
}

/** One audio source (script + voice_id | audio_url | audio_asset_id), or undefined when none. */
function narrate(s: Fields, refs: CreateRefs, voiceRequired: boolean): Played | undefined {
  const script = s.str('script');
  const voiceId = s.str('voice_id');
  const audioUrl = s.str('audio_url');
  const audioAssetId = s.str('audio_asset_id');
  const sources = [script, audioUrl, audioAssetId].filter((v) => v !== null).length;
  if (sources > 1)
    s.fail(audioUrl !== null && script !== null ? 'audio_url' : 'audio_asset_id', 'give exactly one of script, audio_url, audio_asset_id');
  const vs = s.obj('voice_settings');
  if (sources === 0) {
    if (voiceId !== null) s.fail('voice_id', 'voice_id goes with script');
    if (vs !== null) s.fail('voice_settings', 'voice_settings goes with an audio source');
    return undefined;
  }
  const voice = voiceId === null ? null : (findVoice(voiceId) ?? s.fail('voice_id', `voice_id ${voiceId} does not match any voice`));
  if (script !== null) {
    if (script.trim() === '') s.fail('script', 'script must not be empty');
    if (script.length > SCRIPT_MAX_CHARS) s.fail('script', `script must be at most ${SCRIPT_MAX_CHARS} characters (got ${script.length})`);
    if (voiceRequired && voiceId === null) s.fail('voice_id', 'voice_id is required with script (there is no look to take a voice from)');
  }
  if (vs !== null) checkVoiceSettings(s, vs, voice);
  if (audioUrl !== null) {
    s.httpUrl('audio_url', audioUrl);
    checkDownloadable(s.param('audio_url'), audioUrl);
  }
  if (audioAssetId !== null) checkAsset(s, refs, 'audio_asset_id', audioAssetId, 'audio');
  return { seconds: script === null ? AUDIO_VIDEO_SECONDS : estimateDuration(script), script };
}

/** `source` is an AssetInput (§2.5) holding the scene's kind of media. */
function checkSource(s: Fields, refs: CreateRefs, kind: 'image' | 'video'): void {
  const source = s.obj('source');
  if (source === null) s.fail('source', 'source is required');
  const type = s.enumOf('type', ['url', 'asset_id', 'base64'] as const, source, 'source.type');
  if (type === null) s.fail('source.type', 'source.type is required (url, asset_id or base64)');
  onlyFields(source, ASSET_INPUT_FIELDS[type], s.param('source.'));
  const field = type === 'base64' ? 'data' : type;
  const value = s.str(field, source, `source.${field}`);
  if (value === null || value === '') s.fail(`source.${field}`, `source.${field} is required`);
  if (type === 'url') {
    s.httpUrl('source.url', value);
    checkDownloadable(s.param('source.url'), value);
  } else if (type === 'asset_id') {
    checkAsset(s, refs, 'source.asset_id', value, kind);
  } else {
    const mediaType = s.str('media_type', source, 'source.media_type');
    if (mediaType === null || !mediaType.startsWith(`${kind}/`)) s.fail('source.media_type', `source.media_type must be a ${kind}/… type`);
  }
}

function checkAsset(s: Fields, refs: CreateRefs, param: string, id: string, kind: string): void {
  const found = refs.assetKind(id);
  if (found === 'missing') s.fail(param, `asset ${id} not found`);
  if (found === 'incomplete') s.fail(param, `asset ${id} is not complete: finish its upload first`);
  if (found !== kind) s.fail(param, `asset ${id} is a ${found} file; this scene needs ${kind}`);
}

/** The `fail-scene` fault: one scene fails to render, and with it the whole video (all-or-nothing, §9.2). */
export function applySceneFault(state: State, video: VideoRecord): void {
  const scenes = video.request.studio?.scenes;
  if (scenes === undefined) return;
  const fault = takeScripted(state, 'fail-scene');
  if (!fault) return;
  const n = Math.min(Math.max(1, fault.scene ?? scenes), scenes);
  video.failure = {
    code: fault.failureCode ?? 'render_failed',
    message: `Scene ${n} of ${scenes} failed to render, so the whole video failed (injected fault).`,
  };
}

function studioModes(state: State): StudioModes {
  return { unavailable: state.options.studioUnavailable === true, unconfirmed: state.options.studioUnconfirmed === true };
}

/** A POST /v3/videos body or batch item: the avatar form, or the studio form (§9). */
export function validateVideoBody(state: State, body: unknown, prefix = ''): CreateRequest {
  const refs = createRefs(state);
  return isStudioBody(body) ? validateStudio(body as Json, prefix, refs, studioModes(state)) : validateCreate(body, prefix, refs);
}
