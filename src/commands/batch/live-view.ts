// Progress of a batch run on stderr. On a terminal: a few lines redrawn in place (at most
// every 200 ms) with done, rendering, queued, failed and an ETA, and finished rows printed
// above them. In CI and pipes: one plain line per finished row and a summary every 30 s.
import { relative } from 'node:path';
import type { Context } from '../../context.js';
import type { BatchEngine, BatchEvent } from '../../core/batch/engine.js';
import type { Task } from '../../core/batch/tasks.js';
import { formatElapsed } from '../../core/poller.js';

const REDRAW_MS = 200;
const SUMMARY_MS = 30_000;
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface LiveView {
  onEvent: (event: BatchEvent) => void;
  attach: (engine: BatchEngine) => void;
  stop: () => void;
}

export function createLiveView(ctx: Context, opts: { concurrency: number }): LiveView {
  const enabled = ctx.out.mode === 'human';
  const live = enabled && ctx.io.animate;
  const style = ctx.out.style;
  const stderr = ctx.io.stderr;
  let engine: BatchEngine | undefined;
  let drawn = 0;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  let finishedThisRun = 0;

  const name = (task: Task) => task.row.label ?? `line ${task.row.line}`;
  const clear = () => {
    if (drawn > 0) stderr.write(`\x1b[${drawn}A\r\x1b[J`);
    drawn = 0;
  };
  const statusLine = (): string => {
    if (!engine) return '';
    const c = engine.counts();
    const total = engine.tasks.length;
    const finished = c.done + c.failed;
    const rendering = c.submitting + c.rendering;
    const parts = [
      `${c.done}/${total} done`,
      `${rendering} rendering`,
      c.completed + c.downloading ? `${c.completed + c.downloading} downloading` : '',
      `${c.queued} queued`,
      c.failed ? `${c.failed} failed` : '',
    ].filter(Boolean);
    const eta = estimate(total - finished, rendering);
    return `${parts.join(' · ')} · ${formatElapsed(ctx.now() - engine.startedAt)}${eta !== undefined ? ` · ETA ${formatElapsed(eta)}` : ''}`;
  };
  /** From this run's pace, or from the render time and concurrency before anything finished. */
  const estimate = (remaining: number, rendering: number): number | undefined => {
    if (!engine || remaining <= 0) return remaining <= 0 ? 0 : undefined;
    const elapsed = ctx.now() - engine.startedAt;
    // This run's pace once it means something; before that, the render time and concurrency.
    if (finishedThisRun >= 3 && elapsed > 2000) return (remaining * elapsed) / finishedThisRun;
    const render = engine.clock.estimateMs;
    return render !== undefined ? Math.ceil(Math.max(remaining - rendering, 0) / opts.concurrency + 1) * render : undefined;
  };
  const draw = () => {
    if (!engine) return;
    const c = engine.counts();
    const total = engine.tasks.length || 1;
    const width = Math.max(10, Math.min(40, ctx.io.columns - 20));
    const filled = Math.round((c.done / total) * width);
    const failed = Math.min(width - filled, Math.round((c.failed / total) * width));
    const bar = style.green('█'.repeat(filled)) + style.red('█'.repeat(failed)) + style.dim('░'.repeat(width - filled - failed));
    const lines = [`${style.cyan(FRAMES[frame++ % FRAMES.length]!)} ${bar} ${Math.floor((c.done / total) * 100)}%`, `  ${statusLine()}`];
    clear();
    stderr.write(`${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  /** A line that stays: above the live lines on a terminal, on its own in CI. */
  const say = (line: string) => {
    if (!enabled) return;
    if (live) clear();
    stderr.write(`${line}\n`);
    if (live) draw();
  };
  /** A finished row; in CI logs it carries the count, since nothing else shows progress. */
  const finished = (line: string) => {
    if (live || !engine) return say(line);
    const c = engine.counts();
    say(`[${c.done + c.failed}/${engine.tasks.length}] ${line}`);
  };

  return {
    attach(e) {
      engine = e;
      const total = e.tasks.length;
      const c = e.counts();
      const already = c.done + c.failed;
      if (enabled) say(`Batch: ${total} rows${already ? ` (${already} finished in an earlier run)` : ''}, up to ${opts.concurrency} renders at a time.`);
      if (live) timer = setInterval(draw, REDRAW_MS);
      else if (enabled) timer = setInterval(() => say(`… ${statusLine()}`), SUMMARY_MS);
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
          finished(`${style.red('✗')} ${name(event.task)} failed${event.task.videoId ? ` (${event.task.videoId})` : ''}: ${event.task.error?.message ?? 'unknown error'}`);
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
      if (live) clear();
    },
  };
}
