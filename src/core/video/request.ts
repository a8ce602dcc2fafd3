// From what the user typed (flags, -d JSON, settings, wizard answers) to the exact
// POST /v3/videos body. One place knows how a flag maps to a body field, so `video create`,
// the wizard, batch rows and the printed "equivalent command line" can never disagree.
import type { CreateVideoBody, VideoBackground } from '../../api/video-body.js';
import type { ResolvedSettings } from '../../config/load.js';
import { ASPECT_RATIOS, ENGINES, EXPRESSIVENESS, FITS, OUTPUT_FORMATS, RESOLUTIONS } from '../../config/schema.js';
import { toFlag } from '../../commands/options.js';
import { shellQuote } from '../../shared/shell-quote.js';

export type { CreateVideoBody } from '../../api/video-body.js';
import { got, isHttpUrl, oneOf, SCRIPT_MAX_CHARS } from './rules.js';
import { localPlaceholder, parseMediaSource } from '../media/local-media.js';
import * as z from '../../shared/zod-mini.js';

export { checkLocalRules, isHttpUrl, SCRIPT_MAX_CHARS, type Problem } from './rules.js';

/** camelCase mirrors the long flag names (voiceSpeed ↔ --voice-speed). */
export interface VideoInput {
  look: string;
  voice?: string;
  script?: string;
  audioUrl?: string;
  /** A local audio file, an http(s) URL or asset:ID (local files are uploaded first). */
  audio?: string;
  title?: string;
  resolution?: '4k' | '1080p' | '720p';
  aspectRatio?: 'auto' | '16:9' | '9:16' | '4:5' | '5:4' | '1:1';
  engine?: 'avatar_iv' | 'avatar_v' | 'avatar_iii';
  referenceLook?: string;
  motionPrompt?: string;
  expressiveness?: 'high' | 'medium' | 'low';
  removeBackground?: boolean;
  /** '#RRGGBB' | https URL | asset:ID | a local image file */
  background?: string;
  fit?: 'contain' | 'cover';
  voiceSpeed?: number;
  voicePitch?: number;
  /** 0 (silent) to 1 (full), the API's voice_settings.volume. */
  voiceVolume?: number;
  voiceLocale?: string;
  outputFormat?: 'mp4' | 'webm';
  captions?: boolean;
  callbackUrl?: string;
  callbackId?: string;
}

// ---- field-level validation ---------------------------------------------------------------

function text(what = 'a value') {
  return z
    .string({ error: (iss) => (iss.input === undefined ? `needs ${what}` : `must be text${got(iss.input)}`) })
    .check(z.trim(), z.minLength(1, `needs ${what}; it must not be empty`));
}

/** `text(what)` that must also pass `test`, else `message` (with what was given). */
function textWhere(what: string, test: (v: string) => boolean, message: string) {
  return text(what).check(z.refine(test, { error: (iss) => `${message}${got(iss.input)}` }));
}

/** Commander hands over strings; the wizard and -d hand over numbers. */
function numberIn(min: number, max: number, unit = '') {
  const range = `a number from ${min} to ${max}${unit}`;
  return z.pipe(
    // Only a string that is a number becomes one, so the message can quote what was typed.
    z.transform((v: unknown) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v)),
    z.number({ error: (iss) => `must be ${range}${got(iss.input)}` }).check(
      z.refine((n: number) => n >= min && n <= max, {
        error: (iss) => `must be ${range}${got(iss.input)}`,
      }),
    ),
  );
}

const httpUrl = textWhere('a URL', (v) => isHttpUrl(v), 'must be an http(s) URL');

