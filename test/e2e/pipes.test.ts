// EPIPE and full disks on stdout, with the built binary: `twin … | head -1`, `| true`, a reader
// that leaves while `webhooks listen --json` streams, and `> /dev/full`. A closed pipe ends
// quietly with exit 0 (as `ls | head` does); a full disk is one line and exit 1; never a stack.
// Needs `npm run build` first.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir, testEnv, until } from '../helpers/harness.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ renderMs: 300 });

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the binary with stdout as given: 'closed' is a pipe whose reader has already left. */
function run(argv: string[], stdout: 'closed' | number, during?: () => Promise<void>): Promise<Exit> {
  expect(existsSync(join(ROOT, 'dist', 'cli.cjs')), 'run `npm run build` first').toBe(true);
  const child = spawn(process.execPath, [BIN, ...argv], {
    cwd: tempDir(),
    env: testEnv({ sandbox }) as NodeJS.ProcessEnv,
    stdio: ['ignore', stdout === 'closed' ? 'pipe' : stdout, 'pipe'],
  });
  if (stdout === 'closed') child.stdout!.destroy(); // the reader is gone before twin writes
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const exited = new Promise<Exit>((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stderr });
    }),
  );
  void during?.();
  return exited;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a closed pipe on stdout (| head -1, | true)', () => {
  it.each([
    ['twin looks list', ['looks', 'list']],
    ['twin voices list --json', ['voices', 'list', '--json']],
    ['twin completion bash', ['completion', 'bash']],
    ['twin --help', ['--help']],
  ])('%s: exit 0, nothing on stderr', async (_name, argv) => {
    const { code, signal, stderr } = await run(argv, 'closed');
    expect(signal).toBeNull();
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('webhooks listen --json whose reader leaves: stops quietly at the next event, exit 0', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    let delivered = 0;
    const { code, stderr, signal } = await run(['webhooks', 'listen', '--json', '--port', String(port)], 'closed', async () => {
      const event = { event_type: 'avatar_video.success', event_id: 'evt_pipe_1', event_data: { video_id: 'vid_pipe' } };
      await until(async () => {
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ ...event, event_id: `evt_${delivered}` }),
          });
          delivered += 1;
          return res.status < 500 && delivered > 0;
        } catch {
          return false;
        }
      }, 'the listener to take a delivery');
    });
    expect(delivered).toBeGreaterThan(0);
    expect(signal).toBeNull();
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toMatch(/EPIPE|Error:/);
    expect(code).toBe(0);
  });
});

describe('a full disk on stdout (> /dev/full)', () => {
  it.each([
    ['twin completion bash', ['completion', 'bash']],
    ['twin looks list --json', ['looks', 'list', '--json']],
  ])('%s: one line, exit 1', async (_name, argv) => {
    const full = openSync('/dev/full', 'w');
    try {
      const { code, stderr } = await run(argv, full);
      expect(stderr).toBe('Error: cannot write standard output: the disk is full\n');
      expect(code).toBe(1);
    } finally {
      closeSync(full);
    }
  });
});
