// twin video list: newest first as the API returns them; --title filters on the server.
import { z } from 'zod';
import type { ListVideosParams } from '../../api/client.js';
import type { Context } from '../../context.js';
import { renderTable } from '../../ui/table.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { collectPages, flag, hintMore, limitOption } from '../listing.js';
import { VIDEO_COLUMNS } from './view.js';

export const optionsSchema = z.object({
  limit: limitOption(10),
  all: flag,
  title: z.string().trim().min(1, 'needs some text to look for in titles').optional(),
});

export async function run(ctx: Context, { opts }: CommandInput): Promise<void> {
  const options = parseOptions(optionsSchema, opts);
  const api = await ctx.api();
  const { items, more } = await collectPages((p: ListVideosParams) => api.listVideos(p), options.title ? { title: options.title } : {}, {
    limit: options.limit,
    all: options.all,
    maxPageSize: 100,
  });
  ctx.out.result({ videos: items, has_more: more }, {
    human: ({ videos }, style) =>
      videos.length === 0 ? '' : renderTable(videos, VIDEO_COLUMNS, { tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, header: (s) => style.bold(s) }),
    quiet: ({ videos }) => videos.map((v) => v.id),
  });
  if (items.length === 0) ctx.out.info(options.title ? `No videos with "${options.title}" in the title.` : 'No videos yet. Create one with `twin video create`.');
  hintMore(ctx.out, more, 'videos', items.length);
}
