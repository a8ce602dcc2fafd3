// What several webhooks commands check the same way: event names, receiver URLs, limits,
// confirmations of destructive calls, and how an endpoint is shown.
import { z } from 'zod';
import { isLoopbackHost } from '../../api/base-url.js';
import type { Page, WebhookEndpoint } from '../../api/schemas.js';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { renderFields } from '../../ui/table.js';
import type { Style } from '../../ui/style.js';

/** The 30 event types the API accepts (contract §6.3). */
export const EVENT_TYPES = [
  'avatar_video.success', 'avatar_video.fail', 'avatar_video_gif.success', 'avatar_video_gif.fail',
  'avatar_video_caption.success', 'avatar_video_caption.fail', 'video_translate.success', 'video_translate.fail',
  'video_translate.preflight.validation_failed', 'video_translate.preflight.download_failed', 'personalized_video',
  'instant_avatar.success', 'instant_avatar.fail', 'photo_avatar_generation.success', 'photo_avatar_generation.fail',
  'photo_avatar_train.success', 'photo_avatar_train.fail', 'photo_avatar_add_motion.success', 'photo_avatar_add_motion.fail',
  'proofread_creation.success', 'proofread_creation.fail', 'live_avatar.success', 'live_avatar.fail',
  'video_agent.success', 'video_agent.fail', 'hyperframes_video.success', 'hyperframes_video.fail',
  'ai_clipping.success', 'ai_clipping.fail', 'batch.finished',
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
    suggestion: 'See `twin webhooks event-types` for the full list.',
  });
}

/** The candidate within a small edit distance of `word`, if there is one. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(lower.length / 4)) + 1;
  for (const c of candidates) {
    const d = editDistance(lower, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** A receiver URL: https, or plain http only to this machine (what the API and sandbox accept). */
export function parseReceiverUrl(text: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${flag}: "${text}" is not a URL.`, { flag, suggestion: 'Use a full URL such as https://example.com/heygen-webhook.' });
  }
  if (url.protocol === 'https:') return url.toString();
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url.toString();
  throw new UsageError(`${flag}: webhook URLs must use https (plain http is accepted only for localhost).`, {
    flag,
    suggestion: 'Use an https:// URL; for local testing run `twin webhooks listen` behind an https tunnel.',
  });
}

/** `--limit N`: how many items to show (pages are followed past the API's 100 per page). */
export const LimitOption = z
  .string()
  .regex(/^[1-9]\d*$/, 'must be a whole number of at least 1')
  .transform(Number)
  .optional();

export interface ListFlags {
  limit?: number;
  all?: boolean;
}

/** Reads pages until `limit` items (or every item with `all`); the last cursor is kept for --json. */
export async function collectPages<T, P extends { limit?: number; token?: string | null }>(
  fetchPage: (params: P) => Promise<Page<T>>,
  params: P,
  flags: ListFlags,
  defaultLimit: number,
): Promise<Page<T>> {
  const want = flags.all ? Number.POSITIVE_INFINITY : (flags.limit ?? defaultLimit);
  const data: T[] = [];
  let page: Page<T> = { data: [], has_more: false, next_token: null };
  let token: string | null | undefined;
  const seen = new Set<string>();
  do {
    page = await fetchPage({ ...params, limit: Math.min(100, want - data.length), token });
    data.push(...page.data);
    token = page.next_token;
    // A cursor we were already given would loop forever; treat it as the end.
    if (!token || seen.has(token)) break;
    seen.add(token);
  } while (page.has_more && data.length < want);
  const more = page.has_more && Boolean(page.next_token);
  return { data: data.slice(0, want), has_more: more || data.length > want, next_token: more ? page.next_token : null };
}

/** `--limit`/`--all` as zod-checked numbers; both at once is contradictory. */
export function checkListFlags(flags: ListFlags): void {
  if (flags.all && flags.limit !== undefined) {
    throw new UsageError('--all and --limit cannot be used together.', { flag: '--limit', suggestion: 'Drop --limit to list everything.' });
  }
}

/**
 * Destructive calls ask on a terminal; without one they need --yes, so a script never
 * deletes by accident and never hangs on a question nobody can answer.
 */
export async function confirmDestructive(ctx: Context, question: string, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  if (!ctx.io.canPrompt) {
    throw new UsageError(`${question.replace(/\?$/, '')}: pass --yes to confirm (there is no terminal to ask on).`, {
      flag: '--yes',
      suggestion: 'Re-run with --yes.',
    });
  }
  return ctx.prompt.confirm({ message: question, default: false });
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
      ['created', ep.created_at],
    ],
    (k) => style.bold(k),
  );
}

/** The secret is shown exactly once; the advice goes to stderr so stdout stays data. */
export function adviseOnSecret(ctx: Context, secret: string | null | undefined): void {
  if (!secret) return;
  const lines = [
    'Store this signing secret now; it is not shown again (rotate it with `twin webhooks rotate-secret` if lost).',
    `  e.g. put it in your secret manager, or: export HEYGEN_WEBHOOK_SECRET=${secret}`,
  ];
  if (ctx.out.mode === 'quiet') ctx.io.stderr.write(`secret: ${secret}\n`);
  ctx.out.info(lines.join('\n'));
}
