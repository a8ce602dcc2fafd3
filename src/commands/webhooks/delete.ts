// `twin webhooks delete <id>`: permanent, so it asks first (or needs --yes without a terminal).
import { z } from 'zod';
import type { Context } from '../../context.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { confirmDestructive } from './shared.js';

const Options = z.object({ yes: z.boolean().optional() });

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const id = String(input.args[0] ?? '');
  const opts = parseOptions(Options, input.opts);
  if (!(await confirmDestructive(ctx, `Delete webhook endpoint ${id}? HeyGen stops sending it events`, opts.yes))) {
    ctx.out.info('Not deleted.');
    return;
  }
  const api = await ctx.api();
  await api.deleteWebhookEndpoint(id);
  ctx.out.result({ endpoint_id: id, deleted: true }, {
    human: () => `Deleted webhook endpoint ${id}.`,
    quiet: (r) => [r.endpoint_id],
  });
}
