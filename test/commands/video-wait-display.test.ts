// What `video wait` shows while it waits, on a clock the test moves: the spinner's elapsed time
// ticks every second between polls, several videos are counted by status, and without a
// terminal a heartbeat comes at most once a minute. No network: the display is fed directly.
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createContext, type GlobalOptions } from '../../src/ui/context.js';
import { startWaitDisplay, HEARTBEAT_MS } from '../../src/ui/spinner.js';
import type { PollSnapshot } from '../../src/core/poll/poller.js';

function stream(tty: boolean): PassThrough & { text(): string } {
  const s = new PassThrough() as PassThrough & { text(): string; isTTY?: boolean; columns?: number };
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(c));
  s.text = () => Buffer.concat(chunks).toString('utf8');
  const ok = (...args: unknown[]) => ((args.find((a) => typeof a === 'function') as (() => void) | undefined)?.(), true);
  if (tty) Object.assign(s, { isTTY: true, columns: 120, cursorTo: ok, moveCursor: ok, clearLine: ok });
  return s;
}

function display(opts: { tty: boolean; env?: Record<string, string>; globals?: GlobalOptions }) {
  const stderr = stream(opts.tty);
  const stdout = stream(opts.tty);
  const stdin = Object.assign(new PassThrough(), { isTTY: opts.tty });
  const ctx = createContext({
    streams: { stdin, stdout, stderr },
    env: opts.env ?? {},
    cwd: '/',
    globals: opts.globals,
    now: () => Date.now(),
  });
  return { ctx, stderr, stdout };
}

function snapshot(statuses: Record<string, string>, counts: Record<string, number>): PollSnapshot {
  return { byId: new Map(Object.entries(statuses)), counts, elapsedMs: 0 };
}

/** The text of every frame drawn, escape codes removed. */
const frames = (text: string) =>
  text
    .replace(/\x1b\[[\d;]*m/g, '')
    .replace(/\x1b\[[\d;?]*[A-Za-z]/g, '\n')
    .split(/[\r\n]+/)
    .filter(Boolean);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(1_800_000_000_000);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the wait display on a terminal', () => {
  it('ticks the elapsed time every second with no poll in between, then leaves one final line', async () => {
    const { ctx, stderr } = display({ tty: true });
    const shown = await startWaitDisplay(ctx, 'video vid_1');
    shown.video({ id: 'vid_1', status: 'processing' });
    await vi.advanceTimersByTimeAsync(3_500); // no further poll result arrives
    const drawn = frames(stderr.text());
    for (const second of ['0s', '1s', '2s', '3s']) expect(drawn.some((f) => f.endsWith(`Rendering vid_1 · ${second}`))).toBe(true);
    shown.stop({ ok: true, text: 'Video vid_1 is ready after 3s' });
    const after = stderr.text().length;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(stderr.text().length).toBe(after); // stopped: no more frames
    expect(frames(stderr.text()).at(-1)).toBe('✔ Video vid_1 is ready after 3s');
    expect(stderr.text()).toContain('\x1b[?25h'); // the cursor is back
  });

  it('counts several videos by status, the not-started variants as queued', async () => {
    const { ctx, stderr } = display({ tty: true });
    const shown = await startWaitDisplay(ctx, '3 videos');
    shown.snapshot(snapshot({ a: 'completed', b: 'processing', c: 'waiting' }, { completed: 1, processing: 1, queued: 1 }));
    await vi.advanceTimersByTimeAsync(1_100);
    expect(frames(stderr.text()).at(-1)).toMatch(/Waiting for 3 videos: 1 completed, 1 processing, 1 queued · 1s$/);
    shown.stop();
    expect(stderr.text()).not.toMatch(/✔|✖/);
  });

  it('draws nothing with --quiet', async () => {
    const { ctx, stderr, stdout } = display({ tty: true, globals: { quiet: true } });
    const shown = await startWaitDisplay(ctx, 'video vid_1');
    shown.video({ id: 'vid_1', status: 'processing' });
    await vi.advanceTimersByTimeAsync(2_000);
    shown.stop({ ok: true, text: 'done' });
    expect(stderr.text() + stdout.text()).toBe('');
  });
});

describe('the wait display without a terminal', () => {
  it.each([
    ['a pipe', { tty: false }],
    ['CI on a terminal', { tty: true, env: { CI: 'true' } }],
  ])('in %s: a line per change and a heartbeat at most once a minute', async (_, opts) => {
    const { ctx, stderr } = display(opts);
    const shown = await startWaitDisplay(ctx, 'video vid_1');
    shown.video({ id: 'vid_1', status: 'pending' });
    // Polls every 15 s for five minutes; the status changes once, at 40 s.
    for (let t = 15_000; t <= 300_000; t += 15_000) {
      await vi.advanceTimersByTimeAsync(15_000);
      shown.video({ id: 'vid_1', status: t < 40_000 ? 'pending' : 'processing' });
    }
    shown.stop({ ok: true, text: 'Video vid_1 is ready after 5m 00s' });
    const lines = stderr.text().trimEnd().split('\n');
    expect(stderr.text()).not.toContain('\x1b[');
    expect(lines[0]).toBe('[0s] Waiting for video vid_1');
    expect(lines).toContain('[0s] vid_1: queued');
    expect(lines).toContain('[45s] vid_1: processing');
    expect(lines.at(-1)).toBe('[5m 00s] ✔ Video vid_1 is ready after 5m 00s');
    const at = (line: string) => {
      const [, m, s] = /^\[(?:(\d+)m )?(\d+)s\]/.exec(line)!;
      return Number(m ?? 0) * 60 + Number(s);
    };
    const heartbeats = lines.filter((l) => l.includes('still processing'));
    expect(heartbeats.map(at)).toEqual([105, 165, 225, 285]);
    for (const beat of heartbeats) expect(at(beat) - at(lines[lines.indexOf(beat) - 1]!)).toBeGreaterThanOrEqual(HEARTBEAT_MS / 1000);
  });

  it('counts several videos by status on one line per change, and leaves the end to the final line', async () => {
    const { ctx, stderr } = display({ tty: false });
    const shown = await startWaitDisplay(ctx, '3 videos');
    shown.snapshot(snapshot({ a: 'queued', b: 'pending', c: 'processing' }, { queued: 2, processing: 1 }));
    shown.snapshot(snapshot({ a: 'queued', b: 'pending', c: 'processing' }, { queued: 2, processing: 1 }));
    await vi.advanceTimersByTimeAsync(5_000);
    shown.snapshot(snapshot({ a: 'completed', b: 'processing', c: 'rendering_hd' }, { completed: 1, processing: 1, rendering_hd: 1 }));
    shown.snapshot(snapshot({ a: 'completed', b: 'failed', c: 'completed' }, { completed: 2, failed: 1 }));
    shown.stop({ ok: false, text: '3 videos finished after 5s: 2 completed, 1 failed' });
    expect(stderr.text()).toBe(
      [
        '[0s] Waiting for 3 videos',
        '[0s] 3 videos: 1 processing, 2 queued',
        '[5s] 3 videos: 1 completed, 1 processing, 1 rendering_hd',
        '[5s] ✖ 3 videos finished after 5s: 2 completed, 1 failed',
        '',
      ].join('\n'),
    );
  });
});
