// The v3 error envelope (contract §1.4). Handlers throw ApiError; the server turns it into a response.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function docUrl(code: string): string {
  return `https://developers.heygen.com/docs/error-codes#${code.replaceAll('_', '-')}`;
}

export function errorBody(code: string, message: string, param?: string): { error: Record<string, string> } {
  return {
    error: { code, message, ...(param === undefined ? {} : { param }), doc_url: docUrl(code) },
  };
}

export function invalidParameter(param: string | undefined, message: string): ApiError {
  return new ApiError(400, 'invalid_parameter', message, param);
}

export function notFound(code: 'avatar_not_found' | 'video_not_found' | 'voice_not_found' | 'not_found', message: string): ApiError {
  return new ApiError(404, code, message);
}
