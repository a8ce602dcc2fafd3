// One checked local file → one asset (core/media/upload.ts), against the sandbox over HTTP: the
// cache is used only while the API still has the asset, small files go multipart and large ones
// direct (restarted when the URL expires, at most twice), and bytes that are not the planned ones
// are never sent whole.
import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/index.js';
import { checkMediaFile } from '../../src/core/media/media-file.js';
import { uploadMediaFile } from '../../src/core/media/upload.js';
import { openUploadCache } from '../../src/core/media/upload-cache.js';
import { ApiError, UsageError } from '../../src/shared/errors.js';
import { useSandbox } from '../helpers/sandbox.js';
import { rejectionOf, tempDir } from '../helpers/harness.js';
import { mediaFolder, sha256, since } from '../commands/media.helpers.js';

const sandbox = useSandbox({ renderMs: 50 });
const MB = 1024 * 1024;

async function setup(name: string, opts: { bytes?: number } = {}) {
  const media = mediaFolder();
  if (opts.bytes !== undefined) media.big(name, opts.bytes);
  const api = createClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, maxRetries: 0 });
  const file = await checkMediaFile(name, { where: 'test', flag: 'path', cwd: media.dir });
  const cache = openUploadCache({ TWIN_CONFIG_DIR: tempDir() }, sandbox.url);
  const sending: number[] = [];
  const progress: Array<[number, number]> = [];
  const deps = {
    api,
    sleep: async () => {},
    cache,
    onSending: () => sending.push(1),
    onProgress: (sent: number, total: number) => progress.push([sent, total]),
  };
  return { media, api, file, cache, deps, sending, progress, path: join(media.dir, name) };
}

const assetPosts = (from: number) => since(sandbox, from).filter((q) => q.method === 'POST' && q.path.startsWith('/v3/assets'));

