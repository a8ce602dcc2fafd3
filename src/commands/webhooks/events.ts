// `twin webhooks events`: the history of events HeyGen delivered, newest first as the API orders them.
import type { ListWebhookEventsParams } from '../../api/client.js';
import type { Context } from '../../ui/context-types.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { collectPages, listOptionsSchema, printListing } from '../listing.js';
import { formatTime, orDash, timeAgo } from '../../ui/fields.js';
import { checkEventType } from './shared.js';
import * as z from '../../shared/zod-mini.js';

const Options = listOptionsSchema({
  type: z.optional(z.string()),
  entityId: z.optional(z.string().check(z.trim(), z.minLength(1, 'must not be empty'))),
});

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const opts = parseOptions(Options, input.opts);
  const filters: ListWebhookEventsParams = {
    ...(opts.type !== undefined ? { event_type: checkEventType(opts.type, '--type') } : {}),
    ...(opts.entityId ? { entity_id: opts.entityId } : {}),
  };
  const api = await ctx.api();
  const listing = await collectPages((p: ListWebhookEventsParams) => api.listWebhookEvents(p), filters, opts, {
    defaultLimit: 10,
    maxPageSize: 100,
  });
  printListing(ctx, listing, {
    noun: 'events',
    columns: [
      { header: 'event id', value: (e) => e.event_id, id: true },
      { header: 'type', value: (e) => e.event_type, id: true },
      { header: 'created', value: (e) => formatTime(e.created_at), display: (e) => orDash(timeAgo(e.created_at)), priority: 3 },
      { header: 'video', value: (e) => orDash(text(e.event_data.video_id)), id: true, priority: 2 },
      { header: 'detail', value: (e) => orDash(text(e.event_data.url ?? e.event_data.msg)), shrink: true },
    ],
    id: (e) => e.event_id,
    empty: opts.type || opts.entityId ? 'No events match.' : 'No events delivered yet.',
  });
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
