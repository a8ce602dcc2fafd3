// What a user can ask of a video, field by field (flags, settings, batch columns and wizard
// answers all become a VideoInput), with the checks each field gets before any body is built.
// request.ts turns a VideoInput into the POST /v3/videos body.
import { isPlainTitle } from '../../shared/plain-text.js';
import type { VideoBackground } from '../../api/video-body.js';
import * as z from '../../shared/zod-mini.js';
import {
  ASPECT_RATIOS,
  ENGINES,
  EXPRESSIVENESS_LEVELS,
  FITS,
  OUTPUT_FORMATS,
  RESOLUTIONS,
  SCRIPT_MAX_CHARS,
  VOICE_PITCH,
  VOICE_SPEED,
  VOICE_VOLUME,
  type AspectRatio,
  type Engine,
  type Expressiveness,
  type Fit,
  type OutputFormat,
  type Resolution,
} from '../../shared/video-facts.js';
import { localPlaceholder, parseMediaSource } from '../media/local-media.js';
import { got, isHttpUrl, oneOf } from './rules.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

/** camelCase mirrors the long flag names (voiceSpeed ↔ --voice-speed). */
export interface VideoInput {
  look: string;
  voice?: string;
  script?: string;
  audioUrl?: string;
  /** A local audio file, an http(s) URL or asset:ID (local files are uploaded first). */
  audio?: string;
  title?: string;
  resolution?: Resolution;
  aspectRatio?: AspectRatio;
  engine?: Engine;
  referenceLook?: string;
  motionPrompt?: string;
  expressiveness?: Expressiveness;
  removeBackground?: boolean;
  /** '#RRGGBB' | https URL | asset:ID | a local image file */
  background?: string;
  fit?: Fit;
  voiceSpeed?: number;
  voicePitch?: number;
  /** 0 (silent) to 1 (full), the API's voice_settings.volume. */
  voiceVolume?: number;
  voiceLocale?: string;
  outputFormat?: OutputFormat;
  captions?: boolean;
  callbackUrl?: string;
  callbackId?: string;
}

/** `what` may be a function: a message naming a twin command is worded when it is shown. */
function text(what: string | (() => string) = 'a value') {
  const say = typeof what === 'function' ? what : () => what;
  return z
    .string({ error: (iss) => (iss.input === undefined ? `needs ${say()}` : `must be text${got(iss.input)}`) })
    .check(z.trim(), z.minLength(1, { error: () => `needs ${say()}; it must not be empty` }));
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
      error: (iss) =>
        iss.input === undefined ? `is required: the look id (see \`${twinInvocation()} looks list\`)` : `must be text${got(iss.input)}`,
    })
    .check(z.trim(), z.minLength(1, { error: () => `must not be empty: the look id (see \`${twinInvocation()} looks list\`)` })),
  voice: z.optional(text(() => `a voice id (see \`${twinInvocation()} voices list\`)`)),
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
  title: z.optional(textWhere('a title', isPlainTitle, 'must be one line of visible text (no line break, tab or escape)')),
  resolution: z.optional(oneOf(RESOLUTIONS)),
  aspectRatio: z.optional(oneOf(ASPECT_RATIOS)),
  engine: z.optional(oneOf(ENGINES)),
  referenceLook: z.optional(text('a look id')),
  motionPrompt: z.optional(text('a prompt')),
  expressiveness: z.optional(oneOf(EXPRESSIVENESS_LEVELS)),
  removeBackground: z.optional(z.boolean()),
  background: z.optional(
    textWhere(
      'a background',
      (v) => parseBackground(v) !== undefined,
      "must be a colour like '#1a2b3c', an image file, an https:// image URL, or asset:ID",
    ),
  ),
  fit: z.optional(oneOf(FITS)),
  voiceSpeed: z.optional(numberIn(VOICE_SPEED.min, VOICE_SPEED.max)),
  voicePitch: z.optional(numberIn(VOICE_PITCH.min, VOICE_PITCH.max, ' semitones')),
  voiceVolume: z.optional(numberIn(VOICE_VOLUME.min, VOICE_VOLUME.max)),
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

/**
 * The inputs a message may name as `field` (shared/flag-names.ts withFlagNames): the video's, the
 * download's (FollowOptions) and the command line's own, each the camelCase of its flag.
 */
export const INPUT_NAMES: ReadonlySet<string> = new Set<string>([
  ...VIDEO_INPUT_KEYS,
  ...['data', 'download', 'force', 'captioned', 'thumbnail', 'output', 'timeout', 'interval', 'scriptFile', 'referenceLook'],
]);

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
