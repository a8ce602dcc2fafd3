// A FIFO (or socket, or device) where twin reads a file the user named is refused at once: a read
// of a FIFO with no writer would block forever. The built CLI runs as a real process (npm run
// build first), killed after 10 s.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { spawnTwin, tempDir, type RunResult } from '../helpers/harness.js';
import { CREDENTIALS_FILE } from '../../src/config/paths.js';
import { userSettingsPath } from '../../src/config/load.js';

const sandbox = useSandbox({ renderMs: 50 });

function fifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}

/** A real process (a blocked read must not stall the test worker), killed after 10 s. */
async function within(argv: string[], opts: Parameters<typeof spawnTwin>[1]): Promise<RunResult & { ms: number }> {
  const started = Date.now();
  const r = await spawnTwin(argv, { ...opts, timeoutMs: 10_000 });
  return { ...r, ms: Date.now() - started };
}

describe('FIFOs at paths twin reads', () => {
  it('--script-file naming a FIFO is a usage error at once (exit 2), nothing sent', async () => {
    const cwd = tempDir();
    const from = sandbox.received.length;
    fifo(join(cwd, 'script.txt'));
    const done = await within(['video', 'create', '--look', 'lk_alex_office', '--script-file', 'script.txt'], { sandbox, cwd });
    expect(done.ms).toBeLessThan(8000);
    expect(done.code).toBe(2);
    expect(done.stderr).toContain('--script-file: cannot read script.txt (it is not a regular file: a FIFO, socket or device)');
    expect(sandbox.received.slice(from)).toEqual([]);
  });

  it('user settings that are a FIFO: refused with the path (exit 1), no hang', async () => {
    const config = tempDir();
    const path = fifo(userSettingsPath({ TWIN_CONFIG_DIR: config }));
    const r = await within(['config', 'list'], { sandbox, env: { TWIN_CONFIG_DIR: config } });
    expect(r.ms).toBeLessThan(8000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot read ${path}: it is not a regular file (a FIFO, socket or device)`);
  });

  it('a credentials file that is a FIFO reads as "no saved key", no hang', async () => {
    const config = tempDir();
    mkdirSync(config, { recursive: true });
    fifo(join(config, CREDENTIALS_FILE));
    const r = await within(['auth', 'status'], { env: { TWIN_CONFIG_DIR: config, HEYGEN_API_BASE: sandbox.url } });
    expect(r.ms).toBeLessThan(8000);
    expect(r.stderr).not.toContain('credentials.json');
  });
});
