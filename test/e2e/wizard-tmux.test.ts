// `twin wizard` in a real terminal: the built CLI runs inside a detached tmux session
// (120×40), driven with send-keys and read with capture-pane, against a sandbox started by
// this test. Ends with an MP4 on disk, then replays the printed command line through `sh -c`
// and checks that the sandbox received the same body twice. Skipped only without tmux.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { BIN, ROOT, tempDir } from '../helpers/harness.js';

const hasTmux = spawnSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' }).status === 0;
if (!hasTmux) console.warn('wizard-tmux: skipped, tmux is not installed (apt-get install -y tmux to run it)');

let sandbox: Sandbox;
let dir: string;
let socket: string;

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** The whole pane, history included, with soft-wrapped lines joined. */
function screen(session: string): string {
  return tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', session);
}

async function waitFor(session: string, pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen(session);
    const match = pattern.exec(text);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} on the screen:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const keys = (session: string, ...names: string[]) => tmux('send-keys', '-t', session, ...names);
const type = (session: string, text: string) => tmux('send-keys', '-t', session, '-l', text);

/** A session running `twin <args>` in `out/` with a clean environment pointing at the sandbox. */
function startSession(name: string, args: string): void {
  const script = join(dir, `${name}.sh`);
  writeFileSync(
    script,
    [
      '#!/bin/sh',
      'unset CI NO_COLOR FORCE_COLOR HEYGEN_API_KEY TWIN_INTERVAL',
      `export PATH='${join(dir, 'bin')}':"$PATH" HOME='${join(dir, 'home')}' TWIN_CONFIG_DIR='${join(dir, 'home', 'config')}'`,
      `export HEYGEN_API_BASE='${sandbox.url}' HEYGEN_API_KEY='${sandbox.apiKey}' TWIN_INTERVAL=200ms`,
      `cd '${join(dir, 'out')}'`,
      `twin ${args}`,
      'echo "[twin exited $?]"',
      'exec sleep 300',
    ].join('\n'),
  );
  tmux('new-session', '-d', '-x', '120', '-y', '40', '-s', name, `sh '${script}'`);
}

