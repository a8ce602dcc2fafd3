// Reading and checking a whole manifest before anything is sent: every problem of every row
// in one usage error (exit 2), or the plan.
import type { HeyGenClient } from '../../api/index.js';
import { UsageError } from '../../shared/errors.js';
import { createPreflightCache, preflight } from '../video/preflight.js';
import type { VideoInput } from '../video/request.js';
import type { Shard } from './keys.js';
import { checkManifestFile, detectFormat, readManifest, type ManifestFormat, type ManifestProblem } from './manifest.js';
import { planRows } from './plan.js';
import type { Plan, PlanInput } from './plan-types.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

interface PrepareInput {
  /** Absolute path. */
  manifest: string;
  identity: string;
  defaults: Partial<VideoInput>;
  shard?: Shard;
  /** False in a dry run: rows keep no body. */
  keepBodies?: boolean;
  /** Pre-flight against the API (looks and voices, one GET each per distinct id). */
  api?: Pick<HeyGenClient, 'getLook' | 'getVoice'>;
  /** Rows the lock file has with this exact content: pre-flight is skipped for them. */
  locked?: (key: string, fingerprint: string) => boolean;
  tracked?: PlanInput['tracked'];
  onRow?: PlanInput['onRow'];
  /**
   * The row problems that leave their row out instead of refusing the manifest (--skip-invalid:
   * all; --rows: those of rows not chosen). A problem of the whole file always refuses it.
   */
  leaveOut?: (problem: ManifestProblem) => boolean;
}

export interface Prepared extends Plan {
  format: ManifestFormat;
  preflighted: boolean;
  /** The problems of the rows left out (see `leaveOut`), in file order. */
  skipped: ManifestProblem[];
}

export async function prepareBatch(input: PrepareInput): Promise<Prepared> {
  await checkManifestFile(input.manifest);
  const format = await detectFormat(input.manifest);
  const problems: ManifestProblem[] = [];
  const cache = createPreflightCache();
  const api = input.api;
  const check = api ? async (body: Parameters<typeof preflight>[1]) => (await preflight(api, body, cache)).problems : undefined;
  const plan = await planRows(
    readManifest(input.manifest, format, problems),
    { manifestPath: input.manifest, ...input, preflight: check },
    problems,
  );
  const { leaveOut } = input;
  if (problems.length > 0 && !(leaveOut && problems.every((p) => !p.file && leaveOut(p))))
    throw manifestError(input.manifest, problems, plan.total);
  const skipped = [...problems].sort((a, b) => a.line - b.line);
  const badLines = new Set(skipped.map((p) => p.line));
  // A row whose pre-flight failed was planned before its verdict came: it goes by its line.
  const rows = badLines.size > 0 ? plan.rows.filter((r) => !badLines.has(r.line)) : plan.rows;
  return { ...plan, rows, format, preflighted: api !== undefined, skipped };
}

const MAX_LISTED = 50;

/** One line per problem, in file order, each naming the line, the row and the column. */
function manifestError(path: string, problems: ManifestProblem[], rows: number): UsageError {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const badLines = new Set(sorted.map((p) => p.line)).size;
  // A manifest wrong in every row would bury the terminal; --json's `problems` has them all.
  const lines = sorted.slice(0, MAX_LISTED).map(describeProblem);
  if (sorted.length > MAX_LISTED) lines.push(`…and ${sorted.length - MAX_LISTED} more (--json lists every one)`);
  const what = `${sorted.length} problem${sorted.length === 1 ? '' : 's'} on ${badLines} line${badLines === 1 ? '' : 's'} (${rows} row${rows === 1 ? '' : 's'} read)`;
  return new UsageError(`${path}: ${what}; nothing was sent:\n  ${lines.join('\n  ')}`, {
    code: 'invalid_manifest',
    suggestion: `Fix the rows above (columns are the long flags of \`${twinInvocation()} video create\`) and run again; no credits were spent.`,
    details: { file: path, problems: sorted },
  });
}

export function describeProblem(p: ManifestProblem): string {
  const where = `line ${p.line}${p.row ? ` (${p.row})` : ''}`;
  return `${where}${p.column ? `, ${p.column}` : ''}: ${p.message}`;
}
