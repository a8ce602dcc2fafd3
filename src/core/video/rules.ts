// The checks of a POST /v3/videos body that need no network (contract §4.1–4.3): types and ranges, then
// the cross-field rules. Each problem names what a user would change (-d-only fields: `--data` + JSON path).
import { quoted } from '../../shared/plain-text.js';
import { lazy } from '../../shared/lazy.js';
import * as z from '../../shared/zod-mini.js';
import type { CreateVideoBody } from '../../api/video-body.js';
import {
  ASPECT_RATIOS,
  CAPTION_FILE_FORMAT,
  CAPTION_STYLE,
  DEFAULT_ENGINE,
  ELEVENLABS_MODELS,
  ENGINES,
  EXPRESSIVENESS_LEVELS,
  FISH_MODELS,
  FITS,
  OUTPUT_FORMATS,
  RESOLUTIONS,
  SCRIPT_MAX_CHARS,
  VOICE_ENGINE_TYPES,
  VOICE_PITCH,
  VOICE_SPEED,
  VOICE_VOLUME,
  WATERMARK_POSITIONS,
} from '../../shared/video-facts.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export interface Problem {
  /** The flag as the user types it, e.g. '--expressiveness' (or '--data' for -d-only fields). */
  flag: string;
  message: string;
}

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
export const got = (input: unknown) => (input === undefined ? '' : ` (got ${quoted(input)})`);
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (iss) => `must be one of ${values.join(', ')}${got(iss.input)}` });
const str = (what = 'text') => z.string({ error: (iss) => `must be ${what}${got(iss.input)}` });
const nonEmpty = (what = 'text') => str(what).check(z.refine((s: string) => s.trim() !== '', 'must not be empty'));
const num = (min: number, max: number) =>
  z.number({ error: (iss) => `must be a number from ${min} to ${max}${got(iss.input)}` }).check(
    z.refine((n: number) => n >= min && n <= max, {
      error: (iss) => `must be a number from ${min} to ${max}${got(iss.input)}`,
    }),
  );
const bool = lazy(() => z.boolean({ error: (iss) => `must be true or false${got(iss.input)}` }));
const url = lazy(() =>
  str('an http(s) URL').check(z.refine((v: string) => isHttpUrl(v), { error: (iss) => `must be an http(s) URL${got(iss.input)}` })),
);

export function isHttpUrl(value: string, httpsOnly = false): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || (!httpsOnly && protocol === 'http:');
  } catch {
    return false;
  }
}

const background = () =>
  z.discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('color'), value: str().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #1a2b3c')) }),
      z
        .strictObject({ type: z.literal('image'), url: z.optional(url()), asset_id: z.optional(nonEmpty()) })
        .check(
          z.refine(
            (b: { url?: string; asset_id?: string }) => (b.url === undefined) !== (b.asset_id === undefined),
            'an image background needs exactly one of url or asset_id',
          ),
        ),
    ],
    { error: 'must be {"type":"color","value":"#RRGGBB"} or {"type":"image","url"|"asset_id":...}' },
  );

const engineSettings = () =>
  z.discriminatedUnion(
    'engine_type',
    [
      z.strictObject({
        engine_type: z.literal('elevenlabs'),
        model: z.optional(oneOf(ELEVENLABS_MODELS)),
        stability: z.optional(num(0, 1)),
        similarity_boost: z.optional(num(0, 1)),
        style: z.optional(num(0, 1)),
        use_speaker_boost: z.optional(bool()),
      }),
      z.strictObject({
        engine_type: z.literal('fish'),
        model: z.optional(oneOf(FISH_MODELS)),
        stability: z.optional(num(0, 1)),
        similarity: z.optional(num(0, 1)),
      }),
      z.strictObject({ engine_type: z.literal('starfish') }),
    ],
    { error: `engine_type must be one of ${VOICE_ENGINE_TYPES.join(', ')}` },
  );

const assetInput = () =>
  z.discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('url'), url: url() }),
      z.strictObject({ type: z.literal('asset_id'), asset_id: nonEmpty() }),
      z.strictObject({ type: z.literal('base64'), media_type: nonEmpty(), data: nonEmpty() }),
    ],
    { error: 'must be {"type":"url"|"asset_id"|"base64", ...}' },
  );

