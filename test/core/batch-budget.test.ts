// The estimate (script at a speaking rate, audio by its file's length), the sample choice, and
// the --max-renders guard around real creates against the sandbox.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guardCreates, RenderLimitReached } from '../../src/core/batch/budget.js';
import { estimateRow, speechSeconds, totalEstimate } from '../../src/core/batch/estimate.js';
import { chooseSample } from '../../src/core/batch/sample.js';
import type { PlannedRow } from '../../src/core/batch/plan-types.js';
import { mediaDurationSeconds } from '../../src/core/media/duration.js';
import { tempDir } from '../helpers/harness.js';
import { silentWav } from '../helpers/wav.js';
import { useSandboxClient, videoBody } from '../api/helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../src/sandbox/fixtures/${name}`, import.meta.url));

describe('estimate', () => {
  it('reads a script at 150 words a minute, slower or faster with the voice speed, plus SSML breaks', () => {
    const words = Array.from({ length: 150 }, (_, i) => `word${i}`).join(' ');
    expect(speechSeconds(words)).toBe(60);
    expect(speechSeconds(words, 1.5)).toBe(40);
    expect(speechSeconds(words, 0.5)).toBe(120);
    expect(speechSeconds(`${words} <break time="1.5s"/> <break time='500ms'/>`)).toBe(62);
    expect(speechSeconds("It's a well-known e.g. case, isn't it?")).toBeCloseTo((7 / 150) * 60); // 7 words: contractions and hyphens are one word
  });

  it('counts Chinese and Japanese by characters', () => {
    expect(speechSeconds('你'.repeat(250))).toBe(60);
    expect(speechSeconds(`${'こ'.repeat(125)} and ${'x '.repeat(74)}`)).toBeCloseTo(30 + 30);
  });

  it('uses the audio length when there is no script, and says when it cannot tell', () => {
    expect(estimateRow({ script: 'one two three' })).toEqual({ seconds: 1.2, basis: 'script' });
    expect(estimateRow({ script: null }, 12.34)).toEqual({ seconds: 12.3, basis: 'audio_file' });
    expect(estimateRow({ script: null })).toEqual({ seconds: null, basis: 'unknown' });
    expect(
      totalEstimate([
        { seconds: 90, basis: 'script' },
        { seconds: null, basis: 'unknown' },
        { seconds: 30, basis: 'audio_file' },
      ]),
    ).toEqual({ seconds: 120, minutes: 2, unknown: 1 });
  });

  it('reads the length of MP4, MP3 and WAV files from their headers', () => {
    expect(mediaDurationSeconds(fixture('twin.mp4'))).toBeCloseTo(3, 1);
    const mp3 = mediaDurationSeconds(fixture('voice-preview.mp3'));
    expect(mp3).toBeGreaterThan(0.1);
    expect(mp3).toBeLessThan(5);
    const dir = tempDir();
    writeFileSync(join(dir, 'a.wav'), silentWav(2.5));
    expect(mediaDurationSeconds(join(dir, 'a.wav'))).toBe(2.5);
    writeFileSync(join(dir, 'notes.txt'), 'not audio');
    expect(mediaDurationSeconds(join(dir, 'notes.txt'))).toBeNull();
    expect(mediaDurationSeconds(join(dir, 'missing.wav'))).toBeNull();
  });
});

describe('sample', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ line: i + 2, key: `r${i + 1}` }) as PlannedRow);

  it('spreads N rows over the manifest, the same ones every time, whatever the input order', () => {
    expect([...chooseSample(rows(10), 3)]).toEqual(['r2', 'r6', 'r9']);
    expect([...chooseSample(rows(10).reverse(), 3)]).toEqual(['r2', 'r6', 'r9']);
    expect([...chooseSample(rows(100), 4)]).toEqual(['r13', 'r38', 'r63', 'r88']);
    expect(chooseSample(rows(3), 5).size).toBe(3);
  });
});

describe('--max-renders guard, against the sandbox', () => {
  const env = useSandboxClient({ renderMs: 50 });

  it('lets N creates through and refuses the next without a request', async () => {
    const api = guardCreates(env.t.client, 2);
    await api.createVideo(videoBody({ script: 'one' }), { idempotencyKey: 'guard-1' });
    await api.createVideo(videoBody({ script: 'two' }), { idempotencyKey: 'guard-2' });
    await expect(api.createVideo(videoBody({ script: 'three' }), { idempotencyKey: 'guard-3' })).rejects.toBeInstanceOf(RenderLimitReached);
    expect(env.sandbox.counters.rendered).toBe(2);
    expect(env.sandbox.counters.requests['POST /v3/videos']).toBe(2);
    expect(api.creates()).toBe(2);
  });

  it('gives the place of a create that failed back, so a retry of it is counted once', async () => {
    const api = guardCreates(env.t.client, 1);
    await expect(api.createVideo(videoBody({ avatar_id: 'lk_no_such_look' }), { idempotencyKey: 'guard-bad' })).rejects.toThrow(
      /avatar_id/,
    );
    expect(api.creates()).toBe(0);
    await api.createVideo(videoBody({ script: 'after a failure' }), { idempotencyKey: 'guard-ok' });
    expect(env.sandbox.counters.rendered).toBe(1);
    await expect(api.createVideo(videoBody({ script: 'one too many' }), { idempotencyKey: 'guard-4' })).rejects.toBeInstanceOf(
      RenderLimitReached,
    );
  });

  it('keeps counting while creates are in flight at the same time', async () => {
    const api = guardCreates(env.t.client, 3);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => api.createVideo(videoBody({ script: `parallel ${i}` }), { idempotencyKey: `guard-par-${i}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof RenderLimitReached)).toHaveLength(3);
    expect(env.sandbox.counters.rendered).toBe(3);
  });
});
