// The rules of a POST /v3/videos body that need no network (core/video/rules.ts), word for word:
// each problem names the flag a user would change (or --data and the JSON path for -d-only fields)
// and quotes what was given (issue 27: the messages are what a user acts on).
import { describe, expect, it } from 'vitest';
import type { CreateVideoBody } from '../../src/core/video/request.js';
import { checkLocalRules, isHttpUrl } from '../../src/core/video/rules.js';

const base = { type: 'avatar', avatar_id: 'lk', script: 'Hello' };

describe('checkLocalRules, word for word', () => {
  it.each<[Record<string, unknown>, Array<[string, string]>]>([
    [{ audio_url: 'https://x.test/a.mp3' }, [['--audio-url', 'cannot be combined with a script: give one audio source']]],
    [{ audio_asset_id: 'a1' }, [['--data', 'audio_asset_id cannot be combined with a script: give one audio source']]],
    [{ script: undefined }, [['--script', 'is required: give a `script` (or `scriptFile`), or an `audio` file or URL']]],
    [{ script: null }, [['--script', 'is required: give a `script` (or `scriptFile`), or an `audio` file or URL']]],
    [
      { script: undefined, audio_url: 'https://x.test/a.mp3', audio_asset_id: 'a1' },
      [['--audio-url', 'cannot be combined with audio_asset_id: give one audio source']],
    ],
    [{ script: undefined, audio_asset_id: 'a1' }, []],
    [{ script: 'x'.repeat(5001) }, [['--script', 'is 5001 characters; the limit is 5000 (split it into several videos)']]],
    [{ script: 'x'.repeat(5000) }, []],
    [{ script: '   ' }, [['--script', 'must not be empty']]],
    [{ script: 5 }, [['--script', 'must be text (got 5)']]],
    [
      { engine: { type: 'avatar_v' }, expressiveness: 'low' },
      [['--expressiveness', 'is Avatar IV only; remove it or use `engine` avatar_iv (the engine is avatar_v)']],
    ],
    [{ expressiveness: 'low' }, []],
    [{ expressiveness: 'extreme' }, [['--expressiveness', 'must be one of high, medium, low (got "extreme")']]],
    [
      { engine: { type: 'avatar_iv', reference_look_id: 'lk_r' } },
      [['--reference-look', 'works only with `engine` avatar_v (the engine is avatar_iv)']],
    ],
    [{ engine: { type: 'avatar_v', reference_look_id: 'lk_r' } }, []],
    [{ engine: { type: 'avatar_v', reference_look_id: '' } }, [['--reference-look', 'must not be empty']]],
    [
      { engine: { reference_look_id: 'lk_r' } },
      [
        ['--engine', 'must be one of avatar_iv, avatar_v, avatar_iii'],
        ['--reference-look', 'works only with `engine` avatar_v (the engine is avatar_iv)'],
      ],
    ],
    [{ engine: { type: 'avatar_iii' }, motion_prompt: 'wave' }, [['--motion-prompt', 'is not supported on avatar_iii']]],
    [{ motion_prompt: '  ' }, [['--motion-prompt', 'must not be empty']]],
    [
      { output_format: 'webm', background: { type: 'color', value: '#000000' } },
      [['--background', 'cannot be used with `outputFormat` webm (webm has a transparent background); drop one of them']],
    ],
    [{ output_format: 'webm' }, []],
    [{ resolution: '8k' }, [['--resolution', 'must be one of 4k, 1080p, 720p (got "8k")']]],
    [{ aspect_ratio: '2:1' }, [['--aspect-ratio', 'must be one of auto, 16:9, 9:16, 4:5, 5:4, 1:1 (got "2:1")']]],
    [{ fit: 'stretch' }, [['--fit', 'must be one of contain, cover (got "stretch")']]],
    [{ engine: { type: 'avatar_x' } }, [['--engine', 'must be one of avatar_iv, avatar_v, avatar_iii (got "avatar_x")']]],
    [{ engine: 'avatar_v' }, [['--engine', 'Invalid input: expected object, received string']]],
    [{ voice_settings: { speed: 3 } }, [['--voice-speed', 'must be a number from 0.5 to 1.5 (got 3)']]],
    [{ voice_settings: { speed: '1' } }, [['--voice-speed', 'must be a number from 0.5 to 1.5 (got "1")']]],
    [{ voice_settings: { pitch: 100 } }, [['--voice-pitch', 'must be a number from -50 to 50 (got 100)']]],
    [{ voice_settings: { volume: 2 } }, [['--voice-volume', 'must be a number from 0 to 1 (got 2)']]],
    [{ voice_settings: { locale: '' } }, [['--voice-locale', 'must not be empty']]],
    [
      { voice_settings: { engine_settings: { engine_type: 'elevenlabs', model: 'nope', use_speaker_boost: 'yes' } } },
      [
        [
          '--data',
          'voice_settings.engine_settings.model: must be one of eleven_multilingual_v2, eleven_turbo_v2_5, eleven_flash_v2_5, eleven_v3 (got "nope")',
        ],
        ['--data', 'voice_settings.engine_settings.use_speaker_boost: must be true or false (got "yes")'],
      ],
    ],
    [
      { voice_settings: { engine_settings: { engine_type: 'fish', similarity: 2 } } },
      [['--data', 'voice_settings.engine_settings.similarity: must be a number from 0 to 1 (got 2)']],
    ],
    [
      { voice_settings: { engine_settings: { engine_type: 'starfish', x: 1 } } },
      [['--data', 'unknown field "x" in "voice_settings.engine_settings"; the API would reject it']],
    ],
    [
      { voice_settings: { engine_settings: { engine_type: 'other' } } },
      [['--data', 'voice_settings.engine_settings.engine_type: engine_type must be one of elevenlabs, fish, starfish']],
    ],
    [
      { background: { type: 'image', url: 'https://x.test/a.png', asset_id: 'a' } },
      [['--background', 'an image background needs exactly one of url or asset_id']],
    ],
    [{ background: { type: 'image' } }, [['--background', 'an image background needs exactly one of url or asset_id']]],
    [{ background: { type: 'image', asset_id: ' ' } }, [['--background', 'background.asset_id: must not be empty']]],
    [{ background: { type: 'color', value: 'red' } }, [['--background', 'background.value: must be a hex colour like #1a2b3c']]],
    [
      { background: { type: 'video' } },
      [['--background', 'background.type: must be {"type":"color","value":"#RRGGBB"} or {"type":"image","url"|"asset_id":...}']],
    ],
    [
      { background: { type: 'image', url: 'ftp://x/a.png' } },
      [['--background', 'background.url: must be an http(s) URL (got "ftp://x/a.png")']],
    ],
    [{ callback_url: 'not a url' }, [['--callback-url', 'must be an http(s) URL (got "not a url")']]],
    [{ callback_url: 'http://x.test/hook' }, []],
    [{ callback_id: 5 }, [['--callback-id', 'must be text (got 5)']]],
    [{ title: 5 }, [['--title', 'must be text (got 5)']]],
    [{ remove_background: 'yes' }, [['--remove-background', 'must be true or false (got "yes")']]],
    [{ caption: { file_format: 'vtt' } }, [['--captions', 'caption.file_format: Invalid input: expected "srt"']]],
    [{ caption: { style: 'fancy' } }, [['--captions', 'caption.style: Invalid input: expected "default"']]],
    [
      { caption: { file_format: 'srt', style: 'default', x: 1 } },
      [['--data', 'unknown field "x" in "caption"; the API would reject it (known fields: file_format, style)']],
    ],
    [
      {
        watermark: {
          image: { type: 'url', url: 'https://x.test/w.png' },
          opacity: 2,
          scale: 0,
          placement: { position: 'middle', offset_x: 2, offset_y: -2 },
        },
      },
      [
        ['--data', 'watermark.opacity: must be a number from 0 to 1 (got 2)'],
        ['--data', 'watermark.scale: Too small: expected number to be >0'],
        ['--data', 'watermark.placement.position: must be one of top_left, top_right, bottom_left, bottom_right (got "middle")'],
        ['--data', 'watermark.placement.offset_x: must be a number from -1 to 1 (got 2)'],
        ['--data', 'watermark.placement.offset_y: must be a number from -1 to 1 (got -2)'],
      ],
    ],
    [
      { watermark: { image: { type: 'base64', media_type: '', data: '' } } },
      [
        ['--data', 'watermark.image.media_type: must not be empty'],
        ['--data', 'watermark.image.data: must not be empty'],
      ],
    ],
    [{ watermark: { image: { type: 'asset_id', asset_id: 'a' } } }, []],
    [{ watermark: { image: { type: 'gif' } } }, [['--data', 'watermark.image.type: must be {"type":"url"|"asset_id"|"base64", ...}']]],
    [{ avatarid: 'typo' }, [['--data', 'unknown field "avatarid"; did you mean "avatar_id"?']]],
    [{ avatarId: 'typo' }, [['--data', 'unknown field "avatarId"; did you mean "avatar_id"?']]],
    [
      { voice_settings: { tempo: 1 } },
      [
        [
          '--data',
          'unknown field "tempo" in "voice_settings"; the API would reject it (known fields: speed, pitch, volume, locale, engine_settings)',
        ],
      ],
    ],
    [
      { engine: { type: 'avatar_v', look: 1 } },
      [['--data', 'unknown field "look" in "engine"; the API would reject it (known fields: type, reference_look_id)']],
    ],
    [
      { watermark: { image: { type: 'url', url: 'https://x.test/w.png', extra: 1 } } },
      [['--data', 'unknown field "extra" in "watermark.image"; the API would reject it']],
    ],
    [{ type: 'image' }, [['--data', 'type: must be "avatar", the only video type twin creates (got "image")']]],
    [{ type: undefined }, [['--data', 'type: must be "avatar", the only video type twin creates']]],
    [{ avatar_id: undefined }, [['--look', 'is required: the look id (see `twin looks list`)']]],
    [{ avatar_id: 5 }, [['--look', 'must be text (got 5)']]],
    [{ avatar_id: '  ' }, [['--look', 'must not be empty']]],
    [{ voice_id: '' }, [['--voice', 'must not be empty']]],
  ])('%j', (extra, problems) => {
    expect(checkLocalRules({ ...base, ...extra } as CreateVideoBody).map((p) => [p.flag, p.message])).toEqual(problems);
  });
});

describe('isHttpUrl', () => {
  it('takes https, and http unless told not to; nothing else', () => {
    expect([
      isHttpUrl('https://a'),
      isHttpUrl('http://a'),
      isHttpUrl('http://a', true),
      isHttpUrl('https://a', true),
      isHttpUrl('ftp://a'),
      isHttpUrl('nope'),
    ]).toEqual([true, true, false, true, false, false]);
  });
});
