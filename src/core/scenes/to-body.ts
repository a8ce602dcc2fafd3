// Scene drafts (or the JSON form's scene objects) → the studio body of POST /v3/videos (§9.3),
// with the command line's and the settings' look, voice and engine as defaults. A local file is
// written as a `local-file:PATH` placeholder asset id (as for --audio) until it is uploaded.
import type { Engine } from '../../shared/video-facts.js';
import type { StudioScene, StudioVideoBody } from '../../api/studio-body.js';
import { LOCAL_FILE_PREFIX, localPlaceholder, type MediaSource } from '../media/local-media.js';
import type { MediaKind } from '../../shared/media-type.js';
import { sceneError } from './parse-text.js';
import type { MediaRef, SceneDraft, SceneFile } from './scene-types.js';

/** What a talking scene uses when it names no look, voice or engine of its own. */
export interface SceneDefaults {
  look?: string;
  voice?: string;
  engine?: Engine;
}

/** The settings of the whole video (§9.2). */
export type StudioSettings = Omit<StudioVideoBody, 'type' | 'scenes'>;

type AssetField = { type: 'url'; url: string } | { type: 'asset_id'; asset_id: string };

function assetInput(source: MediaSource): AssetField {
  if (source.kind === 'url') return { type: 'url', url: source.url };
  return { type: 'asset_id', asset_id: source.kind === 'asset' ? source.id : localPlaceholder(source.path) };
}

/** audio_url or audio_asset_id for an [audio: …] directive. */
function audioFields(ref: MediaRef): { audio_url: string } | { audio_asset_id: string } {
  const input = assetInput(ref.source);
  return input.type === 'url' ? { audio_url: input.url } : { audio_asset_id: input.asset_id };
}

function sceneOf(file: SceneFile, draft: SceneDraft, defaults: SceneDefaults): StudioScene {
  if (draft.kind === 'clip') {
    const playback = draft.mute ? { mute: true } : draft.volume !== undefined ? { volume: draft.volume } : undefined;
    return { type: 'video', source: assetInput(draft.media.source), ...(playback ? { playback } : {}) };
  }
  const speed = draft.speed === undefined ? {} : { voice_settings: { speed: draft.speed } };
  const voice = draft.voice ?? defaults.voice;
  if (draft.kind === 'slide') {
    if (draft.seconds !== undefined) return { type: 'image', source: assetInput(draft.media.source), duration: draft.seconds };
    if (draft.audio) return { type: 'image', source: assetInput(draft.media.source), ...audioFields(draft.audio) };
    if (voice === undefined) {
      throw sceneError(
        file.display,
        draft.at,
        `scene ${draft.number} (a narrated slide) needs a voice: add [voice: ID] or pass --voice`,
        'A slide has no look to take a default voice from (§9.3).',
      );
    }
    return { type: 'image', source: assetInput(draft.media.source), script: draft.text ?? '', voice_id: voice, ...speed };
  }
  const look = draft.look ?? defaults.look;
  if (look === undefined) {
    throw sceneError(file.display, draft.at, `scene ${draft.number} needs a look: add [look: ID] or pass --look`);
  }
  const engine = draft.engine ?? defaults.engine;
  const input: Extract<StudioScene, { type: 'avatar_video' }>['input'] = {
    type: 'avatar',
    avatar_id: look,
    ...(draft.audio ? audioFields(draft.audio) : { script: draft.text ?? '' }),
    // Without a voice the look's default voice speaks (§4.3 rule 2).
    ...(voice !== undefined && !draft.audio ? { voice_id: voice } : {}),
    ...speed,
    ...(engine !== undefined ? { engine: { type: engine } } : {}),
    ...(draft.background !== undefined ? { background: { type: 'color', color: draft.background } } : {}),
    ...(draft.motion !== undefined ? { motion_prompt: draft.motion } : {}),
  } as Extract<StudioScene, { type: 'avatar_video' }>['input'];
  return { type: 'avatar_video', input };
}

export function toStudioBody(file: SceneFile, defaults: SceneDefaults, settings: StudioSettings = {}): StudioVideoBody {
  const scenes = file.scenes.map((d) => sceneOf(file, d, defaults));
  return { type: 'studio', scenes, ...dropUndefined(settings) };
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A field of the body that still names a local file. */
export interface SceneMediaRef {
  /** 1-based scene number. */
  scene: number;
  /** Path inside the scene object: `source.asset_id`, `input.audio_asset_id`, `audio_asset_id`. */
  field: string;
  kinds: readonly MediaKind[];
  path: string;
}

function localPath(v: unknown): string | undefined {
  return typeof v === 'string' && v.startsWith(LOCAL_FILE_PREFIX) ? v.slice(LOCAL_FILE_PREFIX.length) : undefined;
}

export function sceneMediaRefs(body: StudioVideoBody): SceneMediaRef[] {
  const refs: SceneMediaRef[] = [];
  body.scenes.forEach((scene, i) => {
    const push = (field: string, value: unknown, kinds: readonly MediaKind[]) => {
      const path = localPath(value);
      if (path !== undefined) refs.push({ scene: i + 1, field, kinds, path });
    };
    if (scene.type === 'avatar_video') push('input.audio_asset_id', scene.input.audio_asset_id, ['audio']);
    else {
      if (scene.source.type === 'asset_id') push('source.asset_id', scene.source.asset_id, [scene.type === 'image' ? 'image' : 'video']);
      if (scene.type === 'image') push('audio_asset_id', scene.audio_asset_id, ['audio']);
    }
  });
  return refs;
}

/** Replaces every placeholder with the asset its file became (same file → same asset). */
export function useSceneUploads(body: StudioVideoBody, assetFor: ReadonlyMap<string, string>): StudioVideoBody {
  const out = structuredClone(body);
  const swap = (v: string | null | undefined) => {
    const path = localPath(v);
    return path === undefined ? v : (assetFor.get(path) ?? v);
  };
  for (const scene of out.scenes) {
    if (scene.type === 'avatar_video') {
      if (scene.input.audio_asset_id != null) scene.input.audio_asset_id = swap(scene.input.audio_asset_id);
      continue;
    }
    if (scene.source.type === 'asset_id') scene.source.asset_id = swap(scene.source.asset_id) as string;
    if (scene.type === 'image' && scene.audio_asset_id !== undefined) scene.audio_asset_id = swap(scene.audio_asset_id) as string;
  }
  return out;
}
