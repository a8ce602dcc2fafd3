// The checks of a POST /v3/videos body that need no network (contract §4.1–4.3): field
// types and ranges, then the cross-field rules. Every problem names the flag a user would
// change; fields that only -d can set are named as `--data` plus their JSON path.
import { z } from 'zod';
import {
  ASPECT_RATIOS,
  ELEVENLABS_MODELS,
  ENGINE_TYPES,
  EXPRESSIVENESS_LEVELS,
  FISH_MODELS,
  FITS,
  OUTPUT_FORMATS,
  RESOLUTIONS,
  WATERMARK_POSITIONS,
  type CreateVideoBody,
} from '../api/video-body.js';

export interface Problem {
  /** The flag as the user types it, e.g. '--expressiveness' (or '--data' for -d-only fields). */
  flag: string;
  message: string;
}

export const SCRIPT_MAX_CHARS = 5000;

const FLAG_FOR_FIELD: Record<string, string> = {
  avatar_id: '--look',
  voice_id: '--voice',
  script: '--script',
  audio_url: '--audio-url',
  audio_asset_id: '--audio',
  title: '--title',
  resolution: '--resolution',
  aspect_ratio: '--aspect-ratio',
  fit: '--fit',
  background: '--background',
  remove_background: '--remove-background',
  output_format: '--output-format',
  engine: '--engine',
  'engine.type': '--engine',
  'engine.reference_look_id': '--reference-look',
  expressiveness: '--expressiveness',
  motion_prompt: '--motion-prompt',
  'voice_settings.speed': '--voice-speed',
  'voice_settings.pitch': '--voice-pitch',
  'voice_settings.volume': '--voice-volume',
  'voice_settings.locale': '--voice-locale',
  caption: '--captions',
  callback_url: '--callback-url',
  callback_id: '--callback-id',
};

/** " (got "8k")": messages quote what was given. */
export const got = (input: unknown) => (input === undefined ? '' : ` (got ${JSON.stringify(input)})`);
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (iss) => `must be one of ${values.join(', ')}${got(iss.input)}` });
const str = (what = 'text') => z.string({ error: (iss) => `must be ${what}${got(iss.input)}` });
const nonEmpty = (what = 'text') => str(what).refine((s) => s.trim() !== '', 'must not be empty');
const num = (min: number, max: number) =>
  z.number({ error: (iss) => `must be a number from ${min} to ${max}${got(iss.input)}` }).refine((n) => n >= min && n <= max, {
    error: (iss) => `must be a number from ${min} to ${max}${got(iss.input)}`,
  });
const bool = z.boolean({ error: (iss) => `must be true or false${got(iss.input)}` });
const url = str('an http(s) URL').refine((v) => isHttpUrl(v), { error: (iss) => `must be an http(s) URL${got(iss.input)}` });

export function isHttpUrl(value: string, httpsOnly = false): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || (!httpsOnly && protocol === 'http:');
  } catch {
    return false;
  }
}

const background = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('color'), value: str().regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #1a2b3c') }).strict(),
    z
      .object({ type: z.literal('image'), url: url.optional(), asset_id: nonEmpty().optional() })
      .strict()
      .refine((b) => (b.url === undefined) !== (b.asset_id === undefined), 'an image background needs exactly one of url or asset_id'),
  ],
  { error: 'must be {"type":"color","value":"#RRGGBB"} or {"type":"image","url"|"asset_id":...}' },
);

const engineSettings = z.discriminatedUnion(
  'engine_type',
  [
    z.object({
      engine_type: z.literal('elevenlabs'),
      model: oneOf(ELEVENLABS_MODELS).optional(),
      stability: num(0, 1).optional(),
      similarity_boost: num(0, 1).optional(),
      style: num(0, 1).optional(),
      use_speaker_boost: bool.optional(),
    }).strict(),
    z.object({ engine_type: z.literal('fish'), model: oneOf(FISH_MODELS).optional(), stability: num(0, 1).optional(), similarity: num(0, 1).optional() }).strict(),
    z.object({ engine_type: z.literal('starfish') }).strict(),
  ],
  { error: 'engine_type must be one of elevenlabs, fish, starfish' },
);

const assetInput = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('url'), url }).strict(),
    z.object({ type: z.literal('asset_id'), asset_id: nonEmpty() }).strict(),
    z.object({ type: z.literal('base64'), media_type: nonEmpty(), data: nonEmpty() }).strict(),
  ],
  { error: 'must be {"type":"url"|"asset_id"|"base64", ...}' },
);

