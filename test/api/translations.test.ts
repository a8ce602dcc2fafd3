// The translation endpoints (contract §10) through the client against the sandbox: the bodies sent,
// the keys, both status vocabularies, batches and proofreads.
import { describe, expect, it } from 'vitest';
import { AuthError } from '../../src/shared/errors.js';
import { caught, useSandboxClient } from './helpers.js';

let clockMs = 1_800_000_000_000;
const env = useSandboxClient({ now: () => clockMs, renderMs: 1000 });
const SRC = { type: 'url' as const, url: 'https://example.com/talk.mp4' };

function lastBody(path: string): { body: unknown; headers: Record<string, unknown> } {
  const r = [...env.sandbox.received].reverse().find((q) => q.path === path);
  if (!r) throw new Error(`no request to ${path}`);
  return { body: r.body, headers: r.headers };
}

describe('translation client', () => {
  it('lists languages, creates one id per language with a key, gets and polls statuses', async () => {
    const langs = await env.t.client.listTranslationLanguages();
    expect(langs).toContain('German (Germany)');
    const created = await env.t.client.createTranslation(
      { video: SRC, output_languages: ['Spanish (Spain)', 'German (Germany)'], mode: 'precision', enable_caption: true },
      { idempotencyKey: 'tr-api-1' },
    );
    expect(created.video_translation_ids).toHaveLength(2);
    expect(created.idempotencyKey).toBe('tr-api-1');
    const sent = lastBody('/v3/video-translations');
    expect(sent.body).toEqual({
      video: SRC,
      output_languages: ['Spanish (Spain)', 'German (Germany)'],
      mode: 'precision',
      enable_caption: true,
    });
    expect(sent.headers['idempotency-key']).toBe('tr-api-1');
    const [es, de] = created.video_translation_ids as [string, string];
    expect((await env.t.client.getTranslation(es)).status).toBe('pending');
    clockMs += 1001;
    const done = await env.t.client.getTranslation(es);
    expect(done).toMatchObject({ status: 'completed', output_language: 'Spanish (Spain)' });
    expect(done.vtt_caption_url).toMatch(/captions\.vtt/);
    const st = await env.t.client.getTranslationStatuses({ video_translation_ids: [es, de] });
    expect(st.data.map((e) => e.status)).toEqual(['completed', 'completed']);
    const list = await env.t.client.listTranslations({ limit: 1 });
    expect(list.data[0]?.id).toBe(de);
    expect((await env.t.client.renameTranslation(de, 'Hallo')).title).toBe('Hallo');
    expect(await env.t.client.deleteTranslation(de)).toMatchObject({ id: de, already_deleted: false });
  });

  it('retries a create after a 429 with the same key: one job per language', async () => {
    env.sandbox.inject({ kind: '429', route: 'POST /v3/video-translations', retryAfter: '1' });
    const before = env.sandbox.counters.rendered;
    const created = await env.t.client.createTranslation({ video: SRC, output_languages: ['English'] });
    const posts = env.sandbox.received.filter((r) => r.path === '/v3/video-translations' && r.method === 'POST').slice(-2);
    expect(posts[0]?.headers['idempotency-key']).toBe(created.idempotencyKey);
    expect(posts[1]?.headers['idempotency-key']).toBe(created.idempotencyKey);
    expect(env.sandbox.counters.rendered - before).toBe(1);
  });

  it('creates a batch (data.batch_id) and reads its items', async () => {
    const b = await env.t.client.createTranslationBatch({
      video_translations: [{ video: SRC, output_languages: ['English', 'Hindi (India)'] }],
      title: 'b',
    });
    const detail = await env.t.client.getTranslationBatch(b.batch_id);
    expect(detail.items).toHaveLength(2);
    expect(detail.items[0]?.video_id).toMatch(/^vt_/);
  });

  it('proofreads: create, get, srt, put, generate; 403 when the plan lacks them', async () => {
    const p = await env.t.client.createProofreads({ video: SRC, output_languages: ['French (France)'], title: 'Talk' });
    const id = p.proofread_ids[0] as string;
    clockMs += 1001;
    expect((await env.t.client.getProofread(id)).status).toBe('completed');
    expect((await env.t.client.getProofreadSrt(id)).original_srt_url).toMatch(/original\.srt/);
    expect((await env.t.client.putProofreadSrt(id, { type: 'url', url: 'https://example.com/e.srt' })).submitted_for_review).toBe(true);
    const gen = await env.t.client.generateFromProofread(id, { captions: true });
    expect(gen.video_translation_id).toMatch(/^vt_/);
    env.sandbox.options.proofreads = false;
    try {
      const err = await caught(env.t.client.getProofread(id));
      expect(err).toBeInstanceOf(AuthError);
      expect(err.details?.['status']).toBe(403);
    } finally {
      env.sandbox.options.proofreads = true;
    }
  });
});
