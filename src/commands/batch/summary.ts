// What `batch run` prints on stdout: the plan of a --dry-run, and the result of a run.
import { relative } from 'node:path';
import type { Context } from '../../context.js';
import type { Shard } from '../../core/batch/keys.js';
import { shardLabel } from '../../core/batch/keys.js';
import type { Prepared } from '../../core/batch/prepare.js';
import type { BatchReport } from '../../core/batch/report.js';
import type { Task } from '../../core/batch/tasks.js';
import type { Style } from '../../ui/style.js';
import { renderTable, type Column } from '../../ui/table.js';

export interface PlanView {
  manifest: string;
  identity: string;
  shard?: Shard;
  prepared: Prepared;
  tasks: Task[];
  journalPath: string;
  outDir: string;
  concurrency: number;
  download: boolean;
  /** Renders and minutes this run would spend (see review-session.ts budgetJson). */
  budget?: Record<string, unknown>;
}

type Step = 'render' | 'resubmit' | 'wait' | 'download' | 'done' | 'failed';

/** What this run would do with a row, given the journal. */
function stepFor(task: Task): Step {
  switch (task.phase) {
    case 'queued':
      return task.resumed ? 'resubmit' : 'render';
    case 'rendering':
      return 'wait';
    case 'completed':
      return 'download';
    case 'failed':
      return 'failed';
    default:
      return 'done';
  }
}

/** Rows shown in the table on a terminal; pipes and --json get every row. */
const TABLE_ROWS = 50;
const CHUNK = 2000;

function planEntry(task: Task) {
  return {
    row: task.row.key,
    line: task.row.line,
    ...(task.row.label !== undefined ? { label: task.row.label } : {}),
    step: stepFor(task),
    attempt: task.attempt,
    idempotency_key: task.key,
    ...(task.videoId ? { video_id: task.videoId } : {}),
  };
}

export function printPlan(ctx: Context, plan: PlanView): void {
  const steps: Record<Step, number> = { render: 0, resubmit: 0, wait: 0, download: 0, done: 0, failed: 0 };
  for (const task of plan.tasks) steps[stepFor(task)] += 1;
  const meta = {
    dry_run: true,
    manifest: plan.manifest,
    format: plan.prepared.format,
    batch_id: plan.identity,
    shard: shardLabel(plan.shard) ?? null,
    preflighted: plan.prepared.preflighted,
    manifest_rows: plan.prepared.total,
    rows: plan.tasks.length,
    journal: plan.journalPath,
    out: plan.download ? plan.outDir : null,
    concurrency: plan.concurrency,
    steps,
    ...(plan.budget ? { budget: plan.budget } : {}),
  };
  if (ctx.out.mode === 'json') {
    ctx.out.result({ ...meta, plan: plan.tasks.map(planEntry) }, { human: () => '' });
    return;
  }
  const style = ctx.out.style;
  const what = `${describeSteps(steps)}. Nothing was sent (--dry-run).`;
  // A plan can have 100,000 rows: pipes get them as tab-separated lines in chunks, never one
  // giant string; a terminal gets the first rows and the counts.
  const writeChunked = (tasks: Task[], line: (t: Task) => string | undefined) => {
    for (let i = 0; i < tasks.length; i += CHUNK) {
      const text = tasks.slice(i, i + CHUNK).map(line).filter((l) => l !== undefined).join('\n');
      if (text) ctx.out.data(text);
    }
  };
  if (ctx.out.mode === 'quiet') {
    writeChunked(plan.tasks, (t) => (stepFor(t) === 'render' || stepFor(t) === 'resubmit' ? t.row.key : undefined));
    return;
  }
  const columns: Array<Column<Task>> = [
    { header: 'line', value: (t) => t.row.line, id: true },
    { header: 'row', value: (t) => t.row.label ?? t.row.key, shrink: true },
    { header: 'step', value: (t) => (t.attempt > 0 ? `${stepFor(t)} #${t.attempt + 1}` : stepFor(t)) },
    { header: 'video', value: (t) => t.videoId, id: true, priority: 2 },
    { header: 'idempotency key', value: (t) => t.key, id: true, priority: 3 },
  ];
  if (!ctx.io.stdoutIsTTY) {
    writeChunked(plan.tasks, (t) => columns.map((c) => String(c.value(t) ?? '')).join('\t'));
    ctx.out.info(`${plan.tasks.length} rows: ${what}`);
    return;
  }
  const where = `${relative(ctx.cwd, plan.manifest) || plan.manifest} (${meta.format})`;
  const lines = [
    `${style.bold('Plan')} for ${where}: ${meta.rows} rows${meta.shard ? ` in shard ${meta.shard} of ${meta.manifest_rows}` : ''}, all valid${meta.preflighted ? ' and pre-flighted' : ''}.`,
    `  ${what[0]!.toUpperCase()}${what.slice(1)}`,
    `  journal ${relative(ctx.cwd, plan.journalPath) || plan.journalPath} · ${plan.download ? `videos into ${relative(ctx.cwd, plan.outDir) || '.'}` : 'no downloads'} · concurrency ${plan.concurrency}`,
    '',
    renderTable(plan.tasks.slice(0, TABLE_ROWS), columns, { tty: true, width: ctx.io.columns, header: (s) => style.bold(s) }),
  ];
  if (plan.tasks.length > TABLE_ROWS) lines.push(style.dim(`… and ${plan.tasks.length - TABLE_ROWS} more rows (--json lists them all).`));
  ctx.out.data(lines.join('\n'));
}

function describeSteps(steps: Record<Step, number>): string {
  const words: Record<Step, string> = {
    render: 'to render',
    resubmit: 'to resubmit with the same key (no new render)',
    wait: 'rendering',
    download: 'to download',
    done: 'done',
    failed: 'failed earlier (--retry-failed renders them again)',
  };
  const parts = (Object.keys(steps) as Step[]).filter((s) => steps[s] > 0).map((s) => `${steps[s]} ${words[s]}`);
  return parts.join(', ') || 'nothing to do';
}

export function renderReport(report: BatchReport, style: Style, cwd: string, reportPath: string): string {
  const t = report.totals;
  const shard = report.shard ? ` (shard ${report.shard}; ${t.other_shards} row${t.other_shards === 1 ? '' : 's'} in other shards)` : '';
  const parts = [
    style.green(`${t.done} done`),
    t.failed ? style.red(`${t.failed} failed`) : '',
    t.download_failed ? style.red(`${t.download_failed} not downloaded`) : '',
    t.rendered ? `${t.rendered} rendered` : '',
  ].filter(Boolean);
  const lines = [`${t.rows} rows${shard}: ${parts.join(', ')}.`];
  for (const row of report.rows) {
    const error = row.error ?? row.download_error;
    if (!error) continue;
    const what = row.error ? 'failed' : 'not downloaded';
    lines.push(`  ${style.red('✗')} line ${row.line} (${row.label ?? row.row})${row.video_id ? ` ${row.video_id}` : ''} ${what}: ${error.code}: ${error.message}`);
  }
  if (t.failed) lines.push('  → Render the failed rows again: run the same command with --retry-failed.');
  if (t.download_failed) lines.push('  → Run the same command again to retry the downloads.');
  lines.push(style.dim(`Report: ${relative(cwd, reportPath) || reportPath} · journal: ${relative(cwd, report.journal) || report.journal}`));
  return lines.join('\n');
}
