// The Digital Twin's life in the sandbox (contract §2.4, §2.5): create → pending_consent → consent →
// processing → completed | failed on the render clock; rename; delete (the last look takes its group).
import { describe, expect, it } from 'vitest';
import { fixture } from '../../src/sandbox/fixtures.js';
import { call, expectError, fakeClock, get, post, sandbox } from './helpers.js';

const footage = { type: 'base64', media_type: 'video/mp4', data: fixture('twin.mp4').toString('base64') };

describe('POST /v3/avatars digital_twin', () => {
  it('walks pending_consent → processing → completed and the look can then render', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now, renderMs: 1000 });
    const res = await post(sb, '/v3/avatars', { type: 'digital_twin', name: 'Pat', file: footage }, { 'idempotency-key': 'twin-1' });
    expect(res.status).toBe(200);
    const { avatar_group: group, avatar_item: look } = res.body.data;
    expect(look).toMatchObject({ avatar_type: 'digital_twin', status: 'pending_consent', group_id: group.id });
    expect(group).toMatchObject({ looks_count: 1, consent_status: 'pending', status: 'pending_consent' });
    const again = await post(sb, '/v3/avatars', { type: 'digital_twin', name: 'Pat', file: footage }, { 'idempotency-key': 'twin-1' });
    expect(again.body).toEqual(res.body);

    clock.advance(5000);
    expect((await get(sb, `/v3/avatars/looks/${look.id}`)).body.data.status).toBe('pending_consent');
    expectError(
      await post(sb, '/v3/videos', { type: 'avatar', avatar_id: look.id, audio_url: 'https://example.com/a.mp3' }),
      400,
      'invalid_parameter',
      'avatar_id',
    );

    const consent = await post(sb, `/v3/avatars/${group.id}/consent`, undefined);
    expect(consent.body.data.url).toMatch(/\/consent\//);
    expect((await fetch(consent.body.data.url)).status).toBe(200);
    expect((await get(sb, `/v3/avatars/looks/${look.id}`)).body.data.status).toBe('pending_consent');
    expect((await fetch(consent.body.data.url, { method: 'POST' })).status).toBe(200);
    expect((await get(sb, `/v3/avatars/looks/${look.id}`)).body.data.status).toBe('processing');
    expect((await get(sb, `/v3/avatars/${group.id}`)).body.data.consent_status).toBe('approved');
    clock.advance(1001);
    expect((await get(sb, `/v3/avatars/looks/${look.id}`)).body.data).toMatchObject({ status: 'completed', image_width: 1920 });
    expect((await post(sb, '/v3/videos', { type: 'avatar', avatar_id: look.id, audio_url: 'https://example.com/a.mp3' })).status).toBe(200);
    const mine = await get(sb, `/v3/avatars/looks?group_id=${group.id}`);
    expect(mine.body.data.map((l: any) => l.id)).toEqual([look.id]);
    const groups = await get(sb, '/v3/avatars?ownership=private&limit=50');
    expect(groups.body.data.map((g: any) => g.id)).toContain(group.id);
  });

  it('a second look in a consented group trains at once; fail-training makes it fail with a reason', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now, renderMs: 1000 });
    sb.inject({ kind: 'fail-training', failureMessage: 'No face found.' });
    const res = await post(sb, '/v3/avatars', {
      type: 'digital_twin',
      name: 'Alex – park',
      file: { type: 'url', url: 'https://example.com/f.mp4' },
      avatar_group_id: 'grp_alex',
    });
    expect(res.body.data.avatar_item.status).toBe('processing');
    expect(res.body.data.avatar_group.looks_count).toBe(4);
    clock.advance(1001);
    expect((await get(sb, `/v3/avatars/looks/${res.body.data.avatar_item.id}`)).body.data).toMatchObject({
      status: 'failed',
      error: { code: 'training_failed', message: 'No face found.' },
    });
  });

  it('refuses bad bodies by param', async () => {
    const sb = await sandbox();
    expectError(await post(sb, '/v3/avatars', { type: 'video_avatar', name: 'x', file: footage }), 400, 'invalid_parameter', 'type');
    expectError(await post(sb, '/v3/avatars', { type: 'digital_twin', file: footage }), 400, 'invalid_parameter', 'name');
    expectError(
      await post(sb, '/v3/avatars', { type: 'digital_twin', name: 'x', file: { type: 'asset_id', asset_id: 'nope' } }),
      400,
      'invalid_parameter',
      'file.asset_id',
    );
    expectError(
      await post(sb, '/v3/avatars', { type: 'digital_twin', name: 'x', file: { ...footage, media_type: 'image/png' } }),
      400,
      'invalid_parameter',
      'file.media_type',
    );
    expectError(
      await post(sb, '/v3/avatars', { type: 'digital_twin', name: 'x', file: footage, colour: 'red' }),
      400,
      'invalid_parameter',
      'colour',
    );
    expectError(
      await post(sb, '/v3/avatars', { type: 'digital_twin', name: 'x', file: footage, avatar_group_id: 'grp_anna' }),
      400,
      'invalid_parameter',
      'avatar_group_id',
    );
  });
});

describe('rename and delete', () => {
  it('PATCH renames a private look only; DELETE of the last look deletes the group', async () => {
    const sb = await sandbox();
    const renamed = await call(sb, 'PATCH', '/v3/avatars/looks/lk_sam_desk', { name: 'Sam – at the desk' });
    expect(renamed.body.data).toMatchObject({ id: 'lk_sam_desk', name: 'Sam – at the desk' });
    expectError(await call(sb, 'PATCH', '/v3/avatars/looks/lk_studio_anna', { name: 'x' }), 403, 'forbidden');
    expectError(await call(sb, 'PATCH', '/v3/avatars/looks/lk_sam_desk', { title: 'x' }), 400, 'invalid_parameter', 'title');
    expectError(await call(sb, 'DELETE', '/v3/avatars/looks/lk_studio_anna'), 403, 'forbidden');
    expect((await call(sb, 'DELETE', '/v3/avatars/looks/lk_sam_desk')).body.data).toEqual({ id: 'lk_sam_desk' });
    expectError(await get(sb, '/v3/avatars/grp_sam'), 404, 'avatar_not_found');
    expectError(await get(sb, '/v3/avatars/looks/lk_sam_desk'), 404, 'avatar_not_found');
    // Another sandbox still has its own copy of the seeds.
    const other = await sandbox();
    expect((await get(other, '/v3/avatars/looks/lk_sam_desk')).body.data.name).toBe('Sam – desk');
  });

  it('deleting a group removes every look in it', async () => {
    const sb = await sandbox();
    expect((await call(sb, 'DELETE', '/v3/avatars/grp_maya')).body.data).toEqual({ id: 'grp_maya' });
    expect((await get(sb, '/v3/avatars/looks?group_id=grp_maya')).body.data).toEqual([]);
    expectError(await call(sb, 'DELETE', '/v3/avatars/grp_anna'), 403, 'forbidden');
  });
});
