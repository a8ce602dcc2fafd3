// How `twin webhooks listen` shows what arrives: one line per event on stdout (a JSON object
// per line with --json, the event id with --quiet); notes and warnings on stderr.
import { formatElapsed } from '../../core/poll/video-status.js';
import type { Delivery, ForwardResult, ListenerStats, Rejection } from '../../core/webhooks/listener.js';
import { describeScheme, type Scheme } from '../../shared/webhook-signature.js';
import type { Output } from '../../ui/output.js';

interface EventLine {
  received_at: string;
  event_id: string | null;
  event_type: string | null;
  video_id: string | null;
  callback_id: string | null;
  /** false when listening without --secret (nothing was checked). */
  verified: boolean;
  /** The signature scheme that verified, e.g. "x-heygen-signature/body/secret/hex" (null when unchecked). */
  signature_scheme: string | null;
  event_data: Record<string, unknown>;
}

function toEventLine(d: Delivery): EventLine {
  return {
    received_at: new Date(d.receivedAt).toISOString(),
    event_id: d.eventId,
    event_type: d.eventType,
    video_id: str(d.eventData.video_id),
    callback_id: str(d.eventData.callback_id),
    verified: d.verified,
    signature_scheme: d.scheme ? schemeId(d.scheme) : null,
    event_data: d.eventData,
  };
}

export function printEvent(out: Output, d: Delivery): void {
  const line = toEventLine(d);
  if (out.mode === 'json') return out.data(JSON.stringify(line));
  if (out.mode === 'quiet') return out.data(line.event_id ?? d.key);
  const s = out.style;
  const type = line.event_type ?? '(no event_type)';
  const colour = type.endsWith('.success') ? s.green : type.endsWith('.fail') || type.endsWith('failed') ? s.red : s.cyan;
  const detail = str(d.eventData.url)
    ? `url=${str(d.eventData.url)}`
    : str(d.eventData.msg)
      ? `msg=${JSON.stringify(d.eventData.msg)}`
      : '';
  const parts = [
    s.dim(clock(d.receivedAt)),
    colour(type),
    line.video_id ? `video_id=${line.video_id}` : '',
    line.callback_id ? `callback_id=${line.callback_id}` : '',
    detail,
  ];
  out.data(parts.filter(Boolean).join('  '));
}

const REASONS: Record<Rejection['reason'], string> = {
  'missing-signature': 'no signature header',
  'timestamp-outside-tolerance': 'the signed timestamp is outside --tolerance (a replay, or a wrong clock)',
  'signature-mismatch': 'the signature does not verify under any known scheme (wrong --secret, a rotated secret, or a modified body)',
  'invalid-json': 'the body is not JSON',
  'body-too-large': 'the body is larger than 1 MiB',
};

export function printRejection(out: Output, r: Rejection, signatureHeaders: readonly string[]): void {
  const hint =
    r.reason === 'missing-signature'
      ? ` (looked for ${signatureHeaders.join(', ')}; per-video callback_url deliveries are unsigned, listen without --secret for those)`
      : '';
  out.warn(`Rejected ${r.method} ${r.path} from ${r.remote} with ${r.status}: ${REASONS[r.reason]}${hint}.`);
}

/** `header/message/key/encoding[/prefix]`: the form `twin sandbox --webhook-scheme` takes. */
function schemeId(s: Scheme): string {
  return [s.header, s.message, s.key, s.encoding, ...(s.prefix ? [s.prefix] : [])].join('/');
}

/**
 * Said once, on the first verified delivery, so a user can report the scheme HeyGen really uses.
 * On stderr in every output mode (like the "Listening on" line): it is the point of the exercise.
 */
export function schemeLine(s: Scheme): string {
  return `Signature verified with ${describeScheme(s)} (${schemeId(s)}).`;
}

export function printForward(out: Output, d: Delivery, f: ForwardResult): void {
  const what = d.eventId ?? d.eventType ?? 'event';
  if (f.status !== undefined && f.status < 400) out.info(out.style.dim(`  → forwarded ${what} to ${f.url}: ${f.status} (${f.ms} ms)`));
  else out.warn(`Forwarding ${what} to ${f.url} failed: ${f.status !== undefined ? `HTTP ${f.status}` : f.error}. Still listening.`);
}

export function summary(stats: ListenerStats, elapsedMs: number): string {
  const parts = [`${stats.received} event${stats.received === 1 ? '' : 's'}`];
  if (stats.duplicates) parts.push(`${stats.duplicates} ${stats.duplicates === 1 ? 'redelivery' : 'redeliveries'} dropped`);
  if (stats.ignored) parts.push(`${stats.ignored} ignored by --events`);
  if (stats.rejected) parts.push(`${stats.rejected} rejected`);
  if (stats.forwarded || stats.forwardFailed)
    parts.push(`${stats.forwarded} forwarded${stats.forwardFailed ? ` (${stats.forwardFailed} failed)` : ''}`);
  return `Stopped after ${formatElapsed(elapsedMs)}: ${parts.join(', ')}.`;
}

function clock(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
