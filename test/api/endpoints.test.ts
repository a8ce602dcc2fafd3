// Every endpoint once against the sandbox: the request goes out as the contract says and
// the answer parses into the typed shape.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/shared/errors.js';
import { caught, receivedSince, useSandboxClient, videoBody } from './helpers.js';

// The sandbox runs on this hand-moved clock, so a render completes exactly when a test says.
let clockMs = 1_800_000_000_000;
const env = useSandboxClient({ now: () => clockMs, renderMs: 1000 });

describe('catalogue', () => {
  it('lists and gets looks', async () => {
    const page = await env.t.client.listLooks({ avatar_type: 'digital_twin', ownership: 'private', limit: 5 });
    expect(page.data).toHaveLength(5);
    expect(page.has_more).toBe(true);
    expect(typeof page.next_token).toBe('string');
    expect(page.data.every((look) => look.avatar_type === 'digital_twin')).toBe(true);
    const look = await env.t.client.getLook('lk_alex_office');
    expect(look).toMatchObject({ id: 'lk_alex_office', group_id: 'grp_alex', default_voice_id: 'v_en_m_01' });
    expect(look.supported_api_engines).toContain('avatar_v');
  });

  it('lists and gets avatar groups', async () => {
    const page = await env.t.client.listGroups({ ownership: 'private' });
    expect(page.data.length).toBeGreaterThan(0);
    const group = await env.t.client.getGroup('grp_alex');
    expect(group).toMatchObject({ id: 'grp_alex', looks_count: 3 });
    expect(typeof group.created_at).toBe('number');
  });

  it('lists voices (list shape) and gets one (detail shape)', async () => {
    const page = await env.t.client.listVoices({ language: 'English', gender: 'female', limit: 3 });
    expect(page.data).toHaveLength(3);
    expect(page.data[0]).toMatchObject({ language: 'English', gender: 'female', type: 'public' });
    expect(typeof page.data[0]?.support_locale).toBe('boolean');
    const voice = await env.t.client.getVoice('v_clone_alex');
    expect(voice).toMatchObject({ voice_id: 'v_clone_alex', status: 'complete', support_pause: true });
  });

  it('gets the current user', async () => {
    const me = await env.t.client.getMe();
    expect(me.username).toBe('sandbox-user');
    expect(me.billing_type).toBe('wallet');
    expect(me.wallet?.remaining_balance).toBeTypeOf('number');
  });
});

describe('videos', () => {
  it('creates with a fresh Idempotency-Key, then gets, lists, checks status and deletes', async () => {
    const from = env.sandbox.received.length;
    const created = await env.t.client.createVideo(videoBody({ title: 'endpoint test' }));
    expect(created.video_id).toMatch(/\S/);
    expect(created.status).toBe('waiting');
    expect(created.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    const [sent] = receivedSince(env.sandbox, from, 'POST', '/v3/videos');
    expect(sent?.headers['idempotency-key']).toBe(created.idempotencyKey);
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.headers['user-agent']).toMatch(/^heygen-twin\/\d/);
    expect(sent?.body).toMatchObject({ type: 'avatar', avatar_id: 'lk_alex_office', title: 'endpoint test' });

    const video = await env.t.client.getVideo(created.video_id);
    expect(video.id).toBe(created.video_id);
    expect(['pending', 'processing', 'completed']).toContain(video.status);

    const list = await env.t.client.listVideos({ limit: 100, title: 'endpoint test' });
    expect(list.data.map((v) => v.id)).toContain(created.video_id);

    const statuses = await env.t.client.getVideoStatuses({ video_ids: [created.video_id, 'vid_missing'] });
    expect(statuses.data).toHaveLength(2);
    expect(statuses.data[1]).toMatchObject({ video_id: 'vid_missing', status: 'not_found' });

    const deleted = await env.t.client.deleteVideo(created.video_id);
    expect(deleted).toMatchObject({ id: created.video_id, deleted: true });
  });

  it('uses the caller-supplied key', async () => {
    const created = await env.t.client.createVideo(videoBody(), { idempotencyKey: 'my-run:42' });
    expect(created.idempotencyKey).toBe('my-run:42');
  });

  it('creates a batch (202) and reads it back with items', async () => {
    const from = env.sandbox.received.length;
    const batch = await env.t.client.createVideoBatch({ videos: [videoBody(), videoBody()], title: 'b' });
    expect(batch.batch_id).toMatch(/\S/);
    // HeyGen documents no Idempotency-Key for batches (§1.6): none is sent, so none is relied on.
    expect(receivedSince(env.sandbox, from, 'POST', '/v3/videos/batches')[0]?.headers['idempotency-key']).toBeUndefined();
    const detail = await env.t.client.getVideoBatch(batch.batch_id, { limit: 1 });
    expect(detail).toMatchObject({ batch_id: batch.batch_id, total_items: 2, has_more: true });
    expect(detail.items).toHaveLength(1);
    const rest = await env.t.client.getVideoBatch(batch.batch_id, { limit: 1, token: detail.next_token });
    expect(rest.items[0]?.item_index).toBe(1);
    const statuses = await env.t.client.getVideoStatuses({ batch_ids: [batch.batch_id] });
    expect(statuses.data.map((s) => s.item_index)).toEqual([0, 1]);
  });

  it('refuses more than 100 status ids without sending anything', async () => {
    const from = env.sandbox.received.length;
    const ids = Array.from({ length: 101 }, (_, i) => `vid_${i}`);
    const error = await caught(env.t.client.getVideoStatuses({ video_ids: ids }));
    expect(error).toBeInstanceOf(UsageError);
    expect(env.sandbox.received.length).toBe(from);
  });

  it('URL-encodes path parameters', async () => {
    const from = env.sandbox.received.length;
    const error = await caught(env.t.client.getVideo('a/b?c=d'));
    expect(error.code).toBe('video_not_found');
    expect(env.sandbox.received[from]?.path).toBe('/v3/videos/a%2Fb%3Fc%3Dd');
  });
});

