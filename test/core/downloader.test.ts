// The downloader against the sandbox's real HTTP file host and its fault knobs: cuts, stalls,
// expired links, a server that ignores Range, a corrupt leftover .part, giving up, Ctrl-C.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadFile } from '../../src/core/download/downloader.js';
import { ExitCode, TwinError } from '../../src/shared/errors.js';
import { rejectionOf, tempDir } from '../helpers/harness.js';
import { noSleep, sha256, useDownloadHost } from './download-host.js';

const SIZE = 4 * 1024 * 1024 + 123; // not a multiple of any chunk size
const host = useDownloadHost(SIZE);
const { sandbox, completedVideo, downloads } = host;
afterEach(() => {
  sandbox.faults.ignoreRange = false;
  sandbox.options.urlTtlMs = 60 * 60 * 1000;
});

const failure = (promise: Promise<unknown>) => rejectionOf(promise, TwinError);

describe('downloadFile', () => {
  it('streams the file into place with its SHA-256 and leaves no .part', async () => {
    const { id, url } = await completedVideo();
    const target = join(tempDir(), 'sub', 'video.mp4');
    const seen: Array<[number, number | undefined]> = [];
    const result = await downloadFile({ url, target, onProgress: (r, t) => seen.push([r, t]) });
    expect(result).toMatchObject({ path: target, bytes: SIZE, resumedFrom: 0, retries: 0, refreshedUrl: false });
    expect(result.sha256).toBe(sandbox.videoSha256(id));
    expect(sha256(target)).toBe(sandbox.videoSha256(id));
    expect(existsSync(`${target}.part`)).toBe(false);
    expect(seen.at(-1)).toEqual([SIZE, SIZE]);
  });

  it('resumes with Range after cuts at 30 %, 60 % and 90 %, re-sending no byte', async () => {
    const { id, url } = await completedVideo();
    const target = join(tempDir(), 'cut.mp4');
    for (const share of [0.3, 0.6, 0.9]) sandbox.inject({ kind: 'truncate', at: Math.floor(SIZE * share) });
    sandbox.resetCounters();
    const result = await downloadFile({ url, target, sleep: noSleep });
    expect(result.retries).toBe(3);
    expect(result.sha256).toBe(sandbox.videoSha256(id));
    expect(sha256(target)).toBe(sandbox.videoSha256(id));
    expect(downloads()).toBe(4);
    expect(sandbox.counters.downloadBytes).toBe(SIZE);
  });

  it('resumes a small file whose connection closed before its body was read', async () => {
    // A 4 KiB body cut at 1000 bytes has ended (and its stream closed) by the time the .part is
    // opened: the downloader must still see the end, not wait for events that already fired.
    sandbox.options.videoBytes = 4096;
    const { id, url } = await completedVideo().finally(() => (sandbox.options.videoBytes = SIZE));
    sandbox.inject({ kind: 'truncate', at: 1000 });
    const result = await downloadFile({ url, target: join(tempDir(), 'small.mp4'), sleep: noSleep });
    expect(result).toMatchObject({ bytes: 4096, retries: 1 });
    expect(result.sha256).toBe(sandbox.videoSha256(id));
  });

  it('recovers when the presigned URL expires in the middle of a download', async () => {
    const { id, url } = await completedVideo();
    const target = join(tempDir(), 'expired.mp4');
    sandbox.inject({ kind: 'truncate', at: Math.floor(SIZE / 2) });
    let refreshed = 0;
    let expired = false;
    const result = await downloadFile({
      url,
      target,
      sleep: noSleep,
      // Every URL issued so far is revoked once the first bytes have arrived.
      onProgress: () => {
        if (!expired) sandbox.inject({ kind: 'expire-urls' });
        expired = true;
      },
      refreshUrl: async () => {
        refreshed += 1;
        return (await host.api.getVideo(id)).video_url!;
      },
    });
    expect(refreshed).toBe(1);
    expect(result.refreshedUrl).toBe(true);
    expect(result.sha256).toBe(sandbox.videoSha256(id));
  });

  it('refreshes a URL whose lifetime ran out before the download started', async () => {
    sandbox.options.urlTtlMs = 1;
    const { id, url } = await completedVideo();
    sandbox.options.urlTtlMs = 60 * 60 * 1000;
    await new Promise((r) => setTimeout(r, 5));
    const result = await downloadFile({
      url,
      target: join(tempDir(), 'ttl.mp4'),
      refreshUrl: async () => (await host.api.getVideo(id)).video_url!,
    });
    expect(result.refreshedUrl).toBe(true);
    expect(result.sha256).toBe(sandbox.videoSha256(id));
  });

  it('takes a 404 from the file host as an expired link too, and fetches a fresh one', async () => {
    const { id, url } = await completedVideo();
    const gone = createServer((req, res) => res.writeHead(404).end('NoSuchKey')).listen(0, '127.0.0.1');
    await new Promise((r) => gone.once('listening', r));
    try {
      let refreshed = 0;
      const result = await downloadFile({
        url: `http://127.0.0.1:${(gone.address() as AddressInfo).port}/old-link.mp4`,
        target: join(tempDir(), '404.mp4'),
        refreshUrl: async () => (refreshed++, url),
      });
      expect(refreshed).toBe(1);
      expect(result).toMatchObject({ refreshedUrl: true, retries: 0 });
      expect(result.sha256).toBe(sandbox.videoSha256(id));
    } finally {
      gone.close();
    }
  });

  it("refuses a file whose SHA-256 differs from the server's checksum: nothing at the target, no .part", async () => {
    const body = Buffer.alloc(5000, 1);
    const wrong = Buffer.alloc(32, 9).toString('base64');
    const host = createServer((req, res) =>
      res.writeHead(200, { 'content-length': body.length, 'x-amz-checksum-sha256': wrong }).end(body),
    ).listen(0, '127.0.0.1');
    await new Promise((r) => host.once('listening', r));
    try {
      const target = join(tempDir(), 'bad.mp4');
      const error = await failure(downloadFile({ url: `http://127.0.0.1:${(host.address() as AddressInfo).port}/v.mp4`, target }));
      expect(error).toMatchObject({ code: 'checksum_mismatch', exitCode: ExitCode.api });
      expect(existsSync(target)).toBe(false);
      expect(existsSync(`${target}.part`)).toBe(false);
    } finally {
      host.close();
    }
  });

  it('starts cleanly from zero when the server ignores Range', async () => {
    const { id, url } = await completedVideo();
    const target = join(tempDir(), 'norange.mp4');
    sandbox.faults.ignoreRange = true;
    sandbox.inject({ kind: 'truncate', at: Math.floor(SIZE * 0.4) });
    sandbox.resetCounters();
    const result = await downloadFile({ url, target, sleep: noSleep });
    expect(result.retries).toBe(1);
    expect(statSync(target).size).toBe(SIZE);
    expect(sha256(target)).toBe(sandbox.videoSha256(id));
    expect(sandbox.counters.downloadBytes).toBe(Math.floor(SIZE * 0.4) + SIZE);
  });

  it('detects a stalled connection and retries it', async () => {
    const { id, url } = await completedVideo();
    sandbox.inject({ kind: 'stall', at: Math.floor(SIZE * 0.2), ms: 5_000 });
    const started = Date.now();
    const result = await downloadFile({ url, target: join(tempDir(), 'stall.mp4'), stallMs: 300, sleep: noSleep });
    expect(result.retries).toBe(1);
    expect(result.sha256).toBe(sandbox.videoSha256(id));
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('gives up after bounded retries, keeps only the .part, says what to run, and resumes from it later', async () => {
    const { id, url } = await completedVideo();
    const target = join(tempDir(), 'giveup.mp4');
    const cut = Math.floor(SIZE * 0.25);
    // The first request is cut at 25 %; every resumed one is cut at once (no progress): 1 + 3 attempts.
    sandbox.inject({ kind: 'truncate', at: cut, times: 4 });
    const error = await failure(downloadFile({ url, target, maxRetries: 2, sleep: noSleep, resumeHint: `twin video download ${id}` }));
    expect(error.exitCode).toBe(ExitCode.api);
    expect(error.code).toBe('file_download_failed');
    expect(error.suggestion).toContain(`twin video download ${id}`);
    expect(existsSync(target)).toBe(false);
    expect(statSync(`${target}.part`).size).toBe(cut);

    sandbox.resetCounters();
    const result = await downloadFile({ url, target });
    expect(result.resumedFrom).toBe(cut);
    expect(sandbox.counters.downloadBytes).toBe(SIZE - cut);
    expect(sha256(target)).toBe(sandbox.videoSha256(id));
    expect(existsSync(`${target}.part`)).toBe(false);
  });

  it('replaces a corrupt leftover .part when the checksum does not match', async () => {
    const { id, url } = await completedVideo();
    const target = join(tempDir(), 'corrupt.mp4');
    writeFileSync(`${target}.part`, Buffer.alloc(1000, 7));
    const result = await downloadFile({ url, target, sleep: noSleep });
    expect(result.resumedFrom).toBe(1000);
    expect(result.retries).toBe(1);
    expect(sha256(target)).toBe(sandbox.videoSha256(id));
  });

  it('never resumes a .part cut from another file: If-Range with the ETag kept beside it', async () => {
    const first = await completedVideo();
    const target = join(tempDir(), 'same-name.mp4');
    sandbox.inject({ kind: 'truncate', at: Math.floor(SIZE / 2), times: 2 });
    await failure(downloadFile({ url: first.url, target, maxRetries: 0, sleep: noSleep }));
    expect(readFileSync(`${target}.part.etag`, 'utf8')).toMatch(/^"\w+"\n$/);

    sandbox.options.videoBytes = SIZE + 4096; // another file behind the same target name
    const other = await completedVideo().finally(() => (sandbox.options.videoBytes = SIZE));
    sandbox.resetCounters();
    const result = await downloadFile({ url: other.url, target });
    expect(sha256(target)).toBe(sandbox.videoSha256(other.id));
    expect(result.retries).toBe(0);
    expect(downloads()).toBe(1); // the server answered the If-Range with the whole new file
    expect(sandbox.counters.downloadBytes).toBe(SIZE + 4096);
    expect(existsSync(`${target}.part.etag`)).toBe(false);
  });

  it('follows a redirect from the link to where the file is', async () => {
    const { id, url } = await completedVideo();
    const cdn = createServer((req, res) => res.writeHead(302, { location: url }).end()).listen(0, '127.0.0.1');
    await new Promise((r) => cdn.once('listening', r));
    try {
      const result = await downloadFile({
        url: `http://127.0.0.1:${(cdn.address() as AddressInfo).port}/v.mp4`,
        target: join(tempDir(), 'moved.mp4'),
      });
      expect(result.sha256).toBe(sandbox.videoSha256(id));
    } finally {
      cdn.close();
    }
  });

  it('retries a 5xx from the file host', async () => {
    const { id, url } = await completedVideo();
    sandbox.inject({ kind: '503', route: 'GET /download/:id', times: 2 });
    const result = await downloadFile({ url, target: join(tempDir(), '5xx.mp4'), sleep: noSleep });
    expect(result.retries).toBe(2);
    expect(result.sha256).toBe(sandbox.videoSha256(id));
  });

  it('refuses to overwrite an existing file without force, and replaces it with force', async () => {
    const { id, url } = await completedVideo();
    const target = join(tempDir(), 'exists.mp4');
    writeFileSync(target, 'old');
    const before = downloads();
    const error = await failure(downloadFile({ url, target }));
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.details.flag).toBe('force');
    expect(downloads()).toBe(before);
    expect(readFileSync(target, 'utf8')).toBe('old');
    await downloadFile({ url, target, force: true });
    expect(sha256(target)).toBe(sandbox.videoSha256(id));
  });

  it('stops on abort with exit 130, keeping the .part and saying how to resume', async () => {
    const { id, url } = await completedVideo();
    const target = join(tempDir(), 'abort.mp4');
    const controller = new AbortController();
    sandbox.inject({ kind: 'stall', at: Math.floor(SIZE / 2), ms: 5_000 });
    const error = await failure(
      downloadFile({
        url,
        target,
        signal: controller.signal,
        resumeHint: `twin video download ${id}`,
        onProgress: (received) => {
          if (received >= Math.floor(SIZE / 2)) controller.abort();
        },
      }),
    );
    expect(error.exitCode).toBe(ExitCode.interrupted);
    expect(error.suggestion).toContain(`twin video download ${id}`);
    expect(existsSync(target)).toBe(false);
    expect(statSync(`${target}.part`).size).toBe(Math.floor(SIZE / 2));
  });
});

describe('downloadFile of a bigger file', () => {
  const BIG = 16 * 1024 * 1024 + 4321;
  async function bigVideo(): Promise<{ id: string; url: string }> {
    sandbox.options.videoBytes = BIG;
    return completedVideo().finally(() => (sandbox.options.videoBytes = SIZE));
  }

  it('resumes after cuts at 30 %, 60 % and 90 % and a .part left by an earlier run, re-sending no byte', async () => {
    const { id, url } = await bigVideo();
    const target = join(tempDir(), 'big.mp4');
    // Cut at 30 %, then at once again on the resume: no progress, so this run gives up.
    sandbox.inject({ kind: 'truncate', at: Math.floor(BIG * 0.3), times: 2 });
    await failure(downloadFile({ url, target, maxRetries: 0, sleep: noSleep }));
    expect(statSync(`${target}.part`).size).toBe(Math.floor(BIG * 0.3));
    for (const share of [0.6, 0.9]) sandbox.inject({ kind: 'truncate', at: Math.floor(BIG * share) });
    sandbox.resetCounters();
    const result = await downloadFile({ url, target, sleep: noSleep });
    expect(result).toMatchObject({ bytes: BIG, resumedFrom: Math.floor(BIG * 0.3), retries: 2 });
    expect(result.sha256).toBe(sandbox.videoSha256(id));
    expect(sha256(target)).toBe(sandbox.videoSha256(id));
    expect(sandbox.counters.downloadBytes).toBe(BIG - Math.floor(BIG * 0.3));
  });

  it('restarts cleanly when the server ignores Range, and stops on abort at once', async () => {
    const { id, url } = await bigVideo();
    const target = join(tempDir(), 'big-norange.mp4');
    sandbox.faults.ignoreRange = true;
    sandbox.inject({ kind: 'truncate', at: Math.floor(BIG * 0.5) });
    const result = await downloadFile({ url, target, sleep: noSleep });
    expect(result.retries).toBe(1);
    expect(sha256(target)).toBe(sandbox.videoSha256(id));
    sandbox.faults.ignoreRange = false;

    const controller = new AbortController();
    sandbox.inject({ kind: 'stall', at: Math.floor(BIG / 2), ms: 5_000 });
    const started = Date.now();
    const error = await failure(
      downloadFile({
        url,
        target: join(tempDir(), 'big-abort.mp4'),
        signal: controller.signal,
        onProgress: (received) => {
          if (received >= Math.floor(BIG / 2)) controller.abort();
        },
      }),
    );
    expect(error.exitCode).toBe(ExitCode.interrupted);
    expect(Date.now() - started).toBeLessThan(4_000);
  });
});
