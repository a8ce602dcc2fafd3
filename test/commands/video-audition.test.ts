// twin video create --audition through real HTTP (issue 26): the script is spoken and saved first;
// without a terminal the run stops there and prints the command that renders exactly that file,
// and running that command uploads those bytes and renders them; at a terminal "Render with this
// audio?" decides, and yes renders an audio_asset_id whose bytes are the heard file's.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { cannedPrompt, runTwin, sandboxCall, tempDir, twinBinDir } from '../helpers/harness.js';

const sandbox = useSandbox({ renderMs: 50 });
const SCRIPT = 'Hi, I am Alex from Acme. Let us talk about the third quarter.';
const BASE = ['video', 'create', '--look', 'lk_alex_office', '--voice', 'v_en_f_01', '--script', SCRIPT, '--audition'];
const since = (from: number) => sandbox.received.slice(from).filter((q) => q.method === 'POST');
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The printed command split into words by a real shell (its quoting), without the leading `twin`. */
function words(command: string): string[] {
  const r = spawnSync('sh', ['-c', `printf '%s\\0' ${command.replace(/^twin /, '')}`], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\0').slice(0, -1);
}

/** The bytes the sandbox holds for an asset, fetched from its URL. */
async function assetBytes(id: string): Promise<Buffer> {
  const asset = await sandboxCall(sandbox, 'GET', `/v3/assets/${id}`);
  const res = await fetch(asset.data?.url ?? asset.url);
  expect(res.ok).toBe(true);
  return Buffer.from(await res.arrayBuffer());
}

describe('video create --audition', () => {
  it('without a terminal: speaks and saves the script, renders nothing, prints the command; that command renders exactly that audio', async () => {
    const cwd = tempDir();
    const from = sandbox.received.length;
    const r = await runTwin([...BASE, '--json'], { sandbox, cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(since(from).map((q) => q.path)).toEqual(['/v3/voices/speech']);
    expect(since(from)[0]!.body).toEqual({ text: SCRIPT, voice_id: 'v_en_f_01' });
    const doc = JSON.parse(r.stdout);
    expect(doc.rendered).toBe(false);
    const file = join(cwd, 'audition.mp3');
    expect(doc.audio.path).toBe(file);
    const bytes = readFileSync(file);
    expect(doc.audio.sha256).toBe(sha(bytes));
    expect(doc.audio.duration).toBeGreaterThan(1);
    expect(doc.audio.cost.seconds).toBe(doc.audio.duration);

    // The second job: the printed command as a shell reads it.
    const argv = words(doc.command);
    expect(argv).toContain('--audio');
    expect(argv[argv.indexOf('--audio') + 1]).toBe('audition.mp3');
    expect(argv).not.toContain('--script');
    expect(argv).not.toContain('--audition');
    const render = sandbox.received.length;
    const second = await runTwin([...argv.filter((w) => w !== '--json'), '--json'], { sandbox, cwd });
    expect(second.code, second.stderr).toBe(0);
    const posts = since(render);
    expect(posts.map((q) => q.path)).toEqual(['/v3/assets', '/v3/videos']);
    const body = posts[1]!.body as Record<string, unknown>;
    expect(body.script).toBeUndefined();
    expect(body.avatar_id).toBe('lk_alex_office');
    expect(sha(await assetBytes(String(body.audio_asset_id)))).toBe(doc.audio.sha256);
    // The same command again renders nothing new: it carries its idempotency key.
    const rendered = sandbox.counters.rendered;
    const third = await runTwin(argv, { sandbox, cwd });
    expect(third.code, third.stderr).toBe(0);
    expect(sandbox.counters.rendered).toBe(rendered);
  });

  it('at a terminal: yes renders the heard file (uploaded once, its bytes are the audio_asset_id); no renders nothing', async () => {
    const cwd = tempDir();
    const from = sandbox.received.length;
    const prompt = cannedPrompt([{ match: /^Render with this audio\?/, answer: true }]);
    // A PATH with only `twin` on it: no player, so the path is printed instead of played.
    const r = await runTwin([...BASE, '-o', 'intro.mp4'], { sandbox, cwd, tty: true, prompt, env: { PATH: twinBinDir() } });
    expect(r.code, r.stderr).toBe(0);
    expect(prompt.asked).toEqual(['Render with this audio?']);
    expect(r.stderr).toContain('No audio player found: listen to intro.mp3');
    const posts = since(from);
    expect(posts.map((q) => q.path)).toEqual(['/v3/voices/speech', '/v3/assets', '/v3/videos']);
    const heard = readFileSync(join(cwd, 'intro.mp3'));
    const body = posts[2]!.body as Record<string, unknown>;
    expect(body.script).toBeUndefined();
    expect(sha(await assetBytes(String(body.audio_asset_id)))).toBe(sha(heard));
    expect(existsSync(join(cwd, 'intro.mp4'))).toBe(true);

    const before = sandbox.received.length;
    const no = cannedPrompt([{ match: /^Render with this audio\?/, answer: false }]);
    const declined = await runTwin(BASE, { sandbox, cwd, tty: true, prompt: no, env: { PATH: twinBinDir() } });
    expect(declined.code, declined.stderr).toBe(0);
    expect(since(before).map((q) => q.path)).toEqual(['/v3/voices/speech']);
    expect(declined.stdout).toMatch(/Not rendered\.[\s\S]*twin video create .*--audio audition\.mp3/);
  });

  it('refuses --dry-run and an audio source before anything is sent', async () => {
    const from = sandbox.received.length;
    const dry = await runTwin([...BASE, '--dry-run'], { sandbox });
    expect(dry.code).toBe(2);
    expect(dry.stderr).toContain('--audition cannot be combined with --dry-run');
    const audio = await runTwin(['video', 'create', '--look', 'lk_alex_office', '--audio-url', 'https://x.test/a.mp3', '--audition'], {
      sandbox,
    });
    expect(audio.code).toBe(2);
    const scenes = await runTwin(['video', 'create', '--scenes', 'launch.txt', '--audition'], { sandbox });
    expect(scenes.code).toBe(2);
    expect(scenes.stderr).toContain('--audition hears one script');
    expect(since(from)).toEqual([]);
  });
});
