import { describe, expect, it } from 'vitest';
import { expectError, get, sandbox } from './helpers.js';

async function collect(sb: Awaited<ReturnType<typeof sandbox>>, path: string): Promise<any[]> {
  const all: any[] = [];
  let token: string | null = null;
  for (let i = 0; i < 100; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await get(sb, `${path}${token ? `${sep}token=${encodeURIComponent(token)}` : ''}`);
    expect(res.status).toBe(200);
    all.push(...res.body.data);
    if (!res.body.has_more) {
      expect(res.body.next_token).toBeNull();
      return all;
    }
    expect(typeof res.body.next_token).toBe('string');
    token = res.body.next_token;
  }
  throw new Error('pagination did not end');
}

describe('sandbox: envelopes, auth and unknown routes', () => {
  it('answers every response with an X-Request-Id header', async () => {
    const sb = await sandbox();
    const ok = await get(sb, '/v3/users/me');
    const bad = await get(sb, '/v3/users/me', { 'x-api-key': 'nope' });
    expect(ok.headers.get('x-request-id')).toMatch(/^req_/);
    expect(bad.headers.get('x-request-id')).toMatch(/^req_/);
    expect(ok.headers.get('x-request-id')).not.toBe(bad.headers.get('x-request-id'));
  });

  it('rejects a missing or wrong key with 401 unauthorized and accepts a Bearer token', async () => {
    const sb = await sandbox();
    const none = await fetch(`${sb.url}/v3/users/me`);
    expect(none.status).toBe(401);
    const body = (await none.json()) as any;
    expect(body.error).toMatchObject({ code: 'unauthorized', doc_url: 'https://developers.heygen.com/docs/error-codes#unauthorized' });
    expect(body.error.param).toBeUndefined();
    expectError(await get(sb, '/v3/voices', { 'x-api-key': 'wrong' }), 401, 'unauthorized');
    const bearer = await fetch(`${sb.url}/v3/users/me`, { headers: { authorization: `Bearer ${sb.apiKey}` } });
    expect(bearer.status).toBe(200);
  });

  it('answers an unknown route with 500 naming the method and path', async () => {
    const sb = await sandbox();
    const res = await get(sb, '/v3/nope');
    expectError(res, 500, 'internal_error');
    expect(res.body.error.message).toBe('sandbox: no route for GET /v3/nope');
    const put = await fetch(`${sb.url}/v3/videos`, { method: 'PUT', headers: { 'x-api-key': sb.apiKey } });
    expect(((await put.json()) as any).error.message).toBe('sandbox: no route for PUT /v3/videos');
  });

  it('redacts keys in received requests and counts requests by route key', async () => {
    const sb = await sandbox();
    await get(sb, '/v3/avatars/looks/lk_alex_office');
    await get(sb, '/v3/avatars/looks/lk_maya_portrait');
    expect(sb.counters.requests['GET /v3/avatars/looks/:id']).toBe(2);
    expect(sb.received[0]?.headers['x-api-key']).toBe('[redacted]');
    expect(JSON.stringify(sb.received)).not.toContain(sb.apiKey);
    sb.resetCounters();
    expect(sb.counters.requests).toEqual({});
  });
});

describe('sandbox: looks and groups', () => {
  it('lists looks with the §2.1 shape and pages through them', async () => {
    const sb = await sandbox();
    const first = await get(sb, '/v3/avatars/looks');
    expect(first.body.data.length).toBe(17);
    expect(first.body.has_more).toBe(false);
    const look = first.body.data.find((l: any) => l.id === 'lk_alex_office');
    expect(look).toMatchObject({
      avatar_type: 'digital_twin',
      group_id: 'grp_alex',
      supported_api_engines: ['avatar_iv', 'avatar_v'],
      preferred_orientation: 'landscape',
      image_width: 1920,
      image_height: 1080,
      status: 'completed',
      error: null,
      default_voice_id: 'v_en_m_01',
    });
    const all = await collect(sb, '/v3/avatars/looks?limit=2');
    expect(all.map((l) => l.id)).toEqual(first.body.data.map((l: any) => l.id));
    const studio = await collect(sb, '/v3/avatars/looks?ownership=public&avatar_type=studio_avatar&limit=2');
    expect(studio.length).toBeGreaterThan(2);
    expect(studio.every((l) => l.avatar_type === 'studio_avatar' && !('status' in l))).toBe(true);
  });

  it('filters digital twins and covers the interesting seed looks', async () => {
    const sb = await sandbox();
    const res = await get(sb, '/v3/avatars/looks?avatar_type=digital_twin&ownership=private&limit=50');
    const byId = Object.fromEntries(res.body.data.map((l: any) => [l.id, l]));
    expect(byId['lk_alex_studio'].supported_api_engines).not.toContain('avatar_v');
    expect(byId['lk_maya_portrait'].preferred_orientation).toBe('portrait');
    expect(byId['lk_jordan_new']).toMatchObject({ status: 'processing', preview_image_url: null, image_width: null });
    expect(byId['lk_riley_failed'].status).toBe('failed');
    expect(byId['lk_riley_failed'].error.code).toBe('training_failed');
    expect(byId['lk_sam_desk'].default_voice_id).toBeNull();
    expect(byId['lk_alex_instant'].tags).toContain('instant_avatar');
    const group = await get(sb, '/v3/avatars/looks?group_id=grp_maya');
    expect(group.body.data.every((l: any) => l.group_id === 'grp_maya')).toBe(true);
  });

  it('rejects avatar_type=video_avatar, a bad ownership and an out-of-range limit', async () => {
    const sb = await sandbox();
    const va = await get(sb, '/v3/avatars/looks?avatar_type=video_avatar');
    expectError(va, 400, 'invalid_parameter', 'avatar_type');
    expect(va.body.error.message).toContain('studio_avatar, digital_twin, photo_avatar');
    expectError(await get(sb, '/v3/avatars/looks?ownership=mine'), 400, 'invalid_parameter', 'ownership');
    const lim = await get(sb, '/v3/avatars/looks?limit=51');
    expectError(lim, 400, 'invalid_parameter', 'limit');
    expect(lim.body.error.message).toBe('limit must be between 1 and 50');
    expect(lim.body.error.doc_url).toBe('https://developers.heygen.com/docs/error-codes#invalid-parameter');
    expectError(await get(sb, '/v3/avatars/looks?limit=0'), 400, 'invalid_parameter', 'limit');
    expectError(await get(sb, '/v3/avatars/looks?token=garbage'), 400, 'invalid_parameter', 'token');
  });

  it('gets one look, one group, lists groups and answers 404 avatar_not_found', async () => {
    const sb = await sandbox();
    expect((await get(sb, '/v3/avatars/looks/lk_maya_portrait')).body.data.id).toBe('lk_maya_portrait');
    expectError(await get(sb, '/v3/avatars/looks/lk_missing'), 404, 'avatar_not_found');
    const group = await get(sb, '/v3/avatars/grp_alex');
    expect(group.body.data).toMatchObject({ id: 'grp_alex', name: 'Alex', looks_count: 3, status: 'completed' });
    expect(typeof group.body.data.created_at).toBe('number');
    expectError(await get(sb, '/v3/avatars/grp_missing'), 404, 'avatar_not_found');
    const groups = await collect(sb, '/v3/avatars?ownership=private&limit=3');
    expect(groups.map((g) => g.id)).toContain('grp_jordan');
    expect(groups.find((g) => g.id === 'grp_jordan').status).toBe('processing');
  });

  it('serves look previews without a key', async () => {
    const sb = await sandbox();
    const look = (await get(sb, '/v3/avatars/looks/lk_alex_office')).body.data;
    const img = await fetch(look.preview_image_url);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await img.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });
});