const videoInputShape = {
  look: z
    .string({
      error: (iss) => (iss.input === undefined ? 'is required: the look id (see `twin looks list`)' : `must be text${got(iss.input)}`),
    })
    .check(z.trim(), z.minLength(1, 'must not be empty: the look id (see `twin looks list`)')),
  voice: z.optional(text('a voice id (see `twin voices list`)')),
  script: z.optional(
    z.string({ error: (iss) => `must be text${got(iss.input)}` }).check(
      z.refine((s: string) => s.trim() !== '', 'must not be empty'),
      z.refine((s: string) => s.length <= SCRIPT_MAX_CHARS, {
        error: (iss) => `is ${(iss.input as string).length} characters; the limit is ${SCRIPT_MAX_CHARS}`,
      }),
    ),
  ),
  audioUrl: z.optional(httpUrl),
  audio: z.optional(
    textWhere(
      'an audio file, URL or asset:ID',
      (v) => parseMediaSource(v) !== undefined,
      'must be an audio file, an http(s) URL, or asset:ID',
    ),
  ),
  title: z.optional(text('a title')),
  resolution: z.optional(oneOf(RESOLUTIONS)),
  aspectRatio: z.optional(oneOf(ASPECT_RATIOS)),
  engine: z.optional(oneOf(ENGINES)),
  referenceLook: z.optional(text('a look id')),
  motionPrompt: z.optional(text('a prompt')),
  expressiveness: z.optional(oneOf(EXPRESSIVENESS)),
  removeBackground: z.optional(z.boolean()),
  background: z.optional(
    textWhere(
      'a background',
      (v) => parseBackground(v) !== undefined,
      "must be a colour like '#1a2b3c', an image file, an https:// image URL, or asset:ID",
    ),
  ),
  fit: z.optional(oneOf(FITS)),
  voiceSpeed: z.optional(numberIn(0.5, 1.5)),
  voicePitch: z.optional(numberIn(-50, 50, ' semitones')),
  voiceVolume: z.optional(numberIn(0, 1)),
  voiceLocale: z.optional(textWhere('a locale', (v) => /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v), 'must be a locale such as en-US')),
  outputFormat: z.optional(oneOf(OUTPUT_FORMATS)),
  captions: z.optional(z.boolean()),
  callbackUrl: z.optional(httpUrl),
  callbackId: z.optional(text('an id')),
};

/** Every field of a video request, validated one by one; messages name the accepted values. */
export const videoInputSchema = z.strictObject(videoInputShape) as unknown as z.ZodMiniType<VideoInput>;
/** The same with every field optional (flags before settings, -d and the wizard fill gaps). */
export const partialVideoInputSchema = z.partial(z.strictObject(videoInputShape)) as unknown as z.ZodMiniType<Partial<VideoInput>>;

/** Input fields in the order they are printed (command lines) and documented. */
export const VIDEO_INPUT_KEYS = Object.keys(videoInputShape) as Array<keyof VideoInput>;

// ---- building the body --------------------------------------------------------------------

/** '#RRGGBB' → colour, https URL → image, asset:ID → uploaded image, a path → a local image to upload. */
export function parseBackground(value: string): VideoBackground | undefined {
  const v = value.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(v)) return { type: 'color', value: v };
  if (v.startsWith('#')) return undefined; // a colour with a typo, not a file name
  const source = parseMediaSource(v, true);
  if (!source) return undefined;
  if (source.kind === 'url') return { type: 'image', url: source.url };
  return { type: 'image', asset_id: source.kind === 'asset' ? source.id : localPlaceholder(source.path) };
}

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
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The body fields the given input sets (nothing else), ready to merge over -d data. */
export function bodyFragment(input: Partial<VideoInput>, base: Json = {}): Json {
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
  if (input.captions) out.caption = { ...(isObject(base.caption) ? base.caption : {}), file_format: 'srt' };
  put('callback_url', input.callbackUrl);
  put('callback_id', input.callbackId);
  return out;
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
  const words = ['twin', 'video', 'create'];
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
  return [...words, ...extra].map(shellQuote);
}

// ---- settings beneath -d beneath flags -------------------------------------------------------

export interface ComposedBody {
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
  const engine = isObject(body.engine) ? body.engine.type : 'avatar_iv';
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
