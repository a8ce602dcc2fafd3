// voices clone / wait / delete / search through a Context against the sandbox (run functions
// called directly until phase B wires them): the recording uploaded once, the exact clone body,
// --wait to `complete` and its failure (exit 5), the duplicate guard after a lost answer, deletes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { cannedPrompt, runTwin, tempDir } from '../helpers/harness.js';
import { silentWav } from '../helpers/wav.js';
import { directRunner } from './voices.helpers.js';

const sandbox = useSandbox({ renderMs: 50, cloneMs: 150 });
const clone = () => import('../../src/commands/voices/clone.js');
const wait = () => import('../../src/commands/voices/wait.js');
const del = () => import('../../src/commands/voices/delete.js');
const search = () => import('../../src/commands/voices/search.js');
const since = (from: number) => sandbox.received.slice(from);
const clonePosts = (from: number) => since(from).filter((q) => q.method === 'POST' && q.path === '/v3/voices/clone');

function recording(seconds = 12, name = 'me.wav'): string {
  const cwd = tempDir();
  // Each test its own bytes (the sample rate varies), so caches never mix between tests.
  writeFileSync(join(cwd, name), silentWav(seconds, 8000 + Math.floor(Math.random() * 1000)));
  return cwd;
}

describe('twin voices clone', () => {
  it('uploads the recording once, sends exactly {audio: asset_id, voice_name, language}, waits for complete, prints the config command', async () => {
    const cwd = recording();
    const twin = directRunner(sandbox, { cwd });
    const from = sandbox.received.length;
    const r = await twin(clone, ['me.wav'], { name: 'Alex (test 1)', language: 'en', wait: true }, { globals: { json: true } });
    expect(r.code, r.stderr).toBe(0);
    const uploads = since(from).filter((q) => q.method === 'POST' && q.path === '/v3/assets');
    expect(uploads).toHaveLength(1);
    const posts = clonePosts(from);
    expect(posts).toHaveLength(1);
    const doc = JSON.parse(r.stdout);
    expect(posts[0]!.body).toEqual({
      audio: { type: 'asset_id', asset_id: expect.stringMatching(/^asset_/) },
      voice_name: 'Alex (test 1)',
      language: 'en',
    });
    expect(posts[0]!.headers['idempotency-key']).toBeUndefined();
    expect(doc).toMatchObject({
      origin: 'new',
      status: 'complete',
      voice_id: doc.voice_clone_id,
      set_default: `twin config set voice ${doc.voice_clone_id}`,
    });
    const polls = since(from).filter((q) => q.method === 'GET' && q.path === `/v3/voices/${doc.voice_clone_id}`);
    expect(polls.length).toBeGreaterThanOrEqual(1);
    // Run again (a CI retry): the finished voice is found, nothing is uploaded or cloned again.
    const again = await twin(clone, ['me.wav'], { name: 'Alex (test 1)', language: 'en', wait: true }, { globals: { json: true } });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ origin: 'same_file', voice_id: doc.voice_clone_id, status: 'complete' });
    expect(clonePosts(from)).toHaveLength(1);
  });

  it('--keep-noise sends remove_background_noise: false; without --wait it prints the wait command', async () => {
    const cwd = recording();
    const twin = directRunner(sandbox, { cwd });
    const from = sandbox.received.length;
    const r = await twin(clone, ['me.wav'], { name: 'Noisy (test 2)', keepNoise: true });
    expect(r.code, r.stderr).toBe(0);
    expect(clonePosts(from)[0]!.body).toMatchObject({ voice_name: 'Noisy (test 2)', remove_background_noise: false });
    expect(r.stdout).toMatch(/Wait for it: twin voices wait vc_/);
    expect(r.stdout).toMatch(/twin config set voice vc_/);
  });

  it('a failed clone exits 5 with the API’s reason', async () => {
    const cwd = recording();
    const twin = directRunner(sandbox, { cwd });
    sandbox.inject({ kind: 'fail-clone', failureMessage: 'too much background noise' });
    const r = await twin(clone, ['me.wav'], { name: 'Fails (test 3)', wait: true });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('too much background noise');
  });

  it('a lost answer: the clone is found by its name, not made twice; a re-run of the same file finds it too', async () => {
    const cwd = recording();
    const twin = directRunner(sandbox, { cwd });
    const from = sandbox.received.length;
    sandbox.inject({ kind: 'drop-after', route: 'POST /v3/voices/clone' });
    const r = await twin(clone, ['me.wav'], { name: 'Lost (test 4)' }, { globals: { json: true } });
    expect(r.code, r.stderr).toBe(0);
    expect(clonePosts(from)).toHaveLength(1); // never repeated blindly
    const first = JSON.parse(r.stdout);
    expect(first.origin).toBe('lost_answer');
    expect(r.stderr).toContain('No second voice was made');
    // The same file again, even under another name: the local SHA-256 → voice store answers.
    const again = await twin(clone, ['me.wav'], { name: 'Lost again (test 4)' }, { globals: { json: true } });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ origin: 'same_file', voice_clone_id: first.voice_clone_id });
    expect(clonePosts(from)).toHaveLength(1);
    const res = await fetch(`${sandbox.url}/v3/voices?type=private&limit=100`, { headers: { 'x-api-key': sandbox.apiKey } });
    const mine = (await res.json()) as { data: Array<{ name: string }> };
    expect(mine.data.filter((v: { name: string }) => v.name.startsWith('Lost')).length).toBe(1);
  });

  it('a voice of the same name is reported instead of a second clone', async () => {
    const twin = directRunner(sandbox, { cwd: recording() });
    const from = sandbox.received.length;
    const r = await twin(clone, ['me.wav'], { name: 'Alex (my voice)' }, { globals: { json: true } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ origin: 'same_name', voice_id: 'v_clone_alex' });
    expect(clonePosts(from)).toHaveLength(0);
  });

  it('checks the recording before anything is sent: too short, not audio', async () => {
    const cwd = recording(3, 'short.wav');
    writeFileSync(join(cwd, 'notes.txt'), 'hello');
    const twin = directRunner(sandbox, { cwd });
    const from = sandbox.received.length;
    const short = await twin(clone, ['short.wav'], { name: 'Short' });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 10 s');
    const text = await twin(clone, ['notes.txt'], { name: 'Text' });
    expect(text.code).toBe(2);
    expect(since(from)).toHaveLength(0);
  });
});

