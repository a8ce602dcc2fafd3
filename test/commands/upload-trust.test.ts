// Uploads send exactly what was planned, to a host that is bounded: an upload host whose answer
// never ends, or that stops reading our bytes, is given up on with a clear error; a file rewritten
// (same size, new bytes) or grown between the plan and the upload stops before anything is created
// from it, naming the file, and the upload cache files bytes under their own hash only.
import { appendFileSync, openSync, closeSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { tempDir } from '../helpers/harness.js';
import { mediaFolder, mediaRunner, sha256, since } from './media.helpers.js';
import { createClient } from '../../src/lib/client.js';
import { checkMediaFile } from '../../src/core/media/media-file.js';
import { uploadMediaFile } from '../../src/core/media/upload.js';
import { openUploadCache } from '../../src/core/media/upload-cache.js';
import { isTwinError } from '../../src/shared/errors.js';

const sandbox = useSandbox({ renderMs: 50 });
const MB = 1024 * 1024;

/** Overwrites `bytes` bytes at `at` with a different value (the size stays the same). */
function rewrite(path: string, at: number, bytes = 4096): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(bytes, 0xee), 0, bytes, at);
  closeSync(fd);
}

async function uploadWith(path: string, opts: { planned?: string; onProgress?: (sent: number) => void; config: string }) {
  const client = createClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, maxRetries: 1 });
  const file = await checkMediaFile(path, { where: 'test', flag: 'path', cwd: '/' });
  const cache = openUploadCache({ TWIN_CONFIG_DIR: opts.config }, sandbox.url);
  const run = uploadMediaFile(file, {
    api: client,
    sleep: async () => {},
    cache,
    ...(opts.planned ? { sha256: opts.planned } : {}),
    onProgress: (sent) => opts.onProgress?.(sent),
  });
  return { run, cache };
}

const creates = (from: number) =>
  since(sandbox, from).filter((q) => q.method === 'POST' && /^\/v3\/assets(\/[^/]+\/complete)?$/.test(q.path));

describe('an upload host that misbehaves', () => {
  it('an endless 200 answer to the PUT is cut at 64 KiB: a clear error, no completion, nothing cached', async () => {
    const media = mediaFolder();
    media.big('long.mp3', 33 * MB);
    const twin = mediaRunner(sandbox, media.dir);
    sandbox.inject({ kind: 'endless-upload-answer' });
    const from = sandbox.received.length;
    const started = Date.now();
    const r = await twin(['assets', 'upload', 'long.mp3', '--json']);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('body larger than 64 KiB');
    expect(since(sandbox, from).filter((q) => q.path.endsWith('/complete'))).toEqual([]);
    expect(since(sandbox, from).filter((q) => q.method === 'PUT')).toHaveLength(1); // not retried
    expect(sandbox.pendingFaults()).toEqual([]);
  });

  it('a host that stops reading our bytes is given up on after 20 s of silence, not retried', async () => {
    const media = mediaFolder();
    media.big('long.mp3', 33 * MB);
    const twin = mediaRunner(sandbox, media.dir);
    sandbox.inject({ kind: 'stall-upload', at: 2 * MB });
    const from = sandbox.received.length;
    const started = Date.now();
    const r = await twin(['assets', 'upload', 'long.mp3', '--json', '--no-cache']);
    const took = Date.now() - started;
    expect(took).toBeGreaterThan(19_000);
    expect(took).toBeLessThan(40_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/The upload host stopped reading the file: it took no bytes for 20 s \(\d+ of 34603008 bytes sent\)/);
    expect(since(sandbox, from).filter((q) => q.method === 'PUT')).toHaveLength(1);
    expect(since(sandbox, from).filter((q) => q.path.endsWith('/complete'))).toEqual([]);
  }, 60_000);
});

describe('a local file that changes between the plan and the upload', () => {
  it('multipart: the same size with new bytes stops before the upload, naming the file; nothing is cached', async () => {
    const media = mediaFolder();
    const path = join(media.dir, 'narration.mp3');
    const planned = sha256(path);
    rewrite(path, 2000);
    const config = tempDir();
    const from = sandbox.received.length;
    const { run, cache } = await uploadWith(path, { planned, config });
    const error = await run.catch((e: unknown) => e);
    expect(isTwinError(error) && error.code).toBe('file_changed');
    expect((error as Error).message).toContain(`${path} changed while twin was uploading it`);
    expect((error as { exitCode: number }).exitCode).toBe(2);
    expect(creates(from)).toEqual([]);
    expect(cache.get(planned)).toBeUndefined();
    expect(cache.get(sha256(path))).toBeUndefined();
  });

  it('direct upload: bytes rewritten while they are sent stop the PUT before its end; no completion, nothing cached', async () => {
    const media = mediaFolder();
    const path = media.big('long.mp3', 33 * MB);
    const planned = sha256(path);
    const config = tempDir();
    const from = sandbox.received.length;
    let done = false;
    const { run, cache } = await uploadWith(path, {
      planned,
      config,
      onProgress: (sent) => {
        if (!done && sent > 0) rewrite(path, 20 * MB, 1 * MB);
        done = true;
      },
    });
    const error = await run.catch((e: unknown) => e);
    expect(isTwinError(error) && error.code, String(error)).toBe('file_changed');
    expect(since(sandbox, from).filter((q) => q.path.endsWith('/complete'))).toEqual([]);
    const puts = since(sandbox, from).filter((q) => q.method === 'PUT');
    expect(puts.every((q) => (q.body as { size: number | null }).size === null)).toBe(true); // cut, never whole
    expect(cache.get(planned)).toBeUndefined();
    expect(cache.get(sha256(path))).toBeUndefined();
  });

  it('a file that grows during the upload is blamed on the file, not on the API base', async () => {
    const media = mediaFolder();
    const path = media.big('long.mp3', 33 * MB);
    const twin = mediaRunner(sandbox, media.dir);
    // The CLI hashes the file, asks for a direct upload, then sends it: it grows as the PUT starts.
    let grown = false;
    const run = twin(['assets', 'upload', 'long.mp3', '--no-cache']);
    const timer = setInterval(() => {
      if (!grown && sandbox.received.some((q) => q.path === '/v3/assets/direct-uploads')) {
        appendFileSync(path, Buffer.alloc(3 * MB, 1));
        grown = true;
      }
    }, 2);
    const r = await run;
    clearInterval(timer);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('long.mp3 changed while twin was uploading it (it grew from 34603008 bytes)');
    expect(r.stderr).not.toMatch(/HEYGEN_API_BASE|sandbox/i);
  });

  it('a checksum refusal at completion names the file and suggests no flag that does not exist', async () => {
    const media = mediaFolder();
    const path = media.big('long.mp3', 33 * MB);
    const client = createClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, maxRetries: 1 });
    const file = await checkMediaFile(path, { where: 'test', flag: 'path', cwd: '/' });
    // The API's verdict on a damaged upload, provoked by completing with another checksum.
    const api = { ...client, completeAsset: (id: string) => client.completeAsset(id, { checksum_sha256: '0'.repeat(64) }) };
    const error = await uploadMediaFile(file, { api, sleep: async () => {} }).catch((e: unknown) => e);
    expect(isTwinError(error) && error.details.param).toBe('checksum_sha256');
    expect((error as Error).message).toContain(`HeyGen refused the upload of ${path}`);
    const suggestion = (error as { suggestion?: string }).suggestion ?? '';
    expect(suggestion).toContain('Run the upload again');
    expect(suggestion).not.toContain('--');
  });
});
