// Creates whose outcome is unknown (issue 10 item 2, batch side): a 200 that cannot be read
// after the video was made, or Ctrl-C while the create is in flight. The row keeps its
// Idempotency-Key in the journal (create_unknown); a re-run and --retry-failed send the same
// key, so HeyGen answers with the video it made and nothing renders twice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { tempDir, until, type RunOptions } from '../helpers/harness.js';
import { batchIn, expectVerified, quickSleep, readReport, writeCsv } from './batch.helpers.js';

const sandbox = useSandbox({ renderMs: 40, videoBytes: 2048, concurrencyLimit: 10 });
const batch = (dir: string, args: string[], opts: RunOptions = {}) => batchIn(sandbox, dir, args, { sleep: quickSleep, ...opts });

/** The journal's last line for each row. */
function journalStates(dir: string): Map<string, Record<string, unknown>> {
  const rows = new Map<string, Record<string, unknown>>();
  for (const line of readFileSync(join(dir, 'out', '.twin-journal.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as Record<string, unknown>;
    if (typeof entry.row === 'string') rows.set(entry.row, entry);
  }
  return rows;
}

describe('batch run: creates whose outcome is unknown', () => {
  it("a garbled 200 keeps the row's key; --retry-failed re-sends it and nothing renders twice", async () => {
    const dir = tempDir();
    writeCsv(dir, 3);
    sandbox.resetCounters();
    // Every attempt at the first row's create does the work, then answers a cut-off 200.
    sandbox.inject({ kind: 'garbled', route: 'POST /v3/videos', times: 9 });
    const first = await batch(dir, ['--concurrency', '1']);
    expect(first.code).toBe(1);
    expect(sandbox.pendingFaults()).toEqual([]);
    const report = readReport(dir);
    const unknown = report.rows.filter((r: { status: string }) => r.status === 'unknown');
    expect(unknown).toHaveLength(1);
    expect(report.totals).toMatchObject({ done: 2, unknown: 1, failed: 0 });
    expect(first.stderr).toContain(`its idempotency key ${unknown[0].idempotency_key} is kept`);
    expect(journalStates(dir).get(unknown[0].row)).toMatchObject({ state: 'create_unknown', key: unknown[0].idempotency_key });
    expect(sandbox.counters.rendered).toBe(3); // the garbled create did render

    const retry = await batch(dir, ['--retry-failed', '--json']);
    expect(retry.code, retry.stderr).toBe(0);
    expect(sandbox.counters.rendered).toBe(3); // replayed, not rendered again
    const again = JSON.parse(retry.stdout);
    const row = again.rows.find((r: { row: string }) => r.row === unknown[0].row);
    expect(row).toMatchObject({ status: 'done', attempt: 0, idempotency_key: unknown[0].idempotency_key });
    expectVerified(again, sandbox);
  });

  it('Ctrl-C while a create is in flight journals create_unknown with its key; the re-run replays it', async () => {
    const dir = tempDir();
    writeCsv(dir, 2);
    sandbox.resetCounters();
    sandbox.inject({ kind: 'slow', route: 'POST /v3/videos', ms: 600, times: 2 });
    const controller = new AbortController();
    const running = batch(dir, [], { signal: controller.signal });
    await until(() => (sandbox.counters.requests['POST /v3/videos'] ?? 0) >= 2, 'both creates to reach the sandbox');
    controller.abort();
    const stopped = await running;
    expect(stopped.code).toBe(130);
    const states = journalStates(dir);
    expect([...states.values()].map((e) => e.state)).toEqual(['create_unknown', 'create_unknown']);
    await until(() => sandbox.counters.rendered === 2, 'the held creates to finish on the server');

    const done = await batch(dir, []);
    expect(done.code, done.stderr).toBe(0);
    expect(sandbox.counters.rendered).toBe(2);
    const report = readReport(dir);
    for (const row of report.rows) expect(row.idempotency_key).toBe(states.get(row.row)!.key);
    expectVerified(report, sandbox);
  });
});