describe('sandbox: voices and user', () => {
  it('lists 60+ public voices in several languages across pages', async () => {
    const sb = await sandbox();
    const first = await get(sb, '/v3/voices');
    expect(first.body.data.length).toBe(20);
    expect(first.body.has_more).toBe(true);
    const all = await collect(sb, '/v3/voices?limit=100');
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(new Set(all.map((v) => v.voice_id)).size).toBe(all.length);
    const languages = new Set(all.map((v) => v.language));
    for (const l of ['English', 'Spanish', 'French', 'German', 'Japanese', 'Portuguese']) expect(languages).toContain(l);
    expect(all.every((v) => v.type === 'public')).toBe(true);
    expect(all.some((v) => v.preview_audio_url === null)).toBe(true);
    expect(Object.keys(all[0]).sort()).toEqual(
      ['gender', 'language', 'name', 'preview_audio_url', 'support_locale', 'support_pause', 'type', 'voice_id'].sort(),
    );
    const paged = await collect(sb, '/v3/voices?limit=7');
    expect(paged.map((v) => v.voice_id)).toEqual(all.map((v) => v.voice_id));
  });

  it('filters by language name, gender, type and engine', async () => {
    const sb = await sandbox();
    const es = await get(sb, '/v3/voices?language=Spanish&gender=female');
    expect(es.body.data.length).toBe(3);
    expect(es.body.data.every((v: any) => v.language === 'Spanish' && v.gender === 'female')).toBe(true);
    const priv = await get(sb, '/v3/voices?type=private');
    expect(priv.body.data.map((v: any) => v.voice_id)).toContain('v_clone_alex');
    const starfish = await get(sb, '/v3/voices?engine=starfish&limit=100');
    const all = await get(sb, '/v3/voices?limit=100');
    expect(starfish.body.data.length).toBeGreaterThan(0);
    expect(starfish.body.data.length).toBeLessThan(all.body.data.length);
    expectError(await get(sb, '/v3/voices?limit=101'), 400, 'invalid_parameter', 'limit');
    expectError(await get(sb, '/v3/voices?type=shared'), 400, 'invalid_parameter', 'type');
  });

  it('gets a voice in the detail shape and answers 404 voice_not_found', async () => {
    const sb = await sandbox();
    const v = await get(sb, '/v3/voices/v_en_f_01');
    expect(v.body.data).toMatchObject({
      voice_id: 'v_en_f_01',
      support_pause: true,
      support_interactive_avatar: false,
      language: 'English',
    });
    expect(typeof v.body.data.created_at).toBe('number');
    expect(v.body.data.type).toBeUndefined();
    expect((await get(sb, '/v3/voices/v_clone_jordan')).body.data.status).toBe('processing');
    expect((await get(sb, '/v3/voices/v_clone_alex')).body.data.status).toBe('complete');
    expectError(await get(sb, '/v3/voices/v_nope'), 404, 'voice_not_found');
  });

  it('describes the user with wallet billing', async () => {
    const sb = await sandbox();
    const me = await get(sb, '/v3/users/me');
    expect(me.body.data).toMatchObject({ username: 'sandbox-user', billing_type: 'wallet', wallet: { currency: 'usd' } });
    expect(typeof me.body.data.wallet.remaining_balance).toBe('number');
  });
});
