// The flag → body mapping, field validation, the local rules of contract §4.3, settings
// precedence, and the printed command line (proved by running it against the sandbox).
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCreateBody,
  checkLocalRules,
  composeCreateBody,
  inputFromSettings,
  parseBackground,
  partialVideoInputSchema,
  toCommandLine,
  videoInputSchema,
  type CreateVideoBody,
  type VideoInput,
} from '../../src/core/video/request.js';
import { shellQuote } from '../../src/shared/shell-quote.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runTwin } from '../helpers/harness.js';

const look = 'lk_alex_office';

describe('buildCreateBody: each input field lands in its body field', () => {
  it.each<[Partial<VideoInput>, Record<string, unknown>]>([
    [{ look }, { avatar_id: look }],
    [{ voice: 'v_1' }, { voice_id: 'v_1' }],
    [{ script: 'Hi' }, { script: 'Hi' }],
    [{ audioUrl: 'https://x.test/a.mp3' }, { audio_url: 'https://x.test/a.mp3' }],
    [{ title: 'T' }, { title: 'T' }],
    [{ resolution: '4k' }, { resolution: '4k' }],
    [{ aspectRatio: '9:16' }, { aspect_ratio: '9:16' }],
    [{ engine: 'avatar_iv' }, { engine: { type: 'avatar_iv' } }],
    [{ engine: 'avatar_v', referenceLook: 'lk_r' }, { engine: { type: 'avatar_v', reference_look_id: 'lk_r' } }],
    [{ referenceLook: 'lk_r' }, { engine: { type: 'avatar_v', reference_look_id: 'lk_r' } }],
    [{ motionPrompt: 'wave' }, { motion_prompt: 'wave' }],
    [{ expressiveness: 'high' }, { expressiveness: 'high' }],
    [{ removeBackground: true }, { remove_background: true }],
    [{ removeBackground: false }, { remove_background: false }],
    [{ background: '#1a2B3c' }, { background: { type: 'color', value: '#1a2B3c' } }],
    [{ background: 'https://x.test/bg.png' }, { background: { type: 'image', url: 'https://x.test/bg.png' } }],
    [{ background: 'asset:abc' }, { background: { type: 'image', asset_id: 'abc' } }],
    [{ fit: 'cover' }, { fit: 'cover' }],
    [{ voiceSpeed: 1.2, voicePitch: -5, voiceLocale: 'en-GB' }, { voice_settings: { speed: 1.2, pitch: -5, locale: 'en-GB' } }],
    [{ outputFormat: 'webm' }, { output_format: 'webm' }],
    [{ captions: true }, { caption: { file_format: 'srt' } }],
    [{ captions: false }, {}],
    [
      { callbackUrl: 'https://hook.test/x', callbackId: 'c1' },
      { callback_url: 'https://hook.test/x', callback_id: 'c1' },
    ],
  ])('%j', (input, expected) => {
    expect(buildCreateBody(input)).toEqual({ type: 'avatar', ...expected });
  });

  it('flags override -d fields and merge into its sub-objects', () => {
    const data = {
      title: 'from data',
      voice_settings: { speed: 0.8, volume: 0.5 },
      caption: { style: 'default' },
      watermark: { image: { type: 'url', url: 'https://x.test/w.png' } },
    };
    const body = buildCreateBody({ look, title: 'from flag', voicePitch: 3, captions: true }, data);
    expect(body).toEqual({
      type: 'avatar',
      avatar_id: look,
      title: 'from flag',
      voice_settings: { speed: 0.8, volume: 0.5, pitch: 3 },
      caption: { style: 'default', file_format: 'srt' },
      watermark: data.watermark,
    });
    expect(data.title).toBe('from data'); // the caller's object is not touched
  });

  it('keeps the engine named in -d when only a reference look is given', () => {
    expect(buildCreateBody({ referenceLook: 'lk_r' }, { engine: { type: 'avatar_iv' } }).engine).toEqual({
      type: 'avatar_iv',
      reference_look_id: 'lk_r',
    });
  });

  it('orders fields as the API reference lists them', () => {
    const body = buildCreateBody({ callbackId: 'c', script: 'Hi', look, title: 't' }, { zzz: 1 });
    expect(Object.keys(body)).toEqual(['type', 'avatar_id', 'script', 'title', 'callback_id', 'zzz']);
  });
});

describe('parseBackground', () => {
  it.each([
    ['#abcdef', { type: 'color', value: '#abcdef' }],
    ['https://cdn.test/a.jpg', { type: 'image', url: 'https://cdn.test/a.jpg' }],
    ['asset:img_1', { type: 'image', asset_id: 'img_1' }],
    ['#abc', undefined],
    ['red', undefined],
    ['http://cdn.test/a.jpg', undefined],
    ['asset:', undefined],
  ])('%s', (text, expected) => expect(parseBackground(text)).toEqual(expected));
});

