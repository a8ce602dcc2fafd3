// Multi-scene videos end to end through real HTTP: a five-scene file mixing every kind with local
// files (exact body, each file uploaded once), --dry-run, the experimental notice shown once,
// pre-flight refusals with nothing sent, the "not offered yet" explanation, and `scenes check`.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as checkRun } from '../../src/commands/scenes/check.js';
import { createScenesFlow, EXPERIMENTAL_NOTICE, type CreateScenesOptions } from '../../src/ui/create-scenes.js';
import { useSandbox } from '../helpers/sandbox.js';
import { FIXTURES, mediaFolder, since } from './media.helpers.js';
import { scenesRunner } from './scenes.helpers.js';

const sandbox = useSandbox({ renderMs: 30 }, { resetEach: true });

const FIVE = `[look: lk_alex_office]
[background: #102030]
Welcome to the launch of our new product.
---
[slide: deck/chart.jpg]
[voice: v_en_f_01]
[speed: 1.1]
This chart shows how fast we grew.
---
[clip: footage.mp4 mute]
---
[slide: deck/chart.jpg 4s]
---
[audio: narration.mp3]
`;

function project(text = FIVE, name = 'launch.txt'): string {
  const { dir } = mediaFolder();
  mkdirSync(join(dir, 'deck'));
  copyFileSync(join(FIXTURES, 'thumbnail.jpg'), join(dir, 'deck', 'chart.jpg'));
  writeFileSync(join(dir, name), text);
  return dir;
}

const creates = (from: number) => since(sandbox, from).filter((r) => r.method === 'POST' && r.path === '/v3/videos');
const uploads = (from: number) => since(sandbox, from).filter((r) => r.method === 'POST' && r.path.startsWith('/v3/assets'));
const create = (opts: Partial<CreateScenesOptions>) => (ctx: Parameters<typeof createScenesFlow>[0]) =>
  createScenesFlow(ctx, { file: 'launch.txt', look: 'lk_alex_studio', ...opts });