/** The body's schema, built the first time a body is checked. */
const bodySchema = lazy(() =>
  z.strictObject({
    type: z.literal('avatar', { error: (iss) => `must be "avatar", the only video type twin creates${got(iss.input)}` }),
    avatar_id: z
      .string({
        error: (iss) =>
          iss.input === undefined ? `is required: the look id (see \`${twinInvocation()} looks list\`)` : `must be text${got(iss.input)}`,
      })
      .check(z.refine((s: string) => s.trim() !== '', 'must not be empty')),
    script: z.nullish(str()),
    voice_id: z.nullish(nonEmpty()),
    audio_url: z.nullish(url()),
    audio_asset_id: z.nullish(nonEmpty()),
    title: z.nullish(str()),
    resolution: z.nullish(oneOf(RESOLUTIONS)),
    aspect_ratio: z.nullish(oneOf(ASPECT_RATIOS)),
    fit: z.nullish(oneOf(FITS)),
    background: z.nullish(background()),
    remove_background: z.nullish(bool()),
    output_format: z.nullish(oneOf(OUTPUT_FORMATS)),
    engine: z.nullish(z.strictObject({ type: oneOf(ENGINES), reference_look_id: z.nullish(nonEmpty()) })),
    expressiveness: z.nullish(oneOf(EXPRESSIVENESS_LEVELS)),
    motion_prompt: z.nullish(nonEmpty()),
    voice_settings: z.nullish(
      z.strictObject({
        speed: z.optional(num(VOICE_SPEED.min, VOICE_SPEED.max)),
        pitch: z.optional(num(VOICE_PITCH.min, VOICE_PITCH.max)),
        volume: z.optional(num(VOICE_VOLUME.min, VOICE_VOLUME.max)),
        locale: z.nullish(nonEmpty()),
        engine_settings: z.nullish(engineSettings()),
      }),
    ),
    caption: z.nullish(
      z.strictObject({ file_format: z.optional(z.literal(CAPTION_FILE_FORMAT)), style: z.nullish(z.literal(CAPTION_STYLE)) }),
    ),
    callback_url: z.nullish(url()),
    callback_id: z.nullish(str()),
    watermark: z.nullish(
      z.strictObject({
        image: assetInput(),
        opacity: z.optional(num(0, 1)),
        scale: z.optional(z.number().check(z.positive())),
        placement: z.nullish(
          z.strictObject({
            position: z.optional(oneOf(WATERMARK_POSITIONS)),
            offset_x: z.optional(num(-1, 1)),
            offset_y: z.optional(num(-1, 1)),
          }),
        ),
      }),
    ),
  }),
);

/** Field problems first, then the cross-field rules of contract §4.3. */
export function checkLocalRules(body: CreateVideoBody): Problem[] {
  const parsed = bodySchema().safeParse(body);
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
  let schema: z.core.$ZodType = bodySchema();
  for (const key of path) {
    const shape = objectShape(schema);
    if (!shape || typeof key !== 'string' || !shape[key]) return [];
    schema = shape[key]!;
  }
  return Object.keys(objectShape(schema) ?? {});
}

/** The fields of an object schema, under any optional/nullable wrappers; none for anything else. */
function objectShape(schema: z.core.$ZodType): Record<string, z.core.$ZodType> | undefined {
  let def = schema._zod.def;
  while (def.type === 'optional' || def.type === 'nullable') def = (def as z.core.$ZodOptionalDef).innerType._zod.def;
  return def.type === 'object' ? (def as z.core.$ZodObjectDef).shape : undefined;
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
      problems.push({
        flag: '--script',
        message: `is ${script.length} characters; the limit is ${SCRIPT_MAX_CHARS} (split it into several videos)`,
      });
    }
    if (has('audio_url')) problems.push({ flag: '--audio-url', message: 'cannot be combined with a script: give one audio source' });
    if (has('audio_asset_id'))
      problems.push({ flag: '--data', message: 'audio_asset_id cannot be combined with a script: give one audio source' });
  } else if (has('audio_url') && has('audio_asset_id')) {
    problems.push({ flag: '--audio-url', message: 'cannot be combined with audio_asset_id: give one audio source' });
  } else if (!has('audio_url') && !has('audio_asset_id')) {
    problems.push({
      flag: '--script',
      message: 'is required: give a `script` (or `scriptFile`), or an `audio` file or URL',
    });
  }

  const engineObj = typeof body.engine === 'object' && body.engine !== null ? (body.engine as Record<string, unknown>) : undefined;
  const engine = typeof engineObj?.type === 'string' ? engineObj.type : DEFAULT_ENGINE;
  if (engineObj?.reference_look_id != null && engine !== 'avatar_v') {
    problems.push({ flag: '--reference-look', message: `works only with \`engine\` avatar_v (the engine is ${engine})` });
  }
  // §4.3 rule 3: expressiveness is an Avatar IV parameter.
  if (has('expressiveness') && engine !== 'avatar_iv') {
    problems.push({
      flag: '--expressiveness',
      message: `is Avatar IV only; remove it or use \`engine\` avatar_iv (the engine is ${engine})`,
    });
  }
  if (has('motion_prompt') && engine === 'avatar_iii') {
    problems.push({ flag: '--motion-prompt', message: 'is not supported on avatar_iii' });
  }
  // §4.3 rule 5: webm is transparent, so a background contradicts it.
  if (body.output_format === 'webm' && has('background')) {
    problems.push({
      flag: '--background',
      message: 'cannot be used with `outputFormat` webm (webm has a transparent background); drop one of them',
    });
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
