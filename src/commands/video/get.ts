// twin video get <id>: status, URLs (presigned, short-lived) and failure details of one video.
import type { Context } from '../../context.js';
import type { CommandInput } from '../types.js';
import { parseId } from '../listing.js';
import { renderVideo } from './view.js';

export async function run(ctx: Context, { args }: CommandInput): Promise<void> {
  const id = parseId(args[0], 'video');
  const video = await (await ctx.api()).getVideo(id);
  ctx.out.result(video, {
    human: (v, style) => renderVideo(v, (s) => style.bold(s)),
    quiet: (v) => [v.id],
  });
}
