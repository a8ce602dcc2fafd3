// `twin video create` whose outcome is unknown (a garbled 200 after the work, a connection lost
// after the last retry, SIGTERM or Ctrl-C while POST /v3/videos is in flight) prints, in every
// output mode, the idempotency key and the exact command that re-sends it. Running that command
// gives the same video and no second render. The SIGTERM case spawns the built CLI: run
// `npm run build` first.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rerunCommand } from '../../src/core/video/rerun.js';
import { BIN, ROOT, runTwin, tempDir, testEnv, until } from '../helpers/harness.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ renderMs: 30 }, { resetEach: true });
const base = ['video', 'create', '--look', 'lk_alex_office', '--voice', 'v_en_m_01', '--script', "It's a test: $HOME stays literal"];

/** POSIX words of a line printed by twin (single quotes and bare words, as shellQuote writes them). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  let current = '';
  let last = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m.index > last && current !== '') {
      words.push(current);
      current = '';
    }
    current += m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!;
    last = re.lastIndex;
    if (line[re.lastIndex] !== "'") {
      words.push(current);
      current = '';
    }
  }
  if (current !== '') words.push(current);
  return words;
}

function rerunLine(stderr: string): string {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith('twin video create '));
  expect(line, `no re-send command in:\n${stderr}`).toBeDefined();
  return line!;
}

describe('a garbled answer on every attempt', () => {
  it.each([
    ['human', []],
    ['--json', ['--json']],
    ['--quiet', ['--quiet']],
  ] as const)('%s: the key and the re-send command on stderr; running it renders nothing more', async (_mode, flags) => {
    sandbox.inject({ kind: 'garbled', route: 'POST /v3/videos', times: 3 }); // runTwin: 1 + 2 retries
    const first = await runTwin([...base, '--title', 'Intro', ...flags], { sandbox });
    expect(first.code).toBe(1);
    expect(first.stdout).toBe('');
    expect(first.stderr).not.toMatch(/^\s+at /m);
    const key = /--idempotency-key ([0-9a-f-]{36})/.exec(first.stderr)?.[1];
    expect(key, first.stderr).toBeDefined();
    expect(sandbox.counters.rendered).toBe(1);
    let line: string;
    if (flags[0] === '--json') {
      const error = JSON.parse(first.stderr.trim().split('\n').pop()!).error;
      expect(error).toMatchObject({ code: 'outcome_unknown', idempotency_key: key, exit_code: 1 });
      line = error.rerun;
    } else line = rerunLine(first.stderr);
    const words = shellWords(line);
    expect(words).toEqual(['twin', ...base, '--title', 'Intro', ...flags, '--idempotency-key', key]);

    const again = await runTwin(words.slice(1), { sandbox });
    expect(again.code).toBe(0);
    expect(sandbox.counters.rendered).toBe(1);
    const sent = sandbox.received.filter((r) => r.method === 'POST' && r.path === '/v3/videos').slice(-4);
    expect(new Set(sent.map((r) => r.headers['idempotency-key']))).toEqual(new Set([key]));
  });

  it('an --idempotency-key already given is kept once, and a script from stdin is spelled out', async () => {
    sandbox.inject({ kind: 'drop-after', route: 'POST /v3/videos', times: 3 });
    const argv = [
      'video',
      'create',
      '--look',
      'lk_alex_office',
      '--voice',
      'v_en_m_01',
      '--script-file',
      '-',
      '--idempotency-key',
      'mine-1',
    ];
    const first = await runTwin(argv, { sandbox, stdin: 'Read from a pipe.\n' });
    expect(first.code).toBe(1);
    const words = shellWords(rerunLine(first.stderr));
    expect(words.filter((w) => w === '--idempotency-key')).toHaveLength(1);
    expect(words.slice(-2)).toEqual(['--idempotency-key', 'mine-1']);
    expect(words).toContain('Read from a pipe.');
    expect(words).not.toContain('--script-file');
    const again = await runTwin(words.slice(1), { sandbox });
    expect(again.code).toBe(0);
    expect(sandbox.counters.rendered).toBe(1);
  });
});

describe('the wizard', () => {
  it('has no command line to repeat: the request is spelled out with its follow flags', () => {
    const line = rerunCommand(
      { json: true },
      {
        input: { look: 'lk_alex_office', voice: 'v_en_m_01', script: 'Hi there' },
        follow: { wait: true, download: 'out.mp4', timeoutMs: 60_000 },
      },
      'k-1',
    );
    expect(line).toBe(
      "twin video create --look lk_alex_office --voice v_en_m_01 --script 'Hi there' --download out.mp4 --timeout 60000ms --json --idempotency-key k-1",
    );
  });
});

describe('SIGTERM while POST /v3/videos is in flight (built CLI)', () => {
  it('exits 130 with the key and the re-send command; the re-send gets the same video, one render', async () => {
    expect(existsSync(join(ROOT, 'dist', 'cli.cjs')), 'run `npm run build` first').toBe(true);
    sandbox.inject({ kind: 'slow', route: 'POST /v3/videos', ms: 1500 });
    const from = sandbox.received.length;
    const posts = () => sandbox.received.slice(from).filter((r) => r.method === 'POST' && r.path === '/v3/videos');
    const child = spawn(process.execPath, [BIN, ...base, '--quiet'], {
      cwd: tempDir(),
      env: testEnv({ sandbox }) as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await until(() => posts().length > 0, 'the create to reach the sandbox');
    child.kill('SIGTERM');
    expect(await exited).toBe(130);
    expect(stdout).toBe('');
    const key = posts()[0]!.headers['idempotency-key'];
    expect(stderr).toContain(`--idempotency-key ${String(key)}`);
    expect(stderr).toMatch(/Interrupted while POST \/v3\/videos was in flight; it may have gone through/);

    const again = await runTwin(shellWords(rerunLine(stderr)).slice(1), { sandbox, clientOptions: { maxRetries: 2 } });
    expect(again.code).toBe(0);
    await until(() => sandbox.counters.rendered >= 1, 'the held create to finish');
    expect(sandbox.counters.rendered).toBe(1);
    expect(new Set(posts().map((r) => r.headers['idempotency-key']))).toEqual(new Set([key]));
  });
});
