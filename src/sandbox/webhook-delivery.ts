// Event emission and delivery. Deliveries go only to loopback hosts: the sandbox must never call out
// to the internet, and tests point endpoints at local receivers.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { EVENT_ID_HEADER, TIMESTAMP_HEADER, signatureFor } from '../shared/webhook-signature.js';
import type { EventRecord } from './records.js';
import { newId, nextSeq, sleep, type State } from './state.js';

const ATTEMPTS = 3;
const BACKOFF_MS = [200, 600];
const ATTEMPT_TIMEOUT_MS = 5000;

export function isLoopbackUrl(raw: string): boolean {
  try {
    const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

export function eventBody(e: EventRecord): Record<string, unknown> {
  return { event_id: e.id, event_type: e.type, event_data: e.data, created_at: new Date(e.createdAt).toISOString() };
}

/**
 * Records the event and sends it to `callbackUrl` (unsigned: a per-video callback has no secret)
 * and to every enabled endpoint subscribed to it (signed with that endpoint's secret).
 */
export function emitEvent(state: State, type: string, data: Record<string, unknown>, entityId: string, callbackUrl: string | null): void {
  const event: EventRecord = { id: newId('evt'), seq: nextSeq(state), type, data, createdAt: state.now(), entityId };
  const targets: Array<{ url: string; secret: string | null }> = [];
  if (callbackUrl) targets.push({ url: callbackUrl, secret: null });
  for (const ep of state.endpoints.values()) {
    if (ep.status !== 'enabled') continue;
    if (ep.events !== null && !ep.events.includes(type)) continue;
    if (ep.entityId !== null && ep.entityId !== entityId) continue;
    targets.push({ url: ep.url, secret: ep.secret });
  }
  if (targets.length === 0) return;
  state.events.push(event);
  const rawBody = JSON.stringify(eventBody(event));
  for (const t of targets) {
    const p = deliver(state, t.url, t.secret, event.id, rawBody);
    state.pending.add(p);
    void p.finally(() => state.pending.delete(p));
  }
}

async function deliver(state: State, url: string, secret: string | null, eventId: string, rawBody: string): Promise<void> {
  if (!isLoopbackUrl(url)) {
    state.log(`webhook ${eventId}: skipped ${url} (the sandbox delivers only to loopback hosts)`);
    return;
  }
  for (let attempt = 1; attempt <= ATTEMPTS && !state.closed; attempt++) {
    const timestamp = String(Math.floor(state.now() / 1000));
    const scheme = state.options.webhookScheme;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'heygen-sandbox-webhooks/1',
      [EVENT_ID_HEADER]: eventId,
    };
    // Signed with the chosen scheme (sandbox option webhookScheme); a timestamp header only when it is signed.
    if (secret !== null) {
      if (scheme.message === 'timestamp.body') headers[TIMESTAMP_HEADER] = timestamp;
      headers[scheme.header] = signatureFor(scheme, secret, rawBody, timestamp);
    }
    const status = await post(state, url, headers, rawBody);
    state.log(`webhook ${eventId} -> ${url} attempt ${attempt}: ${status === 0 ? 'network error' : status}`);
    if (status >= 200 && status < 300) return;
    const wait = BACKOFF_MS[attempt - 1];
    if (wait !== undefined && attempt < ATTEMPTS) await sleep(state, wait);
  }
}

/** Resolves with the HTTP status, or 0 on any network error or timeout. */
function post(state: State, url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve) => {
    const u = new URL(url);
    const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
    // agent:false + Connection: close: no pooled sockets survive close().
    const req = send(u, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' },
      timeout: ATTEMPT_TIMEOUT_MS,
      ...(u.protocol === 'https:' ? { rejectUnauthorized: false } : {}),
    });
    const finish = (status: number): void => {
      state.outgoing.delete(req);
      resolve(status);
    };
    state.outgoing.add(req);
    // The status line is the receiver's verdict; the body does not matter.
    req.on('response', (res) => {
      res.resume();
      finish(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => finish(0));
    req.on('close', () => finish(0));
    req.end(body);
  });
}
