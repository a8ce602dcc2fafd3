// bin/twin.js runs dist/cli.cjs with V8's code cache (src/startup/code-cache.ts): one file per
// command in the user's cache folder, made at the first run's exit and used (not rewritten) by
// later runs; anything odd about the folder or the file means no cache, never an error.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runTwin, spawnTwin, tempDir } from '../helpers/harness.js';

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli.cjs'))) throw new Error('dist/ is missing: run `npm run build` first');
});

const files = (dir: string) => (existsSync(join(dir, 'v8')) ? readdirSync(join(dir, 'v8')).sort() : []);

describe('the code cache of the command line', () => {
  it('is made once per command, 0600 in a 0700 folder, then used as it is', async () => {
    const cache = tempDir('twin-cache-');
    const first = await spawnTwin(['video', '--help'], { env: { TWIN_CACHE_DIR: cache } });
    expect(first.code).toBe(0);
    const [videoCache] = files(cache);
    expect(videoCache).toMatch(new RegExp(`^cli-${process.version}-${process.arch}-\\d+-\\d+-video\\.bin$`));
    const path = join(cache, 'v8', videoCache!);
    expect(lstatSync(path).mode & 0o777).toBe(0o600);
    expect(lstatSync(join(cache, 'v8')).mode & 0o777).toBe(0o700);
    expect(lstatSync(path).size).toBeGreaterThan(10_000);
    const before = lstatSync(path);

    const second = await spawnTwin(['video', '--help'], { env: { TWIN_CACHE_DIR: cache } });
    expect(second.stdout).toBe(first.stdout);
    const after = lstatSync(path);
    // Accepted by V8, so not written again.
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);

    await spawnTwin(['config', 'list', '--json'], { env: { TWIN_CACHE_DIR: cache } });
    expect(files(cache)).toEqual([videoCache, videoCache!.replace(/video\.bin$/, 'config-list.bin')].sort());
  });

  it('replaces a file V8 rejects, and the command runs as if there were none', async () => {
    const cache = tempDir('twin-cache-');
    await spawnTwin(['video', '--help'], { env: { TWIN_CACHE_DIR: cache } });
    const path = join(cache, 'v8', files(cache)[0]!);
    writeFileSync(path, Buffer.alloc(50_000, 7), { mode: 0o600 });
    const run = await spawnTwin(['video', '--help'], { env: { TWIN_CACHE_DIR: cache } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: twin video/);
    expect(run.stderr).toBe('');
    expect(lstatSync(path).size).not.toBe(50_000);
  });

  it('is not used or written in a folder others can write, through a link, or when turned off', async () => {
    const open = tempDir('twin-cache-');
    mkdirSync(join(open, 'v8'));
    chmodSync(open, 0o777);
    const linked = tempDir('twin-cache-');
    const elsewhere = tempDir('twin-elsewhere-');
    symlinkSync(elsewhere, join(linked, 'v8'));
    const off = tempDir('twin-cache-');
    for (const env of [{ TWIN_CACHE_DIR: open }, { TWIN_CACHE_DIR: linked }, { TWIN_CACHE_DIR: off, NODE_DISABLE_COMPILE_CACHE: '1' }]) {
      const run = await spawnTwin(['video', '--help'], { env });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: twin video/);
      expect(run.stderr).toBe('');
    }
    expect(readdirSync(join(open, 'v8'))).toEqual([]);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(existsSync(join(off, 'v8'))).toBe(false);
  });

  it('never reads or writes through a link or a FIFO planted at the cache file', async () => {
    const cache = tempDir('twin-cache-');
    await spawnTwin(['video', '--help'], { env: { TWIN_CACHE_DIR: cache } });
    const name = files(cache)[0]!;
    const victim = join(tempDir('twin-victim-'), 'victim');
    writeFileSync(victim, 'precious');
    const link = join(cache, 'v8', name);
    execFileSync('rm', [link]);
    symlinkSync(victim, link);
    const linked = await spawnTwin(['video', '--help'], { env: { TWIN_CACHE_DIR: cache } });
    expect(linked.code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    // The link itself was replaced by a real cache file.
    expect(lstatSync(link).isFile()).toBe(true);

    const fifo = join(cache, 'v8', name.replace(/video\.bin$/, 'config-list.bin'));
    execFileSync('mkfifo', [fifo]);
    const run = await spawnTwin(['config', 'list', '--json'], { env: { TWIN_CACHE_DIR: cache }, timeoutMs: 10_000 });
    expect(run.code).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('`twin --help` into a pipe prints the stored help without starting the CLI (no cache made), the same text', async () => {
    const cache = tempDir('twin-cache-');
    const inProcess = await runTwin(['--help']);
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const run = await spawnTwin(argv, { env: { TWIN_CACHE_DIR: cache } });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(inProcess.stdout);
      expect(run.stdout).toBe(readFileSync(join(ROOT, 'dist', 'help.txt'), 'utf8'));
    }
    expect(files(cache)).toEqual([]);
  });

  it('keeps only this build: a cache of another build of twin under this Node is removed', async () => {
    const cache = tempDir('twin-cache-');
    mkdirSync(join(cache, 'v8'), { mode: 0o700 });
    const stale = join(cache, 'v8', `cli-${process.version}-${process.arch}-1-1-video.bin`);
    const otherNode = join(cache, 'v8', `cli-v0.0.0-${process.arch}-1-1-video.bin`);
    writeFileSync(stale, 'old', { mode: 0o600 });
    writeFileSync(otherNode, 'other', { mode: 0o600 });
    await spawnTwin(['video', '--help'], { env: { TWIN_CACHE_DIR: cache } });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(otherNode)).toBe(true);
    expect(files(cache)).toHaveLength(2);
  });
});
