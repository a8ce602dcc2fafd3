// What `batch run` prints on stdout: the plan of a --dry-run, and the result of a run.
import type { TranslationBudget } from '../../flows/batch-translate-run.js';
import { describeTranslationBudget } from './run-print.js';
import { relative } from 'node:path';
import type { Context } from '../../ui/context-types.js';
import type { Shard } from '../../core/batch/keys.js';
import { shardLabel } from '../../core/batch/keys.js';
import { describeProblem, type Prepared } from '../../core/batch/prepare.js';
import type { BatchReport } from '../../core/batch/report.js';
import type { Task } from '../../core/batch/tasks.js';
import { describeRename } from '../../core/batch/out-names.js';
import { lockSummary } from '../../core/batch/report.js';
import { rowsToRender, type Setup } from '../../core/batch/run-batch.js';
import type { Style } from '../../ui/style.js';
import { renderTable, type Column } from '../../ui/table.js';

interface PlanView {
  manifest: string;
  identity: string;
  shard?: Shard;
  prepared: Prepared;
  setup: Setup;
  /** undefined with --no-lock. */
  lockPath?: string;
  journalPath: string;
  outDir: string;
  concurrency: number;
  download: boolean;
  /** Renders and minutes this run would spend (see core/batch/budget-report.ts budgetJson). */
  budget?: Record<string, unknown>;
  /** The translations (translate_to) a real run would order after the renders, with their estimate. */
  translations?: TranslationBudget | null;
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
    ...(task.row.file ? { file: task.row.file } : {}),
    ...(task.lock ? { lock: task.lock } : {}),
    ...(task.note ? { note: task.note } : {}),
  };
}

/**
 * `--json`: the same text as `JSON.stringify({ ...meta, plan }, null, 2)`, written a chunk of
 * entries at a time, so 100,000 rows are never one document in memory (nor 100,000 objects).
 */
function writeJsonPlan(ctx: Context, meta: Record<string, unknown>, tasks: Task[]): void {
  const head = JSON.stringify({ ...meta, plan: [] }, null, 2);
  const empty = '[]\n}';
  if (tasks.length === 0 || !head.endsWith(empty)) {
    ctx.out.result({ ...meta, plan: tasks.map(planEntry) }, { human: () => '' });
    return;
  }
  ctx.out.data(`${head.slice(0, -empty.length)}[\n`);
  for (let i = 0; i < tasks.length; i += CHUNK) {
    const entries = tasks.slice(i, i + CHUNK).map((t) => `    ${JSON.stringify(planEntry(t), null, 2).replace(/\n/g, '\n    ')}`);
    const last = i + CHUNK >= tasks.length;
    ctx.out.data(`${entries.join(',\n')}${last ? '\n  ]\n}' : ',\n'}`);
  }
}

const LOCK_WORDS = { up_to_date: 'up to date', changed: 'changed', new: 'new', missing: 'missing on HeyGen' } as const;

