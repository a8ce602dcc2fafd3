// The local audio/background files of a manifest's rows about to be created: each distinct file
// uploaded once (as exactly the bytes the plan hashed, when it did) before the first create, and
// the rows' bodies given the asset ids. Shared by `batch run` (with its progress lines) and the
// library's runBatch, so a local path never reaches the API from either.
import type { CreateVideoBody } from '../api/video-body.js';
import { checkLocalMedia, LOCAL_FILE_PREFIX, localPlaceholder, useUploadedIds, type CheckedLocalMedia } from '../core/media/local-media.js';
import type { MediaFile } from '../core/media/media-file.js';

/** Uploads one checked file; `sha256` is what the plan read from it (the upload must send exactly that). */
type UploadOne = (file: MediaFile, sha256: string | undefined) => Promise<{ asset_id: string }>;

/** Returns how many distinct files were uploaded (or found in the cache). */
export async function uploadRowsMedia(
  rows: ReadonlyArray<{ body: string }>,
  baseDir: string,
  upload: () => Promise<UploadOne>,
  plannedSha256?: (path: string) => string | undefined,
): Promise<number> {
  const needing = rows.filter((r) => r.body.includes(LOCAL_FILE_PREFIX));
  if (needing.length === 0) return 0;
  const ids = new Map<string, string>();
  const send = await upload();
  for (const row of needing) {
    const body = JSON.parse(row.body) as CreateVideoBody;
    const done: Array<{ field: CheckedLocalMedia['field']; assetId: string }> = [];
    for (const m of await checkLocalMedia(body, baseDir)) {
      const key = localPlaceholder(m.path);
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = (await send(m.file, plannedSha256?.(m.file.path))).asset_id));
      done.push({ field: m.field, assetId: id });
    }
    useUploadedIds(body, done);
    (row as { body: string }).body = JSON.stringify(body);
  }
  return ids.size;
}
