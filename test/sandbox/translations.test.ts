import { describe, expect, it } from 'vitest';
import { call, completedVideo, expectError, fakeClock, get, post, sandbox, uploadAsset } from './helpers.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SRC = { type: 'url', url: 'https://example.com/talk.mp4' };

describe('sandbox: video translations (contract §10)', () => {
  it('lists languages as a plain object and creates one job per language, in request order', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now, renderMs: 10_000 });
    const langs = await get(sb, '/v3/video-translations/languages');
    expect(langs.status).toBe(200);
    expect(langs.body.data.languages).toContain('Spanish (Spain)');
    expect(langs.body.has_more).toBeUndefined();

    const res = await post(sb, '/v3/video-translations', { video: SRC, output_languages: ['Spanish (Spain)', 'German (Germany)'] });
    expect(res.status).toBe(200);
    const ids: string[] = res.body.data.video_translation_ids;
    expect(ids).toHaveLength(2);
    const first = await get(sb, `/v3/video-translations/${ids[0]}`);
    expect(first.body.data).toMatchObject({ id: ids[0], status: 'pending', output_language: 'Spanish (Spain)', video_url: null });
    clock.advance(5_000);
    expect((await get(sb, `/v3/video-translations/${ids[1]}`)).body.data).toMatchObject({
      status: 'running',
      output_language: 'German (Germany)',
    });
    const st = await get(sb, `/v3/video-translations/statuses?video_translation_ids=${ids.join(',')}`);
    expect(st.body.data.map((e: any) => e.status)).toEqual(['processing', 'processing']);
    clock.advance(5_001);
    const done = (await get(sb, `/v3/video-translations/${ids[0]}`)).body.data;
    expect(done).toMatchObject({ status: 'completed', duration: 10, srt_caption_url: null });
    const file = await fetch(done.video_url);
    expect(file.status).toBe(200);
    expect((await get(sb, `/v3/video-translations/statuses?video_translation_ids=${ids[0]},vt_nope`)).body.data).toEqual([
      { video_id: ids[0], status: 'completed' },
      { video_id: 'vt_nope', status: 'not_found' },
    ]);
  });

  it('refuses a misspelled language, an unknown field and an unreachable source (download_failed)', async () => {
    const sb = await sandbox();
    expectError(
      await post(sb, '/v3/video-translations', { video: SRC, output_languages: ['spanish (spain)'] }),
      400,
      'invalid_parameter',
      'output_languages',
    );
    expectError(
      await post(sb, '/v3/video-translations', { video: SRC, output_languages: ['English'], bogus: 1 }),
      400,
      'invalid_parameter',
      'bogus',
    );
    expectError(
      await post(sb, '/v3/video-translations', {
        video: { type: 'url', url: 'https://nowhere.invalid/a.mp4' },
        output_languages: ['English'],
      }),
      400,
      'download_failed',
      'video.url',
    );
    expectError(
      await post(sb, '/v3/video-translations', { video: { type: 'asset_id', asset_id: 'asset_missing' }, output_languages: ['English'] }),
      400,
      'invalid_parameter',
      'video.asset_id',
    );
    expect(sb.counters.rendered).toBe(0);
  });

  it('translates its own finished video by URL (duration carried over) and an uploaded asset; an expired link is download_failed', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now, urlTtlMs: 60_000 });
    const { video } = await completedVideo(sb, clock);
    const res = await post(sb, '/v3/video-translations', {
      video: { type: 'url', url: video.video_url },
      output_languages: ['French (France)'],
      enable_caption: true,
    });
    const [id] = res.body.data.video_translation_ids;
    clock.advance(sb.options.renderMs + 1);
    const t = (await get(sb, `/v3/video-translations/${id}`)).body.data;
    expect(t.duration).toBe(video.duration);
    const vtt = await fetch(t.vtt_caption_url);
    expect(vtt.headers.get('content-type')).toContain('text/vtt');
    expect(await vtt.text()).toMatch(/^WEBVTT/);
    expect((await fetch(t.srt_caption_url)).status).toBe(200);
    clock.advance(61_000);
    expectError(
      await post(sb, '/v3/video-translations', { video: { type: 'url', url: video.video_url }, output_languages: ['English'] }),
      400,
      'download_failed',
    );
    const mp4 = readFileSync(fileURLToPath(new URL('../../src/sandbox/fixtures/twin.mp4', import.meta.url)));
    const asset = await uploadAsset(sb, mp4);
    const byAsset = await post(sb, '/v3/video-translations', {
      video: { type: 'asset_id', asset_id: asset },
      output_languages: ['English'],
    });
    expect(byAsset.status).toBe(200);
  });

  it('lists newest first, renames, deletes (404 after) and replays a create under the same key', async () => {
    const sb = await sandbox();
    const key = { 'idempotency-key': 'tr-key-1' };
    const a = await post(sb, '/v3/video-translations', { video: SRC, output_languages: ['English', 'Hindi (India)'] }, key);
    const b = await post(sb, '/v3/video-translations', { video: SRC, output_languages: ['English', 'Hindi (India)'] }, key);
    expect(b.body).toEqual(a.body);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(sb.counters.rendered).toBe(2);
    const [en, hi] = a.body.data.video_translation_ids;
    const list = await get(sb, '/v3/video-translations?limit=1');
    expect(list.body.data.map((t: any) => t.id)).toEqual([hi]);
    expect(list.body.has_more).toBe(true);
    const renamed = await call(sb, 'PATCH', `/v3/video-translations/${en}`, { title: 'Hola' });
    expect(renamed.body.data.title).toBe('Hola');
    expectError(await call(sb, 'PATCH', `/v3/video-translations/${en}`, {}), 400, 'invalid_parameter', 'title');
    expect((await call(sb, 'DELETE', `/v3/video-translations/${en}`)).body.data).toEqual({ id: en });
    expectError(await get(sb, `/v3/video-translations/${en}`), 404, 'not_found');
    expectError(await call(sb, 'DELETE', `/v3/video-translations/${en}`), 404, 'not_found');
  });

  it('fault knobs: one language fails, one is slow, 429 on create, codes for output_language', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now, renderMs: 1000, translationLanguageCodes: true });
    sb.inject({ kind: 'fail-translation', language: 'German (Germany)', failureMessage: 'no speech found' });
    sb.inject({ kind: 'slow-translation', language: 'Japanese (Japan)', ms: 5000 });
    sb.inject({ kind: '429', route: 'POST /v3/video-translations', retryAfter: '2' });
    const limited = await post(sb, '/v3/video-translations', { video: SRC, output_languages: ['English'] });
    expectError(limited, 429, 'rate_limit_exceeded');
    expect(limited.headers.get('retry-after')).toBe('2');
    const res = await post(sb, '/v3/video-translations', {
      video: SRC,
      output_languages: ['Spanish (Spain)', 'German (Germany)', 'Japanese (Japan)'],
    });
    const [es, de, ja] = res.body.data.video_translation_ids;
    clock.advance(1001);
    expect((await get(sb, `/v3/video-translations/${es}`)).body.data).toMatchObject({ status: 'completed', output_language: 'es-ES' });
    expect((await get(sb, `/v3/video-translations/${de}`)).body.data).toMatchObject({
      status: 'failed',
      failure_message: 'no speech found',
    });
    expect((await get(sb, `/v3/video-translations/${ja}`)).body.data.status).toBe('running');
    clock.advance(5000);
    expect((await get(sb, `/v3/video-translations/${ja}`)).body.data.status).toBe('completed');
  });

  it('the concurrency limit counts one slot per language', async () => {
    const sb = await sandbox({ concurrencyLimit: 2 });
    expectError(
      await post(sb, '/v3/video-translations', { video: SRC, output_languages: ['English', 'Hindi (India)', 'Polish (Poland)'] }),
      429,
      'rate_limit_exceeded',
    );
  });

  it('batches expand per language, cap at 100 items after expansion, and report the bulk vocabulary', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now, renderMs: 1000 });
    const res = await post(sb, '/v3/video-translations/batches', {
      video_translations: [
        { video: SRC, output_languages: ['English', 'Hindi (India)'] },
        { video: SRC, output_languages: ['Polish (Poland)'] },
      ],
    });
    expect(res.status).toBe(202);
    const batchId = res.body.data.batch_id;
    const view = (await get(sb, `/v3/video-translations/batches/${batchId}`)).body.data;
    expect(view.total_items).toBe(3);
    expect(view.items.map((i: any) => i.status)).toEqual(['queued', 'queued', 'queued']);
    const third = (await get(sb, `/v3/video-translations/${view.items[2].video_id}`)).body.data;
    expect(third.output_language).toBe('Polish (Poland)');
    clock.advance(1001);
    const st = await get(sb, `/v3/video-translations/statuses?batch_ids=${batchId}`);
    expect(st.body.data.map((e: any) => [e.item_index, e.status])).toEqual([
      [0, 'completed'],
      [1, 'completed'],
      [2, 'completed'],
    ]);
    const langs = (await get(sb, '/v3/video-translations/languages')).body.data.languages.slice(0, 20);
    const entries = Array.from({ length: 6 }, () => ({ video: SRC, output_languages: langs }));
    expectError(
      await post(sb, '/v3/video-translations/batches', { video_translations: entries }),
      400,
      'invalid_parameter',
      'video_translations',
    );
  });

  it('proofreads: create, srt, put, generate; 403 forbidden when the option is off', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now, renderMs: 2000 });
    const res = await post(sb, '/v3/video-translations/proofreads', { video: SRC, output_languages: ['Spanish (Mexico)'], title: 'Talk' });
    expect(res.body.data.status).toBe('processing');
    const [pr] = res.body.data.proofread_ids;
    expectError(await get(sb, `/v3/video-translations/proofreads/${pr}/srt`), 400, 'invalid_parameter');
    clock.advance(1001);
    expect((await get(sb, `/v3/video-translations/proofreads/${pr}`)).body.data).toMatchObject({
      status: 'completed',
      submitted_for_review: false,
    });
    const srt = (await get(sb, `/v3/video-translations/proofreads/${pr}/srt`)).body.data;
    expect(await (await fetch(srt.original_srt_url)).text()).toContain('Spanish (Mexico)');
    const put = await call(sb, 'PUT', `/v3/video-translations/proofreads/${pr}/srt`, {
      srt: { type: 'url', url: 'https://example.com/e.srt' },
    });
    expect(put.body.data.submitted_for_review).toBe(true);
    const gen = await post(sb, `/v3/video-translations/proofreads/${pr}/generate`, { captions: true });
    const t = (await get(sb, `/v3/video-translations/${gen.body.data.video_translation_id}`)).body.data;
    expect(t.output_language).toBe('Spanish (Mexico)');
    sb.options.proofreads = false;
    expectError(
      await post(sb, '/v3/video-translations/proofreads', { video: SRC, output_languages: ['English'], title: 'x' }),
      403,
      'forbidden',
    );
    expectError(await get(sb, `/v3/video-translations/proofreads/${pr}`), 403, 'forbidden');
  });

  it('sends the translation webhooks to the callback_url', async () => {
    const clock = fakeClock();
    const { createServer } = await import('node:http');
    const got: any[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        got.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as { port: number }).port;
    try {
      const sb = await sandbox({ now: clock.now, renderMs: 1000 });
      sb.inject({ kind: 'fail-translation', language: 'Hindi (India)' });
      const res = await post(sb, '/v3/video-translations', {
        video: SRC,
        output_languages: ['English', 'Hindi (India)'],
        callback_url: `http://127.0.0.1:${port}/hook`,
        callback_id: 'cb-1',
      });
      const [en, hi] = res.body.data.video_translation_ids;
      clock.advance(1001);
      await get(sb, '/v3/video-translations/languages'); // a request ticks the lifecycle
      for (let i = 0; i < 50 && got.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      const byId = Object.fromEntries(got.map((e) => [e.event_data.video_translation_id, e]));
      expect(byId[en]).toMatchObject({ event_type: 'video_translate.success', event_data: { callback_id: 'cb-1' } });
      expect(byId[hi]).toMatchObject({ event_type: 'video_translate.fail' });
      expect(byId[hi].event_data.failure_message).toMatch(/injected/);
    } finally {
      receiver.close();
    }
  });
});
