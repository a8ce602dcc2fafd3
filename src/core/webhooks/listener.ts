// A local receiver for webhook deliveries (`twin webhooks listen`): verifies signatures,
// drops redeliveries, forwards the raw bytes elsewhere. No terminal code: it reports what
// happened through handlers and the command decides how to print it.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENT_ID_HEADER, verify, type Scheme } from '../../shared/webhook-signature.js';
import { forwardDelivery } from './forward.js';
import type { Delivery, ListenerHandlers, ListenerOptions, ListenerStats, RejectReason, WebhookListener } from './listener-types.js';

export type * from './listener-types.js';

const SEEN_LIMIT = 10_000;

export async function startWebhookListener(options: ListenerOptions, on: ListenerHandlers = {}): Promise<WebhookListener> {
  const stats: ListenerStats = { received: 0, duplicates: 0, ignored: 0, rejected: 0, forwarded: 0, forwardFailed: 0 };
  const seen = new Set<string>();
  let schemeReported = false;
  const forwards = new Set<Promise<void>>();
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;

  const reject = (req: IncomingMessage, res: ServerResponse, reason: RejectReason, status = 400): void => {
    stats.rejected += 1;
    reply(res, status, { error: reason });
    on.rejected?.({ reason, status, method: req.method ?? '', path: req.url ?? '', remote: req.socket.remoteAddress ?? '' });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (options.path && path !== options.path) return reply(res, 404, { error: `not found; this listener receives at ${options.path}` });
    // Legacy HeyGen registration pinged the URL with OPTIONS (contract §6.4); a GET is a health check.
    if (req.method === 'OPTIONS' || req.method === 'GET' || req.method === 'HEAD') return reply(res, 200, { ok: true });
    if (req.method !== 'POST') return reply(res, 405, { error: 'method not allowed' }, { allow: 'POST, OPTIONS' });

    const rawBody = await readBody(req, maxBody);
    if (!rawBody) return reject(req, res, 'body-too-large', 413);
    let scheme: Scheme | null = null;
    if (options.secrets.length > 0) {
      const result = verify(options.secrets, req.headers, rawBody, {
        toleranceSec: options.toleranceSec,
        now: options.now,
        signatureHeader: options.signatureHeader,
      });
      if (!result.ok) return reject(req, res, result.reason);
      scheme = result.scheme;
    }
    const body = parseJson(rawBody);
    if (body === undefined) return reject(req, res, 'invalid-json');
    if (scheme && !schemeReported) {
      schemeReported = true;
      on.scheme?.(scheme);
    }

    const delivery = toDelivery(body, rawBody, req.headers, scheme, options.now());
    reply(res, 200, { received: true });
    // A redelivery is acknowledged (so the sender stops retrying) but reported only once.
    if (seen.has(delivery.key)) {
      stats.duplicates += 1;
      return on.duplicate?.(delivery);
    }
    remember(seen, delivery.key);
    if (options.events && !options.events.includes(delivery.eventType ?? '')) {
      stats.ignored += 1;
      return on.ignored?.(delivery);
    }
    stats.received += 1;
    on.delivery?.(delivery);
    if (options.forwardTo) track(forwards, forward(options.forwardTo, delivery, options.forwardTimeoutMs ?? 10_000, stats, on));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) reply(res, 500, { error: 'listener error' });
    });
  });
  const port = await listen(server, options.host, options.port);
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${shownHost}:${port}${options.path ?? '/'}`,
    port,
    stats,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // A sender holding a connection open must not keep us alive; answers already sent had time to flush.
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      });
      await Promise.allSettled([...forwards]);
    },
  };
}

async function forward(url: string, d: Delivery, timeoutMs: number, stats: ListenerStats, on: ListenerHandlers): Promise<void> {
  const result = await forwardDelivery(url, d, timeoutMs);
  if (result.status !== undefined && result.status < 400) stats.forwarded += 1;
  else stats.forwardFailed += 1;
  on.forwarded?.(d, result);
}

function toDelivery(
  body: unknown,
  rawBody: Buffer,
  headers: IncomingMessage['headers'],
  scheme: Scheme | null,
  receivedAt: number,
): Delivery {
  const obj = isRecord(body) ? body : {};
  const header = headers[EVENT_ID_HEADER];
  const headerId = Array.isArray(header) ? header[0] : header;
  const bodyId = typeof obj.event_id === 'string' && obj.event_id !== '' ? obj.event_id : null;
  return {
    // Only what the signature covers decides what is a repeat (contract §6.4 asks receivers to de-duplicate).
    key: bodyId ? `event:${bodyId}` : `sha256:${createHash('sha256').update(rawBody).digest('hex')}`,
    eventId: bodyId ?? (headerId || null),
    eventType: typeof obj.event_type === 'string' ? obj.event_type : null,
    eventData: isRecord(obj.event_data) ? obj.event_data : {},
    body,
    rawBody,
    headers: { ...headers },
    verified: scheme !== null,
    scheme,
    receivedAt,
  };
}

/** The body, or null when it is larger than `max` (the rest is drained, not kept). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= max ? Buffer.concat(chunks) : null));
    req.on('error', reject);
  });
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function remember(seen: Set<string>, key: string): void {
  seen.add(key);
  // Bounded memory for a listener left running for days: forget the oldest keys first.
  if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as string);
}

function track(set: Set<Promise<void>>, p: Promise<void>): void {
  set.add(p);
  void p.finally(() => set.delete(p));
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
