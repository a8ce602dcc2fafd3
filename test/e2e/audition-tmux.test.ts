// `twin video create --audition` in a real terminal (tmux): the script is spoken and saved, the
// system's player (here a stand-in `mpv` on PATH that records what it was asked to play) plays
// it while "Render with this audio?" waits; answering yes renders a video whose audio_asset_id
// holds exactly the heard file's bytes. Skipped only without tmux.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { BIN, ROOT, sandboxCall, tempDir, until } from '../helpers/harness.js';

const hasTmux = spawnSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' }).status === 0;
if (!hasTmux) console.warn('audition-tmux: skipped, tmux is not installed');

let sandbox: Sandbox;
let dir: string;
let socket: string;

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}
const screen = (session: string) => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', session);

async function waitFor(session: string, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(screen(session));
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} on the screen:\n${screen(session)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.skipIf(!hasTmux)('video create --audition in a real terminal (tmux)', () => {
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'cli.cjs'))) throw new Error('dist/ is missing: run `npm run build` first.');
    sandbox = await startSandbox({ renderMs: 500 });
    dir = tempDir('twin-audition-');
    socket = join(dir, 'tmux.sock');
    for (const sub of ['bin', 'home', 'out']) mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, 'bin', 'twin'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
    // The "player": writes down its arguments, then plays for a while (it is stopped on the answer).
    writeFileSync(join(dir, 'bin', 'mpv'), `#!/bin/sh\necho "$@" > '${join(dir, 'played.txt')}'\nexec sleep 30\n`);
    for (const f of ['twin', 'mpv']) chmodSync(join(dir, 'bin', f), 0o755);
  });

  afterAll(async () => {
    if (socket) spawnSync('tmux', ['-S', socket, 'kill-server']);
    await sandbox?.close();
  });

  it('plays the audition, asks, and yes renders exactly the heard audio', async () => {
    const script = join(dir, 'run.sh');
    writeFileSync(
      script,
      [
        '#!/bin/sh',
        'unset CI NO_COLOR FORCE_COLOR HEYGEN_API_KEY TWIN_INTERVAL',
        // Only our bin and the system's basics: no real player of the machine is found first.
        `export PATH='${join(dir, 'bin')}':/usr/bin:/bin HOME='${join(dir, 'home')}' TWIN_CONFIG_DIR='${join(dir, 'home', 'config')}'`,
        `export HEYGEN_API_BASE='${sandbox.url}' HEYGEN_API_KEY='${sandbox.apiKey}' TWIN_INTERVAL=200ms`,
        `cd '${join(dir, 'out')}'`,
        `twin video create --look lk_alex_office --voice v_en_f_01 --script 'Hello, this is what the video will say.' --audition --wait`,
        'echo "[twin exited $?]"',
        'exec sleep 300',
      ].join('\n'),
    );
    tmux('new-session', '-d', '-x', '120', '-y', '40', '-s', 'aud', `sh '${script}'`);

    await waitFor('aud', /audition\.mp3 {2}\d+\.\d s, voice v_en_f_01/);
    await waitFor('aud', /Playing with mpv/);
    await waitFor('aud', /\? Render with this audio\? \(Y\/n\)/);
    const heard = readFileSync(join(dir, 'out', 'audition.mp3'));
    await until(() => existsSync(join(dir, 'played.txt')), 'the player started');
    expect(readFileSync(join(dir, 'played.txt'), 'utf8')).toContain(join(dir, 'out', 'audition.mp3'));
    expect(sandbox.received.filter((q) => q.path === '/v3/videos' && q.method === 'POST')).toHaveLength(0);

    tmux('send-keys', '-t', 'aud', 'y', 'Enter');
    const [, code] = await waitFor('aud', /\[twin exited (\d+)\]/, 40_000);
    expect(code, screen('aud')).toBe('0');
    const creates = sandbox.received.filter((q) => q.path === '/v3/videos' && q.method === 'POST');
    expect(creates).toHaveLength(1);
    const body = creates[0]!.body as Record<string, unknown>;
    expect(body.script).toBeUndefined();
    const asset = await sandboxCall(sandbox, 'GET', `/v3/assets/${String(body.audio_asset_id)}`);
    const res = await fetch(asset.data?.url ?? asset.url);
    expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(heard));
    // Uploaded once: one asset POST in the whole run.
    expect(sandbox.received.filter((q) => q.path === '/v3/assets' && q.method === 'POST')).toHaveLength(1);
  }, 90_000);
});
