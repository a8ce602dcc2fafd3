import { describe, expect, it } from 'vitest';
import { BASIC_VIDEO, call, createVideo, expectError, fakeClock, get, post, sandbox } from './helpers.js';

describe('sandbox: render lifecycle', () => {
  it('moves pending → processing → completed on the injected clock', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now, renderMs: 10_000 });
    const created = await post(sb, '/v3/videos', { ...BASIC_VIDEO, title: 'Launch', caption: { style: 'default' } });
    expect(created.status).toBe(200);
    expect(created.body.data).toEqual({ video_id: expect.stringMatching(/^vid_/), status: 'waiting', output_format: 'mp4' });
    const id = created.body.data.video_id;
    const at = async () => (await get(sb, `/v3/videos/${id}`)).body.data;

    const pending = await at();
    expect(pending).toMatchObject({ id, status: 'pending', title: 'Launch', video_url: null, completed_at: null, duration: null });
    expect(pending.created_at).toBe(Math.floor(clock.now() / 1000));
    clock.advance(1_000);
    expect((await at()).status).toBe('processing');
    clock.advance(8_999);
    expect((await at()).status).toBe('processing');
    clock.advance(1);
    const done = await at();
    expect(done).toMatchObject({ status: 'completed', gif_url: null, failure_code: null, failure_message: null });
    expect(done.video_url).toContain(`/download/${id}/video.mp4?`);
    expect(done.captioned_video_url).toContain('/captioned.mp4?');
    expect(done.subtitle_url).toContain('/captions.srt?');
    expect(done.thumbnail_url).toContain('/thumbnail.jpg?');
    // A sandbox video has no page in the HeyGen app: no link that leads nowhere.
    expect(done.video_page_url).toBeNull();
    expect(done.duration).toBeGreaterThan(0);
    expect(done.completed_at).toBe(done.created_at + 10);
    // Every GET mints fresh URLs.
    expect((await at()).video_url).not.toBe(done.video_url);
  });

  it('omits captioned_video_url without caption.style and serves a real SRT and JPEG', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now });
    const id = await createVideo(sb, { script: 'First sentence here. And a second, somewhat longer sentence follows it!' });
    clock.advance(sb.options.renderMs);
    const v = (await get(sb, `/v3/videos/${id}`)).body.data;
    expect(v.captioned_video_url).toBeNull();
    const srt = await (await fetch(v.subtitle_url)).text();
    expect(srt).toMatch(/^1\n00:00:00,000 --> 00:00:0\d,\d{3}\nFirst sentence here\.\n\n2\n/);
    const lastEnd = [...srt.matchAll(/--> (\d\d):(\d\d):(\d\d),(\d{3})/g)].at(-1);
    expect(Number(lastEnd?.[3]) + Number(lastEnd?.[4]) / 1000).toBeCloseTo(v.duration, 2);
    const jpg = Buffer.from(await (await fetch(v.thumbnail_url)).arrayBuffer());
    expect(jpg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('fails a render with failure_code and failure_message when a fault says so', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now });
    sb.inject({ kind: 'fail-render', failureCode: 'download_failed', failureMessage: 'audio_url answered 404' });
    const failing = await createVideo(sb);
    const fine = await createVideo(sb);
    const later = await createVideo(sb);
    sb.inject({ kind: 'fail-render', videoId: later });
    clock.advance(sb.options.renderMs);
    const f = (await get(sb, `/v3/videos/${failing}`)).body.data;
    expect(f).toMatchObject({
      status: 'failed',
      failure_code: 'download_failed',
      failure_message: 'audio_url answered 404',
      video_url: null,
    });
    expect((await get(sb, `/v3/videos/${fine}`)).body.data.status).toBe('completed');
    expect((await get(sb, `/v3/videos/${later}`)).body.data).toMatchObject({ status: 'failed', failure_code: 'render_failed' });
  });

  it('fails renders at the seeded failRender rate, deterministically', async () => {
    const run = async () => {
      const clock = fakeClock();
      const sb = await sandbox({ now: clock.now, seed: 42, concurrencyLimit: 100, faults: { failRender: 0.5 } });
      const ids = [];
      for (let i = 0; i < 20; i++) ids.push(await createVideo(sb));
      clock.advance(sb.options.renderMs);
      const res = await get(sb, `/v3/videos/statuses?video_ids=${ids.join(',')}`);
      return res.body.data.map((e: any) => e.status);
    };
    const a = await run();
    expect(a).toEqual(await run());
    expect(a).toContain('failed');
    expect(a).toContain('completed');
  });

  it('answers 429 rate_limit_exceeded with Retry-After beyond the concurrency limit', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now, concurrencyLimit: 2, renderMs: 8_000 });
    await createVideo(sb);
    clock.advance(3_000);
    await createVideo(sb);
    const res = await post(sb, '/v3/videos', BASIC_VIDEO);
    expectError(res, 429, 'rate_limit_exceeded');
    expect(res.headers.get('retry-after')).toBe('5');
    expect(sb.counters.rendered).toBe(2);
    clock.advance(4_900);
    expect((await post(sb, '/v3/videos', BASIC_VIDEO)).headers.get('retry-after')).toBe('1');
    clock.advance(100);
    expect((await post(sb, '/v3/videos', BASIC_VIDEO)).status).toBe(200);
  });
});

