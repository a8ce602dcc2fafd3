// One request's path through the emulator: count → record → route → auth → faults → idempotency →
// handler → (drop-after) → answer. Faults sit where a real gateway or server would fail.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, errorBody } from './errors.js';
import { takeApiFault, takeSlow, type ApiFault } from './faults.js';
import { serveDownload, serveStatic } from './files.js';
import { beginIdempotent, finishIdempotent } from './idempotency.js';
import { tick } from './lifecycle.js';
import { keyForPath, matchRoute, routeKey, type Reply } from './router.js';
import { ROUTES } from './routes/index.js';
import { newId, sleep, type State } from './state.js';
import { mediaHostRoute } from './media-host.js';
import { readMultipart } from './multipart.js';
import { readBody } from './read-body.js';
import { omitOptional, onlyQuery } from './strict.js';

const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n';

/** A 200 that is not JSON: what a captive portal or a misbehaving proxy answers. */
const NOT_JSON = 'upstream connect error or disconnect/reset before headers. reset reason: overflow';

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const json = JSON.stringify(reply.body);
  res.writeHead(reply.status ?? 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    ...reply.headers,
  });
  res.end(json);
}

function sendGarbled(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const json = JSON.stringify(reply.body);
  const cut = json.slice(0, Math.max(1, Math.floor(json.length / 2)));
  res.writeHead(reply.status ?? 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(cut),
    ...reply.headers,
  });
  res.end(cut);
}

function errorReply(err: unknown, path: string): Reply {
  if (err instanceof ApiError)
    return { status: err.status, body: errorBody(err.code, err.message, err.param, err.errors), headers: err.headers };
  const message = err instanceof Error ? err.message : String(err);
  return { status: 500, body: errorBody('internal_error', `sandbox: handler for ${path} crashed: ${message}`) };
}

/** A repeated parameter (`video_ids=a&video_ids=b`) keeps every value, comma-joined like a list. */
function queryOf(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of new Set(params.keys())) out[name] = params.getAll(name).join(',');
  return out;
}

function redacted(headers: IncomingMessage['headers']): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = { ...headers };
  if (out['x-api-key'] !== undefined) out['x-api-key'] = '[redacted]';
  if (out['authorization'] !== undefined) out['authorization'] = '[redacted]';
  return out;
}

function authorized(state: State, req: IncomingMessage): boolean {
  const key = req.headers['x-api-key'];
  if (typeof key === 'string') return key === state.apiKey;
  const auth = req.headers.authorization;
  return typeof auth === 'string' && auth === `Bearer ${state.apiKey}`;
}

/** Holds the request until the client goes away or the sandbox closes (its sockets are destroyed). */
function hang(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) resolve();
    else res.once('close', () => resolve());
  });
}

/** A valid JSON body of about `bytes` bytes, sent chunked with backpressure until done or the client leaves. */
async function sendHuge(res: ServerResponse, bytes: number): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  const head = '{"data":{"pad":"';
  const tail = '"}}';
  const piece = 'x'.repeat(64 * 1024);
  res.write(head);
  for (let left = Math.max(0, bytes - head.length - tail.length); left > 0 && !res.destroyed; left -= piece.length) {
    const ok = res.write(left >= piece.length ? piece : piece.slice(0, left));
    if (!ok) await drainOrClose(res);
  }
  if (!res.destroyed) res.end(tail);
}

/** Waits for room to write or the client's leaving; the other listener goes too (no pile-up). */
function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve();
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/** Answers a fault that replaces the response; returns false for drop-after and garbled, which need the handler first. */
function answerFault(res: ServerResponse, fault: ApiFault): boolean | Promise<void> {
  switch (fault.kind) {
    case 'hang':
      return hang(res);
    case 'huge':
      return sendHuge(res, fault.bytes);
    case 'drop-before':
      res.destroy();
      return true;
    case 'redirect-api':
      res.writeHead(307, { Location: fault.location, 'Content-Length': 0 });
      res.end();
      return true;
    case 'html-502':
      res.writeHead(502, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(HTML_502) });
      res.end(HTML_502);
      return true;
    case 'malformed':
      send(res, { body: { data: 'sandbox: malformed response (injected fault)', has_more: 'maybe' } });
      return true;
    case 'not-json':
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(NOT_JSON) });
      res.end(NOT_JSON);
      return true;
    case 'lag-404':
      send(res, { status: 404, body: errorBody('video_not_found', 'Video not found (injected read-after-write lag).') });
      return true;
    case '429':
      send(res, {
        status: 429,
        body: errorBody('rate_limit_exceeded', 'Too many requests (injected fault).'),
        headers: { 'Retry-After': fault.retryAfter },
      });
      return true;
    case '500':
    case '502':
    case '503':
      send(res, {
        status: Number(fault.kind),
        body: errorBody('internal_error', `sandbox: injected ${fault.kind}`),
        headers: fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter },
      });
      return true;
    case 'drop-after':
    case 'garbled':
      return false;
  }
}

