// Field checks for the translation bodies (contract §10.2, §10.5, §10.6). Strict like the rest of
// the emulator: an unknown field is 400 naming it; a language must be spelled exactly as the
// languages list spells it (the emulator's choice, §10.2: "accepts exact names only").
import { ApiError, checkDownloadable, invalidParameter } from './errors.js';
import { TRANSLATION_LANGUAGES } from './data/languages.js';
import { usableAssetKind } from './assets.js';
import { checkPresigned } from './presign.js';
import type { SourceInput, TranslateRequest } from './records.js';
import type { State } from './state.js';
import { onlyFields } from './strict.js';
import { Fields, isObject } from './validate-fields.js';
import { AUDIO_VIDEO_SECONDS } from './srt.js';

const CREATE_FIELDS = [
  'video',
  'output_languages',
  'mode',
  'translate_audio_only',
  'enable_dynamic_duration',
  'enable_caption',
  'speaker_num',
  'input_language',
  'keep_the_same_format',
  'disable_music_track',
  'enable_speech_enhancement',
  'enable_watermark',
  'start_time',
  'end_time',
  'audio',
  'fps_mode',
  'srt',
  'srt_role',
  'brand_glossary_id',
  'brand_voice_id',
  'stock_voice_config',
  'title',
  'folder_id',
  'callback_url',
  'callback_id',
] as const;

export const PROOFREAD_FIELDS = [
  'video',
  'output_languages',
  'title',
  'mode',
  'srt',
  'speaker_num',
  'keep_the_same_format',
  'enable_video_stretching',
  'disable_music_track',
  'enable_speech_enhancement',
  'folder_id',
  'brand_glossary_id',
] as const;

const BOOLS = [
  'translate_audio_only',
  'enable_dynamic_duration',
  'enable_caption',
  'keep_the_same_format',
  'disable_music_track',
  'enable_speech_enhancement',
  'enable_watermark',
  'enable_video_stretching',
];

/** An AssetInput (url | asset_id) that the service can fetch, else 400 download_failed / invalid_parameter. */
export function checkSource(state: State, value: unknown, param: string, kind: 'video' | 'audio' | 'srt'): SourceInput {
  if (!isObject(value)) throw invalidParameter(param, `${param} must be an object {type: "url", url} or {type: "asset_id", asset_id}`);
  if (value['type'] === 'url') {
    onlyFields(value, ['type', 'url'], `${param}.`);
    const url = value['url'];
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw invalidParameter(`${param}.url`, `${param}.url must be an http(s) URL`);
    checkDownloadable(`${param}.url`, url);
    checkOwnUrl(state, url, `${param}.url`);
    return { type: 'url', url };
  }
  if (value['type'] === 'asset_id') {
    onlyFields(value, ['type', 'asset_id'], `${param}.`);
    const id = value['asset_id'];
    if (typeof id !== 'string' || id === '') throw invalidParameter(`${param}.asset_id`, `${param}.asset_id must be a string`);
    const found = usableAssetKind(state, id);
    if (found === 'missing') throw invalidParameter(`${param}.asset_id`, `asset ${id} not found`);
    if (found === 'incomplete') throw invalidParameter(`${param}.asset_id`, `asset ${id} is not complete: finish its upload first`);
    const wanted = kind === 'srt' ? 'subtitle' : kind;
    if (found !== wanted && !(kind === 'audio' && found === 'video')) {
      throw invalidParameter(`${param}.asset_id`, `asset ${id} is a ${found} file; ${param} needs ${kind}`);
    }
    return { type: 'asset_id', asset_id: id };
  }
  throw invalidParameter(`${param}.type`, `${param}.type must be one of url, asset_id`);
}

/** A link to this sandbox's own file host is really fetched: an expired or unknown one is download_failed. */
function checkOwnUrl(state: State, raw: string, param: string): void {
  const u = new URL(raw);
  if (state.baseUrl === '' || `${u.protocol}//${u.host}` !== state.baseUrl || !u.pathname.startsWith('/download/')) return;
  const check = checkPresigned(state, u.pathname, Object.fromEntries(u.searchParams));
  if (!check.ok) {
    const detail = `the file host answered 403 ${check.code}`;
    throw new ApiError(400, 'download_failed', `Failed to download the file at ${param}: ${detail}.`, param, {}, [
      { code: 'download_failed', message: detail, path: param },
    ]);
  }
}

