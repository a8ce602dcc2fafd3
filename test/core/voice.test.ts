// The voice rules with no terminal: captions from word timestamps, the cost of exactly this audio,
// the clone status words, and the audition flow against the sandbox (real HTTP).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/index.js';
import { audioCost, describeRenderCosts } from '../../src/core/voice/cost.js';
import { clonePhase } from '../../src/core/voice/clone-status.js';
import { srtTime, wordsToCues, wordsToSrt } from '../../src/core/voice/srt.js';
import { audition } from '../../src/flows/audition.js';
import { mediaDurationSeconds } from '../../src/core/media/duration.js';
import { useSandbox } from '../helpers/sandbox.js';
import { tempDir } from '../helpers/harness.js';

const sandbox = useSandbox({ renderMs: 50 });
const w = (word: string, start: number, end: number) => ({ word, start, end });

describe('captions from word timestamps', () => {
  it('formats SubRip times', () => {
    expect(srtTime(0)).toBe('00:00:00,000');
    expect(srtTime(3.0715)).toBe('00:00:03,072');
    expect(srtTime(3725.5)).toBe('01:02:05,500');
  });

  it('breaks cues at a sentence end, a pause, and too many words', () => {
    const words = [w('Hi.', 0, 0.3), w('I', 0.4, 0.5), w('am', 0.6, 0.8), w('back', 1.8, 2.1)];
    expect(wordsToCues(words).map((c) => c.text)).toEqual(['Hi.', 'I am', 'back']);
    const many = Array.from({ length: 10 }, (_, i) => w(`w${i}`, i * 0.2, i * 0.2 + 0.15));
    expect(wordsToCues(many).map((c) => c.text.split(' ').length)).toEqual([8, 2]);
    expect(wordsToSrt([w('Hello', 0, 0.5), w('world.', 0.6, 1.2)])).toBe('1\n00:00:00,000 --> 00:00:01,200\nHello world.\n');
  });
});

describe('the cost of exactly this audio', () => {
  it('prices a minute at each engine’s published rate, and the speech at Starfish’s', () => {
    const c = audioCost(60);
    expect(c.renders).toEqual([
      { engine: 'avatar_iii', usd: 1, usd_4k: 1.2 },
      { engine: 'avatar_iv', usd: 4, usd_4k: 5 },
      { engine: 'avatar_v', usd: 4, usd_4k: 5 },
    ]);
    expect(c.speech_usd).toBe(0.04);
    expect(describeRenderCosts(c)).toBe('avatar_iii ≈ $1.00 · avatar_iv ≈ $4.00 · avatar_v ≈ $4.00');
  });
});

describe('clone status words', () => {
  it('reads complete, completed, and a named voice without status as done; failed as failed; else processing', () => {
    expect(clonePhase({ status: 'complete' })).toBe('complete');
    expect(clonePhase({ status: 'completed' } as never)).toBe('complete');
    expect(clonePhase({ status: null, name: 'Me' })).toBe('complete');
    expect(clonePhase({ status: 'failed', name: 'Me' })).toBe('failed');
    expect(clonePhase({ status: 'processing', name: 'Me' })).toBe('processing');
    expect(clonePhase({ status: null })).toBe('processing');
  });
});

describe('audition', () => {
  it('speaks the script in the look’s default voice, saves <stem>.mp3, and gives its exact duration and cost', async () => {
    const api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
    const dir = tempDir();
    const from = sandbox.received.length;
    const a = await audition({ script: 'Welcome to the quarterly update.', look: 'lk_alex_office', outDir: dir, stem: 'row-1' }, { api });
    await api.close();
    expect(a.path).toBe(join(dir, 'row-1.mp3'));
    expect(a.voice_id).toBe('v_en_m_01');
    expect(mediaDurationSeconds(a.path)).toBeCloseTo(a.duration, 2);
    expect(a.cost.seconds).toBe(a.duration);
    const posts = sandbox.received.slice(from).filter((q) => q.path === '/v3/voices/speech');
    expect(posts.map((q) => q.body)).toEqual([{ text: 'Welcome to the quarterly update.', voice_id: 'v_en_m_01' }]);
  });
});
