import type { Context } from '../../ui/context-types.js';
import { UsageError } from '../../shared/errors.js';
import { assertPreflight } from '../../core/video/preflight.js';
import { readStdinText, readUserText } from '../../ui/text-input.js';
import { partialVideoInputSchema, VIDEO_INPUT_KEYS, withCaptions, type Problem, type VideoInput } from '../../core/video/request.js';
// Renamed on import: below, `flag` is a flag's name such as --timeout.
import { flag as bool } from '../listing.js';
import { toFlag } from '../options.js';
import { readDuration } from '../../shared/duration.js';
import type { FollowOptions } from '../../flows/video.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const flowOptionsSchema = z.object({
  data: z.optional(z.string()),
  scriptFile: z.optional(z.string().check(z.minLength(1, 'needs a file path, or - for stdin'))),
  dryRun: bool,
  cache: z._default(z.boolean(), true),
  idempotencyKey: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9_:.-]{1,255}$/, 'must be 1–255 characters from A-Z a-z 0-9 _ : . - (a UUID works)')),
  ),
  wait: bool,
  download: z.optional(z.union([z.literal(true), z.string().check(z.minLength(1, 'needs a path (or no value for the default name)'))])),
  output: z.optional(z.string().check(z.minLength(1, 'needs a path'))),
  force: bool,
  captioned: bool,
  thumbnail: bool,
  timeout: z.optional(z.string()),
  interval: z.optional(z.string()),
});

export interface CreateCommandLine {
  input: Partial<VideoInput>;
  data?: Record<string, unknown>;
  dryRun: boolean;
  /** false: --no-cache, local files are uploaded even when the upload cache knows them. */
  uploadCache: boolean;
  idempotencyKey?: string;
  /** Present when the video is to be waited for (--wait, --download, -o). */
  follow?: FollowOptions;
  /** The script or the -d body came from stdin. */
  readsStdin: boolean;
  /** With `deferProblems`: what is wrong with the flags, for the pre-flight to report with its own. */
  problems: Problem[];
}

/**
 * Reads the flags of `video create`. A problem with them throws (exit 2) after every flag was
 * checked; with `deferProblems` they are returned instead, so the caller's pre-flight can add what
 * the look says (a look without Avatar V) and one run reports it all. `input` then holds only the
 * flags whose values are good.
 */
export async function readCreateCommandLine(
  ctx: Context,
  opts: Record<string, unknown>,
  { deferProblems = false } = {},
): Promise<CreateCommandLine> {
  const problems: Problem[] = [];
  const flow = flowOptionsSchema.safeParse(opts);
  if (!flow.success) problems.push(...zodProblems(flow.error));
  const raw = Object.fromEntries(VIDEO_INPUT_KEYS.filter((k) => opts[k] !== undefined).map((k) => [k, opts[k]]));
  const parsed = partialVideoInputSchema.safeParse(raw);
  if (!parsed.success) problems.push(...zodProblems(parsed.error));
  // The checks below ask only whether a flag is there (or read it as text): they run on the raw
  // values when a flag's value is bad, so one run reports every problem, not the first kind.
  const f = flow.success ? flow.data : (opts as z.infer<typeof flowOptionsSchema>);
  const input: Partial<VideoInput> = parsed.success ? { ...parsed.data } : (raw as Partial<VideoInput>);

  if (input.audio !== undefined && input.audioUrl !== undefined)
    problems.push({ flag: '--audio', message: 'cannot be combined with --audio-url; give the audio once' });
  if (input.audio !== undefined && (input.script !== undefined || f.scriptFile !== undefined)) {
    problems.push({
      flag: '--audio',
      message: `cannot be combined with ${input.script !== undefined ? '--script' : '--script-file'}: give one audio source`,
    });
  }
  if (f.scriptFile !== undefined && input.script !== undefined)
    problems.push({ flag: '--script-file', message: 'cannot be combined with --script; give the script once' });
  if (f.scriptFile === '-' && f.data === '-')
    problems.push({ flag: '--script-file', message: 'and --data cannot both read stdin; put one of them in a file' });
  if (typeof f.download === 'string' && f.output !== undefined && f.download !== f.output) {
    problems.push({ flag: '--output', message: `names a second download path (--download ${f.download}); give the path once` });
  }
  const timeoutMs = duration(typeof f.timeout === 'string' ? f.timeout : undefined, '--timeout', problems);
  const intervalMs = duration(typeof f.interval === 'string' ? f.interval : undefined, '--interval', problems);
  if (problems.length && !deferProblems) assertPreflight({ ok: false, problems });
  const good = problems.length ? goodInput(raw, parsed.success ? [] : parsed.error.issues) : input;

  // A file that cannot be read is one more problem when others are already known.
  const collect = async <T>(read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      if (!(problems.length && error instanceof UsageError)) throw error;
      const flag = typeof error.details?.flag === 'string' ? error.details.flag : '--data';
      problems.push({ flag, message: error.message.replace(`${flag}: `, '') });
      return undefined;
    }
  };
  if (f.scriptFile !== undefined && typeof f.scriptFile === 'string') {
    const script = await collect(() => readScriptFile(ctx, f.scriptFile!));
    if (script !== undefined) good.script = script;
  }
  let data = typeof f.data === 'string' ? await collect(() => readData(ctx, f.data!)) : undefined;
  // --captioned is a flag over the -d body, so it works without --download too (and with --dry-run).
  if (f.captioned) data = { ...data, caption: withCaptions(data?.caption, true) };

  const download = f.output ?? f.download;
  const follow: FollowOptions | undefined =
    f.wait || download !== undefined
      ? {
          wait: true,
          download,
          force: f.force,
          captions: input.captions,
          captioned: f.captioned,
          thumbnail: f.thumbnail,
          timeoutMs,
          intervalMs,
        }
      : undefined;
  return {
    input: good,
    problems,
    data,
    dryRun: f.dryRun,
    uploadCache: f.cache,
    idempotencyKey: f.idempotencyKey,
    follow,
    readsStdin: f.scriptFile === '-' || f.data === '-',
  };
}

