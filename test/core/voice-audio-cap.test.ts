// The cap on a speech audio download (issue 27: the voice group's promise modules): 384 kB a
// second of the duration the API answered, half again, plus 1 MiB; a duration it did not give, or
// gave absurdly, counts as 15 minutes.
import { describe, expect, it } from 'vitest';
import { speechAudioMaxBytes } from '../../src/core/voice/audio-cap.js';

const MiB = 1024 * 1024;

describe('speechAudioMaxBytes', () => {
  it('is 384 kB a second, half again, plus 1 MiB, rounded up', () => {
    expect(speechAudioMaxBytes(10)).toBe(10 * 384_000 * 1.5 + MiB);
    expect(speechAudioMaxBytes(1e-7)).toBe(1 + MiB);
  });

  it('counts an unknown, absurd or overlong duration as 15 minutes', () => {
    const quarter = speechAudioMaxBytes(15 * 60);
    expect(quarter).toBe(900 * 384_000 * 1.5 + MiB);
    for (const d of [Number.NaN, Number.POSITIVE_INFINITY, 0, -1, 3600]) {
      expect(speechAudioMaxBytes(d), String(d)).toBe(quarter);
    }
    expect(speechAudioMaxBytes(899)).toBeLessThan(quarter);
  });
});
