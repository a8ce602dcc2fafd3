// `twin webhooks events`: the history of events HeyGen delivered, newest first as the API orders them.
import { z } from 'zod';
import type { ListWebhookEventsParams } from '../../api/client.js';
import type { WebhookEvent } from '../../api/schemas.js';
import type { Context } from '../../context.js';
import { renderTable } from '../../ui/table.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { LimitOption, checkEventType, checkListFlags, collectPages } from './shared.js';

const Options = z.object({
  type: z.string().optional(),
  entityId: z.string().trim().min(1, 'must not be empty').optional(),
  limit: LimitOption,
  all: z.boolean().optional(),
});

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const opts = parseOptions(Options, input.opts);
  checkListFlags(opts);
  const filters: ListWebhookEventsParams = {
    ...(opts.type !== undefined ? { event_type: checkEventType(opts.type, '--type') } : {}),
    ...(opts.entityId ? { entity_id: opts.entityId } : {}),
  };
  const api = await ctx.api();
  const page = await collectPages((p) => api.listWebhookEvents(p), filters, opts, 10);
  ctx.out.result(page, {
    human: (p, style) =>
      p.data.length === 0
        ? ''
        : renderTable<WebhookEvent>(
        p.data,
        [
          { header: 'event id', value: (e) => e.event_id },
          { header: 'type', value: (e) => e.event_type },
          { header: 'created', value: (e) => e.created_at },
          { header: 'video', value: (e) => text(e.event_data.video_id) },
          { header: 'detail', value: (e) => text(e.event_data.url ?? e.event_data.msg), shrink: true },
        ],
        { tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, header: style.dim },
      ),
    quiet: (p) => p.data.map((e) => e.event_id),
  });
  if (page.data.length === 0) ctx.out.info('No events match.');
  else if (page.has_more) ctx.out.info('More events exist; use --all or a larger --limit.');
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
