// A download progress bar on stderr: bytes, speed and ETA, redrawn at most ten times a second
// on one line. Hand-written (one line of text does not need a dependency); nothing at all when
// stderr is not a terminal, in CI, or with --quiet.
import type { Context } from './context-types.js';
import { formatBytes } from '../core/download/downloader.js';
import { formatElapsed } from '../shared/elapsed.js';

interface ProgressBar {
  update(received: number, total: number | undefined): void;
  /** Replaces the bar with a final line. */
  done(text: string): void;
  /** Removes the bar (an error message follows). */
  stop(): void;
}

const REDRAW_MS = 100;
/** With no bytes for this long the bar is redrawn anyway, so the bytes and speed stay true. */
const IDLE_REDRAW_MS = 1_000;
const STALL_NOTICE_MS = 3_000;
const SPEED_WINDOW_MS = 3_000;
const CLEAR = '\r\x1b[K';
/** "100%  1023 MiB / 1023 MiB  1023 MiB/s  ETA 59m 59s" */
const FACTS_WIDTH = 51;

type ProgressContext = Pick<Context, 'io' | 'out' | 'now'>;

export function startProgress(ctx: ProgressContext, label: string): ProgressBar {
  if (!ctx.io.animate || ctx.out.mode === 'quiet') return { update() {}, done() {}, stop() {} };
  const { style } = ctx.out;
  const samples: Array<{ at: number; bytes: number }> = [];
  let lastDraw = 0;
  let lastByteAt = ctx.now();
  let drawn = false;

  const speed = (): number | undefined => {
    const first = samples[0];
    const last = samples[samples.length - 1];
    if (!first || !last || last.at - first.at < 250) return undefined;
    return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
  };

  const draw = (received: number, total: number | undefined) => {
    const rate = speed();
    const silentMs = ctx.now() - lastByteAt;
    const parts: string[] = [];
    if (total) parts.push(`${String(Math.floor((received / total) * 100)).padStart(3)}%`);
    parts.push(total ? `${formatBytes(received)} / ${formatBytes(total)}` : formatBytes(received));
    // A stalled connection says so (the downloader retries it after 30 s of silence).
    if (silentMs >= STALL_NOTICE_MS) parts.push(`no data for ${formatElapsed(silentMs)}`);
    else if (rate !== undefined) parts.push(`${formatBytes(rate)}/s`);
    if (rate && total && silentMs < STALL_NOTICE_MS) parts.push(`ETA ${formatElapsed(((total - received) / rate) * 1000)}`);
    const facts = parts.join('  ');
    // Widths are planned for the longest facts, so the bar does not jump when speed and ETA appear.
    const columns = Math.max(40, ctx.io.stderr.columns ?? ctx.io.columns);
    const name = fit(label, Math.max(10, Math.min(40, columns - FACTS_WIDTH - 14)));
    const width = Math.max(0, Math.min(40, columns - name.length - FACTS_WIDTH - 5));
    const bar = total && width >= 10 ? `${renderBar(received / total, width, style.cyan, style.dim)}  ` : '';
    // Never wider than the terminal: a wrapped line could not be redrawn in place.
    ctx.io.stderr.write(`${CLEAR}${name}  ${bar}${facts.slice(0, Math.max(0, columns - name.length - 3))}`);
    drawn = true;
  };

  let latest: { received: number; total: number | undefined } | undefined;
  const update = (received: number, total: number | undefined, force = false) => {
    const now = ctx.now();
    if (received !== latest?.received) lastByteAt = now;
    latest = { received, total };
    samples.push({ at: now, bytes: received });
    while (samples.length > 2 && now - samples[0]!.at > SPEED_WINDOW_MS) samples.shift();
    if (!force && now - lastDraw < REDRAW_MS && received !== total) return;
    lastDraw = now;
    draw(received, total);
  };
  // Also shows the last bytes of a burst that the redraw limit skipped.
  const idle = setInterval(() => {
    if (latest && ctx.now() - lastDraw >= IDLE_REDRAW_MS) update(latest.received, latest.total, true);
  }, IDLE_REDRAW_MS);
  idle.unref();
  const end = (text: string) => {
    clearInterval(idle);
    if (drawn || text) ctx.io.stderr.write(`${drawn ? CLEAR : ''}${text}`);
    drawn = false;
  };

  return {
    update: (received, total) => update(received, total),
    done: (text) => end(`${style.green('✔')} ${text}\n`),
    stop: () => end(''),
  };
}

function renderBar(fraction: number, width: number, fill: (s: string) => string, rest: (s: string) => string): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return fill('█'.repeat(filled)) + rest('░'.repeat(width - filled));
}

function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