describe('twin voices wait, delete, search', () => {
  it('wait follows a clone to complete; a slow clone times out with exit 4 and the resume command', async () => {
    const twin = directRunner(sandbox, { cwd: recording() });
    const made = JSON.parse((await twin(clone, ['me.wav'], { name: 'Waited (test 7)' }, { globals: { json: true } })).stdout);
    const ok = await twin(wait, [made.voice_clone_id], {}, { globals: { json: true } });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ voice_id: made.voice_clone_id, status: 'complete' });
    sandbox.inject({ kind: 'slow-clone', ms: 60_000 });
    const slow = JSON.parse(
      (await directRunner(sandbox, { cwd: recording() })(clone, ['me.wav'], { name: 'Slow (test 7)' }, { globals: { json: true } })).stdout,
    );
    const late = await twin(wait, [slow.voice_clone_id], { timeout: '300ms' });
    expect(late.code).toBe(4);
    expect(late.stderr).toContain(`twin voices wait ${slow.voice_clone_id}`);
  });

  it('the spinner of a clone wait speaks of the voice, not of a render', async () => {
    const twin = directRunner(sandbox, { cwd: recording() });
    const made = JSON.parse((await twin(clone, ['me.wav'], { name: 'Spun (test 7b)' }, { globals: { json: true } })).stdout);
    const r = await runTwin(['voices', 'wait', made.voice_clone_id], { sandbox, tty: true, env: { NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Cloning voice|Voice clone .* is queued|Voice .* is ready/);
    expect(r.stderr).not.toMatch(/Rendering|Video /);
  });

  it('delete asks, deletes with --yes, counts a 404 after a lost answer as done, refuses a public voice', async () => {
    const twin = directRunner(sandbox, { cwd: recording() });
    const made = JSON.parse((await twin(clone, ['me.wav'], { name: 'Deleted (test 8)' }, { globals: { json: true } })).stdout);
    const no = await twin(del, [made.voice_clone_id], {}, { tty: true, prompt: cannedPrompt([{ match: /Delete voice/, answer: false }]) });
    expect(no.code, no.stderr).toBe(0);
    expect(no.stderr).toContain('nothing was deleted');
    sandbox.inject({ kind: 'drop-after', route: 'DELETE /v3/voices/:id' });
    const yes = await twin(del, [made.voice_clone_id], { yes: true }, { globals: { json: true } });
    expect(yes.code, yes.stderr).toBe(0);
    expect(JSON.parse(yes.stdout)).toEqual({ voice_id: made.voice_clone_id, deleted: true, already_deleted: true });
    const from = sandbox.received.length;
    const pub = await twin(del, ['v_en_f_01'], { yes: true });
    expect(pub.code).toBe(2);
    expect(since(from).filter((q) => q.method === 'DELETE')).toHaveLength(0);
    const unknown = await twin(del, ['v_never'], { yes: true });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('not found');
  });

  it('search sends prompt, gender, locale and seed and lists up to three voices, the same for the same seed', async () => {
    const twin = directRunner(sandbox);
    const from = sandbox.received.length;
    const a = await twin(search, ['calm narrator'], { gender: 'female', locale: 'en-US', seed: '0' }, { globals: { json: true } });
    const b = await twin(search, ['calm narrator'], { gender: 'female', locale: 'en-US', seed: '0' }, { globals: { json: true } });
    expect(a.code, a.stderr).toBe(0);
    const posts = since(from).filter((q) => q.method === 'POST' && q.path === '/v3/voices');
    expect(posts[0]!.body).toEqual({ prompt: 'calm narrator', gender: 'female', locale: 'en-US', seed: 0 });
    const doc = JSON.parse(a.stdout);
    expect(doc.voices.length).toBeGreaterThan(0);
    expect(doc.voices.length).toBeLessThanOrEqual(3);
    expect(JSON.parse(b.stdout)).toEqual(doc);
  });
});

describe('the voices verbs through the command line (registered in voices/register.ts)', () => {
  it('voices list --engine starfish sends engine=starfish; voices clone --keep-noise --wait maps its flags', async () => {
    const { runTwin } = await import('../helpers/harness.js');
    const from = sandbox.received.length;
    const list = await runTwin(['voices', 'list', '--engine', 'starfish', '--json'], { sandbox });
    expect(list.code, list.stderr).toBe(0);
    const listReq = since(from).find((q) => q.method === 'GET' && q.path === '/v3/voices');
    expect(listReq?.query).toMatchObject({ engine: 'starfish' });
    const cwd = recording();
    const r = await runTwin(['voices', 'clone', 'me.wav', '--name', 'CLI (test 10)', '--keep-noise', '--wait'], {
      sandbox,
      cwd,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 40))),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(clonePosts(from)[0]!.body).toEqual({
      audio: { type: 'asset_id', asset_id: expect.stringMatching(/^asset_/) },
      voice_name: 'CLI (test 10)',
      remove_background_noise: false,
    });
    expect(r.stdout).toMatch(/Make it your default voice: twin config set voice vc_/);
  });
});
