// paginate() follows next_token across real sandbox pages; request counts come from the
// sandbox's own counters, so an extra or missing page request fails the test.
import { describe, expect, it } from 'vitest';
import { collectAll, paginate, type Page } from '../../src/api/index.js';
import { caught, useSandboxClient } from './helpers.js';

const env = useSandboxClient();

describe('paginate against the sandbox', () => {
  it('collects every look across pages, one request per page', async () => {
    const onePage = await env.t.client.listLooks({ limit: 50 });
    expect(onePage.has_more).toBe(false);
    const total = onePage.data.length;
    env.sandbox.resetCounters();

    const looks = await collectAll(env.t.client.listLooks, { limit: 4 });
    expect(looks.map((l) => l.id)).toEqual(onePage.data.map((l) => l.id));
    expect(env.sandbox.counters.requests['GET /v3/avatars/looks']).toBe(Math.ceil(total / 4));
  });

  it('collects every public voice with the default page size and keeps filters on every page', async () => {
    const all = await collectAll(env.t.client.listVoices, { type: 'public' });
    expect(all.length).toBe(70);
    expect(new Set(all.map((v) => v.voice_id)).size).toBe(70);
    expect(env.sandbox.counters.requests['GET /v3/voices']).toBe(Math.ceil(70 / 20));

    env.sandbox.resetCounters();
    const english = await collectAll(env.t.client.listVoices, { language: 'English', limit: 5 });
    expect(english.length).toBe(16);
    expect(english.every((v) => v.language === 'English')).toBe(true);
    expect(env.sandbox.counters.requests['GET /v3/voices']).toBe(4);
  });

  it('stops at max without fetching further pages', async () => {
    const first = [];
    for await (const voice of paginate(env.t.client.listVoices, { limit: 10 }, { max: 15 })) first.push(voice);
    expect(first).toHaveLength(15);
    expect(env.sandbox.counters.requests['GET /v3/voices']).toBe(2);
  });
});

describe('paginate guards', () => {
  it('throws on a repeated token instead of looping', async () => {
    let calls = 0;
    const fetchPage = async (): Promise<Page<number>> => {
      calls++;
      return { data: [calls], has_more: true, next_token: calls === 1 ? 'a' : calls === 2 ? 'b' : 'a' };
    };
    const error = await caught(collectAll(fetchPage, {}));
    expect(error.code).toBe('pagination_loop');
    expect(calls).toBe(3);
  });

  it('ends when has_more is true but no token is given', async () => {
    const items = await collectAll(async () => ({ data: [1, 2], has_more: true, next_token: null }), {});
    expect(items).toEqual([1, 2]);
  });
});
