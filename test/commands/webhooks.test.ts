// Endpoint management, event types and event history against the sandbox, as a pipe and as a
// terminal; bad input is exit 2 with nothing sent (the sandbox's counters prove it).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { EVENT_TYPES } from '../../src/commands/webhooks/shared.js';
import { cannedPrompt, runTwin, sandboxCall, until, type RunOptions } from '../helpers/harness.js';
import { startRecorder, type Recorder } from './webhooks.helpers.js';

let sb: Sandbox;
let receiver: Recorder;
beforeAll(async () => {
  sb = await startSandbox({ renderMs: 200 });
  receiver = await startRecorder();
});
afterAll(async () => {
  await sb.close();
  await receiver.close();
});
afterEach(async () => {
  for (const ep of (await api('GET', '/v3/webhooks/endpoints?limit=100')).data)
    await api('DELETE', `/v3/webhooks/endpoints/${ep.endpoint_id}`);
  sb.resetCounters();
});

const api = (method: string, path: string, body?: unknown) => sandboxCall(sb, method, path, body);

const twin = (args: string[], opts: RunOptions = {}) => runTwin(['webhooks', ...args], { sandbox: sb, ...opts });
const sent = (route: string) => sb.counters.requests[route] ?? 0;
const URL_OK = 'https://example.com/heygen';
/** How tables show the API's ISO times: to the second. */
const seconds = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z');

