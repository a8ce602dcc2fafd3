// Assets in the sandbox (contract §8): multipart with one part `file`, 413 above 32 MB, direct
// uploads to a presigned host that checks size, headers and expiry, complete, get/list/delete.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../src/sandbox/fixtures.js';
import { call, expectError, fakeClock, get, post, sandbox } from './helpers.js';
import type { Sandbox } from '../../src/sandbox/index.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function multipart(
  sb: Sandbox,
  parts: Array<{ name: string; filename?: string; type?: string; data: Buffer }>,
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  for (const p of parts)
    form.append(p.name, new Blob([new Uint8Array(p.data)], { type: p.type ?? 'application/octet-stream' }), p.filename ?? 'f.bin');
  const res = await fetch(`${sb.url}/v3/assets`, { method: 'POST', headers: { 'x-api-key': sb.apiKey, ...headers }, body: form });
  return { status: res.status, body: (await res.json()) as any };
}

async function direct(sb: Sandbox, bytes: Buffer, contentType: string, extra: Record<string, unknown> = {}) {
  const res = await post(sb, '/v3/assets/direct-uploads', {
    filename: 'big.mp4',
    content_type: contentType,
    size_bytes: bytes.length,
    ...extra,
  });
  expect(res.status).toBe(200);
  return res.body.data as {
    asset_id: string;
    upload_url: string;
    upload_headers: Record<string, string>;
    max_bytes: number;
    expires_in_seconds: number;
    status: string;
  };
}

const put = (url: string, bytes: Buffer, headers: Record<string, string>) =>
  fetch(url, { method: 'PUT', headers, body: new Uint8Array(bytes) }).then(async (r) => ({ status: r.status, text: await r.text() }));

describe('POST /v3/assets (multipart)', () => {
  it('takes one part named file, judges the type by its bytes, and serves it back at url', async () => {
    const sb = await sandbox();
    const jpg = fixture('thumbnail.jpg');
    const res = await multipart(sb, [{ name: 'file', filename: 'office.jpg', type: 'image/jpeg', data: jpg }]);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ mime_type: 'image/jpeg', size_bytes: jpg.length });
    const last = sb.received.at(-1)!;
    expect(last.body).toEqual({
      parts: [{ name: 'file', filename: 'office.jpg', content_type: 'image/jpeg', size: jpg.length, sha256: sha(jpg) }],
    });
    const served = Buffer.from(await (await fetch(res.body.data.url)).arrayBuffer());
    expect(sha(served)).toBe(sha(jpg));
    const one = await get(sb, `/v3/assets/${res.body.data.asset_id}`);
    expect(one.body.data).toMatchObject({ id: res.body.data.asset_id, name: 'office.jpg', type: 'image', owner: 'sandbox-user' });
  });

  it('refuses other part names, unknown content and a body over 32 MB', async () => {
    const sb = await sandbox();
    expectError((await multipart(sb, [{ name: 'upload', data: fixture('thumbnail.jpg') }])) as any, 400, 'invalid_parameter', 'upload');
    expectError((await multipart(sb, [{ name: 'file', data: Buffer.from('just some text') }])) as any, 400, 'invalid_parameter', 'file');
    expectError(await call(sb, 'POST', '/v3/assets', { file: 'x' }), 400, 'invalid_parameter', 'file');
    const big = Buffer.alloc(32 * 1024 * 1024 + 1, 0);
    fixture('voice-preview.mp3').copy(big);
    expectError((await multipart(sb, [{ name: 'file', data: big }])) as any, 413, 'payload_too_large');
  });

  it('replays an Idempotency-Key: one asset, the same answer', async () => {
    const sb = await sandbox();
    const data = fixture('voice-preview.mp3');
    const a = await multipart(sb, [{ name: 'file', data }], { 'idempotency-key': 'k-1' });
    const b = await multipart(sb, [{ name: 'file', data }], { 'idempotency-key': 'k-1' });
    expect(b.body).toEqual(a.body);
    const list = await get(sb, '/v3/assets?username=sandbox-user');
    expect(list.body.data).toHaveLength(1);
  });
});

