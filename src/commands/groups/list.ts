// twin groups list: avatar groups (people), by default your private ones, with looks count,
// training status and consent status.
import type { ListGroupsParams } from '../../api/client.js';
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { collectPages, listOptionsSchema, printListing } from '../listing.js';
import { GROUP_COLUMNS } from '../../ui/views/groups.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const optionsSchema = listOptionsSchema({
  ownership: z._default(
    z.enum(['private', 'public', 'all'], { error: (iss) => `must be one of private, public, all (got ${JSON.stringify(iss.input)})` }),
    'private',
  ),
});

export async function run(ctx: Context, { opts }: CommandInput): Promise<void> {
  const options = parseOptions(optionsSchema, opts);
  const api = await ctx.api();
  const params: ListGroupsParams = options.ownership === 'all' ? {} : { ownership: options.ownership };
  const listing = await collectPages((p: ListGroupsParams) => api.listGroups(p), params, options, { defaultLimit: 20, maxPageSize: 50 });
  printListing(ctx, listing, {
    noun: 'groups',
    columns: GROUP_COLUMNS,
    id: (g) => g.id,
    empty: `No ${options.ownership === 'all' ? '' : `${options.ownership} `}avatar groups. Create your twin with \`${twinInvocation()} looks create --name NAME --footage FILE\`.`,
  });
}
