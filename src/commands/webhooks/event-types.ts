// `twin webhooks event-types`: what an endpoint can subscribe to, as the API describes it.
import type { WebhookEventType } from '../../api/schemas.js';
import type { Context } from '../../context.js';
import { renderTable } from '../../ui/table.js';
import type { CommandInput } from '../types.js';

export async function run(ctx: Context, _input: CommandInput): Promise<void> {
  const api = await ctx.api();
  const { data } = await api.listWebhookEventTypes();
  ctx.out.result({ data }, {
    human: (r, style) =>
      renderTable<WebhookEventType>(
        r.data,
        [
          { header: 'event type', value: (t) => t.event_type },
          { header: 'description', value: (t) => t.description, shrink: true },
        ],
        { tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, header: style.dim },
      ),
    quiet: (r) => r.data.map((t) => t.event_type),
  });
}
