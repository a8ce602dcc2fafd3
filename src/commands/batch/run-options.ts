// The flags of `batch run` (and of `batch status <manifest>`, its --dry-run): parsed, checked
// against each other, and turned into the paths and numbers the batch flow takes.
import { join, resolve } from 'node:path';
import type { Context } from '../../ui/context-types.js';
import { UsageError } from '../../shared/errors.js';
import { batchIdentity, parseShard, shardLabel, type Shard } from '../../core/batch/keys.js';
import { inputFromSettings, partialVideoInputSchema, VIDEO_INPUT_KEYS, type VideoInput } from '../../core/video/request.js';
import { shellJoin } from '../../shared/shell-quote.js';
import { toFlag } from '../../shared/flag-names.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { parseDuration } from '../../shared/duration.js';
import { budgetOptions } from './budget-options.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

const optionsSchema = z.object({
  out: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs a folder'))),
  journal: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs a path'))),
  report: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs a path'))),
  concurrency: z.optional(
    z
      .pipe(z.string().check(z.regex(/^\d+$/, 'must be a whole number from 1 to 1000')), z.transform(Number))
      .check(z.refine((n: number) => n >= 1 && n <= 1000, 'must be a whole number from 1 to 1000')),
  ),
  shard: z.optional(z.string()),
  batchId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_.:-]{1,200}$/, 'may use only letters, digits and _ . : - (up to 200)'))),
  retryFailed: z._default(z.boolean(), false),
  download: z._default(z.boolean(), true),
  timeout: z.optional(z.string()),
  dryRun: z._default(z.boolean(), false),
  cache: z._default(z.boolean(), true),
  lock: z.optional(z.union([z.literal(false), z.string().check(z.trim(), z.minLength(1, 'needs a path'))])),
  frozenLock: z._default(z.boolean(), false),
  prune: z._default(z.boolean(), false),
  yes: z._default(z.boolean(), false),
  force: z._default(z.boolean(), false),
  skipInvalid: z._default(z.boolean(), false),
  audition: z._default(z.boolean(), false),
  ...budgetOptions,
});

export type RunOptions = z.output<typeof optionsSchema>;

/** A run's flags resolved against the settings and the working folder. */
export interface RunSettings {
  options: RunOptions;
  manifest: string;
  identity: string;
  shard?: Shard;
  outDir: string;
  journalPath: string;
  reportPath: string;
  concurrency: number;
  /** undefined with --no-lock. */
  lockPath?: string;
  timeoutMs?: number;
  /** The settings' video defaults, then the flags'. */
  defaults: Partial<VideoInput>;
  maxRenders?: number;
}

const VIDEO_KEYS = new Set<string>(VIDEO_INPUT_KEYS);

/** The flags, checked (the lock and prune rules before anything is read), with their defaults. */
export async function resolveRun(ctx: Context, { args, opts }: CommandInput): Promise<RunSettings> {
  const batchOpts = Object.fromEntries(Object.entries(opts).filter(([k]) => !VIDEO_KEYS.has(k)));
  const videoOpts = Object.fromEntries(Object.entries(opts).filter(([k, v]) => VIDEO_KEYS.has(k) && v !== undefined));
  const options = parseOptions(optionsSchema, batchOpts);
  const flagDefaults = parseOptions(partialVideoInputSchema, videoOpts);
  const shard: Shard | undefined = options.shard !== undefined ? parseShard(options.shard) : undefined;
  const timeoutMs = options.timeout !== undefined ? parseDuration(options.timeout, '--timeout') : undefined;

  const settings = await ctx.settings();
  const manifest = resolve(ctx.cwd, String(args[0]));
  const identity = batchIdentity(manifest, ctx.cwd, options.batchId);
  const outDir = resolve(ctx.cwd, options.out ?? settings.values['output-dir']);
  const suffix = shard && shard.count > 1 ? `.${shard.index}-of-${shard.count}` : '';
  const journalPath = options.journal ? resolve(ctx.cwd, options.journal) : join(outDir, `.twin-journal${suffix}.jsonl`);
  const reportPath = options.report ? resolve(ctx.cwd, options.report) : join(outDir, `twin-batch-report${suffix}.json`);
  const concurrency = options.concurrency ?? settings.values.concurrency;

  if (options.lock === false && (options.frozenLock || options.prune)) {
    throw new UsageError(`${options.frozenLock ? '--frozen-lock' : '--prune'} needs the lock file; it cannot be combined with --no-lock.`, {
      flag: '--no-lock',
    });
  }
  if (options.prune && (options.frozenLock || shardLabel(shard))) {
    throw new UsageError(`--prune cannot be combined with ${options.frozenLock ? '--frozen-lock' : '--shard'}.`, {
      flag: '--prune',
      suggestion: options.frozenLock
        ? 'Prune in a run that may change the lock.'
        : `Prune once, after \`${twinInvocation()} batch lock merge\`, in a run without --shard.`,
    });
  }
  const lockPath = options.lock === false ? undefined : resolve(ctx.cwd, options.lock ?? `${manifest}.lock`);
  const maxRenders = options.maxRenders ?? settings.values['max-renders'];
  return {
    options,
    manifest,
    identity,
    ...(shard ? { shard } : {}),
    outDir,
    journalPath,
    reportPath,
    concurrency,
    ...(lockPath ? { lockPath } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(maxRenders !== undefined ? { maxRenders } : {}),
    defaults: { ...inputFromSettings(settings), ...flagDefaults },
  };
}

/** Options that are on by default and turned off with --no-…: only `false` (or a path) is said. */
const NEGATABLE = new Set(['download', 'lock', 'cache']);

/** The command that renders the rest after a sample: the same one without --sample / --rows. */
export function continueCommand(manifestArg: string, opts: Record<string, unknown>): string {
  const words = ['batch', 'run', manifestArg];
  for (const [key, value] of Object.entries(opts)) {
    if (key === 'sample' || key === 'rows' || key === 'dryRun' || value === undefined || (value === false && !NEGATABLE.has(key))) continue;
    if (NEGATABLE.has(key)) {
      if (value === false) words.push(`--no-${key}`);
      else if (typeof value === 'string') words.push(toFlag(key), value);
    } else if (value === true) words.push(toFlag(key));
    else words.push(toFlag(key), String(value));
  }
  return `${twinInvocation()} ${shellJoin(words)}`;
}
