// The one settings schema shared by .heygenrc, user settings (`twin config`) and TWIN_*
// environment variables. Keys are the long flag names, so `--aspect-ratio` and
// "aspect-ratio" are the same thing wherever a user meets them.
// zod/mini (../zod-mini.ts): the settings are checked on every command that reads .heygenrc.
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod-mini.js';
import { readDuration } from '../shared/duration.js';
import {
  ASPECT_RATIOS,
  ENGINES,
  EXPRESSIVENESS_LEVELS,
  FITS,
  OUTPUT_FORMATS,
  RESOLUTIONS,
  VOICE_PITCH,
  VOICE_SPEED,
  VOICE_VOLUME,
} from '../shared/video-facts.js';

// Messages say what is allowed, since they reach people as "Invalid value for engine: ...".
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });
const between = (min: number, max: number, unit = '') => {
  const message = `must be a number from ${min} to ${max}${unit}`;
  return z.number({ error: message }).check(z.gte(min, message), z.lte(max, message));
};
const yesNo = () => z.boolean({ error: 'must be true or false' });
const text = (what: string) => z.string({ error: `must be ${what}` }).check(z.minLength(1, `must be ${what}`));
const durationMessage = 'must be a duration such as 90s, 30m or 1h';
// The flags' rule (shared/duration.ts): a setting is refused wherever the flag would be.
const duration = () =>
  z.string({ error: durationMessage }).check(
    z.refine((text: string) => 'ms' in readDuration(text), {
      error: (iss) => {
        const reading = readDuration(String(iss.input));
        return 'kind' in reading && reading.kind === 'range' ? reading.problem : durationMessage;
      },
    }),
  );
const whole = (min: number, max: number | undefined, message: string) =>
  z.number({ error: message }).check(z.int(message), z.gte(min, message), ...(max === undefined ? [] : [z.lte(max, message)]));

// Each key with what it holds (the comments are its documentation). Built the first time
// settings are checked: most runs have no .heygenrc and no TWIN_* variable to check.
export const settingsSchema = lazy(() =>
  z.partial(
    z.strictObject({
      look: text('a look id'), // default Digital Twin look id (avatar_id), e.g. lk_123
      voice: text('a voice id'), // default voice id, e.g. v_456
      engine: oneOf(ENGINES),
      resolution: oneOf(RESOLUTIONS),
      'aspect-ratio': oneOf(ASPECT_RATIOS),
      fit: oneOf(FITS),
      'output-format': oneOf(OUTPUT_FORMATS), // mp4, or webm for an alpha channel
      expressiveness: oneOf(EXPRESSIVENESS_LEVELS), // Avatar IV only
      'remove-background': yesNo(), // true to remove the avatar background (needs matting)
      background: text('a colour or image'), // '#RRGGBB', an https image URL, or asset:ID
      'voice-speed': between(VOICE_SPEED.min, VOICE_SPEED.max),
      'voice-pitch': between(VOICE_PITCH.min, VOICE_PITCH.max, ' semitones'),
      'voice-volume': between(VOICE_VOLUME.min, VOICE_VOLUME.max), // 0 (silent) to 1 (full)
      'voice-locale': z.string({ error: 'must be a locale such as en-US' }).check(z.minLength(2, 'must be a locale such as en-US')), // an accent hint
      captions: yesNo(), // true to also save captions (.srt) beside the video
      'callback-url': z.url({ error: 'must be a URL such as https://example.com/hook' }), // the webhook URL called when a render ends
      'output-dir': text('a folder'), // the folder for downloaded videos
      timeout: duration(), // how long to wait for a render, e.g. 30m
      interval: duration(), // the first poll interval, e.g. 2s
      concurrency: whole(1, 100, 'must be a whole number from 1 to 100'), // renders in flight for batch runs
      'max-renders': whole(0, undefined, 'must be a whole number, 0 or more'), // batch runs refuse to start more renders than this (exit 2)
    }),
  ),
);

/** A value that works, for "for example: twin config set KEY VALUE" after a refused one. */
export const SETTING_EXAMPLES: Record<SettingKey, string> = {
  look: 'lk_123',
  voice: 'v_456',
  engine: 'avatar_v',
  resolution: '1080p',
  'aspect-ratio': '9:16',
  fit: 'cover',
  'output-format': 'mp4',
  expressiveness: 'medium',
  'remove-background': 'true',
  background: "'#1a2b3c'",
  'voice-speed': '1.1',
  'voice-pitch': '-5',
  'voice-volume': '0.8',
  'voice-locale': 'en-US',
  captions: 'true',
  'callback-url': 'https://example.com/heygen-hook',
  'output-dir': 'videos',
  timeout: '45m',
  interval: '5s',
  concurrency: '5',
  'max-renders': '50',
};

export type Settings = z.output<ReturnType<typeof settingsSchema>>;
export type SettingKey = keyof Settings;
/** Every key, in the schema's order (SETTING_EXAMPLES lists them all, in that order; a test holds them equal). */
export const SETTING_KEYS = Object.keys(SETTING_EXAMPLES) as SettingKey[];

/** Keys that would leak a secret if committed; refused wherever they appear in files. */
const SECRET_KEYS = ['api-key', 'apiKey', 'api_key', 'key', 'x-api-key', 'HEYGEN_API_KEY', 'token'];
const SECRET_NAMES = new Set(SECRET_KEYS.map(normalizeKeyName));

/** Matches API_KEY, Api-Key, heygenApiKey, "token"...: spelling must not let a key slip into a file. */
export function isSecretKey(name: string): boolean {
  return SECRET_NAMES.has(normalizeKeyName(name)) || /api.?key|secret|token/i.test(name);
}

function normalizeKeyName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function isSettingKey(name: string): name is SettingKey {
  return (SETTING_KEYS as string[]).includes(name);
}

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];

/**
 * Text from a command line or an environment variable → the type the schema expects.
 * Anything that does not read as the right type is passed on unchanged, so the schema's
 * error (not a silent `false` or `NaN`) is what the user sees.
 */
export function coerceSetting(key: SettingKey, text: string): unknown {
  const type = settingTypeOf(key);
  const value = text.trim();
  if (type === 'boolean') {
    if (TRUE.includes(value.toLowerCase())) return true;
    if (FALSE.includes(value.toLowerCase())) return false;
    return text;
  }
  if (type === 'number') return value !== '' && Number.isFinite(Number(value)) ? Number(value) : text;
  return value;
}

/** 'boolean', 'number', 'string', 'enum'...: what a setting holds (under the optional of `partial`). */
export function settingTypeOf(key: SettingKey): string {
  return settingsSchema().shape[key]._zod.def.innerType._zod.def.type;
}
