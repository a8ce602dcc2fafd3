// A local receiver for webhook deliveries (`twin webhooks listen`): verifies signatures,
// drops redeliveries, forwards the raw bytes elsewhere. No terminal code: it reports what
// happened through handlers and the command decides how to print it.
import { createHash } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { EVENT_ID_HEADER, verify, type Scheme, type VerifyResult } from '../../shared/webhook-signature.js';

export interface ListenerOptions {
  host: string;
  /** 0 lets the OS pick a free port; `port` on the result says which. */
  port: number;
  /** Only this path is accepted; any path when absent. */
  path?: string;
  /** Accepted signing secrets (several while a rotation rolls over). Empty: unsigned is accepted. */
  secrets: readonly string[];
  /** One more header to read signatures from (the usual ones are always read). */
  signatureHeader?: string;
  toleranceSec: number;
  /** Only these event types are reported and forwarded; others are acknowledged and ignored. */
  events?: readonly string[];
  forwardTo?: string;
  forwardTimeoutMs?: number;
  maxBodyBytes?: number;
  now: () => number;
}

export interface Delivery {
  /**
   * The de-duplication key, taken from the signed content only: the body's event_id, else
   * `sha256:` of the body. Never an (unsigned) header, so a captured delivery re-sent with a new
   * event-id header is still a duplicate.
   */
  key: string;
  eventId: string | null;
  eventType: string | null;
  eventData: Record<string, unknown>;
  body: unknown;
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  /** The signature was checked (false when listening without a secret). */
  verified: boolean;
  /** The scheme the signature verified under (null when unchecked). */
  scheme: Scheme | null;
  receivedAt: number;
}

export type RejectReason = Exclude<VerifyResult, { ok: true }>['reason'] | 'invalid-json' | 'body-too-large';

export interface Rejection {
  reason: RejectReason;
  status: number;
  method: string;
  path: string;
  remote: string;
}

export interface ForwardResult {
  url: string;
  status?: number;
  error?: string;
  ms: number;
}

export interface ListenerHandlers {
  delivery?(d: Delivery): void;
  duplicate?(d: Delivery): void;
  ignored?(d: Delivery): void;
  rejected?(r: Rejection): void;
  forwarded?(d: Delivery, result: ForwardResult): void;
  /** The first delivery that verified: which scheme it used (called once). */
  scheme?(scheme: Scheme): void;
}

export interface ListenerStats {
  received: number;
  duplicates: number;
  ignored: number;
  rejected: number;
  forwarded: number;
  forwardFailed: number;
}

export interface WebhookListener {
  url: string;
  port: number;
  stats: ListenerStats;
  /** Stops accepting, waits for forwards in flight (bounded by their timeout), closes sockets. */
  close(): Promise<void>;
}

const SEEN_LIMIT = 10_000;
// Headers that describe one hop's connection, not the delivery; the forward sets its own.
const HOP_HEADERS = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
]);

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

/** Sends the delivery's exact bytes and its original headers (minus hop-by-hop ones) to `url`. */
export function forwardDelivery(url: string, d: Pick<Delivery, 'rawBody' | 'headers'>, timeoutMs: number): Promise<ForwardResult> {
  const started = Date.now();
  const target = new URL(url);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(d.headers)) {
    if (value !== undefined && !HOP_HEADERS.has(name.toLowerCase())) headers[name] = value;
  }
  headers['content-length'] = String(d.rawBody.length);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: Omit<ForwardResult, 'url' | 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ url, ms: Date.now() - started, ...result });
    };
    const req = send(target, { method: 'POST', headers, agent: false, timeout: timeoutMs });
    req.on('response', (res) => {
      res.resume();
      done({ status: res.statusCode ?? 0 });
    });
    req.on('timeout', () => {
      done({ error: `no answer within ${Math.round(timeoutMs / 1000)} s` });
      req.destroy();
    });
    req.on('error', (error: NodeJS.ErrnoException) => done({ error: describeNetworkError(error) }));
    req.end(d.rawBody);
  });
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

function describeNetworkError(error: NodeJS.ErrnoException): string {
  if (error.code === 'ECONNREFUSED') return 'connection refused';
  if (error.code === 'ENOTFOUND') return 'host not found';
  if (error.code === 'ECONNRESET') return 'connection reset';
  return error.code ?? error.message;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
