// `twin webhooks event-types`: what an endpoint can subscribe to, as the API describes it.
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { printListing } from '../listing.js';

export async function run(ctx: Context, _input: CommandInput): Promise<void> {
  const api = await ctx.api();
  // Not paged (contract §6.2): the API sends them all at once.
  const page = await api.listWebhookEventTypes();
  printListing(
    ctx,
    { items: page.data, has_more: page.has_more, next_token: page.next_token },
    {
      noun: 'event_types',
      columns: [
        { header: 'event type', value: (t) => t.event_type, id: true },
        { header: 'description', value: (t) => t.description, shrink: true },
      ],
      id: (t) => t.event_type,
      empty: 'The API lists no event types.',
    },
  );
}
