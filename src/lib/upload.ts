// uploadAsset for library users: the checks and the upload path `twin assets upload` runs (type
// from the first bytes, size limits, multipart up to 32 MB, presigned direct upload above, an
// Idempotency-Key on every POST, the upload-once cache per API host).
import type { HeyGenClient } from '../api/client.js';
import { checkMediaFile, type MediaFile } from '../core/media/media-file.js';
import type { MediaKind } from '../shared/media-type.js';
import { sleep } from '../shared/sleep.js';
import { uploadMediaFile, type UploadedFile } from '../core/media/upload.js';
import { openUploadCache } from '../core/media/upload-cache.js';
import { baseUrlOf } from './client.js';

export type { UploadedFile } from '../core/media/upload.js';
export type { MediaKind } from '../shared/media-type.js';

export interface UploadAssetOptions {
  /** Kinds of file to accept (default: any the API takes: image, audio, video, document, subtitle). */
  kinds?: readonly MediaKind[];
  /**
   * Re-use the asset an earlier upload of the same bytes became (kept per API host in the config
   * folder, confirmed with the API before use). Default true for a client made by createClient.
   */
  cache?: boolean;
  /** Bytes sent so far of a large (direct) upload. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
  /** Folder a relative path starts from (default: process.cwd()). */
  cwd?: string;
}

/** Checks a local file, then uploads it once; a bad file is a UsageError (exit 2) with nothing sent. */
export async function uploadAsset(client: HeyGenClient, path: string, options: UploadAssetOptions = {}): Promise<UploadedFile> {
  const file = await checkMediaFile(path, { where: 'uploadAsset', flag: 'path', kinds: options.kinds, cwd: options.cwd ?? process.cwd() });
  return uploadCheckedFile(client, file, options);
}

/** The upload of a checked file, with the cache of the client's API host unless `cache: false`. */
export function uploadCheckedFile(
  client: HeyGenClient,
  file: MediaFile,
  options: Pick<UploadAssetOptions, 'cache' | 'onProgress' | 'signal'> & { sha256?: string } = {},
): Promise<UploadedFile> {
  const base = options.cache === false ? undefined : baseUrlOf(client);
  const cache = base ? openUploadCache(process.env, base) : undefined;
  return uploadMediaFile(file, {
    api: client,
    sleep,
    signal: options.signal,
    cache,
    onProgress: options.onProgress,
    // The bytes the caller hashed (a batch plan): anything else is refused, naming the file.
    ...(options.sha256 ? { sha256: options.sha256 } : {}),
  });
}
