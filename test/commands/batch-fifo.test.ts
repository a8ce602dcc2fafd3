// A FIFO (or socket, or device) at a path `batch run` reads is refused at once (issue 22.8): the
// lock file, the journal, the manifest and a row's script_file. The built CLI runs as a real
// process (npm run build first), killed after 10 s, so a hang fails the test instead of the worker.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { spawnTwin, tempDir } from '../helpers/harness.js';

const sandbox = useSandbox({ renderMs: 50 });

function project(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'videos.csv'), 'id,look,script\nrow-1,lk_alex_office,Hello there.\n');
  return dir;
}

async function batchRun(dir: string, manifest = 'videos.csv') {
  const started = Date.now();
  const r = await spawnTwin(['batch', 'run', manifest, '--out', 'out', '--no-download'], { sandbox, cwd: dir, timeoutMs: 10_000 });
  return { ...r, ms: Date.now() - started };
}

const creates = (from: number) => sandbox.received.slice(from).filter((q) => q.method === 'POST');

describe('FIFOs at the paths batch run reads', () => {
  it.each([
    ['the lock file', 'videos.csv.lock'],
    ['the journal', 'out/.twin-journal.jsonl'],
  ])('%s is refused at once, naming the path; nothing sent', async (_what, file) => {
    const dir = project();
    mkdirSync(join(dir, 'out'));
    execFileSync('mkfifo', [join(dir, file)]);
    const from = sandbox.received.length;
    const r = await batchRun(dir);
    expect(r.ms).toBeLessThan(8000);
    expect(r.code, r.stderr).not.toBe(0);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain('not a regular file');
    expect(creates(from)).toEqual([]);
  });

  it('a manifest and a script_file that are FIFOs are refused at once (exit 2)', async () => {
    const dir = project();
    execFileSync('mkfifo', [join(dir, 'fifo.csv')]);
    const m = await batchRun(dir, 'fifo.csv');
    expect(m.ms).toBeLessThan(8000);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('fifo.csv');

    execFileSync('mkfifo', [join(dir, 'script.txt')]);
    writeFileSync(join(dir, 'videos.csv'), 'id,look,script_file\nrow-1,lk_alex_office,script.txt\n');
    const from = sandbox.received.length;
    const s = await batchRun(dir);
    expect(s.ms).toBeLessThan(8000);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('script.txt');
    expect(s.stderr).toContain('not a regular file');
    expect(creates(from)).toEqual([]);
  });
});