describe('uploadMediaFile', () => {
  it('multipart, then from the cache while the API has the asset; a deleted asset is uploaded again', async () => {
    const { file, cache, deps, sending, path } = await setup('narration.mp3');
    const from = sandbox.received.length;
    const first = await uploadMediaFile(file, deps);
    expect(first).toEqual({
      path: 'narration.mp3',
      sha256: sha256(path),
      asset_id: expect.stringMatching(/^asset_/),
      url: expect.any(String),
      mime_type: 'audio/mpeg',
      size_bytes: file.size,
      via: 'multipart',
    });
    expect(sending).toHaveLength(1);
    expect(cache.get(sha256(path))).toEqual({
      asset_id: first.asset_id,
      url: first.url,
      mime_type: 'audio/mpeg',
      size_bytes: file.size,
      uploaded_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const again = await uploadMediaFile(file, deps);
    expect(again).toEqual({ ...first, via: 'cache' });
    expect(sending).toHaveLength(1);
    expect(assetPosts(from)).toHaveLength(1);
    // Deleted on HeyGen: a 404 for the cached id, so the file is uploaded again and the cache updated.
    await deps.api.deleteAsset(first.asset_id);
    const third = await uploadMediaFile(file, deps);
    expect(third.via).toBe('multipart');
    expect(third.asset_id).not.toBe(first.asset_id);
    expect(cache.get(sha256(path))!.asset_id).toBe(third.asset_id);
    expect(sending).toHaveLength(2);
    // Without a cache: always sent.
    const { cache: _, ...noCache } = deps;
    expect((await uploadMediaFile(file, noCache)).via).toBe('multipart');
  });

  it('a cached id the API cannot be asked about is an error, not a new upload', async () => {
    const { file, deps } = await setup('narration.mp3');
    const first = await uploadMediaFile(file, deps);
    sandbox.inject({ kind: '500', route: 'GET /v3/assets/:id' });
    const from = sandbox.received.length;
    const error = await rejectionOf(uploadMediaFile(file, deps), ApiError);
    expect(error.status).toBe(500);
    expect(assetPosts(from)).toEqual([]);
    expect(deps.cache.get(first.sha256)!.asset_id).toBe(first.asset_id);
  });

  it('a planned hash that is not the file’s stops a multipart upload before anything is sent; so does a changed size', async () => {
    const { file, deps, path } = await setup('narration.mp3');
    const from = sandbox.received.length;
    const changed = await rejectionOf(uploadMediaFile(file, { ...deps, sha256: 'f'.repeat(64) }), UsageError);
    expect(changed.message).toBe(
      'narration.mp3 changed while twin was uploading it (its bytes are not the ones checked before the upload); nothing was created from it.',
    );
    expect(changed.code).toBe('file_changed');
    expect(changed.details).toEqual({ file: 'narration.mp3' });
    expect(changed.suggestion).toBe(
      'Leave narration.mp3 alone until twin has uploaded it (finish writing or copying it first), then run the command again.',
    );
    writeFileSync(path, Buffer.alloc(file.size + 1, 1));
    expect((await rejectionOf(uploadMediaFile(file, { ...deps, sha256: sha256(path) }), UsageError)).message).toContain(
      `(it grew from ${file.size} bytes)`,
    );
    writeFileSync(path, Buffer.alloc(file.size - 1, 1));
    expect((await rejectionOf(uploadMediaFile(file, { ...deps, sha256: sha256(path) }), UsageError)).message).toContain(
      `(it shrank from ${file.size} bytes)`,
    );
    expect(assetPosts(from)).toEqual([]);
    expect(deps.cache.get(sha256(path))).toBeUndefined();
  });

  it('direct above 32 MB: announced exactly, progress reported, restarted twice when the URL expires, then the error', async () => {
    const { file, deps, progress, path } = await setup('long.mp3', { bytes: 32 * MB + 1 });
    const planned = sha256(path);
    sandbox.inject({ kind: 'expire-upload-url', times: 2 });
    const from = sandbox.received.length;
    const done = await uploadMediaFile(file, { ...deps, sha256: planned });
    expect(done).toMatchObject({ via: 'direct', sha256: planned, size_bytes: 32 * MB + 1, mime_type: 'audio/mpeg', path: 'long.mp3' });
    const announced = assetPosts(from).filter((q) => q.path === '/v3/assets/direct-uploads');
    expect(announced).toHaveLength(3);
    expect(announced[0]!.body).toEqual({
      filename: 'long.mp3',
      content_type: 'audio/mpeg',
      size_bytes: 32 * MB + 1,
      checksum_sha256: planned,
    });
    expect(
      assetPosts(from)
        .filter((q) => q.path.endsWith('/complete'))
        .map((q) => q.body),
    ).toEqual([{ checksum_sha256: planned }]);
    expect(progress.at(-1)).toEqual([32 * MB + 1, 32 * MB + 1]);
    expect(deps.cache.get(planned)!.asset_id).toBe(done.asset_id);
    sandbox.inject({ kind: 'expire-upload-url', times: 3 });
    const again = sandbox.received.length;
    await expect(uploadMediaFile(file, { ...deps, cache: undefined, sha256: planned })).rejects.toThrow();
    expect(assetPosts(again).filter((q) => q.path === '/v3/assets/direct-uploads')).toHaveLength(3);
    expect(assetPosts(again).filter((q) => q.path.endsWith('/complete'))).toEqual([]);
  }, 60_000);

  it('direct: bytes that are not the planned ones never reach the host whole, and nothing is completed', async () => {
    const { file, deps } = await setup('long.mp3', { bytes: 32 * MB + 1 });
    const from = sandbox.received.length;
    const error = await rejectionOf(
      uploadMediaFile(file, { ...deps, sha256: createHash('sha256').update('other').digest('hex') }),
      UsageError,
    );
    expect(error.message).toContain('its bytes are not the ones checked before the upload');
    expect(assetPosts(from).filter((q) => q.path.endsWith('/complete'))).toEqual([]);
  }, 60_000);

  it('a completion HeyGen refuses for its checksum is said about the file, with the API’s facts kept', async () => {
    const { file, deps, path } = await setup('long.mp3', { bytes: 32 * MB + 1 });
    // What HeyGen says when the bytes it received are not the announced ones: made here by
    // completing with another checksum (the transfer itself cannot be damaged on the loopback).
    const api = { ...deps.api, completeAsset: (id: string) => deps.api.completeAsset(id, { checksum_sha256: 'e'.repeat(64) }) };
    const error = await rejectionOf(uploadMediaFile(file, { ...deps, api, sha256: sha256(path) }), ApiError);
    expect(error.message).toBe(
      "HeyGen refused the upload of long.mp3: the bytes it received do not match the file's SHA-256 (damaged on the way, or the file changed while it was sent).",
    );
    expect(error.param).toBe('checksum_sha256');
    expect(error.status).toBe(400);
    expect(error.endpoint).toContain('/complete');
    expect(error.details).toMatchObject({ file: 'long.mp3' });
    expect(error.suggestion).toBe('Run the upload again, leaving long.mp3 unchanged until it is done.');
    expect(deps.cache.get(sha256(path))).toBeUndefined();
    // Another refusal of the completion passes through as it is.
    const other = { ...deps.api, completeAsset: () => deps.api.completeAsset('asset_nope', {}) };
    const passed = await rejectionOf(uploadMediaFile(file, { ...deps, api: other, sha256: sha256(path) }), ApiError);
    expect(passed.message).not.toContain('refused the upload');
  }, 60_000);
});
