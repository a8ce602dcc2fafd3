// Uploading local files from any command (assets upload, video create, batch run, looks create):
// the cache of this API host unless --no-cache, a progress bar for direct uploads on a terminal,
// and one plain line per file otherwise. The upload itself is core/upload.ts.
import type { CreateVideoBody } from '../api/video-body.js';
import type { Context } from './context-types.js';
import { useUploadedIds, type CheckedLocalMedia } from '../core/media/local-media.js';
import { formatBytes } from '../core/download/downloader.js';
import type { MediaFile } from '../core/media/media-file.js';
import { MULTIPART_MAX_BYTES } from '../shared/media-type.js';
import { uploadMediaFile, type UploadedFile } from '../core/media/upload.js';
import type { UploadCache } from '../core/media/upload-cache.js';
import { startProgress } from './progress.js';
import { uploadRowsMedia } from '../flows/batch-media.js';

export interface MediaUploader {
  upload(file: MediaFile, opts?: { sha256?: string }): Promise<UploadedFile>;
}

export async function createUploader(ctx: Context, opts: { cache: boolean }): Promise<MediaUploader> {
  const api = await ctx.api();
  let cache: UploadCache | undefined;
  if (opts.cache) {
    const [{ openUploadCache }, { resolveBaseUrl }] = await Promise.all([
      import('../core/media/upload-cache.js'),
      import('../api/base-url.js'),
    ]);
    cache = openUploadCache(ctx.env, resolveBaseUrl(ctx.env));
  }
  return {
    async upload(file, { sha256 } = {}) {
      const large = file.size > MULTIPART_MAX_BYTES;
      let bar: ReturnType<typeof startProgress> | undefined;
      // Said only when bytes go out: a file the cache has is not being uploaded.
      const onSending = () => {
        bar = large ? startProgress(ctx, file.name) : undefined;
        if (!ctx.io.animate || !large)
          ctx.out.info(ctx.out.style.dim(`Uploading ${file.display} (${file.mime}, ${formatBytes(file.size)})…`));
      };
      try {
        const done = await uploadMediaFile(file, {
          api,
          sleep: ctx.sleep,
          signal: ctx.signal,
          cache,
          ...(sha256 ? { sha256 } : {}),
          onProgress: (sent, total) => bar?.update(sent, total),
          onSending,
        });
        const how = done.via === 'cache' ? 'already uploaded' : 'uploaded';
        const line = `${ctx.out.style.green('✔')} ${file.display} ${how}: ${ctx.out.style.bold(done.asset_id)}`;
        if (bar && ctx.io.animate) bar.done(line);
        else ctx.out.info(line);
        return done;
      } catch (error) {
        bar?.stop();
        throw error;
      }
    },
  };
}

/** Uploads the local files of a video body (checked already) and puts their asset ids in it. */
export async function uploadLocalMedia(
  ctx: Context,
  body: CreateVideoBody,
  media: readonly CheckedLocalMedia[],
  opts: { cache: boolean },
): Promise<void> {
  if (media.length === 0) return;
  const uploader = await createUploader(ctx, opts);
  const done: Array<{ field: CheckedLocalMedia['field']; assetId: string }> = [];
  for (const m of media) done.push({ field: m.field, assetId: (await uploader.upload(m.file)).asset_id });
  useUploadedIds(body, done);
}

/**
 * A manifest's local files, for the rows about to be created: each distinct file uploaded once
 * (and once ever, through the cache) before the first create; the rows' bodies then get the ids.
 */
export async function uploadManifestMedia(
  ctx: Context,
  rows: ReadonlyArray<{ body: string }>,
  baseDir: string,
  opts: {
    cache: boolean;
    /** The SHA-256 the plan read from this file (absolute path): the upload must send exactly those bytes. */
    plannedSha256?: (path: string) => string | undefined;
  },
): Promise<number> {
  return uploadRowsMedia(
    rows,
    baseDir,
    async () => {
      const uploader = await createUploader(ctx, opts);
      return (file, sha256) => uploader.upload(file, sha256 ? { sha256 } : {});
    },
    opts.plannedSha256,
  );
}
