import { describe, expect, it } from 'vitest';
import { fixture } from '../../src/sandbox/fixtures.js';
import { BASIC_VIDEO, call, expectError, post, sandbox, uploadAsset } from './helpers.js';

const base = BASIC_VIDEO;
const CASES: Array<[string, Record<string, unknown>, string]> = [
  ['type missing', { type: undefined }, 'type'],
  ['type not emulated', { type: 'cinematic_avatar' }, 'type'],
  ['avatar_id missing', { avatar_id: undefined }, 'avatar_id'],
  ['unknown avatar_id (400, not 404)', { avatar_id: 'lk_missing' }, 'avatar_id'],
  ['look still training', { avatar_id: 'lk_jordan_new' }, 'avatar_id'],
  ['look failed training', { avatar_id: 'lk_riley_failed' }, 'avatar_id'],
  ['unknown voice_id', { voice_id: 'v_missing' }, 'voice_id'],
  ['voice clone still processing', { voice_id: 'v_clone_jordan' }, 'voice_id'],
  ['no voice and no default voice', { avatar_id: 'lk_sam_desk' }, 'voice_id'],
  ['bad resolution', { resolution: '8k' }, 'resolution'],
  ['bad aspect_ratio', { aspect_ratio: '21:9' }, 'aspect_ratio'],
  ['bad fit', { fit: 'stretch' }, 'fit'],
  ['bad output_format', { output_format: 'mov' }, 'output_format'],
  ['bad expressiveness', { expressiveness: 'wild' }, 'expressiveness'],
  ['bad engine.type', { engine: { type: 'avatar_vi' } }, 'engine.type'],
  ['engine without type', { engine: {} }, 'engine.type'],
  ['engine not supported by the look', { avatar_id: 'lk_alex_studio', engine: { type: 'avatar_v' } }, 'engine.type'],
  ['avatar_iii not supported by the look', { engine: { type: 'avatar_iii' } }, 'engine.type'],
  ['empty script', { script: '' }, 'script'],
  ['blank script', { script: '   ' }, 'script'],
  ['script too long', { script: 'a'.repeat(5001) }, 'script'],
  ['script is not a string', { script: 42 }, 'script'],
  ['script with audio_url', { audio_url: 'https://example.com/a.mp3' }, 'audio_url'],
  ['script with audio_asset_id', { audio_asset_id: 'as_1' }, 'audio_asset_id'],
  [
    'audio_url with audio_asset_id',
    { script: undefined, audio_url: 'https://example.com/a.mp3', audio_asset_id: 'as_1' },
    'audio_asset_id',
  ],
  ['neither script nor audio', { script: undefined }, 'script'],
  ['audio_url not a URL', { script: undefined, audio_url: 'not a url' }, 'audio_url'],
  ['expressiveness on avatar_v', { engine: { type: 'avatar_v' }, expressiveness: 'high' }, 'expressiveness'],
  ['motion_prompt for a digital twin on avatar_iv', { engine: { type: 'avatar_iv' }, motion_prompt: 'wave' }, 'motion_prompt'],
  ['motion_prompt for a digital twin with engine omitted', { motion_prompt: 'wave' }, 'motion_prompt'],
  ['motion_prompt on avatar_iii', { avatar_id: 'lk_photo_max', engine: { type: 'avatar_iii' }, motion_prompt: 'nod' }, 'motion_prompt'],
  ['background with webm', { output_format: 'webm', background: { type: 'color', value: '#ffffff' } }, 'background'],
  ['webm on a look without matting', { avatar_id: 'lk_sam_desk', voice_id: 'v_en_m_01', output_format: 'webm' }, 'output_format'],
  ['remove_background without matting', { avatar_id: 'lk_sam_desk', voice_id: 'v_en_m_01', remove_background: true }, 'remove_background'],
  ['background type unknown', { background: { type: 'video' } }, 'background.type'],
  ['background color not #RRGGBB', { background: { type: 'color', value: 'red' } }, 'background.value'],
  ['background color short hex', { background: { type: 'color', value: '#fff' } }, 'background.value'],
  ['background image with neither url nor asset_id', { background: { type: 'image' } }, 'background'],
  ['background image with both', { background: { type: 'image', url: 'https://e.com/b.png', asset_id: 'as_1' } }, 'background'],
  ['speed too low', { voice_settings: { speed: 0.4 } }, 'voice_settings.speed'],
  ['speed too high', { voice_settings: { speed: 1.6 } }, 'voice_settings.speed'],
  ['pitch out of range', { voice_settings: { pitch: 51 } }, 'voice_settings.pitch'],
  ['volume out of range', { voice_settings: { volume: 1.5 } }, 'voice_settings.volume'],
  [
    'engine_settings not matching the voice',
    { voice_id: 'v_en_f_02', voice_settings: { engine_settings: { engine_type: 'fish' } } },
    'voice_settings.engine_settings.engine_type',
  ],
  ['caption file_format', { caption: { file_format: 'vtt' } }, 'caption.file_format'],
  ['caption style', { caption: { style: 'fancy' } }, 'caption.style'],
  [
    'reference_look_id in another group',
    { engine: { type: 'avatar_v', reference_look_id: 'lk_maya_instant' } },
    'engine.reference_look_id',
  ],
  [
    'reference_look_id not an instant avatar',
    { engine: { type: 'avatar_v', reference_look_id: 'lk_alex_studio' } },
    'engine.reference_look_id',
  ],
  ['reference_look_id unknown', { engine: { type: 'avatar_v', reference_look_id: 'lk_nope' } }, 'engine.reference_look_id'],
  ['4k for a photo avatar on avatar_iii', { avatar_id: 'lk_photo_max', engine: { type: 'avatar_iii' }, resolution: '4k' }, 'resolution'],
  ['callback_url not a URL', { callback_url: 'nowhere' }, 'callback_url'],
  ['watermark without image', { watermark: { opacity: 0.5 } }, 'watermark.image'],
  ['remove_background not boolean', { remove_background: 'yes' }, 'remove_background'],
];

