// createVideo for library users: the friendly input the CLI's flags make (`{ look, script, voice,
// … }`) or a raw POST /v3/videos body. Either may name local files (`audio: './voice.mp3'`,
// `background: './office.png'`). They are checked before anything is sent (a bad
// file is a UsageError, exit 2), uploaded after the pre-flight with the checks and the upload cache
// `twin video create` uses, and the create gets their asset ids: a local path never reaches the API.
import type { HeyGenClient } from '../api/client.js';
import type { CreateVideoBody } from '../api/video-body.js';
import type { VideoInput } from '../core/video/input.js';
import { buildCreateBody } from '../core/video/request.js';
import { checkLocalMedia, useUploadedIds } from '../core/media/local-media.js';
import { assertPreflight, type PreflightCache } from '../core/video/preflight.js';
import { checkVideoRequest, submitVideo, type CreateResult } from '../flows/video.js';
import { UsageError } from '../shared/errors.js';
import { uploadCheckedFile, type UploadAssetOptions } from './upload.js';

export interface CreateVideoOptions {
  idempotencyKey?: string;
  preflightCache?: PreflightCache;
  /** Folder relative file paths in the body start from (default: process.cwd()). */
  cwd?: string;
  /** Local files: re-use the asset the same bytes became before (default true), progress, cancel. */
  upload?: Pick<UploadAssetOptions, 'cache' | 'onProgress' | 'signal'>;
}

type VideoApi = Pick<HeyGenClient, 'getLook' | 'getVoice' | 'createVideo'>;

/** Local files checked, pre-flight, local files uploaded, then one POST /v3/videos with an Idempotency-Key. */
export async function createVideo(
  api: VideoApi | HeyGenClient,
  input: CreateVideoBody | VideoInput,
  options: CreateVideoOptions = {},
): Promise<CreateResult> {
  // The caller's body stays as given (placeholders and all), so it can be sent again.
  const request = 'look' in input ? buildCreateBody(input) : structuredClone(input);
  const local = await checkLocalMedia(request, options.cwd ?? process.cwd());
  if (local.length > 0 && !('createDirectUpload' in api && 'uploadAsset' in api))
    throw new UsageError(`The request names local files (${local.map((m) => m.path).join(', ')}) and this client cannot upload them.`, {
      suggestion: 'Pass a client made by createClient, or upload the files with uploadAsset and use asset:ID.',
    });
  const verdict = await checkVideoRequest(async () => api, request, { cache: options.preflightCache });
  assertPreflight(verdict);
  const uploaded = [];
  for (const m of local) {
    const done = await uploadCheckedFile(api as HeyGenClient, m.file, options.upload);
    uploaded.push({ field: m.field, assetId: done.asset_id });
  }
  useUploadedIds(verdict.body, uploaded);
  return submitVideo(api, verdict, options.idempotencyKey);
}
