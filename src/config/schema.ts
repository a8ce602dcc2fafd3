// The one settings schema shared by .heygenrc, user settings (`twin config`) and TWIN_*
// environment variables. Keys are the long flag names, so `--aspect-ratio` and
// "aspect-ratio" are the same thing wherever a user meets them.
import { z } from 'zod';

export const ENGINES = ['avatar_iv', 'avatar_v'] as const;
export const RESOLUTIONS = ['4k', '1080p', '720p'] as const;
export const ASPECT_RATIOS = ['auto', '16:9', '9:16', '4:5', '5:4', '1:1'] as const;
export const FITS = ['contain', 'cover'] as const;
export const OUTPUT_FORMATS = ['mp4', 'webm'] as const;
export const EXPRESSIVENESS = ['high', 'medium', 'low'] as const;

export const settingsSchema = z
  .object({
    look: z.string().min(1).describe('Default Digital Twin look id (avatar_id)'),
    voice: z.string().min(1).describe('Default voice id'),
    engine: z.enum(ENGINES).describe('Rendering engine'),
    resolution: z.enum(RESOLUTIONS).describe('Output resolution'),
    'aspect-ratio': z.enum(ASPECT_RATIOS).describe('Output aspect ratio'),
    fit: z.enum(FITS).describe('How the avatar fits the canvas'),
    'output-format': z.enum(OUTPUT_FORMATS).describe('mp4, or webm for an alpha channel'),
    expressiveness: z.enum(EXPRESSIVENESS).describe('Avatar IV only'),
    'remove-background': z.boolean().describe('Remove the avatar background (needs matting)'),
    background: z.string().min(1).describe("'#RRGGBB', an https image URL, or asset:ID"),
    'voice-speed': z.number().min(0.5).max(1.5).describe('0.5 to 1.5'),
    'voice-pitch': z.number().min(-50).max(50).describe('-50 to 50 semitones'),
    'voice-locale': z.string().min(2).describe('Accent hint such as en-US'),
    captions: z.boolean().describe('Also save captions (.srt) beside the video'),
    'callback-url': z.string().url().describe('Webhook URL called when a render ends'),
    'output-dir': z.string().min(1).describe('Folder for downloaded videos'),
    timeout: z.string().regex(/^\d+(ms|s|m|h)?$/).describe('How long to wait for a render, e.g. 30m'),
    interval: z.string().regex(/^\d+(ms|s|m|h)?$/).describe('First poll interval, e.g. 2s'),
    concurrency: z.number().int().min(1).max(100).describe('Renders in flight for batch runs'),
  })
  .partial()
  .strict();

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;
export const SETTING_KEYS = Object.keys(settingsSchema.shape) as SettingKey[];

/** Keys that would leak a secret if committed; refused wherever they appear in files. */
export const SECRET_KEYS = ['api-key', 'apiKey', 'api_key', 'key', 'x-api-key', 'HEYGEN_API_KEY', 'token'];
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
  const type = settingsSchema.shape[key].unwrap();
  const value = text.trim();
  if (type instanceof z.ZodBoolean) {
    if (TRUE.includes(value.toLowerCase())) return true;
    if (FALSE.includes(value.toLowerCase())) return false;
    return text;
  }
  if (type instanceof z.ZodNumber) return value !== '' && Number.isFinite(Number(value)) ? Number(value) : text;
  return value;
}