describe('sandbox: POST /v3/videos validation (400 invalid_parameter with param)', () => {
  it.each(CASES)('%s', async (_name, patch, param) => {
    const sb = await sandbox();
    const body: Record<string, unknown> = { ...base, ...patch };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    const res = await post(sb, '/v3/videos', body);
    expectError(res, 400, 'invalid_parameter', param);
    expect(res.body.error.message.length).toBeGreaterThan(5);
    expect(sb.counters.rendered).toBe(0);
  });

  it('rejects a body that is not JSON or not an object', async () => {
    const sb = await sandbox();
    expectError(await call(sb, 'POST', '/v3/videos', '{"type":'), 400, 'invalid_parameter');
    expectError(await call(sb, 'POST', '/v3/videos', '[1,2]'), 400, 'invalid_parameter');
    expectError(await call(sb, 'POST', '/v3/videos'), 400, 'invalid_parameter');
  });

  it('accepts every valid combination the rules allow', async () => {
    const sb = await sandbox({ concurrencyLimit: 100 });
    // Asset ids must name finished uploads of the right kind.
    const image = await uploadAsset(sb, fixture('thumbnail.jpg'));
    const audio = await uploadAsset(sb, fixture('voice-preview.mp3'));
    const ok: Array<Record<string, unknown>> = [
      { engine: { type: 'avatar_v' }, motion_prompt: 'lean in' },
      { engine: { type: 'avatar_v', reference_look_id: 'lk_alex_instant' } },
      { engine: { type: 'avatar_iv' }, expressiveness: 'high' },
      { avatar_id: 'lk_photo_luna', motion_prompt: 'smile' },
      { avatar_id: 'lk_studio_anna', engine: { type: 'avatar_iii' }, resolution: '4k' },
      { output_format: 'webm' },
      { background: { type: 'color', value: '#00FF7f' }, resolution: '1080p', aspect_ratio: 'auto', fit: 'cover' },
      { background: { type: 'image', asset_id: image } },
      { voice_id: 'v_es_f_01', voice_settings: { speed: 1.5, pitch: -50, volume: 0, locale: 'es-MX' } },
      { voice_id: 'v_en_f_01', voice_settings: { engine_settings: { engine_type: 'elevenlabs', model: 'eleven_v3' } } },
      { script: undefined, audio_url: 'https://example.com/voice.mp3' },
      { script: undefined, audio_asset_id: audio },
      { script: 'x'.repeat(5000), caption: { file_format: 'srt', style: 'default' } },
      { avatar_id: 'lk_sam_desk', voice_id: 'v_en_m_02' },
      { watermark: { image: { type: 'url', url: 'https://e.com/w.png' }, opacity: 0.5, placement: { position: 'top_left' } } },
    ];
    for (const patch of ok) {
      const body: Record<string, unknown> = { ...base, ...patch };
      for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
      const res = await post(sb, '/v3/videos', body);
      expect(res.status, JSON.stringify({ patch, res: res.body })).toBe(200);
      expect(res.body.data).toMatchObject({ status: 'waiting', output_format: patch['output_format'] ?? 'mp4' });
    }
  });
});
