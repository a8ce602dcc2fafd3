// One checked local file → one asset (contract §8): from the upload cache when the API still knows
// the cached id, else multipart up to 32 MB, else a direct upload (announce exact size and type,
// PUT the bytes to the presigned URL with its headers and no API key, complete). Every POST carries
// an Idempotency-Key, so the client's retries never make two assets.
import { createReadStream, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { MediaClient } from '../../api/media-client.js';
import { putPresigned, UploadUrlExpiredError } from '../../api/upload-put.js';
import { createHash } from 'node:crypto';
import { ApiError, UsageError } from '../../shared/errors.js';
import type { MediaFile } from './media-file.js';
import { sha256File } from './media-file.js';
import { MULTIPART_MAX_BYTES } from '../../shared/media-type.js';
import type { UploadCache } from './upload-cache.js';

export interface UploadedFile {
  asset_id: string;
  url: string | null;
  mime_type: string;
  size_bytes: number;
  /** The local path as given. */
  path: string;
  sha256: string;
  /** How it got there: from the cache, one multipart POST, or a direct upload. */
  via: 'cache' | 'multipart' | 'direct';
}

export interface UploadDeps {
  api: Pick<MediaClient, 'uploadAsset' | 'createDirectUpload' | 'completeAsset' | 'getAsset'>;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** Undefined: no cache (--no-cache). */
  cache?: UploadCache;
  /** Bytes sent so far of a direct upload (a retry starts again at 0). */
  onProgress?: (sent: number, total: number) => void;
  /** Known already (batch checks hash every file up front). */
  sha256?: string;
  /** Called once bytes are to be sent (not for a file the cache has): "Uploading …" is said then. */
  onSending?: () => void;
}

/** How many times a direct upload whose URL expired is started again. */
const EXPIRED_RESTARTS = 2;

/**
 * What is sent is exactly what was planned: `sha256` (the plan's, or the file's now) is checked
 * against the bytes as they are sent, so a file rewritten in between stops the upload naming it,
 * before anything is created from it, and the cache files bytes under their own hash only.
 */
export async function uploadMediaFile(file: MediaFile, deps: UploadDeps): Promise<UploadedFile> {
  const sha256 = deps.sha256 ?? (await sha256File(file.path, deps.signal));
  const base = { path: file.display, sha256, mime_type: file.mime, size_bytes: file.size };
  const cached = deps.cache?.get(sha256);
  if (cached && (await stillThere(deps.api, cached.asset_id))) {
    return { ...base, asset_id: cached.asset_id, url: cached.url, via: 'cache' };
  }
  if (cached) deps.cache?.delete(sha256);
  deps.onSending?.();

  const result: UploadedFile =
    file.size <= MULTIPART_MAX_BYTES ? await viaMultipart(file, deps, base) : await viaDirectUpload(file, deps, base);
  deps.cache?.set(sha256, {
    asset_id: result.asset_id,
    url: result.url,
    mime_type: result.mime_type,
    size_bytes: result.size_bytes,
    uploaded_at: new Date().toISOString(),
  });
  return result;
}

type Base = Pick<UploadedFile, 'path' | 'sha256' | 'mime_type' | 'size_bytes'>;

async function viaMultipart(file: MediaFile, deps: UploadDeps, base: Base): Promise<UploadedFile> {
  const bytes = await readFile(file.path);
  if (bytes.length !== file.size) throw fileChanged(file, bytes.length > file.size ? 'grew' : 'shrank');
  if (createHash('sha256').update(bytes).digest('hex') !== base.sha256) throw fileChanged(file, 'changed');
  const up = await deps.api.uploadAsset({ name: file.name, mime: file.mime, bytes });
  return {
    ...base,
    asset_id: up.asset_id,
    url: up.url ?? null,
    mime_type: up.mime_type ?? file.mime,
    size_bytes: up.size_bytes ?? bytes.length,
    via: 'multipart',
  };
}

async function viaDirectUpload(file: MediaFile, deps: UploadDeps, base: Base): Promise<UploadedFile> {
  for (let restart = 0; ; restart++) {
    const direct = await deps.api.createDirectUpload({
      filename: file.name,
      content_type: file.mime,
      size_bytes: file.size,
      checksum_sha256: base.sha256,
    });
    try {
      await putPresigned(direct.upload_url, {
        headers: direct.upload_headers,
        size: file.size,
        open: () => verifiedBytes(file, base.sha256),
        onProgress: (sent) => deps.onProgress?.(sent, file.size),
        sleep: deps.sleep,
        signal: deps.signal,
      });
    } catch (error) {
      if (error instanceof UploadUrlExpiredError && restart < EXPIRED_RESTARTS) continue;
      throw error;
    }
    const done = await deps.api.completeAsset(direct.asset_id, { checksum_sha256: base.sha256 }).catch((error: unknown) => {
      // The API's param is no flag of ours: say what it means for this file.
      if (error instanceof ApiError && error.param === 'checksum_sha256') throw checksumRefused(file, error);
      throw error;
    });
    return {
      ...base,
      asset_id: done.asset_id,
      url: done.url ?? null,
      mime_type: done.mime_type ?? file.mime,
      size_bytes: done.size_bytes ?? file.size,
      via: 'direct',
    };
  }
}

/**
 * The file's bytes for one PUT, hashed and counted as they go. The last chunk is checked before it
 * is handed over, so a changed file never reaches the host whole; a file still growing is
 * refused (its planned bytes would be a cut copy).
 */
async function* verifiedBytes(file: MediaFile, planned: string): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  let size = 0;
  const stream = createReadStream(file.path, { highWaterMark: 1024 * 1024, end: file.size - 1 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > file.size) throw fileChanged(file, 'grew');
      hash.update(chunk);
      if (size === file.size) {
        // Still being written (a recording, a copy): what was planned is not the whole file.
        if (statSync(file.path).size > file.size) throw fileChanged(file, 'grew');
        if (hash.digest('hex') !== planned) throw fileChanged(file, 'changed');
        yield chunk;
        return;
      }
      yield chunk;
    }
  } finally {
    stream.destroy();
  }
  throw fileChanged(file, 'shrank');
}

function fileChanged(file: MediaFile, how: 'grew' | 'shrank' | 'changed'): UsageError {
  const what = how === 'changed' ? 'its bytes are not the ones checked before the upload' : `it ${how} from ${file.size} bytes`;
  return new UsageError(`${file.display} changed while twin was uploading it (${what}); nothing was created from it.`, {
    code: 'file_changed',
    details: { file: file.display },
    suggestion: `Leave ${file.display} alone until twin has uploaded it (finish writing or copying it first), then run the command again.`,
  });
}

function checksumRefused(file: MediaFile, cause: ApiError): ApiError {
  return new ApiError(
    `HeyGen refused the upload of ${file.display}: the bytes it received do not match the file's SHA-256 (damaged on the way, or the file changed while it was sent).`,
    {
      status: cause.status,
      apiCode: cause.apiCode,
      param: cause.param,
      requestId: cause.requestId,
      endpoint: cause.endpoint,
      details: { file: file.display },
      suggestion: `Run the upload again, leaving ${file.display} unchanged until it is done.`,
    },
  );
}

/** A cached id is used only while the API still has it; 404 means upload again. */
async function stillThere(api: UploadDeps['api'], assetId: string): Promise<boolean> {
  try {
    await api.getAsset(assetId);
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return false;
    throw error;
  }
}