describe('webhooks', () => {
  it('creates, lists, updates, rotates and deletes an endpoint; lists event types and events', async () => {
    const endpoint = await env.t.client.createWebhookEndpoint({
      url: 'https://example.com/hooks/heygen',
      events: ['avatar_video.success', 'avatar_video.fail'],
    });
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(endpoint.status).toBe('enabled');

    const list = await env.t.client.listWebhookEndpoints({ limit: 100 });
    const listed = list.data.find((e) => e.endpoint_id === endpoint.endpoint_id);
    expect(listed?.secret ?? null).toBeNull();

    const updated = await env.t.client.updateWebhookEndpoint(endpoint.endpoint_id, { events: null });
    expect(updated.events ?? null).toBeNull();

    const from = env.sandbox.received.length;
    const rotated = await env.t.client.rotateWebhookSecret(endpoint.endpoint_id);
    expect(rotated.endpoint_id).toBe(endpoint.endpoint_id);
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(env.sandbox.received[from]?.headers['idempotency-key']).toBe(rotated.idempotencyKey);

    const types = await env.t.client.listWebhookEventTypes();
    expect(types.data.map((e) => e.event_type)).toContain('avatar_video.success');
    expect(types.has_more).toBe(false);

    // A render that completes while the endpoint exists leaves one event in the history.
    const { video_id } = await env.t.client.createVideo(videoBody());
    clockMs += 1000;
    expect((await env.t.client.getVideo(video_id)).status).toBe('completed');
    const events = await env.t.client.listWebhookEvents({ entity_id: video_id, limit: 5 });
    expect(events).toMatchObject({ has_more: false, next_token: null });
    expect(events.data).toEqual([
      {
        event_id: expect.stringMatching(/\S/),
        event_type: 'avatar_video.success',
        event_data: expect.objectContaining({ video_id }),
        created_at: new Date(clockMs).toISOString(), // ISO here, unlike Unix seconds elsewhere (§1.7)
      },
    ]);
    const failures = await env.t.client.listWebhookEvents({ event_type: 'avatar_video.fail', entity_id: video_id });
    expect(failures.data).toEqual([]);

    expect(await env.t.client.deleteWebhookEndpoint(endpoint.endpoint_id)).toEqual({ already_deleted: false });
    const after = await env.t.client.listWebhookEndpoints({ limit: 100 });
    expect(after.data.map((e) => e.endpoint_id)).not.toContain(endpoint.endpoint_id);
  });
});
