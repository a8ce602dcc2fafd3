// The JSON form of a scene file (for generated content): an array of the API's scene objects
// (§9.3), where a local path may stand in place of an asset id. Talking scenes without a look,
// voice or engine take the defaults, as in the text form. The unconfirmed forms of §9.4 are
// refused here, so they are never sent.
import type { StudioScene } from '../../api/studio-body.js';
import { UsageError } from '../../shared/errors.js';
import { localPlaceholder, parseMediaSource } from '../media/local-media.js';
import type { SceneDefaults } from './to-body.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(file: string, scene: number | null, message: string): never {
  throw new UsageError(`${file}: ${scene === null ? '' : `scene ${scene}: `}${message}`, {
    details: { file, ...(scene === null ? {} : { scene }) },
    suggestion: `Fix the JSON scene file; \`${twinInvocation()} scenes check FILE\` checks it without sending anything.`,
  });
}

/** A local path written where an asset id goes becomes the upload placeholder. */
function localToPlaceholder(obj: Obj, key: string): void {
  const v = obj[key];
  if (typeof v !== 'string') return;
  const source = parseMediaSource(v);
  if (source?.kind === 'file') obj[key] = localPlaceholder(source.path);
}

export function parseSceneJson(text: string, file: string, defaults: SceneDefaults): StudioScene[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    fail(file, null, `is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) fail(file, null, 'must hold a JSON array of scene objects');
  if (parsed.length === 0) fail(file, null, 'holds no scene');
  return parsed.map((raw, i) => {
    const n = i + 1;
    if (!isObj(raw)) fail(file, n, 'each scene is a JSON object');
    const scene = structuredClone(raw);
    const type = scene['type'];
    if (type === 'avatar_video') {
      const input = scene['input'];
      if (!isObj(input)) fail(file, n, 'an avatar_video scene needs an input object');
      input['type'] ??= 'avatar';
      if (input['type'] !== 'avatar') {
        fail(
          file,
          n,
          `input.type ${JSON.stringify(input['type'])} is a form the API has not confirmed; twin sends only input.type "avatar" (use a photo avatar's look id for a talking photo)`,
        );
      }
      if (input['avatar_id'] === undefined && defaults.look !== undefined) input['avatar_id'] = defaults.look;
      const narrated = input['audio_url'] == null && input['audio_asset_id'] == null;
      if (narrated && input['voice_id'] === undefined && defaults.voice !== undefined) input['voice_id'] = defaults.voice;
      if (input['engine'] === undefined && defaults.engine !== undefined) input['engine'] = { type: defaults.engine };
      localToPlaceholder(input, 'audio_asset_id');
    } else if (type === 'image' || type === 'video') {
      const source = scene['source'];
      if (!isObj(source)) fail(file, n, `an ${type} scene needs a source object ({"type": "asset_id", "asset_id": "deck/01.png"})`);
      localToPlaceholder(source, 'asset_id');
      if (type === 'video') {
        const voiceover = ['script', 'voice_id', 'audio_url', 'audio_asset_id', 'voice_settings'].find((k) => scene[k] !== undefined);
        if (voiceover)
          fail(
            file,
            n,
            `a voiceover on a video scene (${voiceover}) is a form the API has not confirmed; put the narration in a scene of its own`,
          );
      } else {
        if (typeof scene['script'] === 'string' && scene['voice_id'] === undefined && defaults.voice !== undefined)
          scene['voice_id'] = defaults.voice;
        localToPlaceholder(scene, 'audio_asset_id');
      }
    } else {
      fail(file, n, `type must be avatar_video, image or video (got ${JSON.stringify(type)})`);
    }
    return scene as unknown as StudioScene;
  });
}