describe('video create --scenes (createScenesFlow)', () => {
  it('a five-scene file of every kind: each local file uploaded once, one keyed create with the exact body', async () => {
    const dir = project();
    const run = scenesRunner(sandbox, dir);
    const from = sandbox.received.length;
    const result = await run(create({ title: 'Launch', aspectRatio: '16:9', resolution: '1080p', follow: { wait: true } }), { json: true });
    expect(result.code, result.stderr).toBe(0);

    const ups = uploads(from);
    expect(ups.map((u) => (u.body as { parts: Array<{ filename: string }> }).parts[0]!.filename).sort()).toEqual([
      'chart.jpg',
      'footage.mp4',
      'narration.mp3',
    ]);
    const posts = creates(from);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.headers['idempotency-key']).toEqual(expect.any(String));
    const doc = JSON.parse(result.stdout);
    const asset = (name: string) => doc.uploads.find((u: { path: string }) => u.path.endsWith(name)).asset_id as string;
    expect(posts[0]!.body).toEqual({
      type: 'studio',
      scenes: [
        {
          type: 'avatar_video',
          input: {
            type: 'avatar',
            avatar_id: 'lk_alex_office',
            script: 'Welcome to the launch of our new product.',
            background: { type: 'color', color: '#102030' },
          },
        },
        {
          type: 'image',
          source: { type: 'asset_id', asset_id: asset('chart.jpg') },
          script: 'This chart shows how fast we grew.',
          voice_id: 'v_en_f_01',
          voice_settings: { speed: 1.1 },
        },
        { type: 'video', source: { type: 'asset_id', asset_id: asset('footage.mp4') }, playback: { mute: true } },
        { type: 'image', source: { type: 'asset_id', asset_id: asset('chart.jpg') }, duration: 4 },
        { type: 'avatar_video', input: { type: 'avatar', avatar_id: 'lk_alex_studio', audio_asset_id: asset('narration.mp3') } },
      ],
      aspect_ratio: '16:9',
      resolution: '1080p',
      title: 'Launch',
    });
    expect(doc).toMatchObject({
      status: 'completed',
      video: { status: 'completed' },
      idempotency_key: posts[0]!.headers['idempotency-key'],
    });
    expect(doc.estimate.scenes.map((s: { basis: string }) => s.basis)).toEqual([
      'script',
      'script',
      'media_file',
      'duration',
      'media_file',
    ]);
    expect(result.stderr).toContain(EXPERIMENTAL_NOTICE);

    // The same file again: the upload cache knows every file, and the notice is not shown twice.
    const again = sandbox.received.length;
    const second = await run(create({ idempotencyKey: 'launch-2026-12' }), { json: true });
    expect(second.code, second.stderr).toBe(0);
    expect(uploads(again)).toEqual([]);
    expect(creates(again).map((r) => r.headers['idempotency-key'])).toEqual(['launch-2026-12']);
    expect(second.stderr).not.toContain(EXPERIMENTAL_NOTICE);
  });

  it('--dry-run prints the scene table and the exact body, and uploads and sends nothing', async () => {
    const dir = project();
    const from = sandbox.received.length;
    const result = await scenesRunner(sandbox, dir)(create({ dryRun: true, captions: true }));
    expect(result.code, result.stderr).toBe(0);
    expect(uploads(from)).toEqual([]);
    expect(creates(from)).toEqual([]);
    const [table, body] = [
      result.stdout.slice(0, result.stdout.indexOf('\n{')).trimEnd(),
      result.stdout.slice(result.stdout.indexOf('\n{')),
    ];
    expect(table.split('\n')).toEqual([
      '1\ttwin\tlk_alex_office/avatar_iv\t8 words (~3.2s)\t',
      '2\tslide (narrated)\tv_en_f_01\t7 words (~2.5s)\tdeck/chart.jpg',
      '3\tclip\t\t3s\tfootage.mp4 (muted)',
      '4\tslide\t\t4s\tdeck/chart.jpg',
      '5\ttwin\tlk_alex_studio/avatar_iv\t1.1s\tnarration.mp3',
    ]);
    expect(JSON.parse(body).scenes[1].source).toEqual({ type: 'asset_id', asset_id: 'local-file:deck/chart.jpg' });
    expect(JSON.parse(body).caption).toEqual({ file_format: 'srt' });
    expect(result.stderr).toMatch(/5 scenes, about [\d.]+s/);
    expect(result.stderr).toContain('Nothing was uploaded or sent (--dry-run)');
  });

  it.each<[string, string, RegExp]>([
    ['a missing local file', '[slide: deck/missing.png 3s]', /launch\.txt:1: scene 1: deck\/missing\.png does not exist/],
    ['a file of the wrong type', '[clip: narration.mp3]', /launch\.txt:1: scene 1: narration\.mp3 .*mp4 or webm/],
    [
      'an engine the look lacks',
      '[look: lk_alex_office]\n[engine: avatar_iii]\nHi.',
      /scene 1: look lk_alex_office does not support avatar_iii; it supports avatar_iv, avatar_v/,
    ],
    ['a look still training', '[look: lk_jordan_new]\nHi.', /scene 1: look lk_jordan_new is not ready for video \(still training\)/],
    ['an unknown look', '[look: lk_nobody]\nHi.', /scene 1: no look "lk_nobody" exists/],
    ['motion on avatar_iii', '[engine: avatar_iii]\n[motion: wave]\nHi.', /scene 1: avatar_iii takes no motion prompt or expressiveness/],
    [
      'a narration over 5000 characters',
      `${'word '.repeat(1001)}`,
      /scene 1: the narration is 500\d characters; a scene takes at most 5000/,
    ],
    ['51 scenes', Array.from({ length: 51 }, (_, i) => `Scene ${i}.`).join('\n---\n'), /a video holds 1 to 50 scenes; this file has 51/],
    ['a malformed directive', 'Hi.\n---\n[speed: 3]\nHo.', /^Error: launch\.txt:3:9: \[speed: 3\]/m],
  ])('%s: exit 2 before anything is uploaded or sent', async (_what, text, message) => {
    const dir = project(text);
    const from = sandbox.received.length;
    const result = await scenesRunner(sandbox, dir)(create({}));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(uploads(from)).toEqual([]);
    expect(creates(from)).toEqual([]);
  });

  it('the JSON form: API scene objects with local paths in place of asset ids', async () => {
    const doc = [
      { type: 'avatar_video', input: { script: 'Hello from the JSON form.' } },
      { type: 'image', source: { type: 'asset_id', asset_id: 'deck/chart.jpg' }, duration: 3 },
      { type: 'video', source: { type: 'asset_id', asset_id: './deck/../footage.mp4' } },
    ];
    const dir = project(JSON.stringify(doc), 'scenes.json');
    const from = sandbox.received.length;
    const result = await scenesRunner(sandbox, dir)(create({ file: 'scenes.json', voice: 'v_en_f_01' }), { json: true });
    expect(result.code, result.stderr).toBe(0);
    expect(uploads(from)).toHaveLength(2);
    const sent = creates(from)[0]!.body as { scenes: Array<Record<string, any>> };
    expect(sent.scenes[0]).toEqual({
      type: 'avatar_video',
      input: { type: 'avatar', script: 'Hello from the JSON form.', avatar_id: 'lk_alex_studio', voice_id: 'v_en_f_01' },
    });
    expect(sent.scenes[1]!.source.asset_id).toMatch(/^(?!local-file:)/);
    expect(sent.scenes[2]!.source.asset_id).toMatch(/^(?!local-file:)/);
  });

  it('a JSON slide over 300 s is refused before anything is sent', async () => {
    const dir = project(
      JSON.stringify([{ type: 'image', source: { type: 'url', url: 'https://cdn.example.com/a.png' }, duration: 301 }]),
      'scenes.json',
    );
    const from = sandbox.received.length;
    const result = await scenesRunner(sandbox, dir)(create({ file: 'scenes.json' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/scenes\.json: scene 1: a slide lasts more than 0 and at most 300 seconds \(got 301\)/);
    expect(creates(from)).toEqual([]);
  });

  it('--max-minutes refuses a longer estimate before anything is sent', async () => {
    const dir = project();
    const from = sandbox.received.length;
    const result = await scenesRunner(sandbox, dir)(create({ maxMinutes: 0.1 }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/estimated at [\d.]+ minutes, over --max-minutes 0\.1/);
    expect(uploads(from)).toEqual([]);
  });

  it('a portrait look on a landscape canvas is warned about (center-cropped), not refused', async () => {
    const dir = project('[look: lk_maya_portrait]\nHello.');
    const result = await scenesRunner(sandbox, dir)(create({ dryRun: true }));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/scene 1: look lk_maya_portrait is portrait on a landscape canvas \(16:9\); it will be center-cropped/);
  });

  it('an account without multi-scene videos gets one sentence saying so, then the API message', async () => {
    const dir = project('Hello.');
    sandbox.options.studioUnavailable = true;
    try {
      const result = await scenesRunner(sandbox, dir)(create({}));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /This account or the HeyGen API does not offer multi-scene videos \(type "studio"\) yet\. The API said: POST \/v3\/videos: type must be one of/,
      );
    } finally {
      sandbox.options.studioUnavailable = false;
    }
  });
});

