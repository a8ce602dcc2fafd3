// The journal survives a torn last line; the poll clock predicts completions.
import { appendFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalWriter, readJournal, type JournalEntry } from '../../src/core/batch/journal.js';
import { PollClock } from '../../src/core/batch/poll-clock.js';
import { rejectionOf, tempDir, until } from '../helpers/harness.js';
import { TwinError, UsageError } from '../../src/shared/errors.js';

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

  it('reads line by line: blank lines are nothing, a line that is no entry is a bad line, only a torn last line is forgiven', async () => {
    const path = join(tempDir(), '.twin-journal.jsonl');
    const run = { type: 'run', version: 1, identity: 'id:x', manifest: '/m.csv', rows: 1, download: false, at: 'now' };
    const lines = [
      JSON.stringify(run), // 1
      '', // 2
      '   ', // 3
      JSON.stringify(entry('a', 'submitting')), // 4
      'null', // 5
      '5', // 6
      '{"row":"b","state":"failed"}', // 7: no base
      '{"row":"b","base":"x"}', // 8: no state
      '{"state":"failed","base":"x"}', // 9: no row
      '{"row":1,"state":"failed","base":"x"}', // 10
      '{"row":"b","state":1,"base":"x"}', // 11
      '{"row":"b","state":"failed","base":1}', // 12
      '{"type":"other"}', // 13
      '{cut', // 14: not JSON, not last
      JSON.stringify(entry('a', 'rendering')), // 15
      '', // 16: a blank last line does not make line 14 torn
    ];
    writeFileSync(path, lines.join('\n'));
    const read = await readJournal(path);
    expect(read.runs).toEqual([run]);
    expect([...read.rows.keys()]).toEqual(['a']);
    expect(read.rows.get('a')!.state).toBe('rendering');
    expect(read.badLines).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(read.torn).toBe(false);
  });

  it('reads a missing journal as empty and refuses one it cannot read (a folder), naming it', async () => {
    const dir = tempDir();
    expect(await readJournal(join(dir, 'none.jsonl'))).toEqual({ runs: [], rows: new Map(), torn: false, badLines: [] });
    mkdirSync(join(dir, 'folder.jsonl'));
    const error = await rejectionOf(readJournal(join(dir, 'folder.jsonl')), TwinError);
    expect(error.message).toBe(`cannot read ${join(dir, 'folder.jsonl')}: it is a folder`);
    expect(error).not.toBeInstanceOf(UsageError);
  });

  it('starts a fresh file without a blank line, and adds none to a file that ends in a newline', async () => {
    const path = join(tempDir(), '.twin-journal.jsonl');
    const first = JournalWriter.open(path);
    first.append(entry('a', 'submitting'));
    await first.close();
    const second = JournalWriter.open(path);
    second.append(entry('a', 'rendering'));
    await second.close();
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(entry('a', 'submitting'))}\n${JSON.stringify(entry('a', 'rendering'))}\n`);
  });

  it('syncs once per event-loop turn, counts it, and writes nothing after close (closing twice is fine)', async () => {
    const path = join(tempDir(), '.twin-journal.jsonl');
    const writer = JournalWriter.open(path);
    const started = performance.now();
    writer.append(entry('a', 'submitting'));
    writer.append(entry('b', 'submitting'));
    writer.append(entry('c', 'submitting'));
    await until(() => writer.stats.syncs === 1, 'the first sync');
    const firstTurn = performance.now() - started;
    expect(writer.stats.syncMs).toBeGreaterThan(0);
    expect(writer.stats.syncMs).toBeLessThanOrEqual(firstTurn);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(writer.stats.syncs).toBe(1);
    writer.append(entry('a', 'rendering'));
    await until(() => writer.stats.syncs === 2, 'the second turn’s sync');
    expect(writer.stats.writes).toBe(4);
    // A record appended just before close: written, and close does not sync a closed file.
    writer.append(entry('b', 'rendering'));
    await writer.close();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(writer.stats.syncs).toBe(2);
    writer.append(entry('c', 'rendering'));
    await writer.close();
    expect(writer.stats.writes).toBe(5);
    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(5);
  });

  it('says which run holds the journal (with its pid, or without one while it starts); other lock errors pass through', async () => {
    const dir = tempDir();
    const path = join(dir, '.twin-journal.jsonl');
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: process.ppid, host: hostname(), started: new Date().toISOString() }));
    let error: unknown;
    try {
      JournalWriter.open(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(`Another \`twin batch run\` (pid ${process.ppid}) is using the journal ${path}.`);
    expect((error as UsageError).suggestion).toBe('Wait for it to finish, or give this run its own --out or --journal.');
    expect((error as UsageError).details).toEqual({ flag: '--journal', file: path });
    writeFileSync(`${path}.lock`, ''); // just created by its owner, its pid not yet in it
    try {
      JournalWriter.open(path);
      expect.unreachable('the journal is held');
    } catch (caught) {
      expect((caught as UsageError).message).toBe(`Another \`twin batch run\` is using the journal ${path}.`);
    }
    // /sys refuses the lock file itself: that error, not "another run".
    let denied: unknown;
    try {
      JournalWriter.open('/sys/.twin-journal.jsonl');
    } catch (caught) {
      denied = caught;
    }
    expect(denied).toBeInstanceOf(TwinError);
    expect(denied).not.toBeInstanceOf(UsageError);
    expect((denied as TwinError).message).toContain('/sys/.twin-journal.jsonl.lock');
  });

  it('a journal that is a link is refused, and its lock is let go', () => {
    const dir = tempDir();
    const path = join(dir, '.twin-journal.jsonl');
    symlinkSync(join(dir, 'elsewhere'), path);
    expect(() => JournalWriter.open(path)).toThrow(TwinError);
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
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
