// twin assets list: your uploaded files, newest first. The API needs the owner's username, read
// from GET /v3/users/me first (contract §8).
import type { ListAssetsParams } from '../../api/media-client.js';
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { collectPages, listOptionsSchema, printListing } from '../listing.js';
import { ASSET_COLUMNS } from '../../ui/views/assets.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const optionsSchema = listOptionsSchema({});

export async function run(ctx: Context, { opts }: CommandInput): Promise<void> {
  const options = parseOptions(optionsSchema, opts);
  const api = await ctx.api();
  const { username } = await api.getMe();
  const listing = await collectPages((p: ListAssetsParams) => api.listAssets(p), { username }, options, {
    defaultLimit: 20,
    maxPageSize: 100,
  });
  printListing(ctx, listing, {
    noun: 'assets',
    columns: ASSET_COLUMNS,
    id: (a) => a.id,
    empty: `No assets yet. Upload one with \`${twinInvocation()} assets upload FILE\`.`,
  });
}
