// Pre-flight against the sandbox's looks and voices: every rule that needs the look, the
// default-voice fallback, and the promise that it only ever reads.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type HeyGenClient } from '../../src/api/index.js';
import { assertPreflight, createPreflightCache, lookStatusReason, preflight } from '../../src/core/video/preflight.js';
import type { CreateVideoBody } from '../../src/core/video/request.js';
import { ApiError, AuthError, ExitCode, UsageError } from '../../src/shared/errors.js';
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

describe('preflight, word for word (issue 27)', () => {
  const only = async (extra: Record<string, unknown>, via: Pick<HeyGenClient, 'getLook' | 'getVoice'> = api) => {
    const verdict = await preflight(via, body(extra));
    return { problems: verdict.problems, notes: verdict.notes, ok: verdict.ok };
  };
  /** The sandbox's look with some fields changed (looks the seeds do not have). */
  const reshaped = (change: Record<string, unknown>): Pick<HeyGenClient, 'getLook' | 'getVoice'> => ({
    getLook: async (id) => ({ ...(await api.getLook(id)), ...change }),
    getVoice: (id) => api.getVoice(id),
  });

  it('a missing look, a look not ready, a look without the engine', async () => {
    expect(await only({ avatar_id: 'lk_nope' })).toEqual({
      ok: false,
      notes: [],
      problems: [
        { flag: '--look', message: 'no look "lk_nope" exists for this account (see `twin looks list --type all --ownership all`)' },
      ],
    });
    expect((await only({ avatar_id: 'lk_jordan_new' })).problems).toContainEqual({
      flag: '--look',
      message: 'look lk_jordan_new is not ready for video: its status is "processing"; still training (see `twin looks get lk_jordan_new`)',
    });
    expect((await only({}, reshaped({ status: 'paused' }))).problems).toEqual([
      {
        flag: '--look',
        message: 'look lk_alex_office is not ready for video: its status is "paused" (see `twin looks get lk_alex_office`)',
      },
    ]);
    expect((await only({ avatar_id: 'lk_alex_studio', engine: { type: 'avatar_v' } })).problems).toEqual([
      {
        flag: '--engine',
        message: 'look lk_alex_studio does not support avatar_v; it supports avatar_iv, avatar_iii (try `engine` avatar_iv)',
      },
    ]);
    expect((await only({ engine: { type: 'avatar_iii' } }, reshaped({ supported_api_engines: ['avatar_v'] }))).problems).toEqual([
      { flag: '--engine', message: 'look lk_alex_office does not support avatar_iii; it supports avatar_v (try `engine` avatar_v)' },
    ]);
    expect((await only({ engine: { type: 'avatar_iii' } }, reshaped({ supported_api_engines: ['avatar_iii'] }))).problems).toEqual([]);
    expect((await only({}, reshaped({ supported_api_engines: ['avatar_v', 'avatar_iii'] }))).problems).toEqual([
      {
        flag: '--engine',
        message: 'look lk_alex_office does not support the default engine avatar_iv; set `engine` to avatar_v or avatar_iii',
      },
    ]);
    for (const none of [[], null, undefined]) {
      expect(await only({}, reshaped({ supported_api_engines: none }))).toEqual({
        ok: true,
        problems: [],
        notes: ['look lk_alex_office does not list its supported engines; avatar_iv could not be checked.'],
      });
    }
  });

  it('a public look (no status) is ready', async () => {
    expect(await only({ avatar_id: 'lk_studio_chen', voice_id: undefined })).toEqual({
      ok: true,
      problems: [],
      notes: ["No `voice` given: using the look's default voice v_en_m_05."],
    });
  });

  it('the status words for looks', () => {
    expect(lookStatusReason({ status: 'processing' })).toBe('still training');
    expect(lookStatusReason({ status: 'pending_consent' })).toBe('waiting for consent');
    expect(lookStatusReason({ status: 'failed', error: { code: 'x', message: 'bad light' } } as never)).toBe('training failed: bad light');
    expect(lookStatusReason({ status: 'failed', error: { code: 'x', message: '' } } as never)).toBe('training failed');
    expect(lookStatusReason({ status: 'failed' })).toBe('training failed');
    expect(lookStatusReason({ status: 'completed' })).toBeUndefined();
  });

  it('motion prompts, 4k photo avatars on avatar_iii, expressiveness and webm notes', async () => {
    expect((await only({ motion_prompt: 'wave' })).problems).toEqual([
      { flag: '--motion-prompt', message: 'needs `engine` avatar_v for a digital_twin look (only photo avatars may use it on avatar_iv)' },
    ]);
    expect(
      (await only({ motion_prompt: 'wave', engine: { type: 'avatar_iii' } }, reshaped({ supported_api_engines: ['avatar_iii'] }))).problems,
    ).toEqual([{ flag: '--motion-prompt', message: 'is not supported on avatar_iii' }]);
    const photo = { avatar_id: 'lk_photo_max', voice_id: undefined, engine: { type: 'avatar_iii' } };
    expect((await only({ ...photo, resolution: '4k' })).problems).toEqual([
      { flag: '--resolution', message: '4k is not available for a photo avatar on avatar_iii; use 1080p, or another engine' },
    ]);
    expect((await only({ ...photo, resolution: '1080p' })).problems).toEqual([]);
    expect(
      (await only({ resolution: '4k', engine: { type: 'avatar_iii' } }, reshaped({ supported_api_engines: ['avatar_iii'] }))).problems,
    ).toEqual([]);
    expect((await only({ avatar_id: 'lk_photo_max', voice_id: undefined, resolution: '4k' })).problems).toEqual([]);
    expect((await only({ expressiveness: 'high' })).notes).toEqual([
      'expressiveness is documented for photo avatars; for a digital_twin look the API may ignore it.',
    ]);
    expect((await only({ expressiveness: 'high', engine: { type: 'avatar_v' } })).notes).toEqual([]);
    expect((await only({ avatar_id: 'lk_photo_luna', voice_id: undefined, expressiveness: 'high' })).notes).not.toContainEqual(
      expect.stringContaining('expressiveness'),
    );
    const webm =
      'webm and `removeBackground` need a look trained with matting; the API does not expose that, so a render may fail if it was not.';
    expect((await only({ output_format: 'webm' })).notes).toEqual([webm]);
    expect((await only({ remove_background: true })).notes).toEqual([webm]);
    expect((await only({ remove_background: false, output_format: 'mp4' })).notes).toEqual([]);
  });

  it('voices: missing, not ready, ready, the default filled in or missing', async () => {
    expect((await only({ voice_id: 'v_nope' })).problems).toEqual([
      { flag: '--voice', message: 'no voice "v_nope" exists (see `twin voices list`)' },
    ]);
    expect((await only({ voice_id: 'v_clone_jordan' })).problems).toEqual([
      { flag: '--voice', message: 'voice v_clone_jordan is not ready: its status is "processing"' },
    ]);
    expect((await only({ voice_id: 'v_clone_alex' })).problems).toEqual([]);
    const completed: Pick<HeyGenClient, 'getLook' | 'getVoice'> = {
      getLook: (id) => api.getLook(id),
      getVoice: async (id) => ({ ...(await api.getVoice(id)), status: 'completed' }),
    };
    expect((await only({ voice_id: 'v_clone_jordan' }, completed)).problems).toEqual([]);
    expect(await only({ voice_id: undefined })).toEqual({
      ok: true,
      problems: [],
      notes: ["No `voice` given: using the look's default voice v_en_m_01."],
    });
    expect((await only({ avatar_id: 'lk_sam_desk', voice_id: undefined })).problems).toEqual([
      { flag: '--voice', message: 'is required: look lk_sam_desk has no default voice (see `twin voices list`)' },
    ]);
    expect(await only({ avatar_id: 'lk_sam_desk', voice_id: undefined, script: undefined, audio_url: 'https://a.test/x.mp3' })).toEqual({
      ok: true,
      problems: [],
      notes: [],
    });
  });

  it('reference looks: missing, another avatar, a studio or photo look, one not marked instant', async () => {
    const ref = (id: string) => ({ engine: { type: 'avatar_v', reference_look_id: id } });
    expect((await only(ref('lk_gone'))).problems).toEqual([{ flag: '--reference-look', message: 'no look "lk_gone" exists' }]);
    expect((await only(ref('lk_maya_instant'))).problems).toEqual([
      { flag: '--reference-look', message: 'look lk_maya_instant belongs to another avatar (group grp_maya, not grp_alex)' },
    ]);
    expect((await only(ref('lk_studio_chen'))).problems).toEqual([
      { flag: '--reference-look', message: 'look lk_studio_chen belongs to another avatar (group grp_chen, not grp_alex)' },
      { flag: '--reference-look', message: 'must be an instant-avatar look; lk_studio_chen is a studio_avatar' },
    ]);
    expect((await only(ref('lk_photo_luna'))).problems).toContainEqual({
      flag: '--reference-look',
      message: 'must be an instant-avatar look; lk_photo_luna is a photo_avatar',
    });
    expect(await only(ref('lk_alex_studio'))).toEqual({
      ok: true,
      problems: [],
      notes: ['reference look lk_alex_studio is not marked as an instant avatar; the API may reject it.'],
    });
    expect(await only(ref('lk_alex_instant'))).toEqual({ ok: true, problems: [], notes: [] });
    // A look without a group is not "another avatar", nor is a reference look without one.
    expect((await only(ref('lk_maya_instant'), reshaped({ group_id: null }))).problems).toEqual([]);
    const refChanged = (change: Record<string, unknown>): Pick<HeyGenClient, 'getLook' | 'getVoice'> => ({
      getLook: async (id) => ({ ...(await api.getLook(id)), ...(id === 'lk_alex_office' ? {} : change) }),
      getVoice: (id) => api.getVoice(id),
    });
    expect((await only(ref('lk_maya_instant'), refChanged({ group_id: null }))).problems).toEqual([]);
    // Marked instant by its type alone, or not at all (no tags).
    expect(await only(ref('lk_alex_studio'), refChanged({ avatar_type: 'instant_avatar' }))).toEqual({ ok: true, problems: [], notes: [] });
    expect((await only(ref('lk_alex_instant'), refChanged({ tags: null }))).notes).toEqual([
      'reference look lk_alex_instant is not marked as an instant avatar; the API may reject it.',
    ]);
    // Only avatar_v has a reference look: with another engine it is the local rule's problem, and not looked up.
    const before = sandbox.counters.requests['GET /v3/avatars/looks/:id'] ?? 0;
    expect((await only({ engine: { type: 'avatar_iv', reference_look_id: 'lk_gone' } })).problems).toEqual([
      { flag: '--reference-look', message: 'works only with `engine` avatar_v (the engine is avatar_iv)' },
    ]);
    expect(sandbox.counters.requests['GET /v3/avatars/looks/:id']).toBe(before + 1);
  });

  it('an empty look id is a local problem only (nothing is asked); one problem is said on its own', async () => {
    const before = sandbox.received.length;
    expect((await preflight(api, body({ avatar_id: 5 }))).ok).toBe(false);
    const verdict = await preflight(api, body({ avatar_id: '  ' }));
    expect(verdict.ok).toBe(false);
    expect(verdict.look).toBeUndefined();
    expect(sandbox.received.length).toBe(before);
    let error: UsageError | undefined;
    try {
      assertPreflight({ ok: false, problems: [{ flag: '--voice', message: 'is missing' }] });
    } catch (caught) {
      error = caught as UsageError;
    }
    // Worded for the library: the input's name, not the flag (the command line shows flags).
    expect(error!.message).toBe('`voice`: is missing');
    expect(error!.details).toEqual({ flag: '--voice', problems: [{ flag: '--voice', field: 'voice', message: 'is missing' }] });
    expect(error!.suggestion).toBe('Nothing was sent and no credits were spent; fix what is listed above and try again.');
    // ok with problems (a caller's own) still refuses.
    expect(() => assertPreflight({ ok: true, problems: [{ flag: '--look', message: 'x' }] })).toThrow('`look`: x');
    expect(() => assertPreflight({ ok: false, problems: [] })).toThrow(UsageError);
  });

  it('a failure other than 404 is not "missing" (voices too), and is not cached as missing', async () => {
    sandbox.inject({ kind: '500', route: 'GET /v3/voices/:id' });
    await expect(preflight(api, body())).rejects.toBeInstanceOf(ApiError);
  });
});
