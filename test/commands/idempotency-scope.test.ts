// Contract §1.6: Idempotency-Key is honoured only on some endpoints. The sandbox honours it only
// there; the client sends it only there, and handles a lost DELETE answer without one.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/index.js';
import { runTwin } from '../helpers/harness.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ renderMs: 50 });

async function newVideo(): Promise<string> {
  const api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
  try {
    return (await api.createVideo({ type: 'avatar', avatar_id: 'lk_alex_office', script: 'Hello.' })).video_id;
  } finally {
    await api.close();
  }
}

async function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { 'x-api-key': sandbox.apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: (await res.json()) as any };
}

describe('DELETE retried after a lost answer', () => {
  it('video delete: the retry meets 404 and reports "already deleted", exit 0, human and --json', async () => {
    const a = await newVideo();
    sandbox.inject({ kind: 'drop-after', route: 'DELETE /v3/videos/:id' });
    const human = await runTwin(['video', 'delete', a, '--yes'], { sandbox });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`Video ${a} is already deleted`));

    const b = await newVideo();
    sandbox.inject({ kind: 'drop-after', route: 'DELETE /v3/videos/:id' });
    const json = await runTwin(['video', 'delete', b, '--yes', '--json'], { sandbox });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ id: b, deleted: true, already_deleted: true });
    const deletes = sandbox.received.filter((r) => r.method === 'DELETE' && r.path === `/v3/videos/${b}`);
    expect(deletes).toHaveLength(2);
    expect(deletes.every((r) => r.headers['idempotency-key'] === undefined)).toBe(true);
  });

  it('a 404 on the first attempt is still an error (a wrong id is not "already deleted")', async () => {
    const res = await runTwin(['video', 'delete', 'vid_does_not_exist', '--yes', '--json'], { sandbox });
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stderr).error.code).toBe('video_not_found');
  });

  it('webhooks delete: the same, for an endpoint', async () => {
    const ep = (await call('POST', '/v3/webhooks/endpoints', {}, { url: 'https://example.com/h' })).body.data;
    sandbox.inject({ kind: 'drop-after', route: 'DELETE /v3/webhooks/endpoints/:id' });
    const json = await runTwin(['webhooks', 'delete', ep.endpoint_id, '--yes', '--json'], { sandbox });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ endpoint_id: ep.endpoint_id, deleted: true, already_deleted: true });

    const ep2 = (await call('POST', '/v3/webhooks/endpoints', {}, { url: 'https://example.com/h2' })).body.data;
    sandbox.inject({ kind: 'drop-after', route: 'DELETE /v3/webhooks/endpoints/:id' });
    const human = await runTwin(['webhooks', 'delete', ep2.endpoint_id, '--yes'], { sandbox });
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`Webhook endpoint ${ep2.endpoint_id} is already deleted`);
  });
});

describe('the sandbox honours Idempotency-Key only where HeyGen does', () => {
  it('replays POST /v3/videos, webhook endpoint create and rotate-secret', async () => {
    const body = { type: 'avatar', avatar_id: 'lk_alex_office', script: 'Once.' };
    const v1 = await call('POST', '/v3/videos', { 'idempotency-key': 'scope-v' }, body);
    const v2 = await call('POST', '/v3/videos', { 'idempotency-key': 'scope-v' }, body);
    expect(v2.body.data.video_id).toBe(v1.body.data.video_id);
    expect(v2.replayed).toBe('true');
    const e1 = await call('POST', '/v3/webhooks/endpoints', { 'idempotency-key': 'scope-e' }, { url: 'https://example.com/e' });
    const e2 = await call('POST', '/v3/webhooks/endpoints', { 'idempotency-key': 'scope-e' }, { url: 'https://example.com/e' });
    expect(e2.body.data.endpoint_id).toBe(e1.body.data.endpoint_id);
    const rotate = `/v3/webhooks/endpoints/${e1.body.data.endpoint_id}/rotate-secret`;
    const r1 = await call('POST', rotate, { 'idempotency-key': 'scope-r' });
    const r2 = await call('POST', rotate, { 'idempotency-key': 'scope-r' });
    expect(r2.body.data.secret).toBe(r1.body.data.secret);
  });

  it('ignores it on DELETE, PATCH and POST /v3/videos/batches', async () => {
    const id = await newVideo();
    expect((await call('DELETE', `/v3/videos/${id}`, { 'idempotency-key': 'scope-d' })).status).toBe(200);
    const again = await call('DELETE', `/v3/videos/${id}`, { 'idempotency-key': 'scope-d' });
    expect(again.status).toBe(404);
    expect(again.replayed).toBeNull();

    const ep = (await call('POST', '/v3/webhooks/endpoints', {}, { url: 'https://example.com/p' })).body.data;
    await call('PATCH', `/v3/webhooks/endpoints/${ep.endpoint_id}`, { 'idempotency-key': 'scope-p' }, { url: 'https://example.com/p1' });
    const p2 = await call(
      'PATCH',
      `/v3/webhooks/endpoints/${ep.endpoint_id}`,
      { 'idempotency-key': 'scope-p' },
      { url: 'https://example.com/p2' },
    );
    expect(p2.body.data.url).toBe('https://example.com/p2');

    const before = sandbox.counters.rendered;
    const batch = { videos: [{ type: 'avatar', avatar_id: 'lk_alex_office', script: 'B.' }] };
    const b1 = await call('POST', '/v3/videos/batches', { 'idempotency-key': 'scope-b' }, batch);
    const b2 = await call('POST', '/v3/videos/batches', { 'idempotency-key': 'scope-b' }, batch);
    expect(b2.body.data.batch_id).not.toBe(b1.body.data.batch_id);
    expect(sandbox.counters.rendered - before).toBe(2);
  });
});