function checkLanguages(value: unknown, param = 'output_languages'): string[] {
  if (!Array.isArray(value) || value.length < 1 || value.some((v) => typeof v !== 'string')) {
    throw invalidParameter(param, `${param} must be a non-empty array of language names`);
  }
  const known = new Set(TRANSLATION_LANGUAGES.map(([n]) => n));
  const unknown = (value as string[]).find((v) => !known.has(v));
  if (unknown !== undefined) {
    throw invalidParameter(param, `unsupported language ${JSON.stringify(unknown)}; see GET /v3/video-translations/languages`);
  }
  return [...new Set(value as string[])];
}

/** Seconds of source translated: the sandbox's own videos report their duration; other sources 10 s. */
function sourceSeconds(state: State, video: SourceInput): number {
  if (video.type === 'url') {
    const m = /\/download\/([^/]+)\//.exec(new URL(video.url).pathname);
    const own = m ? state.videos.get(m[1] ?? '') : undefined;
    if (own) return own.durationSec;
  }
  return AUDIO_VIDEO_SECONDS;
}

export function validateTranslate(
  state: State,
  body: unknown,
  prefix: string,
  allowed: readonly string[] = CREATE_FIELDS,
): { request: TranslateRequest; languages: string[] } {
  if (!isObject(body)) throw invalidParameter(prefix === '' ? undefined : prefix.slice(0, -1), 'request body must be a JSON object');
  onlyFields(body, allowed, prefix);
  const f = new Fields(body, prefix);
  if (body['video'] === undefined) f.fail('video', 'video is required');
  const video = checkSource(state, body['video'], f.param('video'), 'video');
  const languages = checkLanguages(body['output_languages'], f.param('output_languages'));
  const mode = f.enumOf('mode', ['speed', 'precision'] as const, body, f.param('mode')) ?? 'speed';
  for (const name of BOOLS) if (allowed.includes(name)) f.bool(name);
  f.enumOf('fps_mode', ['vfr', 'cfr', 'passthrough'] as const, body, f.param('fps_mode'));
  f.enumOf('srt_role', ['input', 'output'] as const, body, f.param('srt_role'));
  const speakers = body['speaker_num'];
  if (speakers !== undefined && speakers !== null && (!Number.isInteger(speakers) || (speakers as number) < 1)) {
    f.fail('speaker_num', 'speaker_num must be a positive integer');
  }
  for (const name of ['input_language', 'brand_glossary_id', 'brand_voice_id', 'folder_id', 'callback_id']) f.str(name);
  if (body['audio'] !== undefined && body['audio'] !== null) checkSource(state, body['audio'], f.param('audio'), 'audio');
  if (body['srt'] !== undefined && body['srt'] !== null) checkSource(state, body['srt'], f.param('srt'), 'srt');
  const callbackUrl = f.str('callback_url');
  f.httpUrl(f.param('callback_url'), callbackUrl);
  const full = sourceSeconds(state, video);
  const start = f.num(body, 'start_time', f.param('start_time'), 0, Number.MAX_SAFE_INTEGER, '>= 0') ?? 0;
  const end = f.num(body, 'end_time', f.param('end_time'), 0, Number.MAX_SAFE_INTEGER, '>= 0') ?? full;
  if (end <= start) f.fail('end_time', 'end_time must be after start_time');
  const title = f.str('title');
  return {
    languages,
    request: {
      video,
      mode,
      audioOnly: body['translate_audio_only'] === true,
      caption: body['enable_caption'] === true,
      title,
      callbackUrl,
      callbackId: f.str('callback_id'),
      sourceSec: Math.round((Math.min(end, full) - Math.min(start, full)) * 10) / 10 || full,
    },
  };
}