const bodySchema = z
  .object({
    type: z.literal('avatar', { error: (iss) => `must be "avatar", the only video type twin creates${got(iss.input)}` }),
    avatar_id: z
      .string({ error: (iss) => (iss.input === undefined ? 'is required: the look id (see `twin looks list`)' : `must be text${got(iss.input)}`) })
      .refine((s) => s.trim() !== '', 'must not be empty'),
    script: str().nullish(),
    voice_id: nonEmpty().nullish(),
    audio_url: url.nullish(),
    audio_asset_id: nonEmpty().nullish(),
    title: str().nullish(),
    resolution: oneOf(RESOLUTIONS).nullish(),
    aspect_ratio: oneOf(ASPECT_RATIOS).nullish(),
    fit: oneOf(FITS).nullish(),
    background: background.nullish(),
    remove_background: bool.nullish(),
    output_format: oneOf(OUTPUT_FORMATS).nullish(),
    engine: z.object({ type: oneOf(ENGINE_TYPES), reference_look_id: nonEmpty().nullish() }).strict().nullish(),
    expressiveness: oneOf(EXPRESSIVENESS_LEVELS).nullish(),
    motion_prompt: nonEmpty().nullish(),
    voice_settings: z
      .object({
        speed: num(0.5, 1.5).optional(),
        pitch: num(-50, 50).optional(),
        volume: num(0, 1).optional(),
        locale: nonEmpty().nullish(),
        engine_settings: engineSettings.nullish(),
      })
      .strict()
      .nullish(),
    caption: z.object({ file_format: z.literal('srt').optional(), style: z.literal('default').nullish() }).strict().nullish(),
    callback_url: url.nullish(),
    callback_id: str().nullish(),
    watermark: z
      .object({
        image: assetInput,
        opacity: num(0, 1).optional(),
        scale: z.number().positive().optional(),
        placement: z
          .object({ position: oneOf(WATERMARK_POSITIONS).optional(), offset_x: num(-1, 1).optional(), offset_y: num(-1, 1).optional() })
          .strict()
          .nullish(),
      })
      .strict()
      .nullish(),
  })
  .strict();

/** Field problems first, then the cross-field rules of contract §4.3. */
export function checkLocalRules(body: CreateVideoBody): Problem[] {
  const parsed = bodySchema.safeParse(body);
  const problems = parsed.success ? [] : parsed.error.issues.flatMap(problemFromIssue);
  return dedupe([...problems, ...crossFieldProblems(body as unknown as Record<string, unknown>)]);
}

function problemFromIssue(issue: z.core.$ZodIssue): Problem[] {
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? ` in "${issue.path.join('.')}"` : '';
    const known = knownKeys(issue.path);
    return issue.keys.map((key) => ({
      flag: FLAG_FOR_FIELD[[...issue.path, key].join('.')] ?? '--data',
      message: `unknown field "${key}"${where}; ${spellingHint(key, known)}`,
    }));
  }
  const path = issue.path.join('.');
  const flag = FLAG_FOR_FIELD[path] ?? FLAG_FOR_FIELD[String(issue.path[0])] ?? '--data';
  // A field only -d can set gets its JSON path in the message, since no flag names it.
  const message = flag === '--data' || !(path in FLAG_FOR_FIELD) ? `${path || 'body'}: ${issue.message}` : issue.message;
  return [{ flag, message }];
}

/** The fields the schema allows at a path (for "did you mean" hints). */
function knownKeys(path: PropertyKey[]): string[] {
  let schema: z.ZodType = bodySchema;
  for (const key of path) {
    const shape = objectShape(schema);
    if (!shape || typeof key !== 'string' || !shape[key]) return [];
    schema = shape[key]!;
  }
  return Object.keys(objectShape(schema) ?? {});
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  return s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodType>) : undefined;
}

function spellingHint(key: string, known: string[]): string {
  const norm = (k: string) => k.toLowerCase().replace(/[^a-z0-9]/g, '');
  const close = known.find((k) => norm(k) === norm(key));
  if (close) return `did you mean "${close}"?`;
  return known.length ? `the API would reject it (known fields: ${known.join(', ')})` : 'the API would reject it';
}

function crossFieldProblems(body: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const has = (key: string) => body[key] !== undefined && body[key] !== null;
  const script = typeof body.script === 'string' ? body.script : undefined;

  // §4.3 rule 1: exactly one audio source.
  if (has('script')) {
    if (script !== undefined && script.trim() === '') problems.push({ flag: '--script', message: 'must not be empty' });
    if (script !== undefined && script.length > SCRIPT_MAX_CHARS) {
      problems.push({ flag: '--script', message: `is ${script.length} characters; the limit is ${SCRIPT_MAX_CHARS} (split it into several videos)` });
    }
    if (has('audio_url')) problems.push({ flag: '--audio-url', message: 'cannot be combined with a script: give one audio source' });
    if (has('audio_asset_id')) problems.push({ flag: '--data', message: 'audio_asset_id cannot be combined with a script: give one audio source' });
  } else if (has('audio_url') && has('audio_asset_id')) {
    problems.push({ flag: '--audio-url', message: 'cannot be combined with audio_asset_id: give one audio source' });
  } else if (!has('audio_url') && !has('audio_asset_id')) {
    problems.push({ flag: '--script', message: 'is required: pass --script "text", --script-file PATH (or - for stdin), or --audio FILE|URL' });
  }

  const engineObj = typeof body.engine === 'object' && body.engine !== null ? (body.engine as Record<string, unknown>) : undefined;
  const engine = typeof engineObj?.type === 'string' ? engineObj.type : 'avatar_iv';
  if (engineObj?.reference_look_id != null && engine !== 'avatar_v') {
    problems.push({ flag: '--reference-look', message: `works only with --engine avatar_v (the engine is ${engine})` });
  }
  // §4.3 rule 3: expressiveness is an Avatar IV parameter.
  if (has('expressiveness') && engine !== 'avatar_iv') {
    problems.push({ flag: '--expressiveness', message: `is Avatar IV only; remove it or use --engine avatar_iv (the engine is ${engine})` });
  }
  if (has('motion_prompt') && engine === 'avatar_iii') {
    problems.push({ flag: '--motion-prompt', message: 'is not supported on avatar_iii' });
  }
  // §4.3 rule 5: webm is transparent, so a background contradicts it.
  if (body.output_format === 'webm' && has('background')) {
    problems.push({ flag: '--background', message: 'cannot be used with --output-format webm (webm has a transparent background); drop one of them' });
  }
  return problems;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.flag}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