export async function handleRequest(state: State, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const requestId = newId('req');
  res.setHeader('X-Request-Id', requestId);
  const target = req.url ?? '/';
  // Prefixing keeps `//v3/…` a path; as a relative URL it would name a host called v3.
  const url = new URL(target.startsWith('/') ? `http://sandbox.invalid${target}` : target, 'http://sandbox.invalid');
  const path = url.pathname;
  const query = queryOf(url.searchParams);
  const method = req.method ?? 'GET';
  res.on('finish', () => state.log(`${method} ${path} -> ${res.statusCode} (${Date.now() - started} ms) ${requestId}`));

  const isFile = path.startsWith('/download/') || path.startsWith('/static/');
  if (isFile && (method === 'GET' || method === 'HEAD')) {
    const key = keyForPath(method, path);
    state.counters.requests[key] = (state.counters.requests[key] ?? 0) + 1;
    const fault = takeApiFault(state, key, method, path);
    const answered = fault && fault.kind !== 'drop-after' && answerFault(res, fault);
    if (answered) return void (await answered);
    if (path.startsWith('/download/')) await serveDownload(state, req, res, path, query, requestId);
    else await serveStatic(state, req, res, path, requestId);
    if (fault?.kind === 'drop-after') req.socket.destroy();
    return;
  }

  const host = mediaHostRoute(method, path);
  if (host) {
    state.counters.requests[host.key] = (state.counters.requests[host.key] ?? 0) + 1;
    const record = (body: unknown) => state.received.push({ method, path, query, headers: redacted(req.headers), body });
    return host.handler(state, req, res, { path, query, requestId, record });
  }

  // HEAD is GET without the body (node:http drops it), as on any HTTP server; it counts as HEAD.
  const match = matchRoute(ROUTES, method === 'HEAD' ? 'GET' : method, path);
  const key = match ? routeKey({ method, pattern: match.route.pattern }) : keyForPath(method, path);
  state.counters.requests[key] = (state.counters.requests[key] ?? 0) + 1;
  const multipart = match?.route.body === 'multipart' ? await readMultipart(req) : undefined;
  const raw = multipart ? multipart.raw : await readBody(req);
  let body: unknown = multipart?.parts;
  let badJson = false;
  if (!multipart && raw !== 'too-large' && raw.length > 0) {
    const text = raw.toString('utf8');
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
      badJson = true;
    }
  }
  state.received.push({ method, path, query, headers: redacted(req.headers), body: multipart ? multipart.summary : body });

  if (!match) return send(res, { status: 500, body: errorBody('internal_error', `sandbox: no route for ${method} ${path}`) });
  if (!authorized(state, req)) {
    return send(res, { status: 401, body: errorBody('unauthorized', 'Missing or invalid API key: send it in the x-api-key header.') });
  }
  if (multipart?.error) return send(res, errorReply(multipart.error, path));
  if (raw === 'too-large') return send(res, { status: 413, body: errorBody('payload_too_large', 'request body exceeds 10 MB') });
  if (badJson) return send(res, { status: 400, body: errorBody('invalid_parameter', 'request body is not valid JSON') });

  const fault = takeApiFault(state, key, method, path);
  const answered = fault && answerFault(res, fault);
  if (answered) return void (await answered);

  tick(state);
  let reply: Reply;
  try {
    const keyed = match.route.idempotent === true && method !== 'GET' && method !== 'HEAD';
    const idem = !keyed ? ({ kind: 'none' } as const) : beginIdempotent(state, key, path, req.headers['idempotency-key']);
    if (idem.kind === 'replay') {
      reply = idem.reply;
    } else {
      try {
        const slowMs = takeSlow(state, key, method, path);
        if (slowMs > 0) await sleep(state, slowMs);
        if (state.closed) return;
        onlyQuery(query, match.route.query);
        reply = await match.route.handler({ state, params: match.params, query, body, headers: req.headers });
      } catch (err) {
        reply = errorReply(err, path);
      }
      finishIdempotent(state, idem, reply);
    }
  } catch (err) {
    reply = errorReply(err, path);
  }
  // drop-after: the work is done (and remembered under its Idempotency-Key) but the answer is lost.
  if (fault?.kind === 'drop-after') {
    req.socket.destroy();
    return;
  }
  // garbled: the work is done too, but the 200 that says so arrives cut in half.
  if (fault?.kind === 'garbled') return sendGarbled(res, reply);
  const ok = (reply.status ?? 200) < 400;
  send(res, ok && state.options.omitOptional ? { ...reply, body: omitOptional(reply.body) } : reply);
}
