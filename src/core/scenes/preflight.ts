// Checks before any upload or credit (contract §9.5): scene count, narration length, slide
// lengths, every look (exists, completed, lists the scene's engine), Avatar III without motion or
// expressiveness, a look whose orientation does not fit the canvas (warned: it is center-cropped),
// and every local file (exists, is of a type the scene takes). All problems are listed at once.
import type { HeyGenClient, Look } from '../../api/index.js';
import { STUDIO_IMAGE_SECONDS_MAX, STUDIO_SCENES_MAX, type StudioVideoBody } from '../../api/studio-body.js';
import { ApiError, UsageError } from '../../shared/errors.js';
import { checkMediaFile, type MediaFile } from '../media/media-file.js';
import { DEFAULT_ENGINE, SCRIPT_MAX_CHARS } from '../../shared/video-facts.js';
import { lookStatusReason } from '../video/preflight.js';
import { whereScene, type LoadedScenes } from './load.js';
import { sceneMediaRefs, type SceneMediaRef } from './to-body.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export interface CheckedSceneMedia extends SceneMediaRef {
  file: MediaFile;
}

export interface ScenesVerdict {
  problems: string[];
  warnings: string[];
  media: CheckedSceneMedia[];
  /** Looks checked against the API (false without a key: `scenes check` offline). */
  looksChecked: boolean;
}

/** Canvas orientation of an aspect ratio (auto is sent as 16:9 by nobody: twin never sends auto). */
function canvasOrientation(aspect: string | null | undefined): 'landscape' | 'portrait' | 'square' {
  if (aspect === '9:16' || aspect === '4:5') return 'portrait';
  if (aspect === '1:1') return 'square';
  return 'landscape';
}

async function lookOnce(api: Pick<HeyGenClient, 'getLook'>, cache: Map<string, Promise<Look | null>>, id: string): Promise<Look | null> {
  let found = cache.get(id);
  if (!found) {
    found = api.getLook(id).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    });
    cache.set(id, found);
  }
  return found;
}

function localRules(body: StudioVideoBody, at: (n: number) => string, problems: string[], warnings: string[]): void {
  const count = body.scenes.length;
  if (count < 1 || count > STUDIO_SCENES_MAX) problems.push(`a video holds 1 to ${STUDIO_SCENES_MAX} scenes; this file has ${count}`);
  let total = 0;
  body.scenes.forEach((scene, i) => {
    const where = at(i + 1);
    const script = scene.type === 'avatar_video' ? scene.input.script : scene.type === 'image' ? scene.script : undefined;
    if (typeof script === 'string') {
      total += script.length;
      if (script.trim() === '') problems.push(`${where}: the narration is empty`);
      if (script.length > SCRIPT_MAX_CHARS)
        problems.push(`${where}: the narration is ${script.length} characters; a scene takes at most ${SCRIPT_MAX_CHARS}`);
    }
    if (scene.type === 'image' && scene.duration !== undefined) {
      if (!(scene.duration > 0 && scene.duration <= STUDIO_IMAGE_SECONDS_MAX)) {
        problems.push(`${where}: a slide lasts more than 0 and at most ${STUDIO_IMAGE_SECONDS_MAX} seconds (got ${scene.duration})`);
      }
    }
    if (scene.type === 'avatar_video' && (scene.input.avatar_id ?? '') === '')
      problems.push(`${where}: no look: add [look: ID] or pass --look`);
    const input = scene.type === 'avatar_video' ? scene.input : undefined;
    if (input?.engine?.type === 'avatar_iii' && (input.motion_prompt != null || input.expressiveness != null)) {
      problems.push(`${where}: avatar_iii takes no motion prompt or expressiveness`);
    }
  });
  // §9.5: whether the 5,000-character limit counts per scene or per request is unconfirmed.
  if (total > SCRIPT_MAX_CHARS) {
    warnings.push(
      `The narration totals ${total} characters; each scene is within ${SCRIPT_MAX_CHARS}, but the API may count the whole video.`,
    );
  }
}

/**
 * Every check of §9.5. `api` undefined skips the look checks (no key: `scenes check` offline).
 * Local files are checked relative to the scene file's folder.
 */
export async function checkScenes(loaded: LoadedScenes, api: Pick<HeyGenClient, 'getLook'> | undefined): Promise<ScenesVerdict> {
  const { body } = loaded;
  const problems: string[] = [];
  const warnings: string[] = [];
  const at = (n: number) => whereScene(loaded, n);
  localRules(body, at, problems, warnings);

  const media: CheckedSceneMedia[] = [];
  for (const ref of sceneMediaRefs(body)) {
    try {
      const file = await checkMediaFile(ref.path, { where: at(ref.scene), flag: '--scenes', kinds: ref.kinds, cwd: loaded.baseDir });
      media.push({ ...ref, file });
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      problems.push(error.message.replace(/\.$/, ''));
    }
  }

  if (api) {
    const cache = new Map<string, Promise<Look | null>>();
    const canvas = canvasOrientation(body.aspect_ratio);
    for (const [i, scene] of body.scenes.entries()) {
      if (scene.type !== 'avatar_video' || !scene.input.avatar_id) continue;
      const where = at(i + 1);
      const id = scene.input.avatar_id;
      const look = await lookOnce(api, cache, id);
      if (!look) {
        problems.push(
          `${where}: no look "${id}" exists for this account (see \`${twinInvocation()} looks list --type all --ownership all\`)`,
        );
        continue;
      }
      const why = lookStatusReason(look);
      if (look.status != null && look.status !== 'completed')
        problems.push(`${where}: look ${id} is not ready for video (${why ?? look.status})`);
      const engine = scene.input.engine?.type ?? DEFAULT_ENGINE;
      const supported = look.supported_api_engines ?? [];
      if (supported.length > 0 && !supported.includes(engine)) {
        problems.push(`${where}: look ${id} does not support ${engine}; it supports ${supported.join(', ')} ([engine: …] or --engine)`);
      }
      const orientation = look.preferred_orientation;
      if (orientation && orientation !== 'square' && orientation !== canvas) {
        warnings.push(
          `${where}: look ${id} is ${orientation} on a ${canvas} canvas (${body.aspect_ratio ?? '16:9'}); it will be center-cropped.`,
        );
      }
    }
  }
  return { problems, warnings, media, looksChecked: api !== undefined };
}

/** One usage error (exit 2) listing every problem; nothing was sent. */
export function assertScenes(loaded: Pick<LoadedScenes, 'display'>, verdict: ScenesVerdict): void {
  if (verdict.problems.length === 0) return;
  const list = verdict.problems;
  throw new UsageError(list.length === 1 ? list[0]! : `${list.length} problems in ${loaded.display}:\n  ${list.join('\n  ')}`, {
    suggestion: 'Nothing was uploaded or sent and no credits were spent; fix the scene file and run again.',
    details: { file: loaded.display, problems: list },
  });
}
