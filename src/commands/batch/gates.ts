// Checks between the plan and the first create: files in the way, --frozen-lock, and --prune
// of the lock's stale rows. Each stops before anything is rendered.
import { relative } from 'node:path';
import type { Context } from '../../ui/context-types.js';
import type { HeyGenClient } from '../../api/index.js';
import { ApiError, UsageError } from '../../shared/errors.js';
import type { StaleEntry } from '../../core/batch/lock-reconcile.js';
import type { LockWriter } from '../../core/batch/lock-store.js';
import type { ForeignFile } from '../../core/batch/out-files.js';
import type { Task } from '../../core/batch/tasks.js';
import { confirmDestructive } from '../confirm.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

const MAX_LISTED = 50;

function listed<T>(items: T[], line: (item: T) => string): string {
  const lines = items.slice(0, MAX_LISTED).map(line);
  if (items.length > MAX_LISTED) lines.push(`…and ${items.length - MAX_LISTED} more`);
  return lines.map((l) => `  ${l}`).join('\n');
}

/** Files the batch did not write, where it would save videos: exit 2 (regular files: unless --force). */
export function refuseForeignFiles(ctx: Context, all: ForeignFile[], force: boolean): void {
  const foreign = force ? all.filter((f) => f.blocked) : all;
  if (foreign.length === 0) return;
  throw new UsageError(
    `${foreign.length} file${foreign.length === 1 ? '' : 's'} in the output folder would be replaced, and this batch did not write ${foreign.length === 1 ? 'it' : 'them'}; nothing was sent:\n${listed(foreign, (f) => `line ${f.line} (${f.row}): ${relative(ctx.cwd, f.path) || f.path} is ${f.what}`)}`,
    {
      flag: '--force',
      code: 'file_exists',
      suggestion: foreign.some((f) => f.blocked)
        ? 'Move them away or choose another --out: a link or folder is never replaced, not even with --force.'
        : 'Move them away, choose another --out, or pass --force to replace them.',
      details: { files: foreign },
    },
  );
}

/** Why a row renders, in a word or two. */
function renderReason(task: Task): string {
  if (task.lock === 'missing') return task.note ?? 'its video is gone from HeyGen';
  if (task.lock === 'changed') return 'changed since the lock';
  if (task.lock === 'new') return 'not in the lock';
  return 'not rendered yet';
}

/** --frozen-lock: any row that would render makes the run fail (exit 2), before any create. */
export function checkFrozen(lockPath: string, toRender: Task[]): void {
  if (toRender.length === 0) return;
  throw new UsageError(
    `--frozen-lock: ${toRender.length} row${toRender.length === 1 ? '' : 's'} would render, so ${lockPath} is not up to date; nothing was sent:\n${listed(toRender, (t) => `line ${t.row.line} (${t.row.label ?? t.row.key}): ${renderReason(t)}`)}`,
    {
      flag: '--frozen-lock',
      code: 'lock_out_of_date',
      suggestion: `Run \`${twinInvocation()} batch run\` without --frozen-lock (it renders these rows and updates the lock), then commit the lock.`,
      details: { file: lockPath, rows: toRender.map((t) => ({ line: t.row.line, row: t.row.key, reason: renderReason(t) })) },
    },
  );
}

/** --prune: deletes the stale rows' videos on HeyGen (asked, or --yes) and drops them from the lock. */
export async function pruneStale(
  ctx: Context,
  api: Pick<HeyGenClient, 'deleteVideo'>,
  stale: StaleEntry[],
  lock: LockWriter,
  opts: { yes: boolean; rerun: string },
): Promise<number> {
  if (stale.length === 0) return 0;
  const n = `${stale.length} video${stale.length === 1 ? '' : 's'}`;
  const ok = await confirmDestructive(ctx, opts.yes, {
    question: `Delete ${n} of rows no longer in the manifest (${stale
      .slice(0, 3)
      .map((s) => s.row)
      .join(', ')}${stale.length > 3 ? ', …' : ''}) on HeyGen? This is permanent.`,
    consequence: `--prune would delete ${n} on HeyGen, permanently`,
    rerun: `${opts.rerun} --yes`,
  });
  if (!ok) {
    ctx.out.warn('Nothing was pruned; the stale rows stay in the lock.');
    return 0;
  }
  for (const { row, entry } of stale) {
    try {
      await api.deleteVideo(entry.video_id);
    } catch (error) {
      // Already gone (deleted by hand, or an earlier prune whose answer was lost): done.
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    lock.drop(row);
    ctx.out.info(`Pruned ${row}: deleted video ${entry.video_id}.`);
  }
  await lock.flush();
  return stale.length;
}
