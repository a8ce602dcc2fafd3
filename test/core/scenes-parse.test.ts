// The plain scene file: every directive, the scene kinds it makes, and the exact file:line:column
// of every mistake (exit 2).
import { describe, expect, it } from 'vitest';
import { parseSceneText } from '../../src/core/scenes/parse-text.js';
import { toStudioBody } from '../../src/core/scenes/to-body.js';
import { parseSceneJson } from '../../src/core/scenes/parse-json.js';
import { UsageError } from '../../src/shared/errors.js';

const parse = (text: string) => parseSceneText(text, 'talk.txt');
function errorOf(text: string): UsageError {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    return error as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('scene file: directives', () => {
  it('splits scenes at lines holding only ---, and reads every talking directive', () => {
    const scenes = parse(
      '[look: lk_alex_office]\n[voice: v1]\n[engine: avatar_v]\n[background: #1A2b3c]\n[speed: 1.1]\n[motion: waves hello]\nHello there.\n  ---  \nSecond scene,\non two lines.\n',
    );
    expect(scenes).toHaveLength(2);
    expect(scenes[0]).toMatchObject({
      kind: 'talk',
      number: 1,
      at: { line: 1, column: 1 },
      look: 'lk_alex_office',
      voice: 'v1',
      engine: 'avatar_v',
      background: '#1A2b3c',
      speed: 1.1,
      motion: 'waves hello',
      text: 'Hello there.',
    });
    expect(scenes[1]).toMatchObject({ kind: 'talk', number: 2, at: { line: 9, column: 1 }, text: 'Second scene,\non two lines.' });
  });

  it('reads slides (narrated, silent with seconds, by URL) and clips (mute, volume, asset)', () => {
    const scenes = parse(
      '[slide: deck/01.png]\n[voice: v2]\nThis chart shows growth.\n---\n[slide: deck/02.png 5s]\n---\n[slide: https://cdn.example.com/a.png 2.5s]\n---\n[clip: demo.mp4 mute]\n---\n[clip: x.mp4 volume 0.3]\n---\n[clip: asset:as_9]\n',
    );
    expect(scenes.map((s) => s.kind)).toEqual(['slide', 'slide', 'slide', 'clip', 'clip', 'clip']);
    expect(scenes[0]).toMatchObject({
      media: { source: { kind: 'file', path: 'deck/01.png' }, at: { line: 1, column: 9 } },
      voice: 'v2',
      text: 'This chart shows growth.',
    });
    expect(scenes[1]).toMatchObject({ seconds: 5, text: null, media: { source: { kind: 'file', path: 'deck/02.png' } } });
    expect(scenes[2]).toMatchObject({ seconds: 2.5, media: { source: { kind: 'url', url: 'https://cdn.example.com/a.png' } } });
    expect(scenes[3]).toMatchObject({ mute: true, media: { source: { kind: 'file', path: 'demo.mp4' } } });
    expect(scenes[4]).toMatchObject({ volume: 0.3 });
    expect(scenes[5]).toMatchObject({ media: { source: { kind: 'asset', id: 'as_9' } } });
  });

  it('reads paths with spaces: clips (their options come last), slides and audio', () => {
    const scenes = parse(
      '[clip: media/product demo.mp4]\n---\n[clip: my clips/demo 2.mp4 mute]\n---\n[clip: demo final.webm volume 0.4]\n---\n[slide: deck/first slide.png 5s]\n---\n[audio: voice overs/intro.mp3]\n',
    );
    expect(scenes[0]).toMatchObject({ kind: 'clip', media: { source: { kind: 'file', path: 'media/product demo.mp4' } } });
    expect(scenes[0]).not.toHaveProperty('mute');
    expect(scenes[1]).toMatchObject({ mute: true, media: { source: { kind: 'file', path: 'my clips/demo 2.mp4' } } });
    expect(scenes[2]).toMatchObject({ volume: 0.4, media: { source: { kind: 'file', path: 'demo final.webm' } } });
    expect(scenes[3]).toMatchObject({ seconds: 5, media: { source: { kind: 'file', path: 'deck/first slide.png' } } });
    expect(scenes[4]).toMatchObject({ audio: { source: { kind: 'file', path: 'voice overs/intro.mp3' } } });
  });

  it('reads [audio: file|url|asset:ID] on talking scenes and slides', () => {
    const scenes = parse('[audio: intro.mp3]\n---\n[audio: https://x.example.com/a.wav]\n---\n[slide: s.png]\n[audio: asset:as_1]\n');
    expect(scenes[0]).toMatchObject({ kind: 'talk', audio: { source: { kind: 'file', path: 'intro.mp3' } }, text: null });
    expect(scenes[1]).toMatchObject({ audio: { source: { kind: 'url' } } });
    expect(scenes[2]).toMatchObject({ kind: 'slide', audio: { source: { kind: 'asset', id: 'as_1' } } });
  });

  it('skips empty scenes (a leading or doubled ---) and a byte-order mark', () => {
    expect(parse('\uFEFF---\nHi.\n---\n---\nBye.\n').map((s) => (s.kind === 'clip' ? null : s.text))).toEqual(['Hi.', 'Bye.']);
  });
});

describe('scene file: mistakes name file, line and column', () => {
  it.each<[string, string, RegExp]>([
    ['unknown directive', 'Hi.\n---\n[lok: lk_1]\nHello', /^talk\.txt:3:2: unknown directive \[lok\]; did you mean \[look: …\]\?/],
    ['no colon', '[look]\nHi', /^talk\.txt:1:6: \[look\] needs a value/],
    ['empty value', '[voice:   ]\nHi', /^talk\.txt:1:11: \[voice: …\] needs a value/],
    ['no closing bracket', '[look: lk_1\nHi', /^talk\.txt:1:12: a directive must end with `]`/],
    [
      'bad engine',
      '[engine: avatar_vi]\nHi',
      /^talk\.txt:1:10: \[engine: avatar_vi\]: the engine is one of avatar_iv, avatar_v, avatar_iii/,
    ],
    ['bad colour', 'Hi\n---\n[background: red]\nHi', /^talk\.txt:3:14: \[background: red\]: a colour is # and 6 hex digits/],
    ['speed not a number', '[speed: fast]\nHi', /^talk\.txt:1:9: \[speed: fast\]: the speed is a number from 0\.5 to 1\.5/],
    ['speed out of range', '[speed: 2]\nHi', /^talk\.txt:1:9: .*0\.5 to 1\.5/],
    ['slide too long', '[slide: a.png 301s]', /^talk\.txt:1:9: .*at most 300 seconds/],
    ['slide of no length', '[slide: a.png 0s]', /^talk\.txt:1:9: .*more than 0/],
    ['silent slide without seconds', '[slide: a.png]', /^talk\.txt:1:9: a silent slide needs a length: \[slide: a\.png 5s\]/],
    ['narrated slide with seconds', '[slide: a.png 5s]\nWords.', /^talk\.txt:1:9: a narrated slide lasts as long as its narration/],
    [
      'bad clip option',
      '[clip: a.mp4 loud]',
      /^talk\.txt:1:8: \[clip: a\.mp4 loud\]: after the clip comes nothing, `mute` or `volume 0\.3`/,
    ],
    ['clip volume out of range', '[clip: a.mp4 volume 2]', /^talk\.txt:1:8: .*0 to 1/],
    [
      'misspelt clip option with a value',
      '[clip: a.mp4 volum 0.3]',
      /^talk\.txt:1:8: \[clip: a\.mp4 volum 0\.3\]: after the clip comes nothing/,
    ],
    ['text on a clip', '[clip: a.mp4]\n\nSay this.', /^talk\.txt:3:1: a clip scene plays its own sound/],
    ['look on a slide', '[slide: a.png 3s]\n[look: lk_1]', /^talk\.txt:2:2: \[look: …\] does not apply to a slide scene/],
    ['voice on a clip', '[clip: a.mp4]\n[voice: v1]', /^talk\.txt:2:2: \[voice: …\] does not apply to a clip scene/],
    ['slide and clip', '[slide: a.png 3s]\n[clip: b.mp4]', /^talk\.txt:2:2: a scene is one slide or one clip/],
    ['a directive twice', '[look: a]\n[look: b]\nHi', /^talk\.txt:2:2: \[look: …\] is given twice in scene 1/],
    ['a directive after text', 'Hi there.\n[voice: v1]', /^talk\.txt:2:2: \[voice: …\] comes after the scene's text/],
    ['text and audio', '[audio: a.mp3]\nWords.', /^talk\.txt:1:9: a scene is narrated by its text or by \[audio: …\], not both/],
    [
      'not a path or https URL',
      '[slide: ftp://x/a.png 3s]',
      /^talk\.txt:1:9: \[slide: ftp:\/\/x\/a\.png\] is not a file path, an https URL or asset:ID/,
    ],
    ['nothing to say', '[look: lk_1]', /^talk\.txt:1:1: scene 1 has nothing to say/],
    ['empty file', '\n\n---\n', /^talk\.txt:1:1: the scene file holds no scene/],
  ])('%s', (_what, text, message) => {
    const error = errorOf(text);
    expect(error.message).toMatch(message);
    expect(error.details).toMatchObject({ file: 'talk.txt' });
  });
});

describe('scene file → studio body', () => {
  const file = (text: string) => ({ display: 'talk.txt', baseDir: '/tmp', scenes: parse(text) });

  it('fills look, voice and engine from the defaults, and local files become placeholders', () => {
    const body = toStudioBody(
      file(
        'Hi.\n---\n[look: lk_b]\n[engine: avatar_v]\n[background: #000000]\n[speed: 0.9]\n[motion: nods]\nMore.\n---\n[audio: a.mp3]\n---\n[slide: s.png]\nLook.\n---\n[slide: t.png 4s]\n---\n[clip: c.mp4 volume 0.5]',
      ),
      { look: 'lk_a', voice: 'v_a', engine: 'avatar_iv' },
      { aspect_ratio: '16:9', title: undefined },
    );
    expect(body).toEqual({
      type: 'studio',
      aspect_ratio: '16:9',
      scenes: [
        {
          type: 'avatar_video',
          input: { type: 'avatar', avatar_id: 'lk_a', script: 'Hi.', voice_id: 'v_a', engine: { type: 'avatar_iv' } },
        },
        {
          type: 'avatar_video',
          input: {
            type: 'avatar',
            avatar_id: 'lk_b',
            script: 'More.',
            voice_id: 'v_a',
            voice_settings: { speed: 0.9 },
            engine: { type: 'avatar_v' },
            background: { type: 'color', color: '#000000' },
            motion_prompt: 'nods',
          },
        },
        {
          type: 'avatar_video',
          input: { type: 'avatar', avatar_id: 'lk_a', audio_asset_id: 'local-file:a.mp3', engine: { type: 'avatar_iv' } },
        },
        { type: 'image', source: { type: 'asset_id', asset_id: 'local-file:s.png' }, script: 'Look.', voice_id: 'v_a' },
        { type: 'image', source: { type: 'asset_id', asset_id: 'local-file:t.png' }, duration: 4 },
        { type: 'video', source: { type: 'asset_id', asset_id: 'local-file:c.mp4' }, playback: { volume: 0.5 } },
      ],
    });
  });

  it('a talking scene with no look anywhere, or a narrated slide with no voice, is exit 2 at the scene', () => {
    expect(() => toStudioBody(file('Hi.\n---\nTwo.'), {})).toThrow(/^talk\.txt:1:1: scene 1 needs a look/);
    expect(() => toStudioBody(file('[slide: a.png]\nWords.'), { look: 'lk' })).toThrow(
      /^talk\.txt:1:1: scene 1 \(a narrated slide\) needs a voice/,
    );
  });
});

describe('JSON scene file', () => {
  it('takes the API scene objects, local paths in place of asset ids, defaults for the look', () => {
    const scenes = parseSceneJson(
      JSON.stringify([
        { type: 'avatar_video', input: { script: 'Hi' } },
        { type: 'image', source: { type: 'asset_id', asset_id: 'deck/01.png' }, duration: 3 },
        { type: 'video', source: { type: 'asset_id', asset_id: 'as_real' } },
      ]),
      'scenes.json',
      { look: 'lk_a', voice: 'v_a' },
    );
    expect(scenes).toEqual([
      { type: 'avatar_video', input: { type: 'avatar', script: 'Hi', avatar_id: 'lk_a', voice_id: 'v_a' } },
      { type: 'image', source: { type: 'asset_id', asset_id: 'local-file:deck/01.png' }, duration: 3 },
      { type: 'video', source: { type: 'asset_id', asset_id: 'as_real' } },
    ]);
  });

  it.each<[string, unknown, RegExp]>([
    ['not an array', { scenes: [] }, /^scenes\.json: must hold a JSON array/],
    [
      'unconfirmed input.type image',
      [{ type: 'avatar_video', input: { type: 'image' } }],
      /^scenes\.json: scene 1: input\.type "image" is a form the API has not confirmed/,
    ],
    [
      'voiceover on a clip',
      [{ type: 'video', source: { type: 'url', url: 'https://x' }, script: 'Hi' }],
      /^scenes\.json: scene 1: a voiceover on a video scene \(script\)/,
    ],
    ['unknown kind', [{ type: 'text' }], /^scenes\.json: scene 1: type must be avatar_video, image or video/],
  ])('%s is exit 2', (_what, doc, message) => {
    expect(() => parseSceneJson(JSON.stringify(doc), 'scenes.json', {})).toThrow(message);
  });
});
