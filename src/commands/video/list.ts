// twin video list: newest first as the API returns them; --title filters on the server.
import type { ListVideosParams } from '../../api/client.js';
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { collectPages, listOptionsSchema, printListing } from '../listing.js';
import { VIDEO_COLUMNS } from '../../ui/views/video.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const optionsSchema = listOptionsSchema({
  title: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs some text to look for in titles'))),
});

export async function run(ctx: Context, { opts }: CommandInput): Promise<void> {
  const options = parseOptions(optionsSchema, opts);
  const api = await ctx.api();
  const listing = await collectPages((p: ListVideosParams) => api.listVideos(p), options.title ? { title: options.title } : {}, options, {
    defaultLimit: 10,
    maxPageSize: 100,
  });
  printListing(ctx, listing, {
    noun: 'videos',
    columns: VIDEO_COLUMNS,
    id: (v) => v.id,
    empty: options.title
      ? `No videos with "${options.title}" in the title.`
      : `No videos yet. Create one with \`${twinInvocation()} video create\`.`,
  });
}
