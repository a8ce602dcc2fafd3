// A multi-scene video from a scene file (contract §9), with no terminal I/O: file → parse →
// pre-flight (no upload, no credit) → estimate and --max-minutes → upload each distinct local file
// once → one keyed POST /v3/videos. Waiting and downloading are flows/video.ts's followVideo.
import type { HeyGenClient } from '../api/index.js';
import type { StudioVideoBody } from '../api/studio-body.js';
import type { MediaFile } from '../core/media/media-file.js';
import { assertMaxMinutes, estimateScenes, type ScenesEstimate } from '../core/scenes/estimate.js';
import { explainStudioError } from '../core/scenes/explain.js';
import { loadScenes, type LoadedScenes } from '../core/scenes/load.js';
import { assertScenes, checkScenes, type CheckedSceneMedia, type ScenesVerdict } from '../core/scenes/preflight.js';
import { useSceneUploads, type SceneDefaults, type StudioSettings } from '../core/scenes/to-body.js';

export { followVideo } from './video.js';

interface ScenesRequest {
  /** The scene file as given. */
  file: string;
  cwd: string;
  defaults: SceneDefaults;
  settings?: StudioSettings;
  /** Refuse (exit 2) when the estimate is longer. */
  maxMinutes?: number;
}

export interface PreparedScenes {
  loaded: LoadedScenes;
  verdict: ScenesVerdict;
  estimate: ScenesEstimate;
}

/**
 * Everything that costs nothing: parse, pre-flight, estimate. Throws a UsageError (exit 2) for any
 * problem or an estimate over maxMinutes. `api` undefined skips the look checks (no key).
 */
export async function prepareScenes(api: Pick<HeyGenClient, 'getLook'> | undefined, request: ScenesRequest): Promise<PreparedScenes> {
  const loaded = loadScenes(request.file, request.cwd, request.defaults, request.settings);
  const verdict = await checkScenes(loaded, api);
  assertScenes(loaded, verdict);
  const estimate = estimateScenes(loaded.body, verdict.media);
  assertMaxMinutes(estimate, request.maxMinutes);
  return { loaded, verdict, estimate };
}

export interface ScenesCreateResult {
  video_id: string;
  status: string;
  output_format: string;
  idempotency_key: string;
  /** The body as sent (real asset ids in place of the local files). */
  request: StudioVideoBody;
  uploads: Array<{ path: string; asset_id: string }>;
}

interface SubmitScenesOptions {
  /** Uploads one checked file (ui/media-upload.ts's uploader: cache, progress). */
  upload: (file: MediaFile) => Promise<{ asset_id: string }>;
  idempotencyKey?: string;
}

/**
 * Uploads each distinct local file of a studio body once (`byFile`: absolute path → asset id,
 * shared by the rows of a batch) and gives the body with the asset ids in place of the files.
 */
export async function uploadSceneFiles(
  body: StudioVideoBody,
  media: readonly CheckedSceneMedia[],
  upload: SubmitScenesOptions['upload'],
  byFile: Map<string, string>,
  uploads: ScenesCreateResult['uploads'] = [],
): Promise<StudioVideoBody> {
  const assetFor = new Map<string, string>();
  for (const m of media) {
    let id = byFile.get(m.file.path);
    if (id === undefined) {
      id = (await upload(m.file)).asset_id;
      byFile.set(m.file.path, id);
      uploads.push({ path: m.file.display, asset_id: id });
    }
    assetFor.set(m.path, id);
  }
  return useSceneUploads(body, assetFor);
}

/** Uploads each distinct local file once, then one keyed create; a 'not offered' answer is explained (§9.1). */
export async function submitScenes(
  api: Pick<HeyGenClient, 'createVideo'>,
  prepared: PreparedScenes,
  options: SubmitScenesOptions,
): Promise<ScenesCreateResult> {
  const uploads: ScenesCreateResult['uploads'] = [];
  const body = await uploadSceneFiles(prepared.loaded.body, prepared.verdict.media, options.upload, new Map(), uploads);
  try {
    const created = await api.createVideo(body, { idempotencyKey: options.idempotencyKey });
    return {
      video_id: created.video_id,
      status: created.status,
      output_format: created.output_format ?? 'mp4',
      idempotency_key: created.idempotencyKey,
      request: body,
      uploads,
    };
  } catch (error) {
    throw explainStudioError(error);
  }
}
