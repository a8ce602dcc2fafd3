// POST /v3/videos validation (contract §4). Checks run in a fixed order so one body always gets the
// same `param`: shape and types first, then the cross-field rules of §4.3.
import { checkDownloadable, invalidParameter } from './errors.js';
import { usableAssetKind } from './assets.js';
import type { CreateRequest } from './records.js';
import type { State } from './state.js';
import { onlyFields } from './strict.js';
import type { Engine, SeedLook } from './data/look-types.js';
import { findLook, isInstantAvatar } from './data/looks.js';
import { findVoice, type SeedVoice } from './data/voices.js';
import {
  ASPECT_RATIOS,
  ENGINES,
  EXPRESSIVENESS_LEVELS,
  FITS,
  OUTPUT_FORMATS,
  RESOLUTIONS,
  SCRIPT_MAX_CHARS,
} from '../shared/video-facts.js';
import { settleClones } from './voices.js';
import { checkBackground, checkCaption, checkVoiceSettings, checkWatermark, Fields, isObject } from './validate-fields.js';

/** Every field of the `avatar` variant of POST /v3/videos (§4.1); anything else is refused. */
const AVATAR_VIDEO_FIELDS = [
  'type',
  'avatar_id',
  'script',
  'voice_id',
  'audio_url',
  'audio_asset_id',
  'title',
  'resolution',
  'aspect_ratio',
  'fit',
  'background',
  'remove_background',
  'output_format',
  'engine',
  'expressiveness',
  'motion_prompt',
  'voice_settings',
  'caption',
  'callback_url',
  'callback_id',
  'watermark',
] as const;
/** `engine` is a union on `type` (§4.2): only avatar_v has an extra field. */
const ENGINE_FIELDS: Record<(typeof ENGINES)[number], readonly string[]> = {
  avatar_v: ['type', 'reference_look_id'],
  avatar_iv: ['type'],
  avatar_iii: ['type'],
};

/** What a body may refer to: the sandbox's looks and uploaded assets (kind of a usable asset, or why not). */
export interface CreateRefs {
  looks: readonly SeedLook[];
  assetKind: (id: string) => string;
  /** The sandbox's voices (seeds and clones); the seeds when absent. */
  voices?: readonly SeedVoice[];
}

export function validateCreate(body: unknown, prefix = '', refs?: CreateRefs): CreateRequest {
  if (!isObject(body)) throw invalidParameter(prefix ? prefix.slice(0, -1) : undefined, 'request body must be a JSON object');
  const f: Fields = new Fields(body, prefix);
  onlyFields(body, AVATAR_VIDEO_FIELDS, prefix);

  const type = f.str('type');
  if (type === null) f.fail('type', 'type is required');
  if (type !== 'avatar') {
    f.fail('type', `type must be avatar (the sandbox emulates avatar videos only; got ${JSON.stringify(type)})`);
  }

  const avatarId = f.str('avatar_id');
  if (avatarId === null || avatarId === '') f.fail('avatar_id', 'avatar_id is required');
  const look = findLook(avatarId, refs?.looks);
  if (!look) f.fail('avatar_id', `avatar_id ${avatarId} does not match any look`);
  if (look.status !== null && look.status !== 'completed') {
    const why =
      look.status === 'failed' ? `failed training: ${look.error?.message ?? 'unknown error'}` : `is ${look.status.replace('_', ' ')}`;
    f.fail('avatar_id', `look ${look.id} is not ready for video (${why})`);
  }

  const script = f.str('script');
  const voiceId = f.str('voice_id');
  const audioUrl = f.str('audio_url');
  const audioAssetId = f.str('audio_asset_id');
  const title = f.str('title');
  const callbackUrl = f.str('callback_url');
  const callbackId = f.str('callback_id');
  const motionPrompt = f.str('motion_prompt');
  const resolution = f.enumOf('resolution', RESOLUTIONS);
  const aspectRatio = f.enumOf('aspect_ratio', ASPECT_RATIOS) ?? '16:9';
  f.enumOf('fit', FITS);
  const outputFormat = f.enumOf('output_format', OUTPUT_FORMATS) ?? 'mp4';
  const expressiveness = f.enumOf('expressiveness', EXPRESSIVENESS_LEVELS);
  const removeBackground = f.bool('remove_background');

  // Audio source (§4.3 rule 1).
  if (script !== null) {
    if (script.trim() === '') f.fail('script', 'script must not be empty');
    if (script.length > SCRIPT_MAX_CHARS) f.fail('script', `script must be at most ${SCRIPT_MAX_CHARS} characters (got ${script.length})`);
    if (audioUrl !== null) f.fail('audio_url', 'script and audio_url are mutually exclusive');
    if (audioAssetId !== null) f.fail('audio_asset_id', 'script and audio_asset_id are mutually exclusive');
  } else {
    if (audioUrl !== null && audioAssetId !== null) f.fail('audio_asset_id', 'audio_url and audio_asset_id are mutually exclusive');
    if (audioUrl === null && audioAssetId === null) f.fail('script', 'one of script, audio_url or audio_asset_id is required');
    f.httpUrl('audio_url', audioUrl);
  }

  // Voice (§4.3 rule 2): only a script needs one; the look's default fills in.
  let voice: SeedVoice | null = null;
  if (voiceId !== null) {
    voice = findVoice(voiceId, refs?.voices) ?? f.fail('voice_id', `voice_id ${voiceId} does not match any voice`);
    if (voice.status !== null && voice.status !== 'complete') f.fail('voice_id', `voice ${voice.id} is still ${voice.status}`);
  } else if (script !== null) {
    if (look.defaultVoiceId === null) {
      f.fail('voice_id', `voice_id is required: look ${look.id} has no default voice`);
    }
    voice = findVoice(look.defaultVoiceId, refs?.voices) ?? null;
  }

  const engine = checkEngine(f, look, refs?.looks);

  // §4.3 rules 3 and 4.
  if (expressiveness !== null && engine !== 'avatar_iv') {
    f.fail('expressiveness', `expressiveness is supported on avatar_iv only, not ${engine}`);
  }
  if (motionPrompt !== null) {
    if (engine === 'avatar_iii') f.fail('motion_prompt', 'motion_prompt is not supported on avatar_iii');
    if (look.avatarType !== 'photo_avatar' && engine !== 'avatar_v') {
      f.fail('motion_prompt', `motion_prompt for a ${look.avatarType} look needs engine avatar_v`);
    }
  }

  // §4.3 rules 5 and 6.
  const bgRaw = f.obj('background');
  if (outputFormat === 'webm' && bgRaw !== null) f.fail('background', 'background is not allowed with output_format webm');
  if (outputFormat === 'webm' && !look.matting)
    f.fail('output_format', `look ${look.id} was not trained with matting, so it cannot render webm`);
  if (removeBackground === true && !look.matting) f.fail('remove_background', `look ${look.id} was not trained with matting`);
  const background = bgRaw === null ? null : checkBackground(f, bgRaw);
  if (refs) checkAssetRefs(f, refs, audioAssetId, bgRaw);

  if (resolution === '4k' && engine === 'avatar_iii' && look.avatarType === 'photo_avatar') {
    f.fail('resolution', '4k is not available for photo avatars on avatar_iii');
  }

  const vs = f.obj('voice_settings');
  if (vs) checkVoiceSettings(f, vs, voice);
  const caption = f.obj('caption');
  const captionStyle = caption ? checkCaption(f, caption) : null;
  const watermark = f.obj('watermark');
  if (watermark) checkWatermark(f, watermark);
  f.httpUrl('callback_url', callbackUrl);

  // Last: HeyGen fetches user-supplied files only once the request is valid (400 download_failed).
  const wmImage = watermark?.['image'] as Record<string, unknown> | undefined;
  const fetched: Array<[string, unknown]> = [
    ['audio_url', audioUrl],
    ['background.url', background?.url],
    ['watermark.image.url', wmImage?.['url']],
  ];
  for (const [name, url] of fetched) if (typeof url === 'string') checkDownloadable(f.param(name), url);

  return {
    look,
    voice,
    script,
    audio: script === null,
    title,
    resolution,
    aspectRatio,
    outputFormat,
    engine,
    captionStyle,
    background,
    callbackUrl,
    callbackId,
  };
}