async function createEndpoint(extra: string[] = []): Promise<any> {
  const r = await twin(['create', '--url', URL_OK, ...extra, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('webhooks create', () => {
  it('prints the endpoint with its secret once, and advice to store it on stderr', async () => {
    const r = await twin(['create', '--url', URL_OK, '--events', 'avatar_video.success, avatar_video.fail']);
    expect(r.code).toBe(0);
    const secret = /^secret\s+(whsec_\S+)$/m.exec(r.stdout)?.[1];
    expect(secret).toMatch(/^whsec_[\w-]{16,}$/);
    expect(r.stdout).toMatch(/^events\s+avatar_video\.success,avatar_video\.fail$/m);
    expect(r.stderr).toContain('not shown again');
    expect(r.stderr).toContain(`export HEYGEN_WEBHOOK_SECRET=${secret}`);
    const body = sb.received.at(-1)!.body;
    expect(body).toEqual({ url: URL_OK, events: ['avatar_video.success', 'avatar_video.fail'] });
    // A listing never shows it again.
    expect((await twin(['list', '--json'])).stdout).not.toContain(secret);
  });

  it('--json carries the secret; --entity-id is sent; no --events means all events', async () => {
    const ep = await createEndpoint(['--entity-id', 'vid_1']);
    expect(ep).toMatchObject({
      endpoint_id: expect.stringMatching(/^ep_/),
      url: URL_OK,
      status: 'enabled',
      events: null,
      secret: expect.stringMatching(/^whsec_/),
    });
    expect(sb.received.at(-1)!.body).toEqual({ url: URL_OK, entity_id: 'vid_1' });
  });

  it('--quiet prints the id on stdout and still shows the secret (on stderr)', async () => {
    const r = await twin(['create', '--url', URL_OK, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ep_\w+\n$/);
    expect(r.stderr).toMatch(/^secret: whsec_\S+$/m);
  });

  it('asks for the URL on a terminal', async () => {
    const prompt = cannedPrompt([{ match: /Receiver URL/, answer: 'http://localhost:4242/hook' }]);
    const r = await twin(['create'], { tty: true, prompt });
    expect(r.code).toBe(0);
    expect(prompt.asked).toHaveLength(1);
    expect(sb.received.at(-1)!.body).toEqual({ url: 'http://localhost:4242/hook' });
  });

  it.each([
    [[], '--url is required'],
    [['--url', 'http://example.com/hook'], 'must use https'],
    [['--url', 'not a url'], 'is not a URL'],
    [['--url', URL_OK, '--events', 'avatar_video.succes'], 'Did you mean "avatar_video.success"?'],
    [['--url', URL_OK, '--events', 'nonsense'], '"nonsense" is not a webhook event type'],
    [['--url', URL_OK, '--events', ','], '--events is empty'],
  ])('%j is exit 2 naming the flag, with nothing sent', async (args, text) => {
    const r = await twin(['create', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(text);
    expect(r.stderr).toMatch(/--url|--events/);
    expect(sent('POST /v3/webhooks/endpoints')).toBe(0);
  });

  it('--json errors are one JSON object naming the flag', async () => {
    const r = await twin(['create', '--url', 'http://example.com', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr).error).toMatchObject({ code: 'usage_error', flag: '--url', exit_code: 2 });
  });
});

describe('webhooks list', () => {
  it('shows endpoints as tab-separated lines on a pipe, a table on a terminal, a stable --json shape', async () => {
    const a = await createEndpoint(['--events', 'avatar_video.fail']);
    const b = await createEndpoint();
    const pipe = await twin(['list']);
    expect(pipe.stdout.trim().split('\n')).toEqual([
      `${a.endpoint_id}\t${URL_OK}\tenabled\tavatar_video.fail\t${seconds(a.created_at)}`,
      `${b.endpoint_id}\t${URL_OK}\tenabled\tall\t${seconds(b.created_at)}`,
    ]);
    const tty = await twin(['list'], { tty: true });
    expect(tty.stdout).toMatch(/ID\s+URL\s+STATUS\s+EVENTS\s+CREATED/);
    const json = JSON.parse((await twin(['list', '--json'])).stdout);
    expect(Object.keys(json)).toEqual(['endpoints', 'has_more', 'next_token']);
    expect(json.endpoints.map((e: any) => e.endpoint_id)).toEqual([a.endpoint_id, b.endpoint_id]);
    expect(json.endpoints.every((e: any) => e.secret === null)).toBe(true);
  });

  it('--limit stops early and says more exist; --all follows every page', async () => {
    for (let i = 0; i < 101; i++) await api('POST', '/v3/webhooks/endpoints', { url: `${URL_OK}/${i}` });
    sb.resetCounters();
    const limited = await twin(['list', '--limit', '2', '--json']);
    const page = JSON.parse(limited.stdout);
    expect(page.endpoints).toHaveLength(2);
    expect(page.has_more).toBe(true);
    expect(page.next_token).toEqual(expect.any(String));
    expect((await twin(['list', '--limit', '2'])).stderr).toContain('Showing 2 endpoints; there may be more');
    const rest = JSON.parse((await twin(['list', '--token', page.next_token, '--all', '--json'])).stdout);
    expect(rest.endpoints).toHaveLength(99);
    expect(rest.endpoints[0].endpoint_id).not.toBe(page.endpoints[1].endpoint_id);

    sb.resetCounters();
    const all = await twin(['list', '--all', '--quiet']);
    expect(all.stdout.trim().split('\n')).toHaveLength(101);
    expect(sent('GET /v3/webhooks/endpoints')).toBe(2);
  });

  it.each([[['--limit', '0']], [['--limit', 'ten']], [['--limit', '5', '--all']]])('%j is exit 2, nothing sent', async (args) => {
    const r = await twin(['list', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--limit');
    expect(sent('GET /v3/webhooks/endpoints')).toBe(0);
  });

  it('says how to start when there are none', async () => {
    const r = await twin(['list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('twin webhooks create');
  });
});

describe('keys and API failures', () => {
  it.each([['list'], ['events'], ['event-types'], ['create', '--url', URL_OK], ['delete', 'ep_1', '--yes']])(
    '%j: exit 3 without a key or with a refused one',
    async (...argv) => {
      expect((await runTwin(['webhooks', ...argv], { env: {} })).code).toBe(3);
      const wrong = await runTwin(['webhooks', ...argv], { sandbox: { url: sb.url, apiKey: 'wrong-key' } });
      expect(wrong.code).toBe(3);
      expect(wrong.stderr).toMatch(/unauthorized/);
    },
  );

  it('exit 1 when the API keeps failing, naming the endpoint', async () => {
    sb.inject({ kind: '503', route: 'GET /v3/webhooks/endpoints', times: 2 }); // the first try and its one retry
    const r = await twin(['list'], { clientOptions: { maxRetries: 1 } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/GET \/v3\/webhooks\/endpoints/);
  });
});

describe('webhooks update', () => {
  it('--events replaces the whole list; "all" sends every event type by name; --url changes the URL', async () => {
    const ep = await createEndpoint(['--events', 'avatar_video.success,avatar_video.fail']);
    const replaced = JSON.parse((await twin(['update', ep.endpoint_id, '--events', 'batch.finished', '--json'])).stdout);
    expect(replaced.events).toEqual(['batch.finished']);
    // "null = all" is documented for create only (§6.2): the PATCH carries the full list from event-types.
    const types = (await api('GET', '/v3/webhooks/event-types')).data.map((t: any) => t.event_type);
    expect(types).toHaveLength(EVENT_TYPES.length);
    const all = JSON.parse((await twin(['update', ep.endpoint_id, '--events', 'all', '--json'])).stdout);
    expect(all.events).toEqual(types);
    const patch = sb.received.filter((r) => r.method === 'PATCH').at(-1)!;
    expect(patch.body).toEqual({ events: types });
    const moved = await twin(['update', ep.endpoint_id, '--url', 'https://example.org/new']);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toMatch(/^url\s+https:\/\/example\.org\/new$/m);
  });

  it('says that --events replaces the list in its help', async () => {
    expect((await twin(['update', '--help'])).stdout).toContain('REPLACES the whole list');
  });

  it.each([
    [[], 'Nothing to update'],
    [['--url', 'http://example.com'], 'must use https'],
    [['--events', 'avatar_video.done'], 'not a webhook event type'],
  ])('%j is exit 2 with nothing sent', async (args, text) => {
    const r = await twin(['update', 'ep_123', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(text);
    expect(sent('PATCH /v3/webhooks/endpoints/:id')).toBe(0);
  });

  it('a blank endpoint id is exit 2 naming <id>, for update, delete and rotate-secret alike', async () => {
    for (const argv of [
      ['update', ' ', '--url', URL_OK],
      ['delete', ' ', '--yes'],
      ['rotate-secret', '', '--yes'],
    ]) {
      const r = await twin(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/<id>: ".*" is not an endpoint id/);
    }
    expect(Object.keys(sb.counters.requests)).toEqual([]);
  });

  it('an unknown id is an API error (exit 1) that says where to look', async () => {
    const r = await twin(['update', 'ep_missing', '--url', URL_OK]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('twin webhooks list');
  });
});

describe('webhooks delete', () => {
  it('needs --yes without a terminal, and sends nothing otherwise', async () => {
    const ep = await createEndpoint();
    const r = await twin(['delete', ep.endpoint_id]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--yes');
    expect(sent('DELETE /v3/webhooks/endpoints/:id')).toBe(0);

    const yes = await twin(['delete', ep.endpoint_id, '--yes', '--json']);
    expect(yes.code).toBe(0);
    expect(JSON.parse(yes.stdout)).toEqual({ endpoint_id: ep.endpoint_id, deleted: true, already_deleted: false });
    expect((await api('GET', '/v3/webhooks/endpoints')).data).toEqual([]);
  });

  it('asks on a terminal: "no" keeps it, "yes" deletes it', async () => {
    const ep = await createEndpoint();
    const no = await twin(['delete', ep.endpoint_id], {
      tty: true,
      prompt: cannedPrompt([{ match: /Delete webhook endpoint/, answer: false }]),
    });
    expect(no.code).toBe(0);
    expect(no.stderr).toContain('nothing was deleted');
    expect(no.stdout).toBe('');
    expect(sent('DELETE /v3/webhooks/endpoints/:id')).toBe(0);

    const yes = await twin(['delete', ep.endpoint_id], {
      tty: true,
      prompt: cannedPrompt([{ match: /Delete webhook endpoint/, answer: true }]),
    });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain(`Deleted webhook endpoint ${ep.endpoint_id}`);
    expect(sent('DELETE /v3/webhooks/endpoints/:id')).toBe(1);
  });
});

describe('webhooks rotate-secret', () => {
  it('prints a new secret once and sends an Idempotency-Key; the same key replays the same secret', async () => {
    const ep = await createEndpoint();
    const first = JSON.parse((await twin(['rotate-secret', ep.endpoint_id, '--yes', '--json', '--idempotency-key', 'rot-1'])).stdout);
    expect(first).toEqual({ endpoint_id: ep.endpoint_id, secret: expect.stringMatching(/^whsec_/), idempotency_key: 'rot-1' });
    expect(first.secret).not.toBe(ep.secret);
    expect(sb.received.at(-1)!.headers['idempotency-key']).toBe('rot-1');
    const again = JSON.parse((await twin(['rotate-secret', ep.endpoint_id, '--yes', '--json', '--idempotency-key', 'rot-1'])).stdout);
    expect(again.secret).toBe(first.secret);

    const fresh = await twin(['rotate-secret', ep.endpoint_id, '--yes']);
    expect(fresh.code).toBe(0);
    expect(sb.received.at(-1)!.headers['idempotency-key']).toMatch(/^[\w-]{8,}$/);
    expect(fresh.stdout).toMatch(/^secret\s+whsec_\S+$/m);
    expect(fresh.stderr).toContain('previous secret no longer verifies');
  });

  it('without a terminal needs --yes; a bad --idempotency-key is exit 2; nothing sent', async () => {
    expect((await twin(['rotate-secret', 'ep_1'])).code).toBe(2);
    const bad = await twin(['rotate-secret', 'ep_1', '--yes', '--idempotency-key', 'has space']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--idempotency-key');
    expect(sent('POST /v3/webhooks/endpoints/:id/rotate-secret')).toBe(0);
  });
});

describe('webhooks event-types and events', () => {
  it('event-types lists what the API accepts, which is the list create validates against', async () => {
    const json = JSON.parse((await twin(['event-types', '--json'])).stdout);
    expect(Object.keys(json)).toEqual(['event_types', 'has_more', 'next_token']);
    expect(json.event_types.map((t: any) => t.event_type).sort()).toEqual([...EVENT_TYPES].sort());
    expect(json.event_types[0]).toEqual({ event_type: expect.any(String), description: expect.any(String) });
    const quiet = await twin(['event-types', '--quiet']);
    expect(quiet.stdout.trim().split('\n')).toHaveLength(30);
  });

  it('events shows delivered history, filtered by --type and --entity-id, limited by --limit', async () => {
    await api('POST', '/v3/webhooks/endpoints', { url: receiver.url });
    const video = async () =>
      (await api('POST', '/v3/videos', { type: 'avatar', avatar_id: 'lk_alex_office', script: 'History test.' })).data.video_id;
    const ok = await video();
    const bad = await video();
    sb.inject({ kind: 'fail-render', videoId: bad, failureMessage: 'nope' });
    await until(async () => (await api('GET', '/v3/webhooks/events?limit=100')).data.length >= 2, 'two events');

    const fails = JSON.parse((await twin(['events', '--type', 'avatar_video.fail', '--json'])).stdout);
    expect(Object.keys(fails)).toEqual(['events', 'has_more', 'next_token']);
    expect(fails.events.map((e: any) => [e.event_type, e.event_data.video_id])).toEqual([['avatar_video.fail', bad]]);
    expect(sb.received.at(-1)!.query).toMatchObject({ event_type: 'avatar_video.fail' });

    const one = JSON.parse((await twin(['events', '--entity-id', ok, '--json'])).stdout);
    expect(one.events.map((e: any) => e.event_data.video_id)).toEqual([ok]);

    const limited = await twin(['events', '--limit', '1']);
    expect(limited.stdout.trim().split('\n')).toHaveLength(1);
    expect(limited.stdout).toMatch(/^evt_\w+\tavatar_video\.(success|fail)\t/);
    expect(limited.stderr).toContain('Showing 1 event; there may be more');
  });

  it('an unknown --type is exit 2 with a suggestion and nothing sent', async () => {
    const r = await twin(['events', '--type', 'avatar_video.failed']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Did you mean "avatar_video.fail"?');
    expect(sent('GET /v3/webhooks/events')).toBe(0);
  });
});
