// kill -9 of a real `twin batch run` (bin/twin.js) while rows finish: the lock file is valid
// JSON at every moment it is read, keeps the rows that were finished, and the re-run renders
// each row exactly once. Needs `npm run build` first: it spawns the built CLI.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { BIN, FIXED_POLL, ROOT, tempDir, testEnv, until } from '../helpers/harness.js';
import { sha256File, writeCsv } from './batch.helpers.js';

const ROWS = 12;
let sandbox: Sandbox;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'cli.cjs'))) throw new Error('dist/cli.cjs is missing: run `npm run build` before this test file.');
  sandbox = await startSandbox({ renderMs: 400, videoBytes: 200_000, concurrencyLimit: 10 });
});
afterAll(async () => {
  await sandbox?.close();
});

function runBatch(dir: string) {
  const child = spawn(process.execPath, [BIN, 'batch', 'run', 'videos.csv', '--out', 'out', '--concurrency', '3'], {
    cwd: dir,
    env: testEnv({ sandbox, env: { CI: '1', ...FIXED_POLL } }) as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('batch run: kill -9 and the lock file', () => {
  it('the lock stays valid throughout, keeps what finished, and the re-run renders each row once', async () => {
    const dir = tempDir();
    writeCsv(dir, ROWS);
    const lockPath = join(dir, 'videos.csv.lock');
    sandbox.resetCounters();

    const first = runBatch(dir);
    let reads = 0;
    let rowsAtKill = 0;
    await until(
      () => {
        if (first.child.exitCode !== null) throw new Error(`the run ended before the kill:\n${first.output()}`);
        if (!existsSync(lockPath)) return false;
        const lock = JSON.parse(readFileSync(lockPath, 'utf8')); // never half-written
        reads += 1;
        rowsAtKill = Object.keys(lock.rows).length;
        return rowsAtKill >= 3;
      },
      'three rows in the lock',
      30_000,
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    expect(reads).toBeGreaterThan(0);
    const kept = JSON.parse(readFileSync(lockPath, 'utf8'));
    expect(Object.keys(kept.rows).length).toBeGreaterThanOrEqual(rowsAtKill);

    const last = runBatch(dir);
    expect(await last.exited, last.output()).toBe(0);
    expect(sandbox.counters.rendered).toBe(ROWS);
    const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
    expect(Object.keys(lock.rows)).toHaveLength(ROWS);
    for (const [key, entry] of Object.entries(lock.rows) as Array<[string, { video_id: string; sha256: string }]>) {
      expect(entry.sha256).toBe(sandbox.videoSha256(entry.video_id));
      expect(sha256File(join(dir, 'out', `${key}.mp4`))).toBe(entry.sha256);
      if (kept.rows[key]) expect(entry.video_id).toBe(kept.rows[key].video_id);
    }
    expect(existsSync(`${lockPath}.busy`)).toBe(false);
  }, 60_000);
});
