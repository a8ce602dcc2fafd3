// The batch's translation journal on its own (issue 27: the promise "one create for N languages"
// rests on it): where it lives, the last line of each row winning, a torn or foreign line ignored,
// and what is appended read back exactly.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appendTranslationJournal,
  readTranslationJournal,
  translationJournalPath,
  type TranslationJournalEntry,
} from '../../src/core/batch/translate-journal.js';
import { tempDir } from '../helpers/harness.js';

describe('the translation journal', () => {
  it('lives beside the batch journal', () => {
    expect(translationJournalPath('/out/videos.journal')).toBe('/out/videos.journal.translations');
  });

  it('reads nothing from a journal not written yet', () => {
    expect(readTranslationJournal(join(tempDir(), 'none.translations')).size).toBe(0);
  });

  it('keeps the last line of each row, skipping blank, foreign and torn lines', () => {
    const path = join(tempDir(), 'b.translations');
    const lines = [
      JSON.stringify({ row: 'intro', key: 'k1', state: 'submitting' }),
      '',
      '   ',
      JSON.stringify({ row: 'outro', key: 'k2', state: 'submitting' }),
      JSON.stringify({ row: 'intro', key: 'k1', state: 'created', ids: [{ language: 'German', id: 't1' }] }),
      JSON.stringify({ row: 7, key: 'k3', state: 'done' }),
      JSON.stringify({ row: 'outro', key: 9, state: 'done' }),
      '{"row":"outro","key":"k2","sta',
    ];
    writeFileSync(path, lines.join('\n'));
    const entries = readTranslationJournal(path);
    expect([...entries.keys()]).toEqual(['intro', 'outro']);
    expect(entries.get('intro')).toEqual({ row: 'intro', key: 'k1', state: 'created', ids: [{ language: 'German', id: 't1' }] });
    expect(entries.get('outro')?.state).toBe('submitting');
  });

  it('appends one JSON line per step, read back as written', () => {
    const path = join(tempDir(), 'b.translations');
    const first: TranslationJournalEntry = { row: 'intro', key: 'k1', state: 'submitting' };
    const done: TranslationJournalEntry = {
      row: 'intro',
      key: 'k1',
      state: 'done',
      ids: [{ language: 'German', id: 't1' }],
      files: [{ language: 'German', id: 't1', path: '/out/intro.de.mp4', bytes: 3, sha256: 'abc' }],
      failed: [],
    };
    appendTranslationJournal(path, first);
    appendTranslationJournal(path, done);
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(first)}\n${JSON.stringify(done)}\n`);
    expect(readTranslationJournal(path).get('intro')).toEqual(done);
  });
});