/** The flags whose values passed, parsed; the ones with a problem are left out. */
function goodInput(raw: Record<string, unknown>, issues: readonly z.core.$ZodIssue[]): Partial<VideoInput> {
  const bad = new Set(issues.map((issue) => issue.path[0]));
  const kept = partialVideoInputSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([key]) => !bad.has(key))));
  // A rule across fields failed too: no body can be checked against the look, the problems stand alone.
  return kept.success ? { ...kept.data } : {};
}

function zodProblems(error: z.core.$ZodError): Problem[] {
  return error.issues.map((issue) => ({
    flag: typeof issue.path[0] === 'string' ? toFlag(issue.path[0]) : '--data',
    message: issue.code === 'unrecognized_keys' ? `unknown option ${issue.keys.join(', ')}` : issue.message,
  }));
}

function duration(text: string | undefined, flag: string, problems: Problem[]): number | undefined {
  if (text === undefined) return undefined;
  const reading = readDuration(text);
  if ('ms' in reading) return reading.ms;
  problems.push({ flag, message: reading.problem });
  return undefined;
}

/** The script from a file, or from stdin with `-`; the trailing newline editors add is dropped. */
async function readScriptFile(ctx: Context, path: string): Promise<string> {
  const text = path === '-' ? await readStdinText(ctx, 'the script', '--script-file') : await readUserText(ctx, path, '--script-file');
  const script = text.replace(/\s+$/, '');
  if (script.trim() === '') {
    throw new UsageError(`--script-file: ${path === '-' ? 'stdin' : path} is empty.`, {
      flag: '--script-file',
      suggestion: 'Write the script into the file, or pass --script "text".',
    });
  }
  return script;
}

/** -d '{"title":"x"}', -d @body.json or -d - (stdin). */
async function readData(ctx: Context, value: string): Promise<Record<string, unknown>> {
  const where = value === '-' ? 'stdin' : value.startsWith('@') ? value.slice(1) : undefined;
  const text =
    value === '-' ? await readStdinText(ctx, 'the JSON body', '--data') : where ? await readUserText(ctx, where, '--data') : value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--data: ${where ? `${where} does not hold` : 'is not'} valid JSON: ${(error as Error).message}`, {
      flag: '--data',
      suggestion: `Pass a JSON object such as -d '{"title":"Demo"}', -d @body.json or -d - to read stdin.`,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(
      `--data: must be a JSON object (a POST /v3/videos body), not ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}.`,
      {
        flag: '--data',
        suggestion: `For many videos use \`${twinInvocation()} batch run\`; for one, -d '{"title":"Demo"}'.`,
      },
    );
  }
  return parsed as Record<string, unknown>;
}
