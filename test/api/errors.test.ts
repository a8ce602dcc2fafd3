// Every failure class the client maps, provoked for real through the sandbox.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createClient } from '../../src/api/index.js';
import { createTransport } from '../../src/api/http.js';
import { ApiError, AuthError, ExitCode, UsageError } from '../../src/shared/errors.js';
import { caught, makeClient, startTestSandbox, useSandboxClient, videoBody } from './helpers.js';

const env = useSandboxClient();

describe('API error envelopes', () => {
  it('400 invalid_parameter carries param, request id and a flag hint', async () => {
    const error = await caught(env.t.client.createVideo(videoBody({ resolution: '8k' as never })));
    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError;
    expect(api.exitCode).toBe(ExitCode.api);
    expect(api.code).toBe('invalid_parameter');
    expect(api.status).toBe(400);
    expect(api.param).toBe('resolution');
    expect(api.endpoint).toBe('POST /v3/videos');
    expect(api.requestId).toMatch(/^req_/);
    expect(api.docUrl).toContain('#invalid-parameter');
    expect(api.suggestion).toContain('--resolution');
    expect(env.sandbox.counters.requests['POST /v3/videos']).toBe(1); // 4xx is never retried
  });

  it('401 becomes AuthError with exit code 3', async () => {
    const wrong = createClient({ baseUrl: env.sandbox.url, apiKey: 'not-the-right-key' });
    const error = await caught(wrong.getMe());
    await wrong.close();
    expect(error).toBeInstanceOf(AuthError);
    expect(error.exitCode).toBe(ExitCode.auth);
    expect(error.code).toBe('unauthorized');
    expect(error.suggestion).toContain('twin auth login');
    expect(error.details.request_id).toMatch(/^req_/);
  });

  it('an empty key fails before anything is sent', async () => {
    const none = createClient({ baseUrl: env.sandbox.url, apiKey: '' });
    expect(await caught(none.getMe())).toBeInstanceOf(AuthError);
    expect(env.sandbox.counters.requests['GET /v3/users/me']).toBeUndefined();
    await none.close();
  });

  it('404 names the resource and how to find real ids', async () => {
    const video = (await caught(env.t.client.getVideo('vid_nope'))) as ApiError;
    expect(video).toMatchObject({ code: 'video_not_found', status: 404, endpoint: 'GET /v3/videos/{id}' });
    expect(video.suggestion).toContain('twin video list');
    expect((await caught(env.t.client.getLook('lk_nope'))).suggestion).toContain('twin looks list');
    expect((await caught(env.t.client.getVoice('v_nope'))).suggestion).toContain('twin voices list');
  });

  it('an unknown route answers 500, retried as a read, then reported', async () => {
    const transport = createTransport({ baseUrl: env.sandbox.url, apiKey: env.sandbox.apiKey, sleep: async () => {} });
    const error = await caught(transport.request({ method: 'GET', path: '/v3/nope', endpoint: 'GET /v3/nope', schema: z.unknown() }));
    await transport.close();
    expect(error).toMatchObject({ code: 'internal_error', status: 500, endpoint: 'GET /v3/nope' });
    expect(error.message).toContain('no route for GET /v3/nope');
    expect(error.suggestion).toMatch(/retry later.*request id req_/);
    expect(env.sandbox.counters.requests['GET /v3/nope']).toBe(4);
  });
});

describe('responses that are not the API speaking', () => {
  it('an HTML 502 from a gateway is unclassified_server_error with a readable snippet', async () => {
    const { client } = makeClient(env.sandbox, { maxRetries: 0 });
    env.sandbox.inject({ kind: 'html-502', route: 'GET /v3/users/me' });
    const error = (await caught(client.getMe())) as ApiError;
    await client.close();
    expect(error.code).toBe('unclassified_server_error');
    expect(error.status).toBe(502);
    expect(error.message).toBe('GET /v3/users/me answered 502 without an API error body: "502 Bad Gateway cloudflare".');
    expect(error.message).not.toMatch(/<|>/);
  });

  it('a malformed 200 is malformed_response naming the endpoint and the bad field', async () => {
    const created = await env.t.client.createVideo(videoBody());
    env.sandbox.inject({ kind: 'malformed', route: 'GET /v3/videos/:id' });
    const error = (await caught(env.t.client.getVideo(created.video_id))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('malformed_response');
    expect(error.endpoint).toBe('GET /v3/videos/{id}');
    expect(error.message).toMatch(/^GET \/v3\/videos\/\{id\} returned 200 but the body does not match the expected shape at data /);
    expect(error.cause).toBeUndefined(); // no raw ZodError hanging off it
    expect(env.sandbox.counters.requests['GET /v3/videos/:id']).toBe(1);
  });

  it('a malformed list page names the page field', async () => {
    env.sandbox.inject({ kind: 'malformed', route: 'GET /v3/voices' });
    const error = await caught(env.t.client.listVoices());
    expect(error.code).toBe('malformed_response');
    expect(error.message).toContain('GET /v3/voices');
  });
});

describe('network failures', () => {
  it('connection refused is network_error with a hint about HEYGEN_API_BASE and the sandbox', async () => {
    const closed = await startTestSandbox();
    const url = closed.url;
    await closed.close();
    const { client, sleeps } = makeClient(closed, { baseUrl: url });
    const error = (await caught(client.getMe())) as ApiError;
    await client.close();
    expect(error.code).toBe('network_error');
    expect(error.exitCode).toBe(ExitCode.api);
    expect(error.endpoint).toBe('GET /v3/users/me');
    expect(error.message).toContain('connection refused');
    expect(error.suggestion).toMatch(/HEYGEN_API_BASE.*twin sandbox/);
    expect(sleeps).toEqual([]); // nothing was sent, nothing to wait for
  });

  it('refuses plain http to a non-loopback host before any request', () => {
    expect(() => createClient({ baseUrl: 'http://api.heygen.com', apiKey: 'k' })).toThrow(UsageError);
    expect(() => createClient({ baseUrl: 'http://api.heygen.com', apiKey: 'k' })).toThrow(/HEYGEN_API_BASE/);
  });

  it('refuses a blank id locally instead of calling the list route', async () => {
    const from = env.sandbox.received.length;
    for (const call of [() => env.t.client.getVideo(' '), () => env.t.client.deleteVideo(''), () => env.t.client.getLook('')]) {
      const error = await caught(call());
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toMatch(/id is required/);
    }
    expect(env.sandbox.received.length).toBe(from);
  });

  it('rejects a malformed idempotency key locally', async () => {
    const error = await caught(env.t.client.createVideo(videoBody(), { idempotencyKey: 'has spaces' }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.details.flag).toBe('idempotency-key');
    expect(env.sandbox.counters.requests['POST /v3/videos']).toBeUndefined();
  });
});
