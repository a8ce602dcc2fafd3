// createVideo for library users: the friendly input the CLI's flags make (`{ look, script,
// voice, … }`) as well as a raw POST /v3/videos body, through the same pre-flight and keyed create.
import type { HeyGenClient } from '../api/index.js';
import type { CreateVideoBody } from '../api/video-body.js';
import { buildCreateBody } from '../core/video/request.js';
import type { VideoInput } from '../core/video/input.js';
import type { PreflightCache } from '../core/video/preflight.js';
import { createVideo as createFromBody, type CreateResult } from '../flows/video.js';

/** Pre-flight, then one POST /v3/videos with an Idempotency-Key (a new one unless given). */
export async function createVideo(
  api: Pick<HeyGenClient, 'getLook' | 'getVoice' | 'createVideo'>,
  input: CreateVideoBody | VideoInput,
  options: { idempotencyKey?: string; preflightCache?: PreflightCache } = {},
): Promise<CreateResult> {
  const body = 'look' in input ? buildCreateBody(input) : input;
  return createFromBody(api, body, options);
}