export function printPlan(ctx: Context, view: PlanView): void {
  const plan = { ...view, tasks: view.setup.tasks };
  const steps: Record<Step, number> = { render: 0, resubmit: 0, wait: 0, download: 0, done: 0, failed: 0 };
  for (const task of plan.tasks) steps[stepFor(task)] += 1;
  const renders = rowsToRender(plan.tasks).length;
  const check = plan.setup.lockCheck;
  const lock = plan.lockPath && check ? { ...lockSummary(plan.lockPath, plan.tasks, check), verified: check.verified } : null;
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
    /** Creates a real run would send that start a new render (each costs credits). */
    renders,
    lock,
    renamed: plan.prepared.renames,
    files_in_the_way: plan.setup.foreign,
    ...(plan.budget ? { budget: plan.budget } : {}),
    ...(plan.translations !== undefined ? { translations: plan.translations } : {}),
  };
  if (ctx.out.mode === 'json') {
    writeJsonPlan(ctx, meta, plan.tasks);
    return;
  }
  const style = ctx.out.style;
  const what = `${describeSteps(steps)}; a real run would start ${renders} render${renders === 1 ? '' : 's'}. Nothing was sent (--dry-run).`;
  const notes = [
    ...(lock ? [describeLock(ctx, lock)] : []),
    ...(plan.translations ? [describeTranslationBudget(plan.translations)] : []),
    ...plan.prepared.renames.map((r) => `Note: ${describeRename(r)}.`),
    ...plan.setup.foreign.map(
      (f) => `A real run would stop: ${relative(ctx.cwd, f.path) || f.path} (line ${f.line}) is ${f.what} (--force replaces it).`,
    ),
    ...plan.tasks
      .filter((t) => t.note)
      .slice(0, TABLE_ROWS)
      .map((t) => `Note: line ${t.row.line} (${t.row.label ?? t.row.key}): ${t.note}.`),
  ];
  // A plan can have 100,000 rows: pipes get them as tab-separated lines in chunks, never one
  // giant string; a terminal gets the first rows and the counts.
  const writeChunked = (tasks: Task[], line: (t: Task) => string | undefined) => {
    for (let i = 0; i < tasks.length; i += CHUNK) {
      const text = tasks
        .slice(i, i + CHUNK)
        .map(line)
        .filter((l) => l !== undefined)
        .join('\n');
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
    ...(lock ? [{ header: 'lock', value: (t: Task) => (t.lock ? LOCK_WORDS[t.lock] : '') }] : []),
    { header: 'video', value: (t) => t.videoId, id: true, priority: 2 },
    { header: 'idempotency key', value: (t) => t.key, id: true, priority: 3 },
  ];
  if (!ctx.io.stdoutIsTTY) {
    writeChunked(plan.tasks, (t) => columns.map((c) => String(c.value(t) ?? '')).join('\t'));
    ctx.out.info(`${plan.tasks.length} rows: ${what}`);
    for (const note of notes) ctx.out.info(note);
    return;
  }
  const where = `${relative(ctx.cwd, plan.manifest) || plan.manifest} (${meta.format})`;
  const lines = [
    `${style.bold('Plan')} for ${where}: ${meta.rows} rows${meta.shard ? ` in shard ${meta.shard} of ${meta.manifest_rows}` : ''}, all valid${meta.preflighted ? ' and pre-flighted' : ''}.`,
    `  ${what[0]!.toUpperCase()}${what.slice(1)}`,
    `  journal ${relative(ctx.cwd, plan.journalPath) || plan.journalPath} · ${plan.download ? `videos into ${relative(ctx.cwd, plan.outDir) || '.'}` : 'no downloads'} · concurrency ${plan.concurrency}`,
    ...notes.map((n) => `  ${n}`),
    '',
    renderTable(plan.tasks.slice(0, TABLE_ROWS), columns, { tty: true, width: ctx.io.columns, header: (s) => style.bold(s) }),
  ];
  if (plan.tasks.length > TABLE_ROWS) lines.push(style.dim(`… and ${plan.tasks.length - TABLE_ROWS} more rows (--json lists them all).`));
  ctx.out.data(lines.join('\n'));
}

function describeLock(ctx: Context, lock: NonNullable<ReturnType<typeof lockSummary>> & { verified: boolean }): string {
  const counts = (Object.keys(LOCK_WORDS) as Array<keyof typeof LOCK_WORDS>)
    .filter((k) => lock.rows[k] > 0)
    .map((k) => `${lock.rows[k]} ${LOCK_WORDS[k]}`);
  if (lock.stale.length) counts.push(`${lock.stale.length} stale (not in the manifest; --prune deletes them)`);
  const where = relative(ctx.cwd, lock.file) || lock.file;
  return `Lock ${where}: ${counts.join(', ') || 'no rows'}${lock.verified || lock.rows.up_to_date === 0 ? '' : ' (not checked on HeyGen: no API key)'}.`;
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
    t.unknown ? style.yellow(`${t.unknown} without an answer`) : '',
    t.download_failed ? style.red(`${t.download_failed} not downloaded`) : '',
    t.rendered ? `${t.rendered} rendered` : '',
  ].filter(Boolean);
  const lines = [`${t.rows} rows${shard}: ${parts.join(', ')}.`];
  for (const row of report.rows) {
    const error = row.error ?? row.download_error;
    if (!error) continue;
    if (row.status === 'unknown') {
      lines.push(
        `  ${style.yellow('?')} line ${row.line} (${row.label ?? row.row}) create got no answer (idempotency key ${row.idempotency_key}): ${error.code}: ${error.message}`,
      );
      continue;
    }
    const what = row.error ? 'failed' : 'not downloaded';
    lines.push(
      `  ${style.red('✗')} line ${row.line} (${row.label ?? row.row})${row.video_id ? ` ${row.video_id}` : ''} ${what}: ${error.code}: ${error.message}`,
    );
  }
  for (const p of report.skipped ?? []) lines.push(`  ${style.yellow('–')} skipped (invalid) ${describeProblem(p)}`);
  if (report.skipped?.length) lines.push('  → Fix the skipped rows and run the same command again: the rows done are not rendered twice.');
  if (t.failed) lines.push('  → Render the failed rows again: run the same command with --retry-failed.');
  if (t.unknown)
    lines.push('  → Run the same command again: it re-sends the unanswered creates with the same keys, so nothing is charged twice.');
  if (t.download_failed) lines.push('  → Run the same command again to retry the downloads.');
  lines.push(style.dim(`Report: ${relative(cwd, reportPath) || reportPath} · journal: ${relative(cwd, report.journal) || report.journal}`));
  return lines.join('\n');
}
