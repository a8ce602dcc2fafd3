// How the downloader takes each kind of answer from a file host (issue 27: the mutants of
// core/download/receive.ts and downloader.ts the sandbox's file host never provoked): waits the
// host asks for, the backoff when it keeps failing, statuses that end it, an expired link with
// and without a way to refresh it, a size cap, a checksum that is or is not a whole-file hash.
// Against a scripted local HTTP server; waits are recorded, not slept.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { downloadFile } from '../../src/core/download/downloader.js';
import { ApiError, TwinError } from '../../src/shared/errors.js';
import { rejectionOf, tempDir } from '../helpers/harness.js';

const FILE = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 251));
const SHA = createHash('sha256').update(FILE).digest();

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const servers: Array<ReturnType<typeof createServer>> = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A host answering its n-th request with the n-th handler (the last one repeats). */
async function host(...handlers: Handler[]): Promise<{ url: string; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    handlers[Math.min(requests.length, handlers.length) - 1]!(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/file.bin`, requests };
}

const whole: Handler = (_req, res) => res.writeHead(200, { 'content-length': FILE.length }).end(FILE);
const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) =>
    res.writeHead(code, headers).end('no');

function recorder() {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
}

const target = () => join(tempDir(), 'file.bin');

describe('waits', () => {
  it('a 429 or 5xx with Retry-After is waited as asked (at most a minute); without one, 0.5 s doubling with each failure in a row', async () => {
    const server = await host(
      status(429, { 'retry-after': '2' }),
      status(503, { 'retry-after': '3600' }),
      status(502, { 'retry-after': 'soon' }),
      status(500, { 'retry-after': '0' }),
      status(503),
      whole,
    );
    const { sleeps, sleep } = recorder();
    const result = await downloadFile({ url: server.url, target: target(), sleep });
    // The backoff counts every failure in a row, waited on or not: the third waits 2 s.
    expect(sleeps).toEqual([2000, 60_000, 2000, 4000, 8000]);
    expect(result).toMatchObject({ bytes: FILE.length, retries: 5, refreshedUrl: false, checksumVerified: false });
    expect(result.sha256).toBe(SHA.toString('hex'));
  });

  it('gives up after maxRetries failures in a row that got no further, with the reason and the count', async () => {
    const server = await host(status(503));
    const { sleeps, sleep } = recorder();
    const path = target();
    const error = await rejectionOf(downloadFile({ url: server.url, target: path, sleep, maxRetries: 2 }), ApiError);
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
    expect(error.message).toBe(
      'Download of file.bin failed: the server answered 503; 3 attempts in a row got no further than 0 B (after 3 retries).',
    );
    expect(error).toMatchObject({ code: 'file_download_failed', details: { part: `${path}.part`, bytes_on_disk: 0, retries: 3 } });
    expect(existsSync(path)).toBe(false);
  });

  it('the backoff is capped at 10 s', async () => {
    const server = await host(status(500));
    const { sleeps, sleep } = recorder();
    await rejectionOf(downloadFile({ url: server.url, target: target(), sleep, maxRetries: 7 }), ApiError);
    expect(sleeps).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});

describe('answers that end it', () => {
  it('a status that is neither a file, a range, a retry nor an expiry: that status, no retry', async () => {
    const server = await host(status(400));
    const error = await rejectionOf(downloadFile({ url: server.url, target: target(), resumeHint: 'twin video download v1' }), ApiError);
    expect(server.requests).toHaveLength(1);
    expect(error.message).toBe('The download answered HTTP 400.');
    expect(error).toMatchObject({ status: 400, code: 'file_download_failed', suggestion: 'Run `twin video download v1` to resume.' });
  });

  it('an expired link (403, 404, 410) without a way to refresh it: given up, saying so', async () => {
    for (const code of [403, 404, 410]) {
      const server = await host(status(code));
      const error = await rejectionOf(downloadFile({ url: server.url, target: target() }), ApiError);
      expect(error.message).toBe(`Download of file.bin failed: the download link answered ${code} (expired or revoked).`);
    }
  });

  it('a link that stays expired is refreshed three times, then given up', async () => {
    const server = await host(status(410));
    let refreshed = 0;
    const refreshUrl = async () => {
      refreshed++;
      return server.url;
    };
    const error = await rejectionOf(downloadFile({ url: server.url, target: target(), refreshUrl }), ApiError);
    expect(refreshed).toBe(3);
    expect(server.requests).toHaveLength(4);
    expect(error.message).toContain('the download link answered 410 (expired or revoked)');
  });

  it('a refreshed link that works: done, and said so', async () => {
    const server = await host(status(410), whole);
    const result = await downloadFile({ url: server.url, target: target(), refreshUrl: async () => server.url });
    expect(result).toMatchObject({ refreshedUrl: true, retries: 0, bytes: FILE.length });
  });
});

describe('the size cap', () => {
  it('an announced length over the cap stops at once and deletes the .part', async () => {
    const server = await host(whole);
    const path = target();
    const error = await rejectionOf(downloadFile({ url: server.url, target: path, maxBytes: 2999 }), ApiError);
    expect(error.message).toBe('The file host sent more than 2.9 KiB, more than this file can be; the download was stopped.');
    expect(error.details).toEqual({ max_bytes: 2999 });
    expect(error.suggestion).toBe('Try again; if it keeps happening the file host is misbehaving.');
    expect(existsSync(`${path}.part`)).toBe(false);
    expect(existsSync(path)).toBe(false);
  });

  it('an unannounced body that grows past the cap stops too; one exactly at the cap is fine', async () => {
    const chunked: Handler = (_req, res) => {
      res.writeHead(200);
      res.write(FILE.subarray(0, 1000));
      setTimeout(() => res.end(FILE.subarray(1000)), 20);
    };
    const server = await host(chunked);
    const path = target();
    await rejectionOf(downloadFile({ url: server.url, target: path, maxBytes: 2000 }), ApiError);
    expect(existsSync(`${path}.part`)).toBe(false);
    const exact = await downloadFile({ url: server.url, target: target(), maxBytes: FILE.length });
    expect(exact.bytes).toBe(FILE.length);
  });

  it('with no length announced, the expected size is the length: a shorter body is asked for again', async () => {
    const server = await host((_req, res) => {
      res.writeHead(200);
      res.end(FILE.subarray(0, 1000));
    }, whole);
    const { sleeps, sleep } = recorder();
    const result = await downloadFile({ url: server.url, target: target(), sleep, expectedBytes: FILE.length });
    expect(result).toMatchObject({ bytes: FILE.length, retries: 1 });
    expect(sleeps).toEqual([0]); // it got further than before: no backoff
  });
});

describe('checksums', () => {
  const withChecksum =
    (checksum: string): Handler =>
    (_req, res) =>
      res.writeHead(200, { 'content-length': FILE.length, 'x-amz-checksum-sha256': checksum }).end(FILE);

  it('a whole-file SHA-256 that matches is reported as verified; a composite one is neither checked nor verified', async () => {
    const verified = await downloadFile({ url: (await host(withChecksum(SHA.toString('base64')))).url, target: target() });
    expect(verified.checksumVerified).toBe(true);
    const composite = await downloadFile({ url: (await host(withChecksum('YWJj-3'))).url, target: target() });
    expect(composite.checksumVerified).toBe(false);
    expect(readFileSync(composite.path).equals(FILE)).toBe(true);
  });

  it('a mismatch on a file from one response deletes it, naming what to do', async () => {
    const wrong = createHash('sha256').update('other').digest('base64');
    const path = target();
    const error = await rejectionOf(downloadFile({ url: (await host(withChecksum(wrong))).url, target: path }), TwinError);
    expect(error.message).toBe("The downloaded file does not match the server's SHA-256 checksum; it was deleted.");
    expect(error.code).toBe('checksum_mismatch');
    expect(error.suggestion).toBe(
      'Try again; if it keeps failing the file at HeyGen may be damaged. Run the same command again to resume.',
    );
    expect(existsSync(`${path}.part`)).toBe(false);
    expect(existsSync(path)).toBe(false);
  });
});