describe('sandbox: list, delete, statuses', () => {
  it('lists newest first with pagination and a title filter', async () => {
    const sb = await sandbox({ concurrencyLimit: 100 });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await createVideo(sb, { title: i % 2 ? `odd ${i}` : `even ${i}` }));
    const page1 = await get(sb, '/v3/videos');
    expect(page1.body.data.length).toBe(10);
    expect(page1.body.has_more).toBe(true);
    expect(page1.body.data[0].id).toBe(ids[11]);
    const page2 = await get(sb, `/v3/videos?token=${page1.body.next_token}`);
    expect(page2.body.data.map((v: any) => v.id)).toEqual([ids[1], ids[0]]);
    expect(page2.body).toMatchObject({ has_more: false, next_token: null });
    const odd = await get(sb, '/v3/videos?title=ODD&limit=100');
    expect(odd.body.data.length).toBe(6);
    expect((await get(sb, '/v3/videos?folder_id=f1')).body.data).toEqual([]);
    expectError(await get(sb, '/v3/videos?limit=101'), 400, 'invalid_parameter', 'limit');
  });

  it('deletes a video, then answers 404 video_not_found', async () => {
    const sb = await sandbox();
    const id = await createVideo(sb);
    const del = await call(sb, 'DELETE', `/v3/videos/${id}`);
    expect(del.body).toEqual({ data: { id, deleted: true } });
    expectError(await get(sb, `/v3/videos/${id}`), 404, 'video_not_found');
    expectError(await call(sb, 'DELETE', `/v3/videos/${id}`), 404, 'video_not_found');
  });

  it('reports bulk statuses with queued, not_found and the 100-video cap', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now });
    const a = await createVideo(sb);
    clock.advance(sb.options.renderMs);
    const b = await createVideo(sb);
    const res = await get(sb, `/v3/videos/statuses?video_ids=${a},${b},vid_unknown`);
    expect(res.body).toEqual({
      data: [
        { video_id: a, status: 'completed' },
        { video_id: b, status: 'queued' },
        { video_id: 'vid_unknown', status: 'not_found' },
      ],
      has_more: false,
      next_token: null,
    });
    const many = Array.from({ length: 101 }, (_, i) => `vid_${i}`).join(',');
    expectError(await get(sb, `/v3/videos/statuses?video_ids=${many}`), 400, 'invalid_parameter', 'video_ids');
    expectError(await get(sb, '/v3/videos/statuses'), 400, 'invalid_parameter', 'video_ids');
  });
});

describe('sandbox: batches', () => {
  it('accepts a batch with 202, queues beyond the concurrency limit and finishes', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now, concurrencyLimit: 2, renderMs: 1_000 });
    const videos = Array.from({ length: 3 }, (_, i) => ({ ...BASIC_VIDEO, title: `item ${i}` }));
    const res = await post(sb, '/v3/videos/batches', { videos, title: 'Batch A' });
    expect(res.status).toBe(202);
    expect(res.body.data).toMatchObject({
      batch_id: expect.stringMatching(/^batch_/),
      status: 'processing',
      total_items: 3,
      title: 'Batch A',
    });
    const id = res.body.data.batch_id;
    let detail = (await get(sb, `/v3/videos/batches/${id}`)).body.data;
    expect(detail.items.map((i: any) => i.status)).toEqual(['queued', 'queued', 'queued']);
    expect(detail.items[2].video_id).toBeNull();
    expect(detail).toMatchObject({ has_more: false, next_token: null });
    clock.advance(1_000);
    detail = (await get(sb, `/v3/videos/batches/${id}?limit=2`)).body.data;
    expect(detail.items.map((i: any) => i.status)).toEqual(['completed', 'completed']);
    expect(detail.has_more).toBe(true);
    const rest = (await get(sb, `/v3/videos/batches/${id}?limit=2&token=${detail.next_token}`)).body.data;
    expect(rest.items).toEqual([{ item_index: 2, status: 'queued', video_id: expect.stringMatching(/^vid_/), error: null }]);
    const bulk = await get(sb, `/v3/videos/statuses?batch_ids=${id},batch_nope`);
    expect(bulk.body.data.map((e: any) => [e.item_index, e.status])).toEqual([
      [0, 'completed'],
      [1, 'completed'],
      [2, 'queued'],
      [undefined, 'not_found'],
    ]);
    clock.advance(1_000);
    detail = (await get(sb, `/v3/videos/batches/${id}`)).body.data;
    expect(detail).toMatchObject({ status: 'completed', counts_by_status: { completed: 3, queued: 0, processing: 0, failed: 0 } });
    expect(sb.counters.rendered).toBe(3);
  });

  it('validates every item and names it in param', async () => {
    const sb = await sandbox();
    const bad = await post(sb, '/v3/videos/batches', { videos: [BASIC_VIDEO, { ...BASIC_VIDEO, voice_id: 'v_nope' }] });
    expectError(bad, 400, 'invalid_parameter', 'videos[1].voice_id');
    expectError(await post(sb, '/v3/videos/batches', { videos: [] }), 400, 'invalid_parameter', 'videos');
    const tooMany = Array.from({ length: 101 }, () => BASIC_VIDEO);
    expectError(await post(sb, '/v3/videos/batches', { videos: tooMany }), 400, 'invalid_parameter', 'videos');
    expectError(await get(sb, '/v3/videos/batches/batch_nope'), 404, 'not_found');
    expect(sb.counters.rendered).toBe(0);
  });
});
