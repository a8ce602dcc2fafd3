// twin batch run --audition (issue 26): after the plan, hear every row that would render instead
// of rendering it. The audio goes into --out, the budget is said again from the exact lengths,
// review.html gets a player per row, and the command printed renders each row from exactly its
// approved audio (a manifest beside the original whose rows name that audio). Always stops here,
// terminal or CI: approve, then render, as with --sample.
import { join, relative } from 'node:path';
import type { Context } from '../../ui/context-types.js';
import { describeEstimate } from '../../core/batch/estimate.js';
import { auditionPage } from '../../core/batch/audition-files.js';
import { auditionBatch, type BatchAudition } from '../../flows/batch-audition.js';
import { displayPath } from '../../ui/follow-display.js';
import { writeFileAtomic } from '../../shared/safe-fs.js';
import type { PlannedRun } from './run-plan.js';
import { continueCommand, type RunSettings } from './run-options.js';

interface BatchAuditionResult extends BatchAudition {
  review_page: string;
  rendered: false;
  continue_command: string;
}

export async function run(ctx: Context, opts: Record<string, unknown>, settings: RunSettings, planned: PlannedRun): Promise<number> {
  const { outDir } = settings;
  const heard = await auditionBatch({
    manifest: settings.manifest,
    outDir,
    tasks: planned.plan.setup.tasks,
    api: planned.api!,
    signal: ctx.signal,
    sleep: ctx.sleep,
    onRetry: () => ctx.out.warn('A speech request got no answer; asking once more (it may be billed twice, a few cents).'),
    onRow: (r) => ctx.out.info(`  ${displayPath(ctx, r.path)}  ${r.duration.toFixed(1)} s  ${r.label ?? `line ${r.line}`}`),
  });
  const manifestArg = relative(ctx.cwd, heard.manifest) || heard.manifest;
  const command = continueCommand(manifestArg, { ...opts, audition: undefined });
  const total = `${heard.renders} render${heard.renders === 1 ? '' : 's'}, ${describeEstimate(heard.estimate)} (exact lengths), at least $${heard.cost_floor.usd.toFixed(2)}`;
  const page = join(outDir, 'review.html');
  writeFileAtomic(page, auditionPage(heard.rows, outDir, command, total));
  const result: BatchAuditionResult = { ...heard, review_page: page, rendered: false, continue_command: command };
  ctx.out.result(result, {
    human: () =>
      [
        `Heard ${heard.rows.length} row${heard.rows.length === 1 ? '' : 's'}: ${total}.`,
        `Listen: ${displayPath(ctx, page)}`,
        'Nothing was rendered. When every row sounds right, render each from exactly its audio:',
        `  ${command}`,
      ].join('\n'),
    quiet: () => heard.rows.map((r) => r.path),
  });
  return 0;
}
