// Pre-flight against the sandbox's looks and voices: every rule that needs the look, the
// default-voice fallback, and the promise that it only ever reads.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type HeyGenClient } from '../../src/api/index.js';
import { assertPreflight, createPreflightCache, preflight } from '../../src/core/video/preflight.js';
import type { CreateVideoBody } from '../../src/core/video/request.js';
import { AuthError, ExitCode, UsageError } from '../../src/shared/errors.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
let api: HeyGenClient;

beforeAll(async () => {
  sandbox = await startSandbox({ renderMs: 20 });
  api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey, maxRetries: 0 });
});
afterAll(async () => {
  await api.close();
  await sandbox.close();
});
beforeEach(() => sandbox.resetCounters());

const body = (extra: Record<string, unknown> = {}) =>
  ({ type: 'avatar', avatar_id: 'lk_alex_office', script: 'Hello there', voice_id: 'v_en_m_01', ...extra }) as CreateVideoBody;

const noWrites = () => Object.keys(sandbox.counters.requests).filter((route) => !route.startsWith('GET '));

describe('preflight', () => {
  it('passes a good request, returns the look, and only reads', async () => {
    const verdict = await preflight(api, body({ engine: { type: 'avatar_v' } }));
    expect(verdict).toMatchObject({ ok: true, problems: [], look: { id: 'lk_alex_office' } });
    expect(sandbox.counters.requests['GET /v3/avatars/looks/:id']).toBe(1);
    expect(noWrites()).toEqual([]);
  });

  it("fills in the look's default voice when none is given, with a note", async () => {
    const input = body({ voice_id: undefined });
    const verdict = await preflight(api, input);
    expect(verdict.ok).toBe(true);
    expect(verdict.body.voice_id).toBe('v_en_m_01');
    expect(verdict.notes.join('\n')).toMatch(/default voice v_en_m_01/);
    expect(input.voice_id).toBeUndefined(); // the caller's body is left alone
  });

  it('needs no voice for an audio source', async () => {
    const verdict = await preflight(
      api,
      body({ avatar_id: 'lk_sam_desk', script: undefined, voice_id: undefined, audio_url: 'https://a.test/x.mp3' }),
    );
    expect(verdict).toMatchObject({ ok: true, problems: [] });
    expect(verdict.body.voice_id).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['unknown look', { avatar_id: 'lk_nope' }, '--look', /no look "lk_nope"/],
    ['look still training', { avatar_id: 'lk_jordan_new' }, '--look', /status is "processing"/],
    ['look whose training failed', { avatar_id: 'lk_riley_failed' }, '--look', /"failed".*face could not be tracked/],
    [
      'avatar_v on a look without it',
      { avatar_id: 'lk_alex_studio', engine: { type: 'avatar_v' } },
      '--engine',
      /does not support avatar_v; it supports avatar_iv/,
    ],
    ['avatar_iii on a digital twin', { engine: { type: 'avatar_iii' } }, '--engine', /does not support avatar_iii/],
    ['motion prompt on a twin with avatar_iv', { motion_prompt: 'wave' }, '--motion-prompt', /needs `engine` avatar_v/],
    ['no voice and no default voice', { avatar_id: 'lk_sam_desk', voice_id: undefined }, '--voice', /has no default voice/],
    ['unknown voice', { voice_id: 'v_nope' }, '--voice', /no voice "v_nope"/],
    ['voice still cloning', { voice_id: 'v_clone_jordan' }, '--voice', /status is "processing"/],
    [
      'reference look of another avatar',
      { engine: { type: 'avatar_v', reference_look_id: 'lk_maya_instant' } },
      '--reference-look',
      /another avatar/,
    ],
    [
      'reference look that is a studio avatar',
      { engine: { type: 'avatar_v', reference_look_id: 'lk_studio_chen' } },
      '--reference-look',
      /studio_avatar/,
    ],
    ['unknown reference look', { engine: { type: 'avatar_v', reference_look_id: 'lk_gone' } }, '--reference-look', /no look "lk_gone"/],
    ['a local rule too', { expressiveness: 'high', engine: { type: 'avatar_v' } }, '--expressiveness', /Avatar IV only/],
  ])('%s', async (_name, extra, flag, message) => {
    const verdict = await preflight(api, body(extra));
    expect(verdict.ok).toBe(false);
    const messages = verdict.problems.filter((p) => p.flag === flag).map((p) => p.message);
    expect(
      messages.some((m) => message.test(m)),
      JSON.stringify(verdict.problems),
    ).toBe(true);
    expect(noWrites()).toEqual([]);
  });

  it('allows motion prompts for photo avatars on avatar_iv and for twins on avatar_v', async () => {
    expect((await preflight(api, body({ avatar_id: 'lk_photo_luna', voice_id: undefined, motion_prompt: 'nod' }))).problems).toEqual([]);
    expect((await preflight(api, body({ engine: { type: 'avatar_v' }, motion_prompt: 'nod' }))).problems).toEqual([]);
  });

  it('accepts a same-group instant-avatar reference look', async () => {
    const verdict = await preflight(api, body({ engine: { type: 'avatar_v', reference_look_id: 'lk_alex_instant' } }));
    expect(verdict.problems).toEqual([]);
  });

  it('reads each look and voice once per cache (batches check many rows)', async () => {
    const cache = createPreflightCache();
    await Promise.all([1, 2, 3].map(() => preflight(api, body(), cache)));
    expect(sandbox.counters.requests['GET /v3/avatars/looks/:id']).toBe(1);
    expect(sandbox.counters.requests['GET /v3/voices/:id']).toBe(1);
  });

  it('lets an auth failure through instead of calling it a missing look', async () => {
    const bad = createClient({ baseUrl: sandbox.url, apiKey: 'wrong-key', maxRetries: 0 });
    await expect(preflight(bad, body())).rejects.toBeInstanceOf(AuthError);
    await bad.close();
  });
});

describe('assertPreflight', () => {
  it('passes a clean verdict', () => expect(() => assertPreflight({ ok: true, problems: [] })).not.toThrow());

  it('throws one usage error listing every problem by input field (the CLI shows them as flags)', () => {
    const problems = [
      { flag: '--engine', message: 'is wrong' },
      { flag: '--voice', message: 'is missing' },
    ];
    const error = (() => {
      try {
        assertPreflight({ ok: false, problems });
      } catch (e) {
        return e as UsageError;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect(error!.exitCode).toBe(ExitCode.usage);
    expect(error!.message).toBe('2 problems with this video request:\n  `engine`: is wrong\n  `voice`: is missing');
    expect(error!.details.problems).toEqual(problems.map((p) => ({ ...p, field: p.flag.slice(2) })));
    expect(error!.suggestion).toMatch(/no credits were spent/);
  });
});
