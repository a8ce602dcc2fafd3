// Progress of a batch run on stderr. On a terminal: two lines redrawn in place (at most every
// 200 ms) with done, rendering, queued, failed and an ETA, and finished rows printed above
// them; as the wait spinner does, this shows with --json too (stdout holds the document) but
// not with --quiet. In CI and pipes: one plain line per finished row and a summary every 30 s.
import { relative } from 'node:path';
import type { Context } from '../../ui/context-types.js';
import type { BatchEngine } from '../../core/batch/engine.js';
import type { BatchEvent } from '../../core/batch/engine-types.js';
import type { Task } from '../../core/batch/tasks.js';
import { formatElapsed } from '../../core/poll/poller.js';
import { clip } from '../../ui/table.js';

const REDRAW_MS = 200;
const SUMMARY_MS = 30_000;
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';

interface LiveView {
  onEvent: (event: BatchEvent) => void;
  attach: (engine: BatchEngine) => void;
  stop: () => void;
}

interface LiveViewOptions {
  concurrency: number;
  /** "shard 2/3 of 15 rows", said once at the start. */
  scope?: string;
}

export function createLiveView(ctx: Context, opts: LiveViewOptions): LiveView {
  const live = ctx.io.animate && ctx.out.mode !== 'quiet';
  const plain = !live && ctx.out.mode === 'human';
  const style = ctx.out.style;
  const stderr = ctx.io.stderr;
  let engine: BatchEngine | undefined;
  let drawn = 0;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  let finishedThisRun = 0;

  const name = (task: Task) => task.row.label ?? `line ${task.row.line}`;
  const erase = () => (drawn > 0 ? `\x1b[${drawn}A\r\x1b[J` : '');
  /** Read on every draw: the terminal may have been resized. */
  const columns = () => stderr.columns ?? ctx.io.columns;

  const statusLine = (): string => {
    if (!engine) return '';
    const c = engine.counts();
    const rendering = c.submitting + c.rendering;
    const parts = [
      `${c.done}/${engine.tasks.length} done`,
      `${rendering} rendering`,
      c.completed + c.downloading ? `${c.completed + c.downloading} downloading` : '',
      `${c.queued} queued`,
      c.failed ? `${c.failed} failed` : '',
      c.unknown ? `${c.unknown} unanswered` : '',
    ].filter(Boolean);
    // The ETA before the time spent: on a narrow terminal the end of the line is cut off.
    const eta = estimate();
    if (eta !== undefined) parts.push(`ETA ${formatElapsed(eta)}`);
    parts.push(`elapsed ${formatElapsed(ctx.now() - engine.startedAt)}`);
    return parts.join(' · ');
  };

  /**
   * Renders of one batch take about the same time, so once one has finished: the renders in
   * flight end when that time is up and the queued ones follow, `concurrency` at a time. Until
   * then (or for renders resumed from an earlier run) this run's pace, once it means something.
   */
  const estimate = (): number | undefined => {
    if (!engine) return undefined;
    const c = engine.counts();
    const remaining = engine.tasks.length - c.done - c.failed - c.unknown;
    if (remaining <= 0) return 0;
    const now = ctx.now();
    const render = engine.clock.estimateMs;
    if (render === undefined) {
      const elapsed = now - engine.startedAt;
      return finishedThisRun >= 3 && elapsed > 2000 ? (remaining * elapsed) / finishedThisRun : undefined;
    }
    let first = Infinity;
    let last = now;
    for (const task of engine.tasks) {
      if (task.phase !== 'rendering' || task.submittedAt === undefined) continue;
      const due = Math.max(now, task.submittedAt + render);
      first = Math.min(first, due);
      last = Math.max(last, due);
    }
    const rounds = Math.ceil((c.queued + c.submitting) / opts.concurrency);
    return rounds > 0 ? (first === Infinity ? now : first) - now + rounds * render : last - now;
  };

  /** The two live lines, each cut to the terminal's width: a wrapped line could not be redrawn in place. */
  const liveLines = (): string[] => {
    if (!engine) return [];
    const c = engine.counts();
    const total = engine.tasks.length || 1;
    const width = Math.max(10, Math.min(40, columns() - 20));
    const filled = Math.round((c.done / total) * width);
    const failed = Math.min(width - filled, Math.round((c.failed / total) * width));
    const bar = style.green('█'.repeat(filled)) + style.red('█'.repeat(failed)) + style.dim('░'.repeat(width - filled - failed));
    return [
      `${style.cyan(FRAMES[frame++ % FRAMES.length]!)} ${bar} ${Math.floor((c.done / total) * 100)}%`,
      clip(`  ${statusLine()}`, columns() - 1),
    ];
  };

  /** One write per frame (erase, then draw), so the terminal never shows a half-drawn frame. */
  const redraw = (above = '') => {
    const lines = liveLines();
    stderr.write(`${erase()}${above}${lines.map((l) => `${l}\n`).join('')}`);
    drawn = lines.length;
  };

  /** A line that stays: above the live lines on a terminal, on its own in CI. */
  const say = (line: string) => {
    if (live) redraw(`${line}\n`);
    else if (plain) stderr.write(`${line}\n`);
  };
  /** A finished row; in CI logs it carries the count, since nothing else shows progress. */
  const finished = (line: string) => {
    if (live || !engine) return say(line);
    const c = engine.counts();
    say(`[${c.done + c.failed + c.unknown}/${engine.tasks.length}] ${line}`);
  };

  return {
    attach(e) {
      engine = e;
      const c = e.counts();
      const already = c.done + c.failed;
      const scope = opts.scope ? ` (${opts.scope})` : '';
      if (live) stderr.write(HIDE_CURSOR);
      say(
        `Batch: ${e.tasks.length} rows${scope}${already ? `, ${already} finished in an earlier run` : ''}; up to ${opts.concurrency} renders at a time.`,
      );
      if (live) timer = setInterval(redraw, REDRAW_MS);
      else if (plain) timer = setInterval(() => say(`… ${statusLine()}`), SUMMARY_MS);
      timer?.unref();
    },
    onEvent(event) {
      switch (event.type) {
        case 'downloaded':
          finishedThisRun += 1;
          finished(`${style.green('✓')} ${name(event.task)} → ${relative(ctx.cwd, event.task.file ?? '') || event.task.file}`);
          break;
        case 'rendered':
          if (event.task.phase === 'done') {
            finishedThisRun += 1;
            finished(`${style.green('✓')} ${name(event.task)} rendered: ${event.task.videoId}`);
          }
          break;
        case 'failed':
          finishedThisRun += 1;
          finished(
            `${style.red('✗')} ${name(event.task)} failed${event.task.videoId ? ` (${event.task.videoId})` : ''}: ${event.task.error?.message ?? 'unknown error'}`,
          );
          break;
        case 'unknown':
          finishedThisRun += 1;
          finished(
            `${style.yellow('?')} ${name(event.task)}: the create got no answer (idempotency key ${event.task.key}); the next run sends the same key: ${event.task.error?.message ?? ''}`,
          );
          break;
        case 'download-failed':
          say(`${style.red('✗')} ${name(event.task)}: download failed: ${event.task.downloadError?.message ?? ''}`);
          break;
        case 'backoff':
          say(`${style.yellow('!')} waiting ${(event.delayMs / 1000).toFixed(1)}s before the next create: ${event.reason}`);
          break;
        default:
          break;
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      if (live) stderr.write(`${erase()}${SHOW_CURSOR}`);
      drawn = 0;
    },
  };
}
