// twin video download <id>: the video's file (or its captioned version), optionally subtitles
// and thumbnail. Streamed into <file>.part, resumed after any interruption, checked against
// length and SHA-256, then renamed into place: the target never holds a partial file.
import type { Video } from '../../api/index.js';
import type { Context } from '../../ui/context-types.js';
import { parseId } from '../listing.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import type { SavedFile } from '../../flows/video.js';
import { downloadWithDisplay, savedFileLine } from '../../ui/follow-display.js';
import { transferFlags } from './wait.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

const optionsSchema = z.object(transferFlags);

export interface DownloadCommandResult {
  video: Pick<Video, 'id' | 'status' | 'title' | 'duration'>;
  files: SavedFile[];
}

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<number> {
  const id = parseId(args[0], 'video', `${twinInvocation()} video list`);
  const o = parseOptions(optionsSchema, opts);
  const api = await ctx.api();
  const video = await api.getVideo(id);
  const files = await downloadWithDisplay(ctx, api, video, { ...o, download: o.output ?? true });
  const result: DownloadCommandResult = {
    video: { id: video.id, status: video.status, title: video.title ?? null, duration: video.duration ?? null },
    files,
  };
  ctx.out.result(result, {
    human: (r, style) => r.files.map((f) => savedFileLine(ctx, f, style)).join('\n'),
    quiet: (r) => r.files.map((f) => f.path),
  });
  return 0;
}
