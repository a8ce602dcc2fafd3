// type "studio" in the sandbox (contract §9): every scene kind and global setting validated with
// the scene's path as `param`, §9.4 forms refused unless opted in, the no-studio account mode,
// one render lasting the sum of its scenes, captions, and all-or-nothing failure.
import { describe, expect, it } from 'vitest';
import { fixture } from '../../src/sandbox/fixtures.js';
import { expectError, fakeClock, get, post, sandbox, uploadAsset } from './helpers.js';

const talk = (extra: Record<string, unknown> = {}) => ({
  type: 'avatar_video',
  input: { type: 'avatar', avatar_id: 'lk_alex_office', script: 'Hello there, this is scene one.', ...extra },
});
const silent = (url = 'https://cdn.example.com/slide.png', duration: unknown = 4) => ({
  type: 'image',
  source: { type: 'url', url },
  duration,
});
const clip = (extra: Record<string, unknown> = {}) => ({
  type: 'video',
  source: { type: 'url', url: 'https://cdn.example.com/demo.mp4' },
  ...extra,
});
const studio = (scenes: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'studio', scenes, ...extra });

describe('POST /v3/videos type studio: validation', () => {
  it.each<[string, unknown, string]>([
    ['no scenes', studio([]), 'scenes'],
    ['51 scenes', studio(Array.from({ length: 51 }, () => silent())), 'scenes'],
    ['a field studio does not take', studio([silent()], { output_format: 'mp4' }), 'output_format'],
    ['a top-level look', studio([silent()], { avatar_id: 'lk_alex_office' }), 'avatar_id'],
    ['a bad aspect ratio', studio([silent()], { aspect_ratio: '2:1' }), 'aspect_ratio'],
    ['a bad caption style', studio([silent()], { caption: { style: 'bold' } }), 'caption.style'],
    ['an unknown scene kind', studio([silent(), { type: 'text' }]), 'scenes[1].type'],
    ['a talking scene without input', studio([{ type: 'avatar_video' }]), 'scenes[0].input'],
    ['an unknown look', studio([talk({ avatar_id: 'lk_nobody' })]), 'scenes[0].input.avatar_id'],
    ['an engine the look lacks', studio([silent(), talk({ engine: { type: 'avatar_iii' } })]), 'scenes[1].input.engine.type'],
    [
      'motion on avatar_iii',
      studio([talk({ avatar_id: 'lk_alex_studio', engine: { type: 'avatar_iii' }, motion_prompt: 'wave' })]),
      'scenes[0].input.motion_prompt',
    ],
    ['a value-style background', studio([talk({ background: { type: 'color', value: '#000000' } })]), 'scenes[0].input.background.value'],
    ['a bad colour', studio([talk({ background: { type: 'color', color: 'red' } })]), 'scenes[0].input.background.color'],
    [
      'an image background',
      studio([talk({ background: { type: 'image', url: 'https://x.example.com/a.png' } })]),
      'scenes[0].input.background.type',
    ],
    ['script and audio', studio([talk({ audio_url: 'https://x.example.com/a.mp3' })]), 'scenes[0].input.audio_url'],
    ['a slide of 0 s', studio([silent(undefined, 0)]), 'scenes[0].duration'],
    ['a slide over 300 s', studio([silent(undefined, 301)]), 'scenes[0].duration'],
    [
      'a slide with neither mode',
      studio([{ type: 'image', source: { type: 'url', url: 'https://x.example.com/a.png' } }]),
      'scenes[0].duration',
    ],
    ['a slide with both modes', studio([{ ...silent(), script: 'Words', voice_id: 'v_en_f_01' }]), 'scenes[0].duration'],
    [
      'a narrated slide without a voice',
      studio([{ type: 'image', source: { type: 'url', url: 'https://x.example.com/a.png' }, script: 'Words' }]),
      'scenes[0].voice_id',
    ],
    ['a source of no kind', studio([{ type: 'image', source: { url: 'https://x' }, duration: 2 }]), 'scenes[0].source.type'],
    ['a clip volume above 1', studio([clip({ playback: { volume: 1.5 } })]), 'scenes[0].playback.volume'],
    ['an unreachable clip URL', studio([clip({ source: { type: 'url', url: 'https://nowhere.invalid/a.mp4' } })]), 'scenes[0].source.url'],
  ])('%s → 400 naming the field', async (_what, body, param) => {
    const sb = await sandbox();
    const res = await post(sb, '/v3/videos', body);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.param).toBe(param);
    expect(sb.counters.rendered).toBe(0);
  });

  it('an asset must be a completed file of the scene kind', async () => {
    const sb = await sandbox();
    const mp3 = await uploadAsset(sb, fixture('voice-preview.mp3'));
    const png = await uploadAsset(sb, fixture('thumbnail.jpg'));
    expectError(
      await post(sb, '/v3/videos', studio([{ type: 'image', source: { type: 'asset_id', asset_id: mp3 }, duration: 2 }])),
      400,
      'invalid_parameter',
      'scenes[0].source.asset_id',
    );
    expectError(
      await post(sb, '/v3/videos', studio([clip({ source: { type: 'asset_id', asset_id: png } })])),
      400,
      'invalid_parameter',
      'scenes[0].source.asset_id',
    );
    expect(
      (await post(sb, '/v3/videos', studio([{ type: 'image', source: { type: 'asset_id', asset_id: png }, audio_asset_id: mp3 }]))).status,
    ).toBe(200);
  });
});

