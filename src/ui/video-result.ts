// The human form of a created (and maybe finished and downloaded) video.
import { videoFields } from './views/video.js';
import type { Context } from './context-types.js';
import type { CreateResult } from '../flows/video.js';
import { renderFields } from './table.js';

export function humanResult(ctx: Context, r: CreateResult, label: (s: string) => string): string {
  if (!ctx.io.stdoutIsTTY) return r.video_id; // `id=$(twin video create ...)`
  if (!r.video) return ''; // already announced on stderr
  // Short: each saved file was announced on its own line as it landed ("Saved out/x.mp4 (51 KiB)"),
  // so the table does not repeat (and wrap) the paths; the presigned URLs matter only when nothing
  // was downloaded (`video get` has all).
  const downloaded = (r.files ?? []).length > 0;
  const keep = new Set(['id', 'title', 'status', 'failure', 'duration', 'page', ...(downloaded ? [] : ['video url'])]);
  return renderFields(
    videoFields(r.video).filter(([k]) => keep.has(k)),
    label,
  );
}
