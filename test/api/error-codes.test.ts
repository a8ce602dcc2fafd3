// Error codes the sandbox never produces (403 family, 402, 413, 429 quota), served by a tiny
// real HTTP server so the mapping is still exercised end to end over undici.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type HeyGenClient } from '../../src/api/index.js';
import { ApiError, AuthError, ExitCode } from '../../src/shared/errors.js';
import { caught, videoBody } from './helpers.js';

let server: Server;
let client: HeyGenClient;
let baseUrl: string;
/** What the next request gets: status, body text, content type. */
let next: { status: number; body: string; type?: string; headers?: Record<string, string> } = { status: 200, body: '{}' };
let hits = 0;

function envelope(status: number, code: string, message = `${code} happened`, extra: Record<string, string> = {}) {
  next = { status, body: JSON.stringify({ error: { code, message, ...extra } }), headers: { 'X-Request-Id': 'req_local_1' } };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    hits++;
    res.writeHead(next.status, { 'content-type': next.type ?? 'application/json', ...next.headers });
    res.end(next.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://localhost:${port}`;
  client = createClient({ baseUrl, apiKey: 'local-key', maxRetries: 0, sleep: async () => {} });
});
afterAll(async () => {
  await client.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('403 family → AuthError (exit 3)', () => {
  for (const code of ['forbidden', 'resource_access_denied', 'ai_vendor_access_restricted']) {
    it(code, async () => {
      envelope(403, code);
      const error = await caught(client.getLook('lk_1'));
      expect(error).toBeInstanceOf(AuthError);
      expect(error.exitCode).toBe(ExitCode.auth);
      expect(error.code).toBe(code);
      expect(error.suggestion).not.toContain('twin auth login');
      expect(error.details).toMatchObject({ status: 403, request_id: 'req_local_1', endpoint: 'GET /v3/avatars/looks/{id}' });
    });
  }
});

it('403 with a code we have never seen is still a permission problem (exit 3)', async () => {
  envelope(403, 'plan_upgrade_required');
  const error = await caught(client.getLook('lk_1'));
  expect(error).toBeInstanceOf(AuthError);
  expect(error).toMatchObject({ code: 'plan_upgrade_required', exitCode: ExitCode.auth });
});

describe('other API codes → ApiError (exit 1) with a next step', () => {
  const cases: Array<[number, string, RegExp]> = [
    [402, 'insufficient_credit', /Top up/],
    [413, 'payload_too_large', /5,000 characters/],
    [429, 'quota_exceeded', /--concurrency/],
    [400, 'voice_not_usable', /twin voices list/],
    [409, 'conflict', /fetch it again/],
    [500, 'internal_error', /request id req_local_1/],
    [418, 'brand_new_code', /error-codes/],
  ];
  for (const [status, code, hint] of cases) {
    it(`${status} ${code}`, async () => {
      envelope(status, code);
      const error = (await caught(client.getMe())) as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      expect(error.exitCode).toBe(ExitCode.api);
      expect(error).toMatchObject({ code, apiCode: code, status, requestId: 'req_local_1', endpoint: 'GET /v3/users/me' });
      expect(error.message).toBe(`GET /v3/users/me: ${code} happened`);
      expect(error.suggestion).toMatch(hint);
    });
  }

  it('a keyed write that failed keeps its key for a safe re-run', async () => {
    envelope(500, 'internal_error');
    const error = await caught(client.createVideo(videoBody(), { idempotencyKey: 'keep-me' }));
    expect(error.details.idempotency_key).toBe('keep-me');
    expect(error.suggestion).toContain('--idempotency-key keep-me');
  });
});

describe('bodies that are not the v3 envelope', () => {
  it('400 without an envelope is validation_error', async () => {
    next = { status: 400, body: 'Bad Request', type: 'text/plain' };
    expect((await caught(client.getMe())).code).toBe('validation_error');
  });

  it('other 4xx without an envelope is unclassified_client_error', async () => {
    next = { status: 403, body: '<html><body>Access denied by WAF</body></html>', type: 'text/html' };
    const error = await caught(client.getMe());
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('unclassified_client_error');
    expect(error.message).toContain('"Access denied by WAF"');
  });

  it('401 without an envelope is still an AuthError', async () => {
    next = { status: 401, body: '', type: 'text/plain' };
    expect(await caught(client.getMe())).toBeInstanceOf(AuthError);
  });

  it('a 200 that is not JSON is malformed_response', async () => {
    next = { status: 200, body: '<html>maintenance</html>', type: 'text/html' };
    const error = await caught(client.getMe());
    expect(error.code).toBe('malformed_response');
    expect(error.message).toBe('GET /v3/users/me returned 200 but the body is not JSON: "maintenance".');
  });

  it('a 200 with a wrong field type names the path', async () => {
    next = { status: 200, body: JSON.stringify({ data: [{ id: 'x', status: 7 }], has_more: false, next_token: null }) };
    const error = await caught(client.listVideos());
    expect(error.message).toContain('at data[0].status');
  });

  it('unknown extra fields and unknown statuses are kept, not rejected', async () => {
    next = { status: 200, body: JSON.stringify({ data: { id: 'v1', status: 'rendering_hd', brand_new: { a: 1 } } }) };
    const video = await client.getVideo('v1');
    expect(video.status).toBe('rendering_hd');
    expect(video['brand_new']).toEqual({ a: 1 });
  });
});

describe('odd but successful answers', () => {
  it('a DELETE answered 204 with no body is a success', async () => {
    next = { status: 204, body: '' };
    expect(await client.deleteVideo('vid_9')).toMatchObject({ id: 'vid_9', deleted: true });
    expect(await client.deleteWebhookEndpoint('ep_9')).toEqual({ already_deleted: false });
  });

  it('a GET answered 200 with no body is still malformed', async () => {
    next = { status: 200, body: '' };
    const error = await caught(client.getMe());
    expect(error.code).toBe('malformed_response');
    expect(error.message).toContain('(empty body)');
  });
});

describe('retries against statuses the sandbox does not script', () => {
  async function retrying<T>(call: (c: HeyGenClient) => Promise<T>) {
    const sleeps: number[] = [];
    const c = createClient({ baseUrl, apiKey: 'local-key', maxRetries: 2, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 });
    hits = 0;
    try {
      return { error: await caught(call(c)), sleeps, hits };
    } finally {
      await c.close();
    }
  }

  it('501 is not retried: it will answer the same way every time', async () => {
    envelope(501, 'not_implemented');
    const r = await retrying((c) => c.getMe());
    expect(r.hits).toBe(1);
    expect(r.sleeps).toEqual([]);
  });

  it("a gateway's HTML 429 is retried after its Retry-After date, then worded as a rate limit", async () => {
    const when = new Date(Date.now() + 20_000).toUTCString();
    next = { status: 429, body: '<html><body>Too Many Requests</body></html>', type: 'text/html', headers: { 'Retry-After': when } };
    const r = await retrying((c) => c.listVideos());
    expect(r.hits).toBe(3);
    expect(r.sleeps).toHaveLength(2);
    for (const ms of r.sleeps) expect(ms).toBeGreaterThan(15_000);
    expect(r.error.code).toBe('unclassified_client_error');
    expect(r.error.suggestion).toMatch(/retry/i);
    expect(r.error.suggestion).not.toContain('HEYGEN_API_BASE');
  });

  it('JSON without an `error` object is classified by status and quoted', async () => {
    next = { status: 404, body: JSON.stringify({ message: 'Not Found' }) };
    const error = await caught(client.getVideo('v1'));
    expect(error.code).toBe('unclassified_client_error');
    expect(error.message).toContain('Not Found');
  });

  it('an empty 502 is unclassified_server_error, retried on reads', async () => {
    next = { status: 502, body: '', type: 'text/plain' };
    const r = await retrying((c) => c.getVideo('v1'));
    expect(r.hits).toBe(3);
    expect(r.error.code).toBe('unclassified_server_error');
    expect(r.error.message).toBe('GET /v3/videos/{id} answered 502 without an API error body.');
  });
});