describe('twin scenes check', () => {
  const check =
    (file: string, opts: Record<string, unknown> = {}) =>
    (ctx: Parameters<typeof checkRun>[0]) =>
      checkRun(ctx, { args: [file], opts });

  it('exit 0 with the table, no uploads, no create', async () => {
    const dir = project();
    const from = sandbox.received.length;
    const result = await scenesRunner(sandbox, dir)(check('launch.txt', { look: 'lk_alex_studio' }), { json: true });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, looks_checked: true, scenes: expect.any(Array) });
    expect(since(sandbox, from).every((r) => r.method === 'GET')).toBe(true);
  });

  it('exit 2 listing every problem', async () => {
    const dir = project('[look: lk_nobody]\nHi.\n---\n[slide: nothing.png 3s]');
    const result = await scenesRunner(sandbox, dir)(check('launch.txt'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/2 problems in launch\.txt/);
  });

  it('works without a key, saying the looks were not checked', async () => {
    const dir = project();
    const result = await scenesRunner(undefined, dir)(check('launch.txt', { look: 'lk_alex_studio' }), {
      env: { HEYGEN_API_KEY: undefined },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('No API key: the looks were not checked');
  });
});

describe('twin video create --scenes, from the command line', () => {
  it('--dry-run prints the scene table and the exact body, and uploads and sends nothing', async () => {
    const { runTwin } = await import('../helpers/harness.js');
    const dir = project();
    const from = sandbox.received.length;
    const r = await runTwin(['video', 'create', '--scenes', 'launch.txt', '--look', 'lk_alex_studio', '--dry-run'], { sandbox, cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/slide/);
    expect(r.stdout + r.stderr).toMatch(/"type": "studio"/);
    expect(uploads(from)).toHaveLength(0);
    expect(creates(from)).toHaveLength(0);
  });

  it('refuses the flags a scene file says per scene, all at once, before anything is sent', async () => {
    const { runTwin } = await import('../helpers/harness.js');
    const dir = project();
    const from = sandbox.received.length;
    const r = await runTwin(
      ['video', 'create', '--scenes', 'launch.txt', '--look', 'lk_alex_studio', '--script', 'Hi', '--background', '#000000', '--json'],
      { sandbox, cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--script/);
    expect(r.stderr).toMatch(/--background/);
    expect(since(sandbox, from)).toHaveLength(0);
  });

  it('--max-minutes belongs to --scenes', async () => {
    const { runTwin } = await import('../helpers/harness.js');
    const r = await runTwin(['video', 'create', '--look', 'lk_alex_studio', '--script', 'Hi', '--max-minutes', '1', '--dry-run'], {
      sandbox,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-minutes/);
  });
});
