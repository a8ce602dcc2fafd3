// The API key must never leave the x-api-key header: not in debug lines, error messages,
// suggestions, details, causes or stacks, whatever path a request takes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { createClient } from '../../src/api/index.js';
import type { TwinError } from '../../src/shared/errors.js';
import { makeClient, startTestSandbox, TEST_API_KEY, videoBody } from './helpers.js';

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
