// Step 6 alone: resolution, aspect ratio suggested from the look, and the advanced group
// that Enter skips and that never asks what the engine would reject.
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { chooseOptions, suggestedAspectRatio } from '../../src/wizard/options.js';
import type { VideoInput } from '../../src/core/video/request.js';
import { advancedAnswers, recordingPrompt, stepHarness } from './helpers.js';

const sandbox = useSandbox({ renderMs: 50 });

async function run(lookId: string, answers: Array<{ match: RegExp; answer: unknown }>, input: Partial<VideoInput> = {}) {
  const prompt = recordingPrompt(answers);
  const h = stepHarness(sandbox, prompt, { input: { look: lookId, script: 'Hi.', voice: 'v_en_f_01', ...input } });
  h.state.look = await (await h.ctx.api()).getLook(lookId);
  await chooseOptions(h.ctx, h.state);
  await h.dispose();
  expect(prompt.unused()).toBe(0);
  return { prompt, state: h.state };
}

const basics = (advanced: boolean) => [
  { match: /^Resolution/, answer: '1080p' },
  { match: /^Aspect ratio/, answer: '9:16' },
  { match: /^Advanced options/, answer: advanced },
];

describe('options step', () => {
  it('suggests the aspect ratio from the look orientation', async () => {
    expect(suggestedAspectRatio('portrait')).toBe('9:16');
    expect(suggestedAspectRatio('landscape')).toBe('16:9');
    expect(suggestedAspectRatio('square')).toBe('1:1');
    expect(suggestedAspectRatio(null)).toBe('auto');
    for (const [look, suggested] of [
      ['lk_maya_portrait', '9:16'],
      ['lk_alex_office', '16:9'],
      ['lk_maya_square', '1:1'],
    ] as const) {
      const { prompt } = await run(look, basics(false));
      const q = prompt.question(/^Aspect ratio/);
      expect(q.opts.default).toBe(suggested);
      const marked = (q.opts.choices as Array<{ value: string; name: string }>).filter((c) => c.name.includes('suggested'));
      expect(marked.map((c) => c.value)).toEqual([suggested]);
    }
  });

  it('one keystroke skips the advanced group: nothing else is asked or set', async () => {
    const { prompt, state } = await run('lk_alex_office', basics(false));
    expect(prompt.asked.map((a) => a.message)).toEqual(['Resolution:', 'Aspect ratio:', expect.stringMatching(/^Advanced options/)]);
    expect(prompt.question(/^Advanced options/).opts.default).toBe(false);
    expect(state.input).toEqual({ look: 'lk_alex_office', script: 'Hi.', voice: 'v_en_f_01', resolution: '1080p', aspectRatio: '9:16' });
  });

  it('on Avatar V: no expressiveness question; a digital twin gets the motion prompt', async () => {
    const { prompt, state } = await run(
      'lk_alex_office',
      [
        ...basics(true),
        ...advancedAnswers({
          title: 'Launch',
          outputFormat: 'mp4',
          background: 'color',
          backgroundColour: '#112233',
          removeBackground: false,
          fit: '',
          motionPrompt: 'wave at the start',
          voiceSpeed: '1.2',
          voicePitch: '0',
          voiceVolume: '1',
          voiceAccent: 'en-GB',
          captions: true,
        }),
      ],
      { engine: 'avatar_v' },
    );
    expect(prompt.asked.some((a) => /^Expressiveness/.test(a.message))).toBe(false);
    expect(state.input).toMatchObject({
      title: 'Launch',
      background: '#112233',
      motionPrompt: 'wave at the start',
      voiceSpeed: 1.2,
      voiceLocale: 'en-GB',
      captions: true,
    });
    // API defaults chosen as-is stay out of the request (and the command line).
    expect(state.input).not.toHaveProperty('voicePitch');
    expect(state.input).not.toHaveProperty('outputFormat');
    expect(state.input).not.toHaveProperty('removeBackground');
    expect(state.input).not.toHaveProperty('fit');
  });

  it('on Avatar IV a digital twin gets expressiveness and no motion prompt (it would be rejected)', async () => {
    const { prompt, state } = await run(
      'lk_alex_office',
      [
        ...basics(true),
        ...advancedAnswers({
          title: '',
          outputFormat: 'webm',
          fit: 'cover',
          expressiveness: 'high',
          voiceSpeed: '1',
          voicePitch: '-5',
          voiceVolume: '1',
          voiceAccent: '',
          captions: false,
        }),
      ],
      { engine: 'avatar_iv' },
    );
    expect(prompt.asked.some((a) => /^Motion prompt/.test(a.message))).toBe(false);
    // webm is transparent: no background questions.
    expect(prompt.asked.some((a) => /^Background|^Remove the look/.test(a.message))).toBe(false);
    expect(state.input).toMatchObject({ outputFormat: 'webm', fit: 'cover', expressiveness: 'high', voicePitch: -5 });
    expect(state.input).not.toHaveProperty('title');
    expect(state.input).not.toHaveProperty('captions');
  });

  it('answers are checked with the same rules as the flags', async () => {
    const { prompt } = await run(
      'lk_alex_office',
      [
        ...basics(true),
        ...advancedAnswers({
          title: '',
          outputFormat: 'mp4',
          background: 'image',
          backgroundImage: 'https://example.com/bg.png',
          removeBackground: false,
          fit: '',
          expressiveness: 'low',
          voiceSpeed: '1',
          voicePitch: '0',
          voiceVolume: '1',
          voiceAccent: '',
          captions: false,
        }),
      ],
      { engine: 'avatar_iv' },
    );
    const validate = (m: RegExp) => prompt.question(m).opts.validate as (v: string) => true | string;
    expect(validate(/^Voice speed/)('2')).toMatch(/^must be a number from 0.5 to 1.5/);
    expect(validate(/^Voice speed/)('')).toMatch(/must be a number/);
    expect(validate(/^Voice pitch/)('-50')).toBe(true);
    expect(validate(/^Background image/)('ftp://x')).toMatch(/colour like '#1a2b3c', an image file, an https:\/\/ image URL, or asset:ID/);
    expect(validate(/^Voice accent/)('english!')).toMatch(/locale such as en-US/);
  });

  it('flags answer their questions: only the rest is asked', async () => {
    const prompt = recordingPrompt([{ match: /^Advanced options/, answer: false }]);
    const h = stepHarness(sandbox, prompt, { options: { preset: { look: 'lk_alex_office', resolution: '4k', aspectRatio: '1:1' } } });
    h.state.look = await (await h.ctx.api()).getLook('lk_alex_office');
    await chooseOptions(h.ctx, h.state);
    await h.dispose();
    expect(prompt.asked.map((a) => a.message)).toEqual([expect.stringMatching(/^Advanced options/)]);
    expect(h.state.input).toMatchObject({ resolution: '4k', aspectRatio: '1:1' });
  });

  it('"none" cannot switch off a saved default (no flag could): it is kept, with a note', async () => {
    const prompt = recordingPrompt([
      ...basics(true),
      ...advancedAnswers({
        title: '',
        outputFormat: 'mp4',
        background: '',
        removeBackground: false,
        fit: '',
        expressiveness: 'low',
        voiceSpeed: '1',
        voicePitch: '0',
        voiceVolume: '1',
        voiceAccent: '',
        captions: false,
      }),
    ]);
    const saved = { background: '#101010', voiceLocale: 'en-US' };
    const h = stepHarness(sandbox, prompt, { defaults: saved, input: { look: 'lk_alex_office', script: 'Hi.', engine: 'avatar_iv' } });
    h.state.look = await (await h.ctx.api()).getLook('lk_alex_office');
    await chooseOptions(h.ctx, h.state);
    await h.dispose();
    expect(h.state.input).toMatchObject(saved);
    expect(h.stderr()).toContain('! Kept your saved default --background #101010;');
    expect(h.stderr()).toContain('! Kept your saved default --voice-locale en-US;');
  });
});

describe('local files in the wizard', () => {
  it('offers "a local file…" for the background and checks it like --background', async () => {
    const image = `${process.cwd()}/src/sandbox/fixtures/thumbnail.jpg`;
    const { prompt, state } = await run('lk_alex_office', [
      ...basics(true),
      ...advancedAnswers({
        title: '',
        outputFormat: 'mp4',
        background: 'file',
        backgroundImage: image,
        removeBackground: false,
        fit: '',
        expressiveness: 'low',
        voiceSpeed: '1',
        voicePitch: '0',
        voiceVolume: '1',
        voiceAccent: '',
        captions: false,
      }),
    ]);
    const validate = prompt.question(/^Background image file/).opts.validate as (value: string) => unknown;
    expect(validate(image)).toBe(true);
    expect(String(validate(`${process.cwd()}/src/sandbox/fixtures/voice-preview.mp3`))).toMatch(
      /is an MP3 audio; --background needs png or jpeg/,
    );
    expect(state.input.background).toBe(image);
  });
});
