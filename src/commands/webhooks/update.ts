// `twin webhooks update <id>`: changes the URL and/or the event list (which is replaced whole).
import type { WebhookEndpointUpdate } from '../../api/video-body.js';
import type { Context } from '../../ui/context-types.js';
import { UsageError } from '../../shared/errors.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { parseEndpointId, parseEventList, parseReceiverUrl, renderEndpoint } from './shared.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

const Options = z.object({ url: z.optional(z.string()), events: z.optional(z.string()) });

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const id = parseEndpointId(input.args[0]);
  const opts = parseOptions(Options, input.opts);
  const body: WebhookEndpointUpdate = {};
  if (opts.url !== undefined) body.url = parseReceiverUrl(opts.url, '--url');
  if (opts.events !== undefined) body.events = parseEventList(opts.events, '--events');
  if (Object.keys(body).length === 0) {
    throw new UsageError('Nothing to update: pass --url and/or --events.', {
      flag: '--url',
      suggestion: `e.g. ${twinInvocation()} webhooks update ${id} --events avatar_video.success,avatar_video.fail`,
    });
  }
  const api = await ctx.api();
  // "null = all events" is documented for create only; the official PATCH just replaces the list
  // (contract §6.2). So `--events all` sends every event type the API lists, by name.
  if (body.events === null) body.events = (await api.listWebhookEventTypes()).data.map((t) => t.event_type);
  const endpoint = await api.updateWebhookEndpoint(id, body);
  ctx.out.result(endpoint, { human: renderEndpoint, quiet: (ep) => [ep.endpoint_id] });
}
