// The sandbox refuses what a real validator refuses: unknown body fields at any depth, fields of
// another engine or union variant, unknown query parameters; and it never adds fields the official
// schemas lack. The omitOptional knob leaves out optional nulls and the optional page fields.
import { describe, expect, it } from 'vitest';
import { BASIC_VIDEO, call, createVideo, expectError, get, post, sandbox } from './helpers.js';

describe('sandbox: unknown body fields are refused with the param named', () => {
  it.each([
    [{ folder_id: 'f1' }, 'folder_id'],
    [{ test: true }, 'test'],
    [{ aspectRatio: '16:9' }, 'aspectRatio'],
    [{ enable_caption: true }, 'enable_caption'],
    [{ engine: { type: 'avatar_iv', reference_look_id: 'lk_alex_office' } }, 'engine.reference_look_id'],
    [{ engine: { type: 'avatar_iii', quality: 'high' } }, 'engine.quality'],
    [{ voice_settings: { speed: 1, volume: 1, loudness: 2 } }, 'voice_settings.loudness'],
    [{ voice_settings: { engine_settings: { engine_type: 'starfish', model: 's1' } } }, 'voice_settings.engine_settings.model'],
    [{ background: { type: 'color', value: '#000000', url: 'https://example.com/a.png' } }, 'background.url'],
    [{ caption: { style: 'default', font: 'Arial' } }, 'caption.font'],
    [{ watermark: { image: { type: 'url', url: 'https://example.com/w.png', asset_id: 'a' } } }, 'watermark.image.asset_id'],
  ])('POST /v3/videos %j → param %s', async (extra, param) => {
    const sb = await sandbox();
    const res = await post(sb, '/v3/videos', { ...BASIC_VIDEO, ...extra });
    expectError(res, 400, 'invalid_parameter', param);
    expect(sb.counters.rendered).toBe(0);
  });

  it('names the batch item of an unknown field, and refuses unknown batch fields', async () => {
    const sb = await sandbox();
    expectError(
      await post(sb, '/v3/videos/batches', { videos: [BASIC_VIDEO, { ...BASIC_VIDEO, test: true }] }),
      400,
      'invalid_parameter',
      'videos[1].test',
    );
    expectError(await post(sb, '/v3/videos/batches', { videos: [BASIC_VIDEO], folder_id: 'x' }), 400, 'invalid_parameter', 'folder_id');
    expect(sb.counters.rendered).toBe(0);
  });

  it('refuses unknown webhook endpoint fields on create, update and rotate', async () => {
    const sb = await sandbox();
    expectError(
      await post(sb, '/v3/webhooks/endpoints', { url: 'https://example.com/h', secret: 'mine' }),
      400,
      'invalid_parameter',
      'secret',
    );
    expectError(
      await post(sb, '/v3/webhooks/endpoints', { url: 'https://example.com/h', event_types: [] }),
      400,
      'invalid_parameter',
      'event_types',
    );
    const ep = (await post(sb, '/v3/webhooks/endpoints', { url: 'https://example.com/h', entity_id: 'vid_1' })).body.data;
    expectError(
      await call(sb, 'PATCH', `/v3/webhooks/endpoints/${ep.endpoint_id}`, { status: 'disabled' }),
      400,
      'invalid_parameter',
      'status',
    );
    expectError(
      await post(sb, `/v3/webhooks/endpoints/${ep.endpoint_id}/rotate-secret`, { force: true }),
      400,
      'invalid_parameter',
      'force',
    );
    expect((await post(sb, `/v3/webhooks/endpoints/${ep.endpoint_id}/rotate-secret`, {})).status).toBe(200);
  });
});