function shell(command: string, env: Record<string, string | undefined>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd: join(dir, 'out'), env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const posts = () => sandbox.received.filter((r) => r.method === 'POST' && r.path === '/v3/videos');

describe.skipIf(!hasTmux)('twin wizard in a real terminal (tmux)', () => {
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'cli.cjs'))) {
      throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests.');
    }
    sandbox = await startSandbox({ renderMs: 1500 });
    dir = tempDir('twin-tmux-');
    socket = join(dir, 'tmux.sock');
    for (const sub of ['bin', 'home', 'out']) mkdirSync(join(dir, sub), { recursive: true });
    // `twin` on PATH, so the summary's command line runs exactly as printed.
    writeFileSync(join(dir, 'bin', 'twin'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
    chmodSync(join(dir, 'bin', 'twin'), 0o755);
  });

  afterAll(async () => {
    // Our own tmux server (private socket) and everything it runs.
    if (socket) spawnSync('tmux', ['-S', socket, 'kill-server']);
    await sandbox?.close();
  });

  it('from `twin wizard` to a downloaded MP4, and the printed command replays the same request', async () => {
    startSession('wiz', 'wizard');

    // Step 2: the looks; a training look is listed but disabled with its reason.
    await waitFor('wiz', /\? Look \(type to filter your Digital Twins\):[\s\S]*Maya – portrait/);
    expect(screen('wiz')).toMatch(/Jordan – new .* still training/);
    type('wiz', 'maya');
    await waitFor('wiz', /Digital Twins\): maya\n❯ Maya – portrait/);
    expect(screen('wiz')).not.toMatch(/Alex – office/);
    keys('wiz', 'Enter');

    // Step 3: both engines of this look, Avatar IV highlighted; pick Avatar V.
    await waitFor('wiz', /\? Engine:\n❯ Avatar IV .*\n {2}Avatar V .*higher quality/);
    keys('wiz', 'Down');
    await waitFor('wiz', /❯ Avatar V/);
    keys('wiz', 'Enter');

    // Step 4: the look's default voice first, its preview URL shown.
    await waitFor('wiz', /\? Voice:\n❯ Ava \(English, female\) {2}\(this look's default voice\)[\s\S]*preview: http:\/\/127\.0\.0\.1/);
    keys('wiz', 'Enter');

    // Step 5: type the script.
    await waitFor('wiz', /\? Script: how do you want to give it\?/);
    keys('wiz', 'Enter');
    await waitFor('wiz', /\? Script text:/);
    type('wiz', "Hello from a real terminal, it's me.");
    keys('wiz', 'Enter');
    await waitFor('wiz', /36 \/ 5000 characters/);

    // Step 6: 1080p, the suggested 9:16 for a portrait look, advanced skipped with Enter.
    await waitFor('wiz', /\? Resolution:/);
    keys('wiz', 'Enter');
    await waitFor('wiz', /❯ 9:16 .*← suggested for this portrait look/);
    keys('wiz', 'Enter');
    await waitFor('wiz', /\? Advanced options .*\(y\/N\)/);
    keys('wiz', 'Enter');

    // Step 7: the summary, its verdict and the equivalent command.
    await waitFor('wiz', /\? Next:\n❯ Create the video \(spends credits\)/);
    const summary = screen('wiz');
    expect(summary).toMatch(/Look +Maya – portrait \(lk_maya_portrait\) · portrait/);
    expect(summary).toMatch(/Engine +Avatar V/);
    expect(summary).toContain('✔ Pre-flight: nothing here the API would reject.');
    // Wrapped at the terminal's width with ` \\` continuations, and ending with the follow-up.
    const command = /^ {4}(twin video create (?:.* \\\n)*.*)$/m.exec(summary)?.[1];
    expect(command!.split('\n').length).toBeGreaterThan(1);
    expect(command!.replace(/ \\\n */g, ' ')).toBe(
      "twin video create --look lk_maya_portrait --voice v_en_f_01 --script 'Hello from a real terminal, it'\\''s me.' --resolution 1080p --aspect-ratio 9:16 --engine avatar_v --wait --download",
    );
    expect(posts()).toHaveLength(0); // nothing sent before the confirmation
    keys('wiz', 'Enter');

    // Step 8: create → spinner → download.
    await waitFor('wiz', /✔ Created video vid_\w+/);
    await waitFor('wiz', /Rendering vid_\w+|is ready after/);
    const [, code] = await waitFor('wiz', /\[twin exited (\d+)\]/, 30_000);
    const finished = screen('wiz');
    expect(code, finished).toBe('0');
    expect(finished).toMatch(/✔ Video vid_\w+ is ready after \d+s/);
    expect(finished).toMatch(/✔ Saved .*\.mp4/);

    const files = readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.mp4'));
    expect(files).toHaveLength(1);
    const path = join(dir, 'out', files[0]!);
    expect(statSync(path).size).toBeGreaterThan(0);
    expect(readFileSync(path).subarray(4, 8).toString('latin1')).toBe('ftyp');

    // The printed command, pasted into a shell as-is (continuation lines and all), sends the
    // identical body and follows it the same way: a second MP4 beside the first.
    // (Asynchronously: the sandbox answering it lives in this process.)
    const replay = await shell(command!, {
      PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
      HOME: join(dir, 'home'),
      TWIN_CONFIG_DIR: join(dir, 'home', 'config'),
      HEYGEN_API_BASE: sandbox.url,
      HEYGEN_API_KEY: sandbox.apiKey,
    });
    expect(replay.code, replay.stderr).toBe(0);
    expect(posts()).toHaveLength(2);
    expect(posts()[1]!.body).toEqual(posts()[0]!.body);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.mp4'))).toHaveLength(2);
  }, 90_000);

  it('Ctrl-C at a question exits 130 and sends nothing', async () => {
    const before = posts().length;
    startSession('stop', 'wizard');
    await waitFor('stop', /\? Look \(type to filter your Digital Twins\):[\s\S]*Maya – portrait/);
    keys('stop', 'C-c');
    const [, code] = await waitFor('stop', /\[twin exited (\d+)\]/);
    expect(code).toBe('130');
    expect(screen('stop')).toContain('Cancelled; nothing was sent.');
    expect(posts()).toHaveLength(before);
  }, 60_000);
});
