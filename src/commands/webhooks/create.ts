// `twin webhooks create`: registers a receiver URL and shows its signing secret, once.
import type { Context } from '../../ui/context-types.js';
import { UsageError } from '../../shared/errors.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { adviseOnSecret, parseEventList, parseReceiverUrl, renderEndpoint } from './shared.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

const Options = z.object({
  url: z.optional(z.string()),
  events: z.optional(z.string()),
  entityId: z.optional(z.string().check(z.trim(), z.minLength(1, 'must not be empty'))),
});

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const opts = parseOptions(Options, input.opts);
  // Everything is checked before the URL prompt or any request: a typo costs nothing.
  const events = opts.events === undefined ? undefined : parseEventList(opts.events, '--events');
  const url = parseReceiverUrl(opts.url ?? (await askUrl(ctx)), '--url');

  const api = await ctx.api();
  const endpoint = await api.createWebhookEndpoint({
    url,
    ...(events !== undefined ? { events } : {}),
    ...(opts.entityId ? { entity_id: opts.entityId } : {}),
  });
  ctx.out.result(endpoint, {
    human: (ep, style) => `${renderEndpoint(ep, style)}${ep.secret ? `\n${style.bold('secret')}   ${ep.secret}` : ''}`,
    quiet: (ep) => [ep.endpoint_id],
  });
  adviseOnSecret(ctx, endpoint.secret);
}

async function askUrl(ctx: Context): Promise<string> {
  if (!ctx.io.canPrompt) {
    throw new UsageError('--url is required: the HTTPS address HeyGen should POST events to.', {
      flag: '--url',
      suggestion: `e.g. ${twinInvocation()} webhooks create --url https://example.com/heygen-webhook`,
    });
  }
  return ctx.prompt.input({
    message: 'Receiver URL (https://…):',
    validate: (value) => {
      try {
        parseReceiverUrl(value, '--url');
        return true;
      } catch (error) {
        return (error as Error).message;
      }
    },
  });
}