describe('sandbox: unknown query parameters are refused', () => {
  it.each([
    ['/v3/avatars/looks?avatar_type=digital_twin&type=private', 'type'],
    ['/v3/avatars?group_id=g', 'group_id'],
    ['/v3/voices?lang=English', 'lang'],
    ['/v3/videos?page=2', 'page'],
    ['/v3/webhooks/endpoints?status=enabled', 'status'],
    ['/v3/webhooks/events?video_id=v', 'video_id'],
    ['/v3/webhooks/event-types?limit=5', 'limit'],
    ['/v3/users/me?verbose=1', 'verbose'],
    ['/v3/avatars/looks/lk_alex_office?expand=group', 'expand'],
  ])('GET %s → param %s', async (path, param) => {
    const sb = await sandbox();
    expectError(await get(sb, path), 400, 'invalid_parameter', param);
  });

  it('accepts every documented query parameter', async () => {
    const sb = await sandbox();
    for (const path of [
      '/v3/avatars/looks?group_id=g&avatar_type=digital_twin&ownership=private&limit=5',
      '/v3/avatars?ownership=public&limit=5',
      '/v3/voices?type=public&engine=starfish&language=English&gender=female&limit=5',
      '/v3/videos?limit=5&folder_id=f&title=x',
      '/v3/webhooks/endpoints?limit=5',
      '/v3/webhooks/events?event_type=avatar_video.success&entity_id=e&limit=5',
    ]) {
      expect((await get(sb, path)).status, path).toBe(200);
    }
  });
});

describe('sandbox: responses carry only official fields', () => {
  it('endpoint objects have no entity_id', async () => {
    const sb = await sandbox();
    const created = (await post(sb, '/v3/webhooks/endpoints', { url: 'https://example.com/h', entity_id: 'vid_1' })).body.data;
    expect(Object.keys(created).sort()).toEqual(['created_at', 'endpoint_id', 'events', 'secret', 'status', 'url']);
    const listed = (await get(sb, '/v3/webhooks/endpoints')).body.data[0];
    expect(Object.keys(listed).sort()).toEqual(['created_at', 'endpoint_id', 'events', 'secret', 'status', 'url']);
  });
});

describe('sandbox: the omitOptional knob', () => {
  it('leaves out has_more:false, next_token:null and optional nulls, and keeps required nullable keys', async () => {
    const sb = await sandbox({ omitOptional: true });
    const looks = (await get(sb, '/v3/avatars/looks?limit=50')).body;
    expect(Object.keys(looks)).toEqual(['data']);
    const paged = (await get(sb, '/v3/avatars/looks?limit=1')).body;
    expect(paged).toMatchObject({ has_more: true, next_token: expect.any(String) });
    const id = await createVideo(sb);
    const video = (await get(sb, `/v3/videos/${id}`)).body.data;
    expect(video).not.toHaveProperty('video_url'); // still rendering: null → absent
    expect(video).not.toHaveProperty('failure_code');
    const ep = (await post(sb, '/v3/webhooks/endpoints', { url: 'https://example.com/h' })).body.data;
    const listed = (await get(sb, '/v3/webhooks/endpoints')).body;
    expect(Object.keys(listed)).toEqual(['data']);
    expect(listed.data[0]).not.toHaveProperty('secret');
    expect(listed.data[0]).not.toHaveProperty('events'); // null = all events → absent
    expect(ep.secret).toMatch(/^whsec_/);
    const types = (await get(sb, '/v3/webhooks/event-types')).body;
    expect(Object.keys(types)).toEqual(['data']);
    const me = (await get(sb, '/v3/users/me')).body.data;
    expect(me).toHaveProperty('email');
    expect(me).not.toHaveProperty('subscription');
  });

  it('can be switched at run time and leaves error bodies alone', async () => {
    const sb = await sandbox();
    expect(Object.keys((await get(sb, '/v3/webhooks/event-types')).body).sort()).toEqual(['data', 'has_more', 'next_token']);
    sb.options.omitOptional = true;
    expect(Object.keys((await get(sb, '/v3/webhooks/event-types')).body)).toEqual(['data']);
    const err = await get(sb, '/v3/videos/nope');
    expect(err.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});
