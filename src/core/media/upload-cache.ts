// Upload once: a file's SHA-256 → the asset it became, kept per API host in the config folder
// (`<config>/uploads/<host>.json`), so the same file is never uploaded twice to the same account.
// Entries are checked against the API before use (upload.ts); a lost entry only costs one upload,
// so concurrent runs merge their entries without a lock and the last write wins per file.
import { closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configDir } from '../../config/paths.js';
import { ensureDir, errnoOf, fileSystemError, openNoFollow, writeFileAtomic } from '../../shared/safe-fs.js';

export interface CachedAsset {
  asset_id: string;
  url: string | null;
  mime_type: string;
  size_bytes: number;
  /** ISO time of the upload. */
  uploaded_at: string;
}

interface CacheFile {
  version: 1;
  assets: Record<string, CachedAsset>;
}

export interface UploadCache {
  readonly path: string;
  get(sha256: string): CachedAsset | undefined;
  set(sha256: string, entry: CachedAsset): void;
  delete(sha256: string): void;
  /** Drops every entry naming this asset (after `assets delete`). */
  forgetAsset(assetId: string): void;
}

/** `https://api.heygen.com` → `api.heygen.com`; `http://127.0.0.1:4010` → `127.0.0.1_4010`. */
export function cacheFileName(baseUrl: string): string {
  const host = new URL(baseUrl).host.toLowerCase();
  return `${host.replace(/[^a-z0-9.-]/g, '_')}.json`;
}

export function openUploadCache(env: Record<string, string | undefined>, baseUrl: string): UploadCache {
  const dir = join(configDir(env), 'uploads');
  const path = join(dir, cacheFileName(baseUrl));
  const read = (): CacheFile => {
    let text: string;
    try {
      const fd = openNoFollow(path, 'r');
      try {
        text = readFileSync(fd, 'utf8');
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      // openNoFollow already turned the errno into a TwinError that keeps it in its details.
      if (errnoOf(error) === 'ENOENT' || (error as { details?: { errno?: string } }).details?.errno === 'ENOENT')
        return { version: 1, assets: {} };
      throw fileSystemError(error, path, 'read');
    }
    try {
      const parsed = JSON.parse(text) as Partial<CacheFile>;
      // A damaged or future file is not worth failing an upload for: start afresh.
      if (parsed.version === 1 && parsed.assets && typeof parsed.assets === 'object') return parsed as CacheFile;
    } catch {
      // fall through
    }
    return { version: 1, assets: {} };
  };
  const update = (change: (file: CacheFile) => void): void => {
    ensureDir(dir, { mode: 0o700 });
    const file = read();
    change(file);
    const sorted = Object.fromEntries(Object.entries(file.assets).sort(([a], [b]) => a.localeCompare(b)));
    writeFileAtomic(path, `${JSON.stringify({ version: 1, assets: sorted }, null, 2)}\n`, { mode: 0o600 });
  };
  return {
    path,
    get: (sha256) => read().assets[sha256],
    set: (sha256, entry) => update((f) => void (f.assets[sha256] = entry)),
    delete: (sha256) => update((f) => void delete f.assets[sha256]),
    forgetAsset: (assetId) =>
      update((f) => {
        for (const [sha, entry] of Object.entries(f.assets)) if (entry.asset_id === assetId) delete f.assets[sha];
      }),
  };
}
