// One checked local file → one asset (contract §8): from the upload cache when the API still knows
// the cached id, else multipart up to 32 MB, else a direct upload (announce exact size and type,
// PUT the bytes to the presigned URL with its headers and no API key, complete). Every POST carries
// an Idempotency-Key, so the client's retries never make two assets.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { MediaClient } from '../../api/media-client.js';
import { putPresigned, UploadUrlExpiredError } from '../../api/upload-put.js';
import { ApiError } from '../../shared/errors.js';
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
        open: () => createReadStream(file.path, { highWaterMark: 1024 * 1024 }),
        onProgress: (sent) => deps.onProgress?.(sent, file.size),
        sleep: deps.sleep,
        signal: deps.signal,
      });
    } catch (error) {
      if (error instanceof UploadUrlExpiredError && restart < EXPIRED_RESTARTS) continue;
      throw error;
    }
    const done = await deps.api.completeAsset(direct.asset_id, { checksum_sha256: base.sha256 });
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
