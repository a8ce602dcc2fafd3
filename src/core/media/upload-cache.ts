// Upload once: a file's SHA-256 → the asset it became, kept per API host in the config folder
// (`<config>/uploads/<host>.json`, a host store), so the same file is never uploaded twice to the
// same account. Entries are checked against the API before use (upload.ts); a lost entry only
// costs one upload.
import { cacheOf, type HostCache, hostFileName, openHostStore } from '../../config/host-store.js';
import * as z from '../../shared/zod-mini.js';

export interface CachedAsset {
  asset_id: string;
  url: string | null;
  mime_type: string;
  size_bytes: number;
  /** ISO time of the upload. */
  uploaded_at: string;
}

const cachedAsset: z.ZodMiniType<CachedAsset> = z.looseObject({
  asset_id: z.string(),
  url: z.nullable(z.string()),
  mime_type: z.string(),
  size_bytes: z.number(),
  uploaded_at: z.string(),
});

export interface UploadCache extends HostCache<CachedAsset> {
  /** Drops every entry naming this asset (after `assets delete`). */
  forgetAsset(assetId: string): void;
}

/** `https://api.heygen.com` → `api.heygen.com.json`: the file name every per-host cache uses. */
export const cacheFileName = hostFileName;

export function openUploadCache(env: Record<string, string | undefined>, baseUrl: string): UploadCache {
  const store = openHostStore({ folder: 'uploads', field: 'assets', entry: cachedAsset }, env, baseUrl);
  return {
    ...cacheOf(store),
    forgetAsset: (assetId) => store.deleteWhere((e) => e.asset_id === assetId),
  };
}
