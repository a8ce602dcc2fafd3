// twin say through a Context against the sandbox (run function called directly: it is wired into
// program.ts in phase B): the exact speech body, the audio saved and verified, the cost lines,
// captions, the refusal of a non-starfish voice with nothing sent, and one retry after a 500.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { tempDir } from '../helpers/harness.js';
import { mediaDurationSeconds } from '../../src/core/media/duration.js';
import { directRunner } from './voices.helpers.js';

const sandbox = useSandbox({ renderMs: 50 });
const say = () => import('../../src/commands/say/say.js');
const speechPosts = (from: number) => sandbox.received.slice(from).filter((q) => q.method === 'POST' && q.path === '/v3/voices/speech');

describe('twin say', () => {
  it('sends exactly the text, voice, speed and locale; saves a playable MP3 of the answered length; prints duration, words and cost', async () => {
    const cwd = tempDir();
    const twin = directRunner(sandbox, { cwd });
    const from = sandbox.received.length;
    const r = await twin(say, ['Hello there, this is my twin.'], { voice: 'v_en_f_01', speed: '0.9', locale: 'en-US', output: 'hi.mp3' });
    expect(r.code, r.stderr).toBe(0);
    const posts = speechPosts(from);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({ text: 'Hello there, this is my twin.', voice_id: 'v_en_f_01', speed: 0.9, locale: 'en-US' });
    expect(posts[0]!.headers['idempotency-key']).toBeUndefined();
    const file = join(cwd, 'hi.mp3');
    const seconds = mediaDurationSeconds(file);
    expect(seconds).not.toBeNull();
    const line = r.stdout.split('\n')[0]!;
    expect(line).toMatch(new RegExp(`hi\\.mp3  ${seconds!.toFixed(1)} s, 6 words, voice v_en_f_01`));
    // avatar_iv at $0.0667/s for exactly this audio.
    expect(r.stdout).toContain(`avatar_iv ≈ $${(Math.round(seconds! * 0.0667 * 100) / 100).toFixed(2)}`);
    expect(r.stdout).toContain('avatar_iii ≈ $');
  });

  it('--json adds the word timestamps and the per-engine estimate; --srt writes captions from them', async () => {
    const cwd = tempDir();
    const twin = directRunner(sandbox, { cwd });
    const r = await twin(
      say,
      ['First sentence here. And a second one.'],
      { voice: 'v_en_f_01', srt: 'talk.srt' },
      { globals: { json: true } },
    );
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.word_timestamps.map((w: { word: string }) => w.word)).toEqual(['First', 'sentence', 'here.', 'And', 'a', 'second', 'one.']);
    expect(doc.path).toBe(join(cwd, 'speech.mp3'));
    expect(doc.cost.renders.map((e: { engine: string }) => e.engine)).toEqual(['avatar_iii', 'avatar_iv', 'avatar_v']);
    expect(doc.cost.basis).toBe('published_rates');
    expect(doc.file_duration).toBeCloseTo(doc.duration, 2);
    const srt = readFileSync(join(cwd, 'talk.srt'), 'utf8');
    // A sentence end starts a new cue.
    expect(srt).toMatch(
      /^1\n00:00:00,000 --> 00:00:0\d,\d{3}\nFirst sentence here\.\n\n2\n00:00:0\d,\d{3} --> 00:00:0\d,\d{3}\nAnd a second one\.\n$/,
    );
  });

  it('takes the text from --script-file or stdin; the default voice is the look’s default voice', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'script.txt'), 'From a file.\n');
    const twin = directRunner(sandbox, { cwd });
    const from = sandbox.received.length;
    const a = await twin(say, [], { scriptFile: 'script.txt', look: 'lk_alex_office' });
    expect(a.code, a.stderr).toBe(0);
    const b = await twin(say, ['-'], { look: 'lk_alex_office', output: 'b.mp3' }, { stdin: 'From stdin.\n' });
    expect(b.code, b.stderr).toBe(0);
    expect(speechPosts(from).map((q) => q.body)).toEqual([
      { text: 'From a file.', voice_id: 'v_en_m_01' },
      { text: 'From stdin.', voice_id: 'v_en_m_01' },
    ]);
  });

  it('refuses a voice that is not starfish before sending anything, naming the command that lists usable voices', async () => {
    const cwd = tempDir();
    const twin = directRunner(sandbox, { cwd });
    const from = sandbox.received.length;
    const r = await twin(say, ['Hello'], { voice: 'v_en_f_02', output: 'x.mp3' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('only starfish voices can');
    expect(r.stderr).toContain('twin voices list --engine starfish');
    expect(speechPosts(from)).toHaveLength(0);
    expect(existsSync(join(cwd, 'x.mp3'))).toBe(false);
  });

  it('refuses a speed out of 0.5–2 and an existing -o without --force, with nothing sent', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'keep.mp3'), 'mine');
    const twin = directRunner(sandbox, { cwd });
    const from = sandbox.received.length;
    const slow = await twin(say, ['Hello'], { voice: 'v_en_f_01', speed: '0.3', output: 'new.mp3' });
    expect(slow.code).toBe(2);
    expect(slow.stderr).toContain('0.5 to 2');
    const exists = await twin(say, ['Hello'], { voice: 'v_en_f_01', output: 'keep.mp3' });
    expect(exists.code).toBe(2);
    expect(exists.stderr).toContain('already exists');
    expect(readFileSync(join(cwd, 'keep.mp3'), 'utf8')).toBe('mine');
    expect(speechPosts(from)).toHaveLength(0);
  });

  it('asks once more after a 500 and says so (no Idempotency-Key: it may bill twice)', async () => {
    const twin = directRunner(sandbox);
    const from = sandbox.received.length;
    sandbox.inject({ kind: '500', route: 'POST /v3/voices/speech' });
    const r = await twin(say, ['Hello again'], { voice: 'v_en_f_01' });
    expect(r.code, r.stderr).toBe(0);
    expect(speechPosts(from)).toHaveLength(2);
    expect(r.stderr).toContain('asking once more');
    expect(sandbox.pendingFaults()).toEqual([]);
  });
});
