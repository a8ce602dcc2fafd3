// An API that does not offer `type: "studio"` (§9.1): a 404, or a 400 whose param is absent,
// `type` or `scenes` (not a path inside one scene), means the account or API lacks multi-scene
// videos. That is said in one sentence before the API's own message; it is not the file's fault.
import { ApiError } from '../../shared/errors.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const STUDIO_UNAVAILABLE = 'This account or the HeyGen API does not offer multi-scene videos (type "studio") yet.';

export function isStudioUnavailable(error: unknown): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 404) return true;
  return error.status === 400 && (error.param === undefined || error.param === 'type' || error.param === 'scenes');
}

/** The error to show for a failed studio create: explained when it is the unavailability case. */
export function explainStudioError(error: unknown): unknown {
  if (!isStudioUnavailable(error)) return error;
  return new ApiError(`${STUDIO_UNAVAILABLE} The API said: ${error.message}`, {
    status: error.status,
    apiCode: error.apiCode,
    param: error.param,
    docUrl: error.docUrl,
    requestId: error.requestId,
    endpoint: error.endpoint,
    suggestion: `Render the scenes as separate videos for now (\`${twinInvocation()} video create\` per scene), or ask HeyGen to enable multi-scene videos.`,
    details: { reason: 'studio_unavailable' },
    cause: error,
  });
}
