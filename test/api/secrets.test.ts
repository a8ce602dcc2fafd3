// The API key must never leave the x-api-key header: not in debug lines, error messages,
// suggestions, details, causes or stacks, whatever path a request takes.
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { createClient } from '../../src/api/index.js';
import { putPresigned } from '../../src/api/upload-put.js';
import type { TwinError } from '../../src/shared/errors.js';
import { caught, makeClient, receivedSince, startTestSandbox, TEST_API_KEY, videoBody } from './helpers.js';

let sandbox: Sandbox;
const output: string[] = [];

/** Everything a user or a log could ever see of an error. */
function record(error: TwinError): void {
  output.push(
    error.message,
    error.suggestion ?? '',
    JSON.stringify({ code: error.code, message: error.message, suggestion: error.suggestion, details: error.details }),
    inspect(error, { depth: 10 }),
  );
}

async function expectFailure(promise: Promise<unknown>): Promise<void> {
  try {
    await promise;
  } catch (error) {
    record(error as TwinError);
    return;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  // The sandbox's own request log is output too (`twin sandbox` prints it).
  sandbox = await startTestSandbox({ log: (line) => output.push(line) });
});
afterAll(async () => {
  await sandbox.close();
});

describe('the API key never appears', () => {
  it('across a run full of successes, retries and failures against the sandbox', async () => {
    const debug = (line: string) => output.push(line);
    const { client } = makeClient(sandbox, { debug, readTimeoutMs: 100 });
    const created = await client.createVideo(videoBody());
    await client.getVideo(created.video_id);
    await client.listLooks({ limit: 2 });

    sandbox.inject({ kind: 'drop-before', route: 'GET /v3/users/me' });
    sandbox.inject({ kind: '429', route: 'GET /v3/users/me', retryAfter: '1' });
    await client.getMe();
    sandbox.inject({ kind: 'drop-after', route: 'POST /v3/videos' });
    await client.createVideo(videoBody());

    await expectFailure(client.createVideo(videoBody({ aspect_ratio: '3:2' as never })));
    await expectFailure(client.getVideo('vid_missing'));
    sandbox.inject({ kind: 'html-502', route: 'GET /v3/voices', times: 4 });
    await expectFailure(client.listVoices());
    sandbox.inject({ kind: 'malformed', route: 'GET /v3/users/me' });
    await expectFailure(client.getMe());
    sandbox.inject({ kind: 'slow', route: 'GET /v3/avatars', ms: 1000, times: 4 });
    await expectFailure(client.listGroups());
    sandbox.inject({ kind: 'drop-after', route: 'DELETE /v3/videos/:id' });
    await client.deleteVideo(created.video_id);
    sandbox.inject({ kind: '503', route: 'POST /v3/webhooks/endpoints', times: 4 });
    await expectFailure(client.createWebhookEndpoint({ url: 'https://example.com/h' }));
    expect(sandbox.pendingFaults()).toEqual([]);
    await client.close();

    const wrongKey = `${TEST_API_KEY}-wrong`;
    const wrong = createClient({ baseUrl: sandbox.url, apiKey: wrongKey, debug });
    await expectFailure(wrong.getMe());
    await wrong.close();

    const closed = await startTestSandbox();
    await closed.close();
    const refused = createClient({ baseUrl: closed.url, apiKey: TEST_API_KEY, debug });
    await expectFailure(refused.getMe());

    const controlChars = createClient({ baseUrl: sandbox.url, apiKey: `${TEST_API_KEY}\n`, debug });
    await expectFailure(controlChars.getMe());

    expect(output.some((line) => line.startsWith('http retry'))).toBe(true);
    expect(output.some((line) => /^GET \/v3\/users\/me -> 200 /.test(line))).toBe(true); // the sandbox log was captured
    expect(output.length).toBeGreaterThan(40);
    for (const line of output) {
      expect(line).not.toContain(TEST_API_KEY);
      expect(line).not.toContain('7c1f0e9ad2b84a06b5e1'); // any fragment of it
    }
    expect(JSON.stringify(sandbox.received)).not.toContain(TEST_API_KEY);
  });

  it('even when a server echoes the key back in its answers', async () => {
    const server: Server = createServer((req, res) => {
      const key = String(req.headers['x-api-key']);
      if (req.url?.startsWith('/v3/users/me')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"data": "not a user, key ${key}"`); // broken JSON with the key in it
      } else if (req.url?.startsWith('/v3/voices')) {
        res.writeHead(403, { 'content-type': 'text/html' });
        res.end(`<html><body><h1>Forbidden for ${key}</h1></body></html>`);
      } else {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'invalid_parameter', message: `bad key ${key}`, param: 'x' } }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const lines: string[] = [];
    const client = createClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: TEST_API_KEY, debug: (l) => lines.push(l) });
    const before = output.length;
    await expectFailure(client.getMe());
    await expectFailure(client.listVoices());
    await expectFailure(client.getLook('lk_1'));
    await client.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const seen = [...output.slice(before), ...lines];
    expect(seen.join('\n')).toContain('[redacted]');
    for (const line of seen) expect(line).not.toContain(TEST_API_KEY);
  });
});

/** A server on a free port of 127.0.0.1 and its origin. */
async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('the API key goes to the API and nowhere else', () => {
  it('is not sent to another host a redirect points at: the API client follows no redirect', async () => {
    const elsewhere: IncomingHttpHeaders[] = [];
    const other = await listen((req, res) => {
      elsewhere.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}');
    });
    // The "API" answers every request with a 302 to the other host, path and query kept.
    const api = await listen((req, res) => {
      req.resume();
      res.writeHead(302, { location: `${other.origin}${req.url}` }).end();
    });
    const client = createClient({ baseUrl: api.origin, apiKey: TEST_API_KEY, sleep: async () => {} });
    let errors: TwinError[];
    try {
      errors = [await caught(client.getMe()), await caught(client.createVideo(videoBody()))];
    } finally {
      await client.close();
      await Promise.all([api, other].map(({ server }) => new Promise((resolve) => server.close(resolve))));
    }
    expect(elsewhere).toEqual([]);
    expect(errors.map((e) => e.details.status)).toEqual([302, 302]);
  });

  it('is not sent with the PUT of a direct upload, even when the upload headers name it', async () => {
    const client = createClient({ baseUrl: sandbox.url, apiKey: TEST_API_KEY });
    const bytes = Buffer.from('RIFF....WAVEfmt not really audio, but the upload host only counts bytes');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    try {
      const direct = await client.createDirectUpload({
        filename: 'a.wav',
        content_type: 'audio/wav',
        size_bytes: bytes.length,
        checksum_sha256: sha256,
      });
      const from = sandbox.received.length;
      // A presign that echoed the request's own headers would hand the key back in upload_headers.
      const headers = { ...direct.upload_headers, 'X-Api-Key': TEST_API_KEY, Authorization: `Bearer ${TEST_API_KEY}` };
      await putPresigned(direct.upload_url, {
        headers,
        size: bytes.length,
        open: async function* () {
          yield bytes;
        },
        sleep: async () => {},
        maxRetries: 0,
      });
      // The sandbox's upload host refuses a PUT carrying credentials (as S3 does): it got none.
      const puts = receivedSince(sandbox, from, 'PUT', `/upload/${direct.asset_id}`);
      expect(puts.map((r) => r.body)).toEqual([{ size: bytes.length, sha256 }]);
      expect((await client.completeAsset(direct.asset_id, { checksum_sha256: sha256 })).asset_id).toBe(direct.asset_id);
    } finally {
      await client.close();
    }
  });
});
