// Forwarding a verified delivery elsewhere (`twin webhooks listen --forward-to`): its exact bytes
// and original headers, minus the hop-by-hop ones, with a deadline.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Delivery, ForwardResult } from './listener-types.js';

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

function describeNetworkError(error: NodeJS.ErrnoException): string {
  if (error.code === 'ECONNREFUSED') return 'connection refused';
  if (error.code === 'ENOTFOUND') return 'host not found';
  if (error.code === 'ECONNRESET') return 'connection reset';
  return error.code ?? error.message;
}
