// The caps on a translation's files and the plain-text rule for names (issue 27: the promise
// modules of the translate group): exact sizes, the fallbacks for a duration the API did not give
// or gave absurdly, and every kind of control character refused without echoing it raw.
import { describe, expect, it } from 'vitest';
import { translationFileMaxBytes } from '../../src/core/translate/file-cap.js';
import { assertPlainText } from '../../src/shared/plain-text.js';
import { UsageError } from '../../src/shared/errors.js';

const MiB = 1024 * 1024;
const FOUR_HOURS = 4 * 3600;

describe('translationFileMaxBytes', () => {
  it('caps captions at 64 MiB whatever the duration', () => {
    for (const kind of ['srt', 'vtt'] as const) {
      expect(translationFileMaxBytes(kind, 10)).toBe(64 * MiB);
      expect(translationFileMaxBytes(kind, null)).toBe(64 * MiB);
    }
  });

  it('gives video 12.5 MB and audio 384 kB a second, half again, plus 16 MiB', () => {
    expect(translationFileMaxBytes('video', 10)).toBe(10 * 12_500_000 * 1.5 + 16 * MiB);
    expect(translationFileMaxBytes('audio', 10)).toBe(10 * 384_000 * 1.5 + 16 * MiB);
    expect(translationFileMaxBytes('audio', 1e-7)).toBe(1 + 16 * MiB); // rounded up, never down to nothing
  });

  it('counts an unknown, absurd or overlong duration as four hours', () => {
    const fourHours = translationFileMaxBytes('video', FOUR_HOURS);
    expect(fourHours).toBe(FOUR_HOURS * 12_500_000 * 1.5 + 16 * MiB);
    for (const d of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, 0, -5, 5 * 3600]) {
      expect(translationFileMaxBytes('video', d), String(d)).toBe(fourHours);
    }
    expect(translationFileMaxBytes('video', FOUR_HOURS - 1)).toBeLessThan(fourHours);
  });
});

describe('assertPlainText', () => {
  it('lets one line of text through, accents and all', () => {
    expect(() => assertPlainText('Español (España) — «título»', '--title', 'title')).not.toThrow();
  });

  it('refuses every control character, naming the flag, and never echoes one raw (C1, DEL and line separators escaped too)', () => {
    const control = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
    for (const c of ['\u0000', '\n', '\t', '\u001b', '\u001f', '\u007f', '\u0085', '\u009b', '\u009f', '\u2028', '\u2029']) {
      let error: unknown;
      try {
        assertPlainText(`a${c}b`, '--to', 'language');
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(c)).toBeInstanceOf(UsageError);
      const code = c.charCodeAt(0);
      const escaped = code < 0x20 ? JSON.stringify(c).slice(1, -1) : `\\u${code.toString(16).padStart(4, '0')}`;
      expect((error as UsageError).message).toBe(
        `--to: the language "a${escaped}b" holds a control character (a line break, tab or escape); give it on one line.`,
      );
      expect((error as UsageError).message).not.toMatch(control);
      expect((error as UsageError).details).toMatchObject({ flag: '--to' });
    }
  });

  it('takes the characters just outside those ranges', () => {
    for (const c of [' ', '~', '\u00a0', '\u2027', '\u202a']) {
      expect(() => assertPlainText(`a${c}b`, '--to', 'language'), JSON.stringify(c)).not.toThrow();
    }
  });
});