/** An asset id must name a finished upload of the right kind (the sandbox's choice: 400, not a failed render). */
function checkAssetRefs(f: Fields, refs: CreateRefs, audioAssetId: string | null, background: Record<string, unknown> | null): void {
  const wants: Array<[string, unknown, string]> = [
    ['audio_asset_id', audioAssetId, 'audio'],
    ['background.asset_id', background?.['asset_id'], 'image'],
  ];
  for (const [param, id, kind] of wants) {
    if (typeof id !== 'string') continue;
    const found = refs.assetKind(id);
    if (found === 'missing') f.fail(param, `asset ${id} not found`);
    if (found === 'incomplete') f.fail(param, `asset ${id} is not complete: finish its upload first`);
    if (found !== kind)
      f.fail(param, `asset ${id} is ${found === 'image' || found === 'audio' ? 'an' : 'a'} ${found} file; ${param} needs ${kind}`);
  }
}

function checkEngine(f: Fields, look: SeedLook, looks?: readonly SeedLook[]): Engine {
  const engineObj = f.obj('engine');
  if (engineObj === null) {
    if (!look.engines.includes('avatar_iv')) f.fail('engine.type', `look ${look.id} does not support the default engine avatar_iv`);
    return 'avatar_iv';
  }
  const engine = f.enumOf('type', ENGINES, engineObj, 'engine.type');
  if (engine === null) f.fail('engine.type', 'engine.type is required');
  onlyFields(engineObj, ENGINE_FIELDS[engine], f.param('engine.'));
  if (!look.engines.includes(engine)) {
    f.fail('engine.type', `look ${look.id} does not support ${engine}; supported_api_engines: ${look.engines.join(', ')}`);
  }
  const refId = f.str('reference_look_id', engineObj, 'engine.reference_look_id');
  if (refId !== null && engine === 'avatar_v') {
    const ref = findLook(refId, looks);
    if (!ref) f.fail('engine.reference_look_id', `reference_look_id ${refId} does not match any look`);
    if (ref.groupId !== look.groupId) {
      f.fail('engine.reference_look_id', `reference_look_id ${refId} is not in the same group as ${look.id}`);
    }
    if (!isInstantAvatar(ref)) f.fail('engine.reference_look_id', `reference_look_id ${refId} is not an instant_avatar look`);
  }
  return engine;
}

export function createRefs(state: State): CreateRefs {
  settleClones(state); // a clone whose time has come is `complete` for a render too
  return { looks: state.looks, assetKind: (id) => usableAssetKind(state, id), voices: state.voices };
}
