// `twin webhooks list`: registered endpoints (secrets are never part of a listing).
import { z } from 'zod';
import type { WebhookEndpoint } from '../../api/schemas.js';
import type { Context } from '../../context.js';
import { renderTable } from '../../ui/table.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { LimitOption, checkListFlags, collectPages, describeEvents } from './shared.js';

const Options = z.object({ limit: LimitOption, all: z.boolean().optional() });

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const opts = parseOptions(Options, input.opts);
  checkListFlags(opts);
  const api = await ctx.api();
  const page = await collectPages((p) => api.listWebhookEndpoints(p), {}, opts, 10);
  ctx.out.result(page, {
    human: (p, style) => {
      if (p.data.length === 0) return '';
      return renderTable<WebhookEndpoint>(
        p.data,
        [
          { header: 'id', value: (e) => e.endpoint_id },
          { header: 'url', value: (e) => e.url, shrink: true },
          { header: 'status', value: (e) => e.status },
          { header: 'events', value: (e) => describeEvents(e.events), shrink: true },
          { header: 'created', value: (e) => e.created_at },
        ],
        { tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, header: style.dim },
      );
    },
    quiet: (p) => p.data.map((e) => e.endpoint_id),
  });
  if (page.data.length === 0) ctx.out.info('No webhook endpoints yet. Create one with `twin webhooks create --url https://…`.');
  else if (page.has_more) ctx.out.info('More endpoints exist; use --all or a larger --limit.');
}
