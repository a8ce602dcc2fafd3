// `twin webhooks list`: registered endpoints (secrets are never part of a listing).
import type { PageParams } from '../../api/client.js';
import type { Context } from '../../ui/context-types.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { collectPages, listOptionsSchema, printListing } from '../listing.js';
import { formatTime, timeAgo, orDash } from '../../ui/fields.js';
import { describeEvents } from './shared.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

const Options = listOptionsSchema({});

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const opts = parseOptions(Options, input.opts);
  const api = await ctx.api();
  const listing = await collectPages((p: PageParams) => api.listWebhookEndpoints(p), {}, opts, { defaultLimit: 10, maxPageSize: 100 });
  printListing(ctx, listing, {
    noun: 'endpoints',
    columns: [
      { header: 'id', value: (e) => e.endpoint_id, id: true },
      { header: 'url', value: (e) => e.url, shrink: true, minWidth: 20, priority: 1 },
      { header: 'status', value: (e) => e.status, priority: 2 },
      { header: 'events', value: (e) => describeEvents(e.events), shrink: true, priority: 3 },
      { header: 'created', value: (e) => formatTime(e.created_at), display: (e) => orDash(timeAgo(e.created_at)), priority: 4 },
    ],
    id: (e) => e.endpoint_id,
    empty: `No webhook endpoints yet. Create one with \`${twinInvocation()} webhooks create --url https://…\`.`,
  });
}
