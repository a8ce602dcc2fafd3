// The local files of a batch's scenes rows (slides, clips, recordings; see core/batch/scenes-row.ts),
// for the rows about to be created: each distinct file uploaded once per run (and once ever,
// through the upload cache) before the first create, by the same path as `video create --scenes`.
import type { StudioVideoBody } from '../api/studio-body.js';
import { LOCAL_FILE_PREFIX } from '../core/media/local-media.js';
import { checkMediaFile } from '../core/media/media-file.js';
import type { CheckedSceneMedia } from '../core/scenes/preflight.js';
import { sceneMediaRefs } from '../core/scenes/to-body.js';
import { uploadSceneFiles } from '../flows/scenes.js';
import type { Context } from './context-types.js';
import { createUploader, type MediaUploader } from './media-upload.js';

/** Rows' bodies get the asset ids; paths in them are relative to the manifest's folder. Returns the files uploaded. */
export async function uploadSceneRowsMedia(
  ctx: Context,
  rows: ReadonlyArray<{ body: string; line: number }>,
  baseDir: string,
  opts: { cache: boolean },
): Promise<number> {
  const needing = rows.filter((r) => r.body.includes(LOCAL_FILE_PREFIX));
  const byFile = new Map<string, string>();
  let uploader: MediaUploader | undefined;
  for (const row of needing) {
    const body = JSON.parse(row.body) as StudioVideoBody;
    if (body.type !== 'studio') continue; // a single-scene row: uploadManifestMedia's
    const media: CheckedSceneMedia[] = [];
    for (const ref of sceneMediaRefs(body)) {
      // Checked again: the plan hashed it, and it may have gone since.
      const file = await checkMediaFile(ref.path, {
        where: `line ${row.line}, scene ${ref.scene}`,
        flag: 'scenes',
        kinds: ref.kinds,
        cwd: baseDir,
      });
      media.push({ ...ref, file });
    }
    uploader ??= await createUploader(ctx, opts);
    const up = uploader;
    (row as { body: string }).body = JSON.stringify(await uploadSceneFiles(body, media, (file) => up.upload(file), byFile));
  }
  return byFile.size;
}
