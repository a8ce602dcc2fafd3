// `twin webhooks rotate-secret <id>`: a new signing secret, shown once. The old one stops
// working at once, so it asks first; the request is keyed so a retry cannot rotate twice.
import type { Context } from '../../ui/context-types.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { flag } from '../listing.js';
import { confirmDestructive } from '../confirm.js';
import { adviseOnSecret, parseEndpointId } from './shared.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

const Options = z.object({
  yes: flag,
  idempotencyKey: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9_:.-]{1,255}$/, 'must be 1–255 characters from A-Z a-z 0-9 _ : . - (a UUID works)')),
  ),
});

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const id = parseEndpointId(input.args[0]);
  const opts = parseOptions(Options, input.opts);
  const sure = await confirmDestructive(ctx, opts.yes, {
    question: `Rotate the signing secret of ${id}? The current secret stops working immediately.`,
    consequence: `Rotating the secret of ${id} invalidates the current one at once`,
    rerun: `${twinInvocation()} webhooks rotate-secret ${id} --yes`,
  });
  if (!sure) {
    ctx.out.info('Not rotated; the current secret still works.');
    return;
  }
  const api = await ctx.api();
  const rotated = await api.rotateWebhookSecret(id, { idempotencyKey: opts.idempotencyKey });
  const result = { endpoint_id: rotated.endpoint_id, secret: rotated.secret, idempotency_key: rotated.idempotencyKey };
  ctx.out.result(result, {
    human: (r, style) => `${style.bold('id')}      ${r.endpoint_id}\n${style.bold('secret')}  ${r.secret}`,
    quiet: (r) => [r.endpoint_id],
  });
  ctx.out.info('The previous secret no longer verifies deliveries; update your receiver now.');
  adviseOnSecret(ctx, rotated.secret);
}
