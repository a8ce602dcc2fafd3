// The manifest's translation columns on their own (issue 27: one create for N languages): every
// spelling of the columns, the cells read and refused exactly, the key and fingerprint of a row's
// translations (the same for the same request, another for any change).
import { describe, expect, it } from 'vitest';
import {
  checkRowLanguages,
  isTranslateColumn,
  rowTranslationEstimate,
  translateCells,
  translationFingerprint,
  translationKey,
  type RowTranslate,
} from '../../src/core/batch/translate-column.js';
import { estimateTranslation } from '../../src/core/translate/cost.js';

const FP = (n: number) => `sha256:${String(n).repeat(64)}`;

describe('the translation columns', () => {
  it('are named in any spelling the other columns accept, and only those two', () => {
    for (const name of ['translate_to', ' Translate To ', 'TRANSLATE-TO', 'translateTo', 'translate_mode', 'Translate Mode']) {
      expect(isTranslateColumn(name), name).toBe(true);
    }
    for (const name of ['translate', 'translate_too', 'to', 'mode', 'translated_to']) {
      expect(isTranslateColumn(name), name).toBe(false);
    }
  });

  it('read the languages between semicolons, trimmed, and the mode in any case (speed by default)', () => {
    const problems: Array<{ column: string; message: string }> = [];
    expect(
      translateCells({ 'Translate To': ' German (Germany) ;; French (France);  ', 'Translate Mode': ' PRECISION ' }, problems),
    ).toEqual({
      languages: ['German (Germany)', 'French (France)'],
      mode: 'precision',
    });
    expect(translateCells({ translate_to: 'German (Germany)', translate_mode: null }, problems)).toEqual({
      languages: ['German (Germany)'],
      mode: 'speed',
    });
    expect(translateCells({ translate_to: 'German (Germany)', translate_mode: 'Speed' }, problems)?.mode).toBe('speed');
    expect(translateCells({ translate_to: null }, problems)).toBeUndefined();
    expect(translateCells({ script: 'Hello' }, problems)).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('name the column as written in each problem', () => {
    const problems: Array<{ column: string; message: string }> = [];
    translateCells({ 'Translate To': 'German (Germany)', 'Translate Mode': 'fast' }, problems);
    expect(translateCells({ 'translate-mode': 'speed' }, problems)).toBeUndefined();
    translateCells({ translate_to: 'German; french ; GERMAN' }, problems);
    expect(problems).toEqual([
      { column: 'Translate Mode', message: 'must be speed or precision (got "fast")' },
      { column: 'translate-mode', message: 'needs translate_to (the languages, separated by ";")' },
      { column: 'translate_to', message: 'names "GERMAN" twice' },
    ]);
  });

  it('checks the languages against the API list, under the column name it is given', () => {
    const t: RowTranslate = { languages: ['xx'], mode: 'speed' };
    expect(checkRowLanguages(t, ['German (Germany)'])?.column).toBe('translate_to');
    expect(checkRowLanguages(t, ['German (Germany)'], 'Translate To')?.column).toBe('Translate To');
  });
});

describe("a row's translations", () => {
  const t = (languages: string[], mode: RowTranslate['mode'] = 'speed'): RowTranslate => ({ languages, mode });

  it('have one key for the same video, languages and mode, and another for any change', () => {
    const key = translationKey('batch-1', 'intro', FP(1), t(['German (Germany)', 'French (France)']));
    expect(key).toMatch(/^[A-Za-z0-9_-]{32}-t$/);
    expect(translationKey('batch-1', 'intro', FP(1), t(['German (Germany)', 'French (France)']))).toBe(key);
    for (const other of [
      translationKey('batch-2', 'intro', FP(1), t(['German (Germany)', 'French (France)'])),
      translationKey('batch-1', 'outro', FP(1), t(['German (Germany)', 'French (France)'])),
      translationKey('batch-1', 'intro', FP(2), t(['German (Germany)', 'French (France)'])),
      translationKey('batch-1', 'intro', FP(1), t(['German (Germany)'])),
      translationKey('batch-1', 'intro', FP(1), t(['German (Germany)', 'French (France)'], 'precision')),
    ]) {
      expect(other).not.toBe(key);
    }
  });

  it('have a fingerprint per language, the same each time', () => {
    const fp = translationFingerprint(FP(1), 'German (Germany)', 'speed');
    expect(fp).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(translationFingerprint(FP(1), 'German (Germany)', 'speed')).toBe(fp);
    expect(translationFingerprint(FP(1), 'French (France)', 'speed')).not.toBe(fp);
  });

  it('are estimated as source seconds × languages at the mode’s rate', () => {
    expect(rowTranslationEstimate(60, t(['a', 'b', 'c'], 'precision'))).toEqual(
      estimateTranslation({ sourceSeconds: 60, languages: 3, mode: 'precision', audioOnly: false }),
    );
    expect(rowTranslationEstimate(60, t(['a', 'b', 'c'], 'precision')).minutes).toBe(3);
  });
});
