// What several webhooks commands check the same way: event names, receiver URLs, endpoint
// ids, and how an endpoint and its secret are shown.
import { isLoopbackHost } from '../../api/base-url.js';
import type { WebhookEndpoint } from '../../api/schemas.js';
import type { Context } from '../../ui/context-types.js';
import { UsageError } from '../../shared/errors.js';
import { closest } from '../../shared/spelling.js';
import { renderFields } from '../../ui/table.js';
import { parseId } from '../listing.js';
import { formatTime } from '../../ui/fields.js';
import type { Style } from '../../ui/style.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

/** The 30 event types the API accepts (contract §6.3). */
export const EVENT_TYPES = [
  'avatar_video.success',
  'avatar_video.fail',
  'avatar_video_gif.success',
  'avatar_video_gif.fail',
  'avatar_video_caption.success',
  'avatar_video_caption.fail',
  'video_translate.success',
  'video_translate.fail',
  'video_translate.preflight.validation_failed',
  'video_translate.preflight.download_failed',
  'personalized_video',
  'instant_avatar.success',
  'instant_avatar.fail',
  'photo_avatar_generation.success',
  'photo_avatar_generation.fail',
  'photo_avatar_train.success',
  'photo_avatar_train.fail',
  'photo_avatar_add_motion.success',
  'photo_avatar_add_motion.fail',
  'proofread_creation.success',
  'proofread_creation.fail',
  'live_avatar.success',
  'live_avatar.fail',
  'video_agent.success',
  'video_agent.fail',
  'hyperframes_video.success',
  'hyperframes_video.fail',
  'ai_clipping.success',
  'ai_clipping.fail',
  'batch.finished',
] as const;

export const VIDEO_EVENTS = ['avatar_video.success', 'avatar_video.fail'] as const;

/** "a,b c" → validated names; "all" → null (the API's "every event"). */
export function parseEventList(text: string, flag: string): string[] | null {
  const names = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
  if (names.length === 1 && names[0]!.toLowerCase() === 'all') return null;
  if (names.length === 0) throw new UsageError(`${flag} is empty; list event types such as ${VIDEO_EVENTS.join(',')}.`, { flag });
  for (const name of names) checkEventType(name, flag);
  return names;
}

export function checkEventType(name: string, flag: string): string {
  if ((EVENT_TYPES as readonly string[]).includes(name)) return name;
  const near = closest(name, EVENT_TYPES);
  throw new UsageError(`${flag}: "${name}" is not a webhook event type.${near ? ` Did you mean "${near}"?` : ''}`, {
    flag,
    suggestion: `See \`${twinInvocation()} webhooks event-types\` for the full list.`,
  });
}

/** A receiver URL: https, or plain http only to this machine (what the API and sandbox accept). */
export function parseReceiverUrl(text: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${flag}: "${text}" is not a URL.`, {
      flag,
      suggestion: 'Use a full URL such as https://example.com/heygen-webhook.',
    });
  }
  if (url.protocol === 'https:') return url.toString();
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url.toString();
  throw new UsageError(`${flag}: webhook URLs must use https (plain http is accepted only for localhost).`, {
    flag,
    suggestion: `Use an https:// URL; for local testing run \`${twinInvocation()} webhooks listen\` behind an https tunnel.`,
  });
}

/** The <id> argument of update, delete and rotate-secret. */
export function parseEndpointId(value: unknown): string {
  return parseId(value, 'endpoint', `${twinInvocation()} webhooks list`, '<id>');
}

export function describeEvents(events: readonly string[] | null | undefined): string {
  return events && events.length > 0 ? events.join(',') : 'all';
}

export function renderEndpoint(ep: WebhookEndpoint, style: Style): string {
  return renderFields(
    [
      ['id', ep.endpoint_id],
      ['url', ep.url],
      ['status', ep.status],
      ['events', describeEvents(ep.events)],
      ['created', formatTime(ep.created_at)],
    ],
    (k) => style.bold(k),
  );
}

/** The secret is shown exactly once; the advice goes to stderr so stdout stays data. */
export function adviseOnSecret(ctx: Context, secret: string | null | undefined): void {
  if (!secret) return;
  const lines = [
    `Store this signing secret now; it is not shown again (rotate it with \`${twinInvocation()} webhooks rotate-secret\` if lost).`,
    `  e.g. put it in your secret manager, or: export HEYGEN_WEBHOOK_SECRET=${secret}`,
  ];
  if (ctx.out.mode === 'quiet') ctx.io.stderr.write(`secret: ${secret}\n`);
  ctx.out.info(lines.join('\n'));
}
