// The v3 error envelope (contract §1.4). Handlers throw ApiError; the server turns it into a response.

/** One item of the optional `error.errors[]` details (contract §1.4). */
interface ErrorItem {
  code: string;
  message: string;
  path?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param?: string,
    readonly headers: Record<string, string> = {},
    readonly errors?: ErrorItem[],
  ) {
    super(message);
  }
}

function docUrl(code: string): string {
  return `https://developers.heygen.com/docs/error-codes#${code.replaceAll('_', '-')}`;
}

export function errorBody(code: string, message: string, param?: string, errors?: ErrorItem[]): { error: Record<string, unknown> } {
  return {
    error: { code, message, ...(param === undefined ? {} : { param }), doc_url: docUrl(code), ...(errors ? { errors } : {}) },
  };
}

/**
 * 400 download_failed at create (contract §1.4, changelog 2026-05-18): HeyGen could not fetch a
 * user-supplied URL. The sandbox cannot reach the internet, so it plays this for hosts under the
 * reserved `.invalid` TLD (RFC 2606), which can never resolve.
 */
export function checkDownloadable(param: string, url: string): void {
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    return; // the URL check itself reports a malformed URL
  }
  if (!host.endsWith('.invalid')) return;
  const detail = `could not resolve host ${host}`;
  throw new ApiError(400, 'download_failed', `Failed to download the file at ${param}: ${detail}.`, param, {}, [
    { code: 'download_failed', message: detail, path: param },
  ]);
}

export function invalidParameter(param: string | undefined, message: string): ApiError {
  return new ApiError(400, 'invalid_parameter', message, param);
}

export function notFound(code: 'avatar_not_found' | 'video_not_found' | 'voice_not_found' | 'not_found', message: string): ApiError {
  return new ApiError(404, code, message);
}
