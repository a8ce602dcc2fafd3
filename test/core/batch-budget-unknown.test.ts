// --max-minutes over rows of unknown length (core/batch/budget-unknown.ts): refused unless
// --assume-minutes says how long each counts; only queued rows count; the refusal lists at most
// ten rows and says how many more.
import { describe, expect, it } from 'vitest';
import { checkUnknownLengths } from '../../src/core/batch/budget-unknown.js';
import type { Task } from '../../src/core/batch/tasks.js';
import { UsageError } from '../../src/shared/errors.js';

const task = (line: number, seconds: number | null, extra: { phase?: string; label?: string } = {}): Task =>
  ({
    phase: extra.phase ?? 'queued',
    row: { line, key: `~key${line}`, label: extra.label, cost: { estimate: { seconds, basis: 'words' }, engine: 'avatar_v' } },
  }) as unknown as Task;

function refusal(tasks: Task[], limits: Parameters<typeof checkUnknownLengths>[1]): UsageError {
  try {
    checkUnknownLengths(tasks, limits);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('checkUnknownLengths', () => {
  it('lets through: no cap, or no queued row of unknown length', () => {
    expect(() => checkUnknownLengths([task(2, null)], {})).not.toThrow();
    expect(() => checkUnknownLengths([task(2, null)], { maxRenders: 1 })).not.toThrow();
    expect(() => checkUnknownLengths([task(2, 60), task(3, null, { phase: 'done' })], { maxMinutes: 1 })).not.toThrow();
    // A row with no cost at all is a row of unknown length too.
    const bare = { phase: 'queued', row: { line: 4, key: 'k4' } } as unknown as Task;
    expect(refusal([bare], { maxMinutes: 5 }).details).toMatchObject({ unknown_rows: [{ line: 4, row: 'k4' }] });
  });

  it('refuses a cap it cannot bound, naming one row, or ten and how many more', () => {
    const one = refusal([task(2, 60), task(3, null, { label: 'intro' })], { maxMinutes: 5 });
    expect(one.message).toBe(
      '--max-minutes 5 cannot bound this run: 1 row has no length twin can measure (audio by URL). Nothing was sent:\n  line 3 (intro)',
    );
    expect(one.code).toBe('budget_unbounded');
    expect(one.details).toEqual({ flag: '--max-minutes', max_minutes: 5, unknown_rows: [{ line: 3, row: 'intro' }] });
    expect(one.suggestion).toContain('--assume-minutes N');

    const many = Array.from({ length: 12 }, (_, i) => task(i + 2, null));
    const listed = refusal(many, { maxMinutes: 5 }).message.split('\n');
    expect(listed[0]).toBe(
      '--max-minutes 5 cannot bound this run: 12 rows have no length twin can measure (audio by URL). Nothing was sent:',
    );
    expect(listed.slice(1)).toEqual([...Array.from({ length: 10 }, (_, i) => `  line ${i + 2} (~key${i + 2})`), '  …and 2 more']);
    const ten = refusal(many.slice(0, 10), { maxMinutes: 5 }).message.split('\n');
    expect(ten).toHaveLength(11);
    expect(ten.at(-1)).toBe('  line 11 (~key11)');
  });

  it('with --assume-minutes: the known minutes plus N for each unknown row, against the cap (equal passes)', () => {
    const tasks = [task(2, 90), task(3, null), task(4, 600, { phase: 'done' })];
    // 1.5 known + 1 assumed = 2.5 minutes.
    expect(() => checkUnknownLengths(tasks, { maxMinutes: 2.5, assumeMinutes: 1 })).not.toThrow();
    const over = refusal(tasks, { maxMinutes: 2.4, assumeMinutes: 1 });
    expect(over.message).toBe(
      'This run would make about 2.5 minutes of video (estimate, counting 1 row of unknown length as 1 minute each); --max-minutes allows 2.4. Nothing was sent.',
    );
    expect(over.code).toBe('budget_exceeded');
    expect(over.details).toEqual({
      flag: '--max-minutes',
      minutes: 2.5,
      max_minutes: 2.4,
      assume_minutes: 1,
      unknown_rows: [{ line: 3, row: '~key3' }],
    });
    expect(over.suggestion).toBe('Raise --max-minutes, or render part first with --sample N.');
    const two = refusal([task(2, 7), task(3, null), task(5, null)], { maxMinutes: 1, assumeMinutes: 0.75 });
    // 7 s + 1.5 min = 1.6166…, said to a tenth.
    expect(two.message).toContain('about 1.6 minutes of video (estimate, counting 2 rows of unknown length as 0.75 minutes each)');
    expect(() => checkUnknownLengths([task(3, null)], { maxMinutes: 0, assumeMinutes: 0 })).not.toThrow();
    // A row with no cost at all counts as unknown, and adds nothing known.
    const bare = { phase: 'queued', row: { line: 4, key: 'k4' } } as unknown as Task;
    expect(refusal([bare, task(5, 60)], { maxMinutes: 1.5, assumeMinutes: 1 }).details).toMatchObject({
      minutes: 2,
      unknown_rows: [{ line: 4, row: 'k4' }],
    });
  });
});