describe('unconfirmed forms (§9.4) and accounts without studio (§9.1)', () => {
  const image = studio([
    { type: 'avatar_video', input: { type: 'image', image: { type: 'url', url: 'https://x.example.com/a.png' }, script: 'Hi' } },
  ]);
  const animated = studio([{ type: 'avatar_video', input: { type: 'animated_image', photo_avatar_id: 'lk_photo_luna', script: 'Hi' } }]);
  const voiceover = studio([clip({ script: 'Over the clip', voice_id: 'v_en_f_01' })]);

  it('are refused by default, naming the field', async () => {
    const sb = await sandbox();
    expectError(await post(sb, '/v3/videos', image), 400, 'invalid_parameter', 'scenes[0].input.type');
    expectError(await post(sb, '/v3/videos', animated), 400, 'invalid_parameter', 'scenes[0].input.type');
    expectError(await post(sb, '/v3/videos', voiceover), 400, 'invalid_parameter', 'scenes[0].script');
  });

  it('are accepted with studioUnconfirmed; a voiceover sets the clip length', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ studioUnconfirmed: true, now: clock.now });
    for (const body of [image, animated]) expect((await post(sb, '/v3/videos', body)).status).toBe(200);
    const res = await post(
      sb,
      '/v3/videos',
      studio([clip({ script: 'one two three four five six seven eight nine ten', voice_id: 'v_en_f_01' })]),
    );
    clock.advance(sb.options.renderMs + 1);
    expect((await get(sb, `/v3/videos/${res.body.data.video_id}`)).body.data.duration).toBe(4);
  });

  it('studioUnavailable answers 400 param type, as an account without studio', async () => {
    const sb = await sandbox({ studioUnavailable: true });
    expectError(await post(sb, '/v3/videos', studio([silent()])), 400, 'invalid_parameter', 'type');
    expect((await post(sb, '/v3/videos', { type: 'avatar', avatar_id: 'lk_alex_office', script: 'Still fine.' })).status).toBe(200);
  });
});

describe('rendering', () => {
  it('is one video lasting the sum of its scenes, with captions over all the narration', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now });
    const res = await post(
      sb,
      '/v3/videos',
      studio(
        [
          talk({ script: 'one two three four five six seven eight nine ten' }), // 4 s at 150 wpm
          silent(undefined, 5),
          clip({ playback: { mute: true } }), // 6 s: the sandbox's clip length
          { type: 'image', source: { type: 'url', url: 'https://cdn.example.com/b.png' }, audio_url: 'https://cdn.example.com/n.mp3' }, // 10 s
        ],
        { caption: { file_format: 'srt', style: 'default' }, aspect_ratio: '9:16', title: 'Launch' },
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'waiting', output_format: 'mp4' });
    clock.advance(sb.options.renderMs + 1);
    const video = (await get(sb, `/v3/videos/${res.body.data.video_id}`)).body.data;
    expect(video).toMatchObject({ status: 'completed', duration: 25, title: 'Launch' });
    expect(video.captioned_video_url).toEqual(expect.any(String));
    const srt = await (await fetch(video.subtitle_url)).text();
    expect(srt).toContain('one two three');
    expect(srt).toMatch(/--> 00:00:25,000/);
  });

  it('fail-scene fails one scene and with it the whole video', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now });
    sb.inject({ kind: 'fail-scene', scene: 2 });
    const res = await post(sb, '/v3/videos', studio([talk(), silent(), clip()]));
    clock.advance(sb.options.renderMs + 1);
    const video = (await get(sb, `/v3/videos/${res.body.data.video_id}`)).body.data;
    expect(video).toMatchObject({ status: 'failed', failure_code: 'render_failed', video_url: null });
    expect(video.failure_message).toMatch(/^Scene 2 of 3 failed to render, so the whole video failed/);
  });
});

describe('batches (§9.6)', () => {
  it('take studio items, validated with the item prefix', async () => {
    const sb = await sandbox();
    const bad = await post(sb, '/v3/videos/batches', { videos: [studio([silent()]), studio([silent(), { type: 'text' }])] });
    expectError(bad, 400, 'invalid_parameter', 'videos[1].scenes[1].type');
    const ok = await post(sb, '/v3/videos/batches', {
      videos: [studio([silent()]), { type: 'avatar', avatar_id: 'lk_alex_office', script: 'Hi.' }],
    });
    expect(ok.status).toBe(202);
    expect(ok.body.data.total_items).toBe(2);
  });
});
