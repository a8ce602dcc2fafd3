// twin assets upload <file...>: every file checked first (nothing is sent if one is bad), then each
// uploaded once (the cache remembers it per API host), its id printed the moment it exists.
import type { Context } from '../../ui/context-types.js';
import { checkMediaFile, type MediaFile } from '../../core/media/media-file.js';
import type { UploadedFile } from '../../core/media/upload.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { createUploader } from '../../ui/media-upload.js';
import * as z from '../../shared/zod-mini.js';

export const optionsSchema = z.object({ cache: z._default(z.boolean(), true) });

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<void> {
  const { cache } = parseOptions(optionsSchema, opts);
  const paths = (Array.isArray(args[0]) ? args[0] : [args[0]]).filter((p): p is string => typeof p === 'string');
  const files: MediaFile[] = [];
  for (const path of paths) files.push(await checkMediaFile(path, { where: '<file>', flag: '<file>', cwd: ctx.cwd }));
  const uploader = await createUploader(ctx, { cache });
  const done: UploadedFile[] = [];
  for (const file of files) {
    const up = await uploader.upload(file);
    done.push(up);
    // The id the moment it exists: a later failure must not hide what was already uploaded.
    if (ctx.out.mode === 'quiet') ctx.out.data(up.asset_id);
  }
  const assets = done.map(({ asset_id, url, mime_type, size_bytes, path, sha256, via }) => ({
    asset_id,
    url,
    mime_type,
    size_bytes,
    path,
    sha256,
    cached: via === 'cache',
  }));
  ctx.out.result(
    { assets },
    {
      human: (d) => d.assets.map((a) => `${a.asset_id}\t${a.path}`).join('\n'),
      quiet: () => [],
    },
  );
}