describe('videoInputSchema', () => {
  it('accepts numbers given as strings (commander) and as numbers (wizard)', () => {
    expect(partialVideoInputSchema.parse({ voiceSpeed: '1.25', voicePitch: -3 })).toEqual({ voiceSpeed: 1.25, voicePitch: -3 });
  });

  it('requires a look', () => {
    const result = videoInputSchema.safeParse({ script: 'Hi' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/required.*twin looks list/);
  });

  it.each<[Record<string, unknown>, string, RegExp]>([
    [{ resolution: '8k' }, 'resolution', /4k, 1080p, 720p \(got "8k"\)/],
    [{ aspectRatio: '2:1' }, 'aspectRatio', /auto, 16:9/],
    [{ engine: 'avatar_vi' }, 'engine', /avatar_iv, avatar_v, avatar_iii/],
    [{ voiceVolume: '1.2' }, 'voiceVolume', /0 to 1/],
    [{ voiceSpeed: '2' }, 'voiceSpeed', /0\.5 to 1\.5/],
    [{ voiceSpeed: 'fast' }, 'voiceSpeed', /0\.5 to 1\.5 \(got "fast"\)/],
    [{ voicePitch: '51' }, 'voicePitch', /-50 to 50/],
    [{ voiceLocale: 'english!' }, 'voiceLocale', /en-US/],
    [{ background: 'blue' }, 'background', /#1a2b3c/],
    [{ audioUrl: 'ftp://x/a.mp3' }, 'audioUrl', /http/],
    [{ script: ' ' }, 'script', /empty/],
    [{ script: 'x'.repeat(5001) }, 'script', /5001 characters; the limit is 5000/],
    [{ look: '' }, 'look', /empty/],
    [{ colour: 'red' }, '', /colour/],
  ])('rejects %o', (raw, path, message) => {
    const result = partialVideoInputSchema.safeParse(raw);
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path.join('.')).toBe(path);
    expect(issue.message).toMatch(message);
  });
});

describe('checkLocalRules (contract §4.3)', () => {
  const base = { type: 'avatar', avatar_id: look, script: 'Hello' } as CreateVideoBody;
  const flagsOf = (extra: Record<string, unknown>) => checkLocalRules({ ...base, ...extra } as CreateVideoBody).map((p) => p.flag);

  it('passes a plain body', () => expect(checkLocalRules(base)).toEqual([]));

  it.each<[Record<string, unknown>, string[]]>([
    [{ audio_url: 'https://x.test/a.mp3' }, ['--audio-url']],
    [{ script: undefined }, ['--script']],
    [{ script: undefined, audio_url: 'https://x.test/a.mp3', audio_asset_id: 'a1' }, ['--audio-url']],
    [{ script: 'x'.repeat(5001) }, ['--script']],
    [{ script: '   ' }, ['--script']],
    [{ engine: { type: 'avatar_v' }, expressiveness: 'low' }, ['--expressiveness']],
    [{ engine: { type: 'avatar_iv', reference_look_id: 'lk_r' } }, ['--reference-look']],
    [{ engine: { type: 'avatar_iii' }, motion_prompt: 'wave' }, ['--motion-prompt']],
    [{ output_format: 'webm', background: { type: 'color', value: '#000000' } }, ['--background']],
    [{ resolution: '8k' }, ['--resolution']],
    [{ engine: { type: 'avatar_x' } }, ['--engine']],
    [{ voice_settings: { speed: 3 } }, ['--voice-speed']],
    [{ voice_settings: { volume: 2 } }, ['--voice-volume']],
    [{ engine: { type: 'avatar_iii' }, expressiveness: 'low' }, ['--expressiveness']],
    [{ background: { type: 'image', url: 'https://x.test/a.png', asset_id: 'a' } }, ['--background']],
    [{ background: { type: 'color', value: 'red' } }, ['--background']],
    [{ callback_url: 'not a url' }, ['--callback-url']],
    [{ avatarid: 'typo' }, ['--data']],
    [{ type: 'image' }, ['--data']],
    [{ avatar_id: undefined }, ['--look']],
  ])('%o → %j', (extra, flags) => expect(flagsOf(extra)).toEqual(flags));

  it('suggests the field a typo meant, or lists the known ones', () => {
    const [typo] = checkLocalRules({ ...base, avatarId: 'x' } as CreateVideoBody);
    expect(typo!.message).toBe('unknown field "avatarId"; did you mean "avatar_id"?');
    const [nested] = checkLocalRules({ ...base, voice_settings: { tempo: 1 } } as CreateVideoBody);
    expect(nested!.message).toMatch(
      /unknown field "tempo" in "voice_settings".*known fields: speed, pitch, volume, locale, engine_settings/,
    );
  });

  it('names -d-only fields by their JSON path', () => {
    const [problem] = checkLocalRules({
      ...base,
      voice_settings: { engine_settings: { engine_type: 'fish', stability: 2 } },
    } as CreateVideoBody);
    expect(problem).toEqual({
      flag: '--data',
      message: expect.stringMatching(/^voice_settings\.engine_settings\.stability: must be a number from 0 to 1/),
    });
  });
});

describe('settings precedence: settings < -d < flags', () => {
  const settings = {
    values: {
      resolution: '720p',
      'aspect-ratio': '9:16',
      look: 'lk_settings',
      'voice-speed': 1.1,
      expressiveness: 'high',
      timeout: '30m',
      interval: '2s',
      concurrency: 10,
      'output-dir': '.',
    },
  } as never;

  it('maps setting keys to input fields', () => {
    expect(inputFromSettings(settings)).toEqual({
      look: 'lk_settings',
      resolution: '720p',
      aspectRatio: '9:16',
      voiceSpeed: 1.1,
      expressiveness: 'high',
    });
  });

  it('fills only what -d and flags leave open, one level deep', () => {
    const { body } = composeCreateBody(
      { voicePitch: 2, script: 'Hi' },
      { avatar_id: 'lk_data', resolution: '4k' },
      inputFromSettings(settings),
    );
    expect(body).toMatchObject({ avatar_id: 'lk_data', resolution: '4k', aspect_ratio: '9:16', voice_settings: { speed: 1.1, pitch: 2 } });
  });

  it('drops a default the request rules out, with a note', () => {
    const { body, notes } = composeCreateBody({ look, script: 'Hi', engine: 'avatar_v' }, {}, inputFromSettings(settings));
    expect(body.expressiveness).toBeUndefined();
    expect(notes.join()).toMatch(/expressiveness/);
    expect(composeCreateBody({ look, script: 'Hi', engine: 'avatar_v', expressiveness: 'low' }).body.expressiveness).toBe('low');
  });
});

describe('toCommandLine', () => {
  it('quotes for a POSIX shell', () => {
    expect(shellQuote('plain-id_1')).toBe('plain-id_1');
    expect(shellQuote("it's $HOME `x`")).toBe(`'it'\\''s $HOME \`x\`'`);
    expect(shellQuote('')).toBe("''");
  });

  it('writes booleans as flags, false as --no-…, negatives with =', () => {
    expect(toCommandLine({ look, removeBackground: true, captions: false, voicePitch: -4 })).toBe(
      'twin video create --look lk_alex_office --remove-background --voice-pitch=-4 --no-captions',
    );
  });

  describe('running the printed line sends the same body', () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ renderMs: 20 });
    });
    afterAll(() => sandbox.close());

    it.each<Partial<VideoInput>>([
      { look, script: "Don't panic: it's $5 & `free`!\nSecond line \\ with a backslash", title: 'Ünïcode — “quotes”' },
      {
        look: 'lk_maya_portrait',
        voice: 'v_en_f_01',
        script: 'Hi',
        engine: 'avatar_v',
        referenceLook: 'lk_maya_instant',
        motionPrompt: 'wave; then smile',
        aspectRatio: '9:16',
      },
      {
        look,
        voice: 'v_en_m_01',
        audioUrl: 'https://audio.test/a.mp3?x=1&y=2',
        resolution: '4k',
        fit: 'cover',
        background: '#102030',
        voicePitch: -12,
        voiceSpeed: 0.75,
        voiceLocale: 'en-GB',
        captions: true,
        removeBackground: false,
        callbackUrl: 'https://hook.test/cb?a=1',
        callbackId: 'id 42',
      },
      { look, script: 'Transparent', outputFormat: 'webm', expressiveness: 'medium', removeBackground: true },
    ])('%#', async (input) => {
      const line = toCommandLine(input, ['--dry-run', '--json']);
      // The shell itself splits the line, exactly as it would for a user pasting it.
      const words = execFileSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' })
        .split('\0')
        .slice(0, -1);
      expect(words.slice(0, 3)).toEqual(['twin', 'video', 'create']);
      const { code, stdout, stderr } = await runTwin(words.slice(1), { sandbox });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const expected = composeCreateBody(input, {}, { resolution: '1080p', aspectRatio: 'auto' }).body;
      const sent = JSON.parse(stdout).request;
      if (!input.voice && input.script) expected.voice_id = sent.voice_id; // pre-flight fills the default voice
      expect(sent).toEqual(expected);
    });
  });
});
