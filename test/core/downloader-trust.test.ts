// The downloader under hostile conditions, through real HTTP against the sandbox: two writers
// for one target, links and FIFOs planted where it writes, a file changed behind its back, a
// host without checksums, and a host whose Content-Length lies on every response.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadFile } from '../../src/core/download/downloader.js';
import { ExitCode, TwinError } from '../../src/shared/errors.js';
import { rejectionOf, tempDir } from '../helpers/harness.js';
import { noSleep, sha256, useDownloadHost } from './download-host.js';

const SIZE = 2 * 1024 * 1024 + 77;
const { sandbox, completedVideo, downloads } = useDownloadHost(SIZE);
afterEach(() => {
  Object.assign(sandbox.faults, { ignoreRange: false, lieLength: 0, noChecksum: false });
  sandbox.clearFaults();
});

const failure = (promise: Promise<unknown>) => rejectionOf(promise, TwinError);

/** A .part left by a run cut at `cut`, then damaged on disk (one byte flipped). */
async function damagedPart(url: string, target: string, cut: number): Promise<void> {
  sandbox.inject({ kind: 'truncate', at: cut, times: 2 });
  await failure(downloadFile({ url, target, maxRetries: 0, sleep: noSleep }));
  const bytes = readFileSync(`${target}.part`);
  bytes[10] = bytes[10]! ^ 0xff;
  writeFileSync(`${target}.part`, bytes);
}

describe('one writer per .part (issue 10, item 4)', () => {
  it('refuses a second download to the same target while the first runs; the first completes intact', async () => {
    const { id, url } = await completedVideo();
    const target = join(tempDir(), 'same.mp4');
    const half = Math.floor(SIZE / 2);
    sandbox.inject({ kind: 'stall', at: half, ms: 400 });
    let second: Promise<TwinError> | undefined;
    const first = downloadFile({
      url,
      target,
      onProgress: (received) => {
        if (received >= half) second ??= failure(downloadFile({ url, target, force: true }));
      },
    });
    const result = await first;
    const error = await second!;
    expect(error).toMatchObject({ code: 'file_locked', exitCode: ExitCode.api });
    expect(error.message).toContain('same.mp4 is in use by another writer in this process');
    expect(result.sha256).toBe(sandbox.videoSha256(id));
    expect(sha256(target)).toBe(sandbox.videoSha256(id));
    expect(existsSync(`${target}.part.lock`)).toBe(false);
  });

  it('refuses a .part locked by another live process, naming it, and takes over the lock of a dead one', async () => {
    const { id, url } = await completedVideo();
    const target = join(tempDir(), 'locked.mp4');
    const lock = `${target}.part.lock`;
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      writeFileSync(lock, JSON.stringify({ pid: other.pid, host: hostname(), started: '' }));
      const before = downloads();
      const error = await failure(downloadFile({ url, target }));
      expect(error).toMatchObject({ code: 'file_locked', exitCode: ExitCode.api });
      expect(error.message).toBe(`locked.mp4 is in use by another twin process (pid ${other.pid}).`);
      expect(downloads()).toBe(before);
    } finally {
      other.kill('SIGKILL');
    }

    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(lock, JSON.stringify({ pid: Number(dead.stdout), host: hostname(), started: '' }));
    const result = await downloadFile({ url, target });
    expect(result.sha256).toBe(sandbox.videoSha256(id));
    expect(existsSync(lock)).toBe(false);
  });
});

