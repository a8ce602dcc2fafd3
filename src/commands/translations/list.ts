// twin translations list: newest first, as the API returns them (no filters, contract §10.3).
import type { PageParams } from '../../api/index.js';
import type { Context } from '../../ui/context-types.js';
import { TRANSLATION_COLUMNS } from '../../ui/views/translation.js';
import { collectPages, listOptionsSchema, printListing } from '../listing.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const optionsSchema = listOptionsSchema({});

export async function run(ctx: Context, { opts }: CommandInput): Promise<void> {
  const options = parseOptions(optionsSchema, opts);
  const api = await ctx.api();
  const listing = await collectPages((p: PageParams) => api.listTranslations(p), {}, options, { defaultLimit: 10, maxPageSize: 100 });
  printListing(ctx, listing, {
    noun: 'translations',
    columns: TRANSLATION_COLUMNS,
    id: (t) => t.id,
    empty: `No translations yet. Start one with \`${twinInvocation()} translate <video> --to <language>\`.`,
  });
}
