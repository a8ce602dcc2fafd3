// Field-level checks for POST /v3/videos bodies. Each failure names the field as `param`, prefixed
// with `videos[i].` when the body is one item of a batch.
import { invalidParameter } from './errors.js';
import { onlyFields } from './strict.js';
import {
  CAPTION_FILE_FORMAT,
  CAPTION_STYLE,
  ELEVENLABS_MODELS,
  FISH_MODELS,
  VOICE_ENGINE_TYPES,
  VOICE_PITCH,
  VOICE_SPEED,
  VOICE_VOLUME,
  WATERMARK_POSITIONS,
} from '../shared/video-facts.js';
import type { SeedVoice } from './data/voices.js';

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class Fields {
  constructor(
    private readonly body: Json,
    readonly prefix: string,
  ) {}

  param(name: string): string {
    return `${this.prefix}${name}`;
  }

  fail(name: string, message: string): never {
    throw invalidParameter(this.param(name), message);
  }

  str(name: string, from: Json = this.body, path = name): string | null {
    const v = from[name];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') this.fail(path, `${path} must be a string`);
    return v;
  }

  enumOf<T extends string>(name: string, values: readonly T[], from: Json = this.body, path = name): T | null {
    const v = this.str(name, from, path);
    if (v === null) return null;
    if (!(values as readonly string[]).includes(v)) {
      this.fail(path, `${path} must be one of ${values.join(', ')}`);
    }
    return v as T;
  }

  bool(name: string): boolean | null {
    const v = this.body[name];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'boolean') this.fail(name, `${name} must be a boolean`);
    return v;
  }

  num(from: Json, name: string, path: string, min: number, max: number, range: string): number | null {
    const v = from[name];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      this.fail(path, `${path} must be a number ${range}`);
    }
    return v;
  }

  obj(name: string, from: Json = this.body, path = name): Json | null {
    const v = from[name];
    if (v === undefined || v === null) return null;
    if (!isObject(v)) this.fail(path, `${path} must be an object`);
    return v;
  }

  httpUrl(name: string, value: string | null): void {
    if (value === null) return;
    let ok = false;
    try {
      const u = new URL(value);
      ok = u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      ok = false;
    }
    if (!ok) this.fail(name, `${name} must be an http(s) URL`);
  }
}

export interface Background {
  type: 'color' | 'image';
  value?: string;
  url?: string;
  asset_id?: string;
}

export function checkBackground(f: Fields, bg: Json): Background {
  const type = f.enumOf('type', ['color', 'image'] as const, bg, 'background.type');
  if (type === null) f.fail('background.type', 'background.type is required (color or image)');
  onlyFields(bg, type === 'color' ? ['type', 'value'] : ['type', 'url', 'asset_id'], f.param('background.'));
  if (type === 'color') {
    const value = f.str('value', bg, 'background.value');
    if (value === null || !/^#[0-9a-fA-F]{6}$/.test(value)) {
      f.fail('background.value', 'background.value must be a hex colour like #1a2b3c');
    }
    return { type, value };
  }
  const url = f.str('url', bg, 'background.url');
  const assetId = f.str('asset_id', bg, 'background.asset_id');
  if ((url === null) === (assetId === null)) {
    f.fail('background', 'background of type image needs exactly one of url or asset_id');
  }
  if (url !== null) f.httpUrl('background.url', url);
  return url !== null ? { type, url } : { type, asset_id: assetId as string };
}

const ENGINE_SETTINGS_FIELDS = {
  elevenlabs: ['engine_type', 'model', 'stability', 'similarity_boost', 'style', 'use_speaker_boost'],
  fish: ['engine_type', 'model', 'stability', 'similarity'],
  starfish: ['engine_type'],
} as const;

export function checkVoiceSettings(f: Fields, vs: Json, voice: SeedVoice | null): void {
  onlyFields(vs, ['speed', 'pitch', 'volume', 'locale', 'engine_settings'], f.param('voice_settings.'));
  for (const [name, { min, max }] of [
    ['speed', VOICE_SPEED],
    ['pitch', VOICE_PITCH],
    ['volume', VOICE_VOLUME],
  ] as const) {
    f.num(vs, name, `voice_settings.${name}`, min, max, `between ${min} and ${max}`);
  }
  f.str('locale', vs, 'voice_settings.locale');
  const es = f.obj('engine_settings', vs, 'voice_settings.engine_settings');
  if (es === null) return;
  const path = 'voice_settings.engine_settings';
  const engineType = f.enumOf('engine_type', VOICE_ENGINE_TYPES, es, `${path}.engine_type`);
  if (engineType === null) f.fail(`${path}.engine_type`, `${path}.engine_type is required`);
  onlyFields(es, ENGINE_SETTINGS_FIELDS[engineType], f.param(`${path}.`));
  if (engineType === 'elevenlabs') {
    f.enumOf('model', ELEVENLABS_MODELS, es, `${path}.model`);
    for (const k of ['stability', 'similarity_boost', 'style']) f.num(es, k, `${path}.${k}`, 0, 1, 'between 0 and 1');
  } else if (engineType === 'fish') {
    f.enumOf('model', FISH_MODELS, es, `${path}.model`);
    for (const k of ['stability', 'similarity']) f.num(es, k, `${path}.${k}`, 0, 1, 'between 0 and 1');
  }
  if (voice && !voice.engines.includes(engineType)) {
    f.fail(`${path}.engine_type`, `voice ${voice.id} does not run on ${engineType}; it supports ${voice.engines.join(', ')}`);
  }
}

export function checkCaption(f: Fields, caption: Json): string | null {
  onlyFields(caption, ['file_format', 'style'], f.param('caption.'));
  f.enumOf('file_format', [CAPTION_FILE_FORMAT], caption, 'caption.file_format');
  return f.enumOf('style', [CAPTION_STYLE], caption, 'caption.style');
}

/** AssetInput (§2.5) is a union on `type`; each variant has its own fields. */
const ASSET_INPUT_FIELDS = { url: ['type', 'url'], asset_id: ['type', 'asset_id'], base64: ['type', 'media_type', 'data'] } as const;

export function checkWatermark(f: Fields, wm: Json): void {
  onlyFields(wm, ['image', 'opacity', 'scale', 'placement'], f.param('watermark.'));
  const image = f.obj('image', wm, 'watermark.image');
  if (image === null) f.fail('watermark.image', 'watermark.image is required');
  const kind = f.enumOf('type', ['url', 'asset_id', 'base64'] as const, image, 'watermark.image.type');
  if (kind === null) f.fail('watermark.image.type', 'watermark.image.type is required');
  onlyFields(image, ASSET_INPUT_FIELDS[kind], f.param('watermark.image.'));
  const field = kind === 'base64' ? 'data' : kind;
  if (f.str(field, image, `watermark.image.${field}`) === null) {
    f.fail(`watermark.image.${field}`, `watermark.image.${field} is required`);
  }
  f.num(wm, 'opacity', 'watermark.opacity', 0, 1, 'between 0 and 1');
  f.num(wm, 'scale', 'watermark.scale', 0.01, 10, 'between 0.01 and 10');
  const placement = f.obj('placement', wm, 'watermark.placement');
  if (placement) {
    onlyFields(placement, ['position', 'offset_x', 'offset_y'], f.param('watermark.placement.'));
    f.enumOf('position', WATERMARK_POSITIONS, placement, 'watermark.placement.position');
    f.num(placement, 'offset_x', 'watermark.placement.offset_x', -1, 1, 'between -1 and 1');
    f.num(placement, 'offset_y', 'watermark.placement.offset_y', -1, 1, 'between -1 and 1');
  }
}
