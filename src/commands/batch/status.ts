// twin batch status <journal|dir>: where a batch run stands, read from its journal alone.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import type { Context } from '../../ui/context-types.js';
import { UsageError } from '../../shared/errors.js';
import type { RowState } from '../../core/batch/journal.js';
import { summarizeJournal } from '../../core/batch/journal-summary.js';
import { journalPaths } from '../../core/batch/journal-paths.js';
import { writeReviewPage } from '../../core/batch/review-page.js';
import type { CommandInput } from '../types.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export async function run(ctx: Context, input: CommandInput): Promise<number | void> {
  const { args } = input;
  const target = resolve(ctx.cwd, String(args[0]));
  // A manifest: each row against the lock (what `batch run --dry-run` shows).
  if (isManifest(target)) {
    // Loaded only for a manifest: reading a journal needs none of the planning.
    const [{ resolveRun }, { planRun, printDryRun }] = await Promise.all([import('./run-options.js'), import('./run-plan.js')]);
    const settings = await resolveRun(ctx, { ...input, opts: { ...input.opts, dryRun: true } });
    return printDryRun(ctx, settings, await planRun(ctx, settings));
  }
  const journalOpts = Object.entries(input.opts).filter(([k, v]) => v !== undefined && k !== 'lock');
  if (journalOpts.length > 0) {
    throw new UsageError(
      `--${journalOpts[0]![0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} applies to a manifest, not to a journal.`,
      { suggestion: `Pass the manifest (${twinInvocation()} batch status videos.csv ...) to see its rows against the lock.` },
    );
  }
  const paths = journalPaths(target);
  const journals = await Promise.all(paths.map(summarizeJournal));
  const page = await writeReviewPage(dirname(paths[0]!), paths, new Date(ctx.now())).catch((error: Error) =>
    ctx.out.warn(`Could not write the review page: ${error.message}`),
  );
  if (page) ctx.out.info(`Review page: ${page.path}`);
  ctx.out.result(paths.length === 1 ? journals[0]! : { journals }, {
    human: (_value, style) =>
      journals
        .map((j) => {
          const c = j.counts;
          const lines = [
            `${style.bold(relative(ctx.cwd, j.journal) || j.journal)}${j.shard ? ` (shard ${j.shard})` : ''}: ${j.manifest ? `manifest ${relative(ctx.cwd, j.manifest)}, ` : ''}${j.runs} run${j.runs === 1 ? '' : 's'}, last ${j.last_run_at ?? 'never'}`,
            `  ${j.rows} rows: ${describeCounts(c, j.downloads)}`,
          ];
          for (const f of j.failed)
            lines.push(`  ${style.red('✗')} line ${f.line ?? '?'} (${f.row})${f.video_id ? ` ${f.video_id}` : ''}: ${f.error ?? 'failed'}`);
          if (j.torn_last_line)
            lines.push(style.dim('  The last line was cut short (the process was killed while writing); it is ignored.'));
          const open = j.rows - c.downloaded - c.failed - (j.downloads ? 0 : c.completed);
          if (open > 0 || c.failed > 0) {
            lines.push(
              `  → ${open > 0 ? `Run the same \`${twinInvocation()} batch run\` command again to continue` : 'All rows ended'}${c.failed ? '; add --retry-failed to render the failed rows again' : ''}.`,
            );
          }
          return lines.join('\n');
        })
        .join('\n\n'),
    quiet: () => journals.flatMap((j) => j.unfinished.map((u) => u.video_id).filter((id): id is string => Boolean(id))),
  });
}

/** The non-zero counts, most finished first: "9 downloaded, 6 failed". */
function describeCounts(c: Record<RowState | 'not_started', number>, downloads: boolean): string {
  const parts: Array<[number, string]> = [
    [c.downloaded, 'downloaded'],
    [c.completed, downloads ? 'rendered (not downloaded yet)' : 'rendered'],
    [c.rendering + c.submitting, 'rendering'],
    [c.not_started, 'not started'],
    [c.failed, 'failed'],
  ];
  return (
    parts
      .filter(([n]) => n > 0)
      .map(([n, what]) => `${n} ${what}`)
      .join(', ') || 'none started yet'
  );
}

/** A file that is not a journal (journals start with a run header line). */
function isManifest(path: string): boolean {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info?.isFile() || /^\.twin-journal/.test(basename(path))) return false;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(256);
    const text = head.subarray(0, readSync(fd, head, 0, 256, 0)).toString('utf8');
    return !/^\s*\{"type":"run"/.test(text);
  } finally {
    closeSync(fd);
  }
}
