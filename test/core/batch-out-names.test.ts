// Output file names decided by the plan (core/batch/out-names.ts): two rows never share a file,
// names compare as macOS and Windows compare them, and every rename names the row that had it.
import { describe, expect, it } from 'vitest';
import { describeRename, FileNames } from '../../src/core/batch/out-names.js';

describe('FileNames', () => {
  it('numbers a taken name, reserving each number it gives (three of a name: -2 then -3)', () => {
    const names = new FileNames();
    expect(names.claim('Welcome', 2, 'r1')).toBe('Welcome');
    expect(names.claim('Welcome', 3, 'r2')).toBe('Welcome-2');
    expect(names.claim('Welcome', 4, 'r3')).toBe('Welcome-3');
    expect(names.renames).toEqual([
      { line: 3, row: 'r2', wanted: 'Welcome', stem: 'Welcome-2', takenBy: { line: 2, row: 'r1' } },
      { line: 4, row: 'r3', wanted: 'Welcome', stem: 'Welcome-3', takenBy: { line: 2, row: 'r1' } },
    ]);
  });

  it('compares case-insensitively and after Unicode normalisation; a row’s own -2 is respected', () => {
    const names = new FileNames();
    expect(names.claim('intro-2', 2, 'a')).toBe('intro-2');
    expect(names.claim('Intro', 3, 'b')).toBe('Intro');
    // "intro" is taken (as "Intro"), and so is "intro-2": the next free number.
    expect(names.claim('INTRO', 4, 'c')).toBe('INTRO-3');
    expect(names.claim('Caf\u00e9', 5, 'd')).toBe('Caf\u00e9');
    expect(names.claim('cafe\u0301', 6, 'e')).toBe('cafe\u0301-2');
    // The later rows keep naming the row that first had the name, by its own line and id.
    expect(names.renames.map((r) => [r.line, r.stem, r.takenBy])).toEqual([
      [4, 'INTRO-3', { line: 3, row: 'b' }],
      [6, 'cafe\u0301-2', { line: 5, row: 'd' }],
    ]);
    // Compared one character at a time, as file systems do: "ß" is not "SS" (an upper-case
    // comparison would make it so), and the dotless "ı" is not "I".
    expect(names.claim('Straße', 8, 'g')).toBe('Straße');
    expect(names.claim('STRASSE', 9, 'h')).toBe('STRASSE');
    expect(names.claim('ı', 10, 'i')).toBe('ı');
    expect(names.claim('I', 11, 'j')).toBe('I');
    // A rename's own name is taken too.
    expect(names.claim('intro-3', 7, 'f')).toBe('intro-3-2');
  });

  it('a row with no name claims nothing (the video id names its file)', () => {
    const names = new FileNames();
    expect(names.claim('', 2, 'a')).toBe('');
    expect(names.claim('', 3, 'b')).toBe('');
    expect(names.claim('x', 4, 'c')).toBe('x');
    expect(names.claim('x', 5, 'd')).toBe('x-2');
    // Owners are counted from the rows that claimed a name: row c, not the nameless a or b.
    expect(names.renames[0]!.takenBy).toEqual({ line: 4, row: 'c' });
  });

  it('describes a rename with both rows', () => {
    expect(describeRename({ line: 4, row: 'r3', wanted: 'Welcome', stem: 'Welcome-3', takenBy: { line: 2, row: 'r1' } })).toBe(
      'line 4 (r3): the file name "Welcome" is taken by line 2 (r1); it is saved as "Welcome-3"',
    );
  });
});
