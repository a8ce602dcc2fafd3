// `twin webhooks delete <id>`: permanent, so it asks first (or needs --yes without a terminal).
import type { Context } from '../../ui/context-types.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { flag } from '../listing.js';
import { confirmDestructive, reportDeclined } from '../confirm.js';
import { parseEndpointId } from './shared.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

const Options = z.object({ yes: flag });

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const id = parseEndpointId(input.args[0]);
  const opts = parseOptions(Options, input.opts);
  const sure = await confirmDestructive(ctx, opts.yes, {
    question: `Delete webhook endpoint ${id}? HeyGen stops sending it events.`,
    consequence: `Deleting webhook endpoint ${id} is permanent`,
    rerun: `${twinInvocation()} webhooks delete ${id} --yes`,
  });
  if (!sure) return reportDeclined(ctx, { endpoint_id: id, deleted: false }, `Kept webhook endpoint ${id}; nothing was deleted.`);
  const api = await ctx.api();
  const { already_deleted } = await api.deleteWebhookEndpoint(id);
  ctx.out.result(
    { endpoint_id: id, deleted: true, already_deleted },
    {
      human: (r, style) =>
        r.already_deleted
          ? `${style.green('✔')} Webhook endpoint ${id} is already deleted (an earlier attempt whose answer was lost went through)`
          : `${style.green('✔')} Deleted webhook endpoint ${id}`,
      quiet: (r) => [r.endpoint_id],
    },
  );
}