describe('no write through a link (issue 10, item 5)', () => {
  it('never follows a symlink planted at <target>.part or <target>.part.etag', async () => {
    const { url } = await completedVideo();
    for (const planted of ['.part', '.part.etag']) {
      const dir = tempDir();
      const victim = join(dir, 'victim.txt');
      writeFileSync(victim, 'precious');
      const target = join(dir, 'video.mp4');
      symlinkSync(victim, `${target}${planted}`);
      const before = downloads();
      const error = await failure(downloadFile({ url, target, sleep: noSleep }));
      expect(error).toMatchObject({ code: 'unsafe_path', exitCode: ExitCode.api });
      expect(error.message).toContain(`${target}${planted}: it is a symbolic link`);
      expect(readFileSync(victim, 'utf8')).toBe('precious');
      expect(existsSync(target)).toBe(false);
      expect(downloads()).toBe(before);
    }
  });

  it('refuses a FIFO at the .part without blocking on it', async () => {
    const { url } = await completedVideo();
    const target = join(tempDir(), 'fifo.mp4');
    if (spawnSync('mkfifo', [`${target}.part`]).status !== 0) return; // no mkfifo on this system
    const error = await failure(downloadFile({ url, target }));
    expect(error).toMatchObject({ code: 'unsafe_path' });
    expect(error.message).toContain('not a regular file');
  });

  it('treats a link at the target as existing without --force; with it replaces the link itself, never what it points to', async () => {
    const { id, url } = await completedVideo();
    const dir = tempDir();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const target = join(dir, 'video.mp4');
    symlinkSync(victim, target);
    expect(await failure(downloadFile({ url, target }))).toMatchObject({ exitCode: ExitCode.usage, details: { flag: 'force' } });
    await downloadFile({ url, target, force: true });
    expect(lstatSync(target).isFile()).toBe(true);
    expect(sha256(target)).toBe(sandbox.videoSha256(id));
    expect(readFileSync(victim, 'utf8')).toBe('precious');

    const folder = join(dir, 'folder.mp4');
    mkdirSync(folder);
    expect(await failure(downloadFile({ url, target: folder, force: true }))).toMatchObject({
      code: 'unsafe_path',
      exitCode: ExitCode.api,
    });

    const dangling = join(dir, 'dangling.mp4');
    symlinkSync(join(dir, 'nowhere.mp4'), dangling);
    expect(await failure(downloadFile({ url, target: dangling }))).toMatchObject({ exitCode: ExitCode.usage });
    expect(existsSync(join(dir, 'nowhere.mp4'))).toBe(false);
  });
});

describe('what is reported is what is on disk (issue 10, item 6)', () => {
  it('with no checksum from the host: the size equals the announced length and the SHA-256 is that of the file, even when the .part is appended to behind its back', async () => {
    sandbox.faults.noChecksum = true;
    const { id, url } = await completedVideo();
    const target = join(tempDir(), 'nosum.mp4');
    const half = Math.floor(SIZE / 2);
    sandbox.inject({ kind: 'stall', at: half, ms: 300 });
    let tampered = false;
    const result = await downloadFile({
      url,
      target,
      sleep: noSleep,
      onProgress: (received) => {
        // Another program (one that ignores the lock) appends more than the rest of the file.
        if (received >= half && !tampered) appendFileSync(`${target}.part`, Buffer.alloc(SIZE, 0x41));
        tampered ||= received >= half;
      },
    });
    expect(tampered).toBe(true);
    expect(result.checksumVerified).toBe(false);
    expect(statSync(target).size).toBe(SIZE);
    expect(result.bytes).toBe(SIZE);
    expect(result.sha256).toBe(sha256(target));
    expect(result.sha256).toBe(sandbox.videoSha256(id));
  });

  it('hashes the prefix of a resumed .part from disk: a damaged prefix shows in the SHA-256, or is caught by the checksum', async () => {
    sandbox.faults.noChecksum = true;
    const { id, url } = await completedVideo();
    const target = join(tempDir(), 'resumed.mp4');
    const cut = Math.floor(SIZE / 3);
    await damagedPart(url, target, cut);
    const result = await downloadFile({ url, target, sleep: noSleep });
    expect(result.resumedFrom).toBe(cut);
    expect(result.sha256).toBe(sha256(target));
    expect(result.sha256).not.toBe(sandbox.videoSha256(id));

    // With the host's checksum, the same damage is caught and the file fetched whole again.
    sandbox.faults.noChecksum = false;
    const again = join(tempDir(), 'resumed-checked.mp4');
    await damagedPart(url, again, cut);
    const checked = await downloadFile({ url, target: again, sleep: noSleep });
    expect(checked).toMatchObject({ checksumVerified: true, sha256: sandbox.videoSha256(id) });
    expect(sha256(again)).toBe(sandbox.videoSha256(id));
  });
});