describe('direct uploads', () => {
  it('PUT with the signed headers and exact size, then complete', async () => {
    const sb = await sandbox();
    const mp4 = fixture('twin.mp4');
    const d = await direct(sb, mp4, 'video/mp4', { checksum_sha256: sha(mp4) });
    expect(d.status).toBe('pending_upload');
    expect(d.upload_headers['Content-Type']).toBe('video/mp4');
    expectError(await post(sb, `/v3/assets/${d.asset_id}/complete`, {}), 400, 'invalid_parameter', 'asset_id');
    // A missing signed header, the API key, or a wrong size are all refused by the upload host.
    expect((await put(d.upload_url, mp4, { 'content-type': 'video/mp4' })).status).toBe(403);
    expect((await put(d.upload_url, mp4, { ...d.upload_headers, 'x-api-key': sb.apiKey })).status).toBe(400);
    expect((await put(d.upload_url, mp4.subarray(1), d.upload_headers)).status).toBe(403);
    expect((await put(d.upload_url, mp4, d.upload_headers)).status).toBe(200);
    const done = await post(sb, `/v3/assets/${d.asset_id}/complete`, { checksum_sha256: sha(mp4) });
    expect(done.body.data).toMatchObject({ asset_id: d.asset_id, mime_type: 'video/mp4', size_bytes: mp4.length, status: 'processing' });
    expect((await post(sb, `/v3/assets/${d.asset_id}/complete`, {})).body.data.asset_id).toBe(d.asset_id);
    const uploads = sb.received.filter((r) => r.method === 'PUT');
    expect(uploads.every((r) => r.headers['content-type'] === 'video/mp4')).toBe(true);
  });

  it('upload URLs expire, and the expire-upload-url fault issues one already expired', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now });
    const mp3 = fixture('voice-preview.mp3');
    sb.inject({ kind: 'expire-upload-url' });
    const d1 = await direct(sb, mp3, 'audio/mpeg');
    expect((await put(d1.upload_url, mp3, d1.upload_headers)).text).toContain('expired');
    const d2 = await direct(sb, mp3, 'audio/mpeg');
    clock.advance(d2.expires_in_seconds * 1000 + 1);
    expect((await put(d2.upload_url, mp3, d2.upload_headers)).status).toBe(403);
  });

  it('drop-upload cuts the PUT; the same URL works on a second try', async () => {
    const sb = await sandbox();
    const mp3 = fixture('voice-preview.mp3');
    const d = await direct(sb, mp3, 'audio/mpeg');
    sb.inject({ kind: 'drop-upload', at: 1000 });
    await expect(put(d.upload_url, mp3, d.upload_headers)).rejects.toThrow();
    expect((await put(d.upload_url, mp3, d.upload_headers)).status).toBe(200);
    expect((await post(sb, `/v3/assets/${d.asset_id}/complete`, {})).status).toBe(200);
  });

  it('checks the announced size against the type limits and the content against content_type', async () => {
    const sb = await sandbox();
    expectError(
      await post(sb, '/v3/assets/direct-uploads', { filename: 'a.png', content_type: 'image/png', size_bytes: 60 * 1024 * 1024 }),
      400,
      'invalid_parameter',
      'size_bytes',
    );
    expectError(
      await post(sb, '/v3/assets/direct-uploads', { filename: 'a.gif', content_type: 'image/gif', size_bytes: 10 }),
      400,
      'invalid_parameter',
      'content_type',
    );
    const mp3 = fixture('voice-preview.mp3');
    const d = await direct(sb, mp3, 'video/mp4');
    expect((await put(d.upload_url, mp3, d.upload_headers)).status).toBe(200);
    expectError(await post(sb, `/v3/assets/${d.asset_id}/complete`, {}), 400, 'invalid_parameter', 'content_type');
  });
});

describe('get, list, delete', () => {
  it('list needs username and pages newest first; a deleted asset is 404 and cannot be used', async () => {
    const sb = await sandbox();
    expectError(await get(sb, '/v3/assets'), 400, 'invalid_parameter', 'username');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await multipart(sb, [{ name: 'file', data: fixture('thumbnail.jpg') }])).body.data.asset_id);
    const page1 = await get(sb, '/v3/assets?username=sandbox-user&limit=2');
    expect(page1.body.data.map((a: any) => a.id)).toEqual([ids[2], ids[1]]);
    const page2 = await get(sb, `/v3/assets?username=sandbox-user&limit=2&token=${page1.body.next_token}`);
    expect(page2.body).toMatchObject({ has_more: false, next_token: null });
    expect(page2.body.data.map((a: any) => a.id)).toEqual([ids[0]]);
    expect((await get(sb, '/v3/assets?username=someone-else')).body.data).toEqual([]);
    expect((await call(sb, 'DELETE', `/v3/assets/${ids[0]}`)).body.data).toEqual({ id: ids[0] });
    expectError(await get(sb, `/v3/assets/${ids[0]}`), 404, 'not_found');
    const video = { type: 'avatar', avatar_id: 'lk_alex_office', script: 'Hi there.', background: { type: 'image', asset_id: ids[0] } };
    expectError(await post(sb, '/v3/videos', video), 400, 'invalid_parameter', 'background.asset_id');
    expect((await post(sb, '/v3/videos', { ...video, background: { type: 'image', asset_id: ids[1] } })).status).toBe(200);
  });

  it('audio_asset_id must be an audio asset', async () => {
    const sb = await sandbox();
    const img = (await multipart(sb, [{ name: 'file', data: fixture('thumbnail.jpg') }])).body.data.asset_id;
    const mp3 = (await multipart(sb, [{ name: 'file', data: fixture('voice-preview.mp3') }])).body.data.asset_id;
    const body = { type: 'avatar', avatar_id: 'lk_alex_office' };
    expectError(await post(sb, '/v3/videos', { ...body, audio_asset_id: img }), 400, 'invalid_parameter', 'audio_asset_id');
    expect((await post(sb, '/v3/videos', { ...body, audio_asset_id: mp3 })).status).toBe(200);
  });
});
