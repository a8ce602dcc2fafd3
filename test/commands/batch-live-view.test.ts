// The batch progress view alone, on a fake terminal: lines that fit a narrow window (a wrapped
// line cannot be redrawn in place), the cursor hidden while it draws and given back, nothing
// left behind, an ETA from the render time, and the same facts as plain lines in CI.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/ui/context.js';
import { createLiveView } from '../../src/commands/batch/live-view.js';
import type { BatchEngine } from '../../src/core/batch/engine.js';
import type { Phase, Task } from '../../src/core/batch/tasks.js';

const NOW = 1_000_000;

function terminal(columns: number, env: Record<string, string> = {}) {
  const stderr = new PassThrough() as PassThrough & { isTTY: boolean; columns: number };
  let text = '';
  stderr.on('data', (d: Buffer) => (text += d.toString('utf8')));
  stderr.isTTY = true;
  stderr.columns = columns;
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns });
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const ctx = createContext({ streams: { stdin, stdout, stderr }, env: { NO_COLOR: '1', ...env }, cwd: '/work', now: () => NOW });
  return { ctx, text: () => text };
}

function task(i: number, phase: Phase, extra: Partial<Task> = {}): Task {
  return {
    row: { line: i + 1, key: `row-${i}`, label: `a-rather-long-row-name-${i}`, baseKey: 'k', fingerprint: 'sha256:0', body: '{}' },
    attempt: 0,
    key: 'k',
    phase,
    ...extra,
  };
}

/** What the view reads from the engine: its tasks, their counts, start time and render estimate. */
function engine(tasks: Task[], estimateMs?: number): BatchEngine {
  return {
    tasks,
    startedAt: NOW - 30_000,
    clock: { estimateMs },
    counts() {
      const counts: Record<Phase, number> = {
        queued: 0,
        submitting: 0,
        rendering: 0,
        downloading: 0,
        completed: 0,
        done: 0,
        failed: 0,
        unknown: 0,
      };
      for (const t of tasks) counts[t.phase] += 1;
      return counts;
    },
  } as unknown as BatchEngine;
}

const plain = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

describe('batch live view', () => {
  it('fits every live line to a narrow terminal, hides the cursor while drawing and leaves nothing behind', () => {
    const { ctx, text } = terminal(40);
    // 10 rendering for 30 s of a 60 s render, 20 queued, 3 failed, 7 done: 10 at a time.
    const tasks = [
      ...Array.from({ length: 7 }, (_, i) => task(i, 'done')),
      ...Array.from({ length: 3 }, (_, i) => task(7 + i, 'failed', { error: { code: 'render_failed', message: 'x' } })),
      ...Array.from({ length: 10 }, (_, i) => task(10 + i, 'rendering', { submittedAt: NOW - 30_000, videoId: `v${i}` })),
      ...Array.from({ length: 20 }, (_, i) => task(20 + i, 'queued')),
    ];
    const view = createLiveView(ctx, { concurrency: 10, scope: 'shard 2/3 of 120 rows' });
    view.attach(engine(tasks, 60_000));
    view.onEvent({ type: 'downloaded', task: { ...tasks[0]!, file: '/work/out/a.mp4' } });
    view.stop();

    const out = text();
    expect(out.startsWith('\x1b[?25l')).toBe(true);
    expect(out.endsWith('\x1b[2A\r\x1b[J\x1b[?25h')).toBe(true); // the live lines erased, the cursor back
    expect(plain(out)).toContain('Batch: 40 rows (shard 2/3 of 120 rows), 10 finished in an earlier run; up to 10 renders at a time.');
    // Each frame is one write of "erase, then draw": the status line is cut to 39 columns.
    const status = plain(out)
      .split('\n')
      .filter((l) => l.startsWith('  7/40 done'));
    expect(status.length).toBeGreaterThan(0);
    for (const line of status) expect(line.length).toBeLessThanOrEqual(39);
    expect(status[0]).toMatch(/…$/);
  });

  it('estimates the time left from the render time: in-flight renders end, then the queue in rounds', () => {
    const { ctx, text } = terminal(200);
    const tasks = [
      ...Array.from({ length: 10 }, (_, i) => task(i, 'rendering', { submittedAt: NOW - 30_000, videoId: `v${i}` })),
      ...Array.from({ length: 20 }, (_, i) => task(10 + i, 'queued')),
    ];
    const view = createLiveView(ctx, { concurrency: 10 });
    view.attach(engine(tasks, 60_000));
    view.stop();
    // 30 s until the renders in flight end, then two rounds of 60 s.
    expect(plain(text())).toContain('0/30 done · 10 rendering · 20 queued · ETA 2m 30s · elapsed 30s');
  });

  it('in CI: plain lines with a running count, no escapes; nothing at all with --quiet', () => {
    const { ctx, text } = terminal(40, { CI: 'true' });
    const tasks = [task(0, 'rendering', { videoId: 'v0' }), task(1, 'rendering', { videoId: 'v1' })];
    const view = createLiveView(ctx, { concurrency: 10 });
    view.attach(engine(tasks));
    Object.assign(tasks[0]!, { phase: 'done', file: '/work/out/a.mp4' });
    view.onEvent({ type: 'downloaded', task: tasks[0]! });
    view.stop();
    expect(text()).toBe('Batch: 2 rows; up to 10 renders at a time.\n[1/2] ✓ a-rather-long-row-name-0 → out/a.mp4\n');

    const quiet = terminal(40);
    const silent = createLiveView({ ...quiet.ctx, out: { ...quiet.ctx.out, mode: 'quiet' } }, { concurrency: 10 });
    silent.attach(engine(tasks));
    silent.onEvent({ type: 'downloaded', task: tasks[0]! });
    silent.stop();
    expect(quiet.text()).toBe('');
  });
});