describe('a host that answers in short ranges (issue 27)', () => {
  /**
   * A front for the sandbox's file host that sends at most `cap` bytes per response: each request
   * is passed on with its Range cut to `cap` bytes, so every answer is a 206 whose Content-Range
   * ends before the file does, and whose body ends normally (as some CDNs and proxies answer).
   */
  async function shortRangeFront(cap: number): Promise<{ origin: string; ranges: string[]; close(): Promise<void> }> {
    const ranges: string[] = [];
    const server = createServer((req, res) => {
      const from = Number(/^bytes=(\d+)-/.exec(req.headers.range ?? '')?.[1] ?? 0);
      const headers: IncomingHttpHeaders = { range: `bytes=${from}-${from + cap - 1}` };
      if (req.headers['if-range']) headers['if-range'] = req.headers['if-range'];
      const upstream = request(new URL(req.url!, sandbox.url), { headers }, (answer) => {
        ranges.push(String(answer.headers['content-range']));
        const pass = ['content-type', 'content-length', 'content-range', 'etag', 'accept-ranges', 'x-amz-checksum-sha256'];
        res.writeHead(
          answer.statusCode!,
          Object.fromEntries(pass.filter((h) => answer.headers[h] !== undefined).map((h) => [h, answer.headers[h]!])),
        );
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      ranges,
      close: () => new Promise((resolve) => server.close(() => resolve())),
    };
  }

  it('with no checksum, never renames a part of the file onto the target: it asks for the rest until the announced length', async () => {
    sandbox.faults.noChecksum = true;
    const { id, url } = await completedVideo();
    const cap = 512 * 1024;
    const front = await shortRangeFront(cap);
    const target = join(tempDir(), 'ranges.mp4');
    try {
      const { pathname, search } = new URL(url);
      const result = await downloadFile({ url: `${front.origin}${pathname}${search}`, target, sleep: noSleep });
      expect(result).toMatchObject({ bytes: SIZE, checksumVerified: false, sha256: sandbox.videoSha256(id) });
    } finally {
      await front.close();
    }
    expect(statSync(target).size).toBe(SIZE);
    expect(sha256(target)).toBe(sandbox.videoSha256(id));
    expect(existsSync(`${target}.part`)).toBe(false);
    const parts = Math.ceil(SIZE / cap);
    expect(front.ranges).toHaveLength(parts);
    expect(front.ranges[0]).toBe(`bytes 0-${cap - 1}/${SIZE}`);
    expect(front.ranges.at(-1)).toBe(`bytes ${(parts - 1) * cap}-${SIZE - 1}/${SIZE}`);
  });
});

describe('a host whose Content-Length lies (issue 10, item 8)', () => {
  it('gives up after a bounded number of requests that get no further, keeping the .part', async () => {
    const { url } = await completedVideo();
    sandbox.faults.lieLength = 1000;
    const target = join(tempDir(), 'lie.mp4');
    sandbox.resetCounters();
    const error = await failure(downloadFile({ url, target, maxRetries: 3, sleep: noSleep }));
    expect(error).toMatchObject({ code: 'file_download_failed', exitCode: ExitCode.api });
    expect(error.message).toMatch(/attempts in a row got no further than 2\.0 MiB/);
    expect(downloads()).toBe(1 + 1 + 3); // the first gets the real bytes, then 4 that add nothing
    expect(sandbox.counters.downloadBytes).toBe(SIZE);
    expect(statSync(`${target}.part`).size).toBe(SIZE);
    expect(existsSync(target)).toBe(false);
  }, 20_000);

  it('counts restarts that made no net progress when the host also ignores Range, bounding the bytes', async () => {
    const { url } = await completedVideo();
    Object.assign(sandbox.faults, { lieLength: 1000, ignoreRange: true });
    const target = join(tempDir(), 'lie-norange.mp4');
    sandbox.resetCounters();
    const error = await failure(downloadFile({ url, target, maxRetries: 2, sleep: noSleep }));
    expect(error.code).toBe('file_download_failed');
    expect(downloads()).toBe(1 + 2 + 1);
    expect(sandbox.counters.downloadBytes).toBe(4 * SIZE);
  }, 20_000);
});
