// What a person sees while renders run. On a terminal: an ora spinner on stderr whose elapsed
// time ticks every second, between polls too. Without a terminal or in CI: one plain line per
// status change and a heartbeat at most once a minute (CI systems kill jobs that print nothing
// for a while, and a log of every poll would bury the rest). Silent with --quiet.
import { clearLine, cursorTo, moveCursor } from './cursor.js';
import type { WriteStream } from 'node:tty';
import type { Ora } from 'ora';
import type { Video } from '../api/index.js';
import type { Context } from './context-types.js';
import type { PollSnapshot } from '../core/poll/poller.js';
import { describeCounts, formatElapsed, isTerminalStatus, statusLabel, statusPhase } from '../core/poll/video-status.js';

interface WaitDisplay {
  /** A poll result for the one video being waited on. */
  video(video: Pick<Video, 'id' | 'status'>): void;
  /** A poll result for many videos. */
  snapshot(snapshot: PollSnapshot): void;
  /** Ends the display with a final line (✔ or ✖), or with nothing (an error follows). */
  stop(outcome?: { ok: boolean; text: string }): void;
}

export const HEARTBEAT_MS = 60_000;

type DisplayContext = Pick<Context, 'io' | 'out' | 'now'>;

/** What is being waited for, as the spinner names it: "Video x is ready", "Rendering x". */
interface Subject {
  name: string;
  /** The word for the work while it runs. */
  working: string;
  /** The word for the work once done. */
  done: string;
}
const VIDEO_SUBJECT: Subject = { name: 'Video', working: 'Rendering', done: 'ready' };
export const VOICE_CLONE_SUBJECT: Subject = { name: 'Voice clone', working: 'Cloning voice', done: 'ready' };
export const LOOK_SUBJECT: Subject = { name: 'Look', working: 'Training look', done: 'trained' };

/** `what` names the subject for the first line, e.g. "video vid_123" or "3 videos". */
export async function startWaitDisplay(ctx: DisplayContext, what: string, subject: Subject = VIDEO_SUBJECT): Promise<WaitDisplay> {
  const started = ctx.now();
  let summary = `Waiting for ${what}`;
  const elapsed = () => formatElapsed(ctx.now() - started);
  // An animation is for the person watching stderr, whatever stdout carries; plain lines go
  // into logs, where --json and --quiet promise nothing but the document (or the error).
  if (ctx.io.animate && ctx.out.mode !== 'quiet') {
    return animated(
      ctx,
      () => `${summary} ${ctx.out.style.dim(`· ${elapsed()}`)}`,
      (s) => (summary = s),
      subject,
    );
  }
  if (ctx.out.mode === 'human') return plain(ctx, elapsed, what);
  return { video() {}, snapshot() {}, stop() {} };
}

export function describeVideo(video: Pick<Video, 'id' | 'status'>, subject: Subject = VIDEO_SUBJECT): string {
  switch (statusPhase(video.status)) {
    case 'not_started':
      return `${subject.name} ${video.id} is queued; ${subject.working.toLowerCase()} has not started yet`;
    case 'rendering':
      return `${subject.working} ${video.id}`;
    case 'completed':
      return `${subject.name} ${video.id} is ${subject.done}`;
    case 'failed':
      return `${subject.name} ${video.id} failed`;
    default:
      return `${subject.name} ${video.id} is ${video.status}`;
  }
}

function describeSnapshot(snapshot: PollSnapshot): string {
  return `${snapshot.byId.size} videos: ${describeCounts(snapshot.counts)}`;
}

async function animated(ctx: DisplayContext, text: () => string, setSummary: (s: string) => void, subject: Subject): Promise<WaitDisplay> {
  const { default: ora } = await import('ora');
  const spinner: Ora = ora({
    text: text(),
    stream: withCursorControl(ctx.io.stderr),
    isEnabled: true,
    discardStdin: false, // keep Ctrl-C a plain SIGINT, handled by main.ts
    color: ctx.io.color ? 'cyan' : false,
  }).start();
  // The clock moves between polls, so redraw it once a second.
  const ticker = setInterval(() => (spinner.text = text()), 1000);
  ticker.unref();
  const update = (summary: string) => {
    setSummary(summary);
    spinner.text = text();
    spinner.render(); // show a new status at once, not at the next frame
  };
  return {
    video: (video) => update(describeVideo(video, subject)),
    snapshot: (snapshot) => update(`Waiting for ${describeSnapshot(snapshot)}`),
    stop(outcome) {
      clearInterval(ticker);
      if (!outcome) return void spinner.stop();
      const { style } = ctx.out;
      spinner.stopAndPersist({ symbol: outcome.ok ? style.green('✔') : style.red('✖'), text: outcome.text });
    },
  };
}

/**
 * ora moves the cursor through the tty.WriteStream methods. A stream that says it is a
 * terminal without having them (a wrapper, a test double) gets the same escape codes through
 * ./cursor.ts, which writes them to any stream.
 */
function withCursorControl(stream: NodeJS.WritableStream): NodeJS.WritableStream {
  const tty = stream as Partial<WriteStream>;
  if (typeof tty.cursorTo === 'function' && typeof tty.clearLine === 'function') return stream;
  const adapter = Object.create(stream) as WriteStream;
  adapter.cursorTo = ((x: number, y?: number) => cursorTo(stream, x, y)) as WriteStream['cursorTo'];
  adapter.clearLine = ((dir: -1 | 0 | 1, cb?: () => void) => clearLine(stream, dir, cb)) as WriteStream['clearLine'];
  adapter.moveCursor = ((dx: number, dy: number, cb?: () => void) => moveCursor(stream, dx, dy, cb)) as WriteStream['moveCursor'];
  return adapter;
}

function plain(ctx: DisplayContext, elapsed: () => string, what: string): WaitDisplay {
  let last = '';
  let lastLineAt = ctx.now();
  const line = (text: string) => {
    ctx.io.stderr.write(`[${elapsed()}] ${text}\n`);
    lastLineAt = ctx.now();
  };
  line(`Waiting for ${what}`);
  const update = (state: string, text: string, heartbeat: string) => {
    if (state !== last) {
      last = state;
      line(text);
    } else if (ctx.now() - lastLineAt >= HEARTBEAT_MS) {
      line(heartbeat);
    }
  };
  return {
    video(video) {
      if (['completed', 'failed'].includes(statusPhase(video.status))) return; // stop() says it
      const label = statusLabel(video.status);
      update(label, `${video.id}: ${label}`, `${video.id}: still ${label}`);
    },
    snapshot(snapshot) {
      if ([...snapshot.byId.values()].every(isTerminalStatus)) return; // stop() says it
      const counts = describeCounts(snapshot.counts);
      update(counts, `${snapshot.byId.size} videos: ${counts}`, `${snapshot.byId.size} videos: still ${counts}`);
    },
    stop(outcome) {
      if (outcome) line(`${outcome.ok ? '✔' : '✖'} ${outcome.text}`);
    },
  };
}
