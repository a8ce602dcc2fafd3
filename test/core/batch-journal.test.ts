// The journal survives a torn last line; the poll clock predicts completions.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalWriter, readJournal, type JournalEntry } from '../../src/core/batch/journal.js';
import { PollClock } from '../../src/core/batch/poll-clock.js';
import { tempDir } from '../helpers/harness.js';

const entry = (row: string, state: JournalEntry['state'], extra: Partial<JournalEntry> = {}): JournalEntry => ({
  row,
  base: 'b',
  attempt: 0,
  key: `k-${row}`,
  state,
  at: new Date(0).toISOString(),
  ...extra,
});

describe('journal', () => {
  it('keeps the last state of each row and ignores a torn last line, then appends on a fresh line', async () => {
    const path = join(tempDir(), 'j', '.twin-journal.jsonl');
    const writer = JournalWriter.open(path);
    writer.append({ type: 'run', version: 1, identity: 'id:x', manifest: '/m.csv', rows: 2, download: true, at: 'now' });
    writer.append(entry('a', 'submitting'));
    writer.append(entry('a', 'rendering', { video_id: 'v1' }));
    writer.append(entry('b', 'submitting'));
    await writer.close();
    appendFileSync(path, '{"row":"b","state":"rend'); // the process died mid-write

    const read = await readJournal(path);
    expect(read.torn).toBe(true);
    expect(read.runs).toHaveLength(1);
    expect(read.rows.get('a')).toMatchObject({ state: 'rendering', video_id: 'v1' });
    expect(read.rows.get('b')!.state).toBe('submitting');

    const again = JournalWriter.open(path);
    again.append(entry('b', 'failed', { error: { code: 'x', message: 'y' } }));
    await again.close();
    expect(readFileSync(path, 'utf8')).toMatch(/"state":"rend\n\{"row":"b"/);
    const reread = await readJournal(path);
    expect(reread.torn).toBe(false);
    expect(reread.badLines).toHaveLength(1);
    expect(reread.rows.get('b')!.state).toBe('failed');
    expect(again.stats.writes).toBe(1);
  });

  it('lets one run at a time use a journal, and takes over the lock of a process that died', async () => {
    const path = join(tempDir(), '.twin-journal.jsonl');
    const owner = (pid: number) => JSON.stringify({ pid, host: hostname(), started: new Date().toISOString() });
    writeFileSync(`${path}.lock`, owner(process.ppid)); // a live process
    expect(() => JournalWriter.open(path)).toThrow(new RegExp(`pid ${process.ppid}`));
    writeFileSync(`${path}.lock`, owner(999999999)); // no such process
    const writer = JournalWriter.open(path);
    expect(JSON.parse(readFileSync(`${path}.lock`, 'utf8')).pid).toBe(process.pid);
    await writer.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('reads a missing journal as empty', async () => {
    const read = await readJournal(join(tempDir(), 'none.jsonl'));
    expect(read.rows.size).toBe(0);
  });
});

describe('poll clock', () => {
  it('backs off while nothing has finished, then polls when the next render is due', () => {
    const clock = new PollClock({ minMs: 100, maxMs: 10_000 });
    const inFlight = [{ submittedAt: 0 }, { submittedAt: 400 }];
    clock.polled(0);
    expect(clock.nextPollAt(0, inFlight)).toBe(100); // nothing known: the minimum
    clock.polled(5_000);
    expect(clock.nextPollAt(5_000, inFlight)).toBe(5_500); // a tenth of the oldest's age
    clock.observe(0, 2_000);
    clock.observe(400, 2_900);
    expect(clock.estimateMs).toBe(2_000);
    clock.polled(2_050);
    // The render submitted at 400 is due at 2,400: sooner than the regular 200 ms beat.
    expect(clock.nextPollAt(2_050, [{ submittedAt: 400 }, { submittedAt: 2_000 }])).toBe(2_250);
    clock.polled(2_300);
    expect(clock.nextPollAt(2_300, [{ submittedAt: 400 }])).toBe(2_400);
    // Resumed renders (no submit time) are polled on the regular beat.
    expect(clock.nextPollAt(2_300, [{}])).toBe(2_500);
  });
});
