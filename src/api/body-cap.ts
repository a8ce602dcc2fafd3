// A size cap on every API response body. A JSON answer of the v3 API is a few KiB (a page of 100
// voices ~60 KiB); a server that sends hundreds of MiB is broken or hostile, and reading it all
// would hold it in memory. Past the cap reading stops, the body is destroyed and the request
// fails naming the endpoint.
import { ApiError } from '../shared/errors.js';

export const MAX_JSON_BYTES = 4 * 1024 * 1024;

interface Body extends AsyncIterable<Buffer | string> {
  destroy(error?: Error): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Stops the transfer. undici reports a destroyed body as "Request aborted": expected here, not a crash. */
function abandon(body: Body): undefined {
  body.on('error', () => {});
  body.destroy();
  return undefined;
}

/** The body as text, or undefined (and the body destroyed) when it is larger than maxBytes. */
export async function readCapped(body: Body, contentLength: string | string[] | undefined, maxBytes: number): Promise<string | undefined> {
  const declared = Number(Array.isArray(contentLength) ? contentLength[0] : contentLength);
  if (Number.isFinite(declared) && declared > maxBytes) return abandon(body);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    // Stryker disable next-line ConditionalExpression: equivalent: Buffer.from of a Buffer is a copy of the same bytes
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > maxBytes) return abandon(body);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function tooLarge(facts: { endpoint: string; status: number; requestId?: string; maxBytes: number }): ApiError {
  return new ApiError(`${facts.endpoint} sent a response body larger than ${formatBytes(facts.maxBytes)}; twin stopped reading it.`, {
    code: 'response_too_large',
    status: facts.status,
    endpoint: facts.endpoint,
    requestId: facts.requestId,
    suggestion: `The API answered far more than any documented response; check HEYGEN_API_BASE points at the HeyGen API${facts.requestId ? ` (request id ${facts.requestId} for support)` : ''}.`,
  });
}

function formatBytes(bytes: number): string {
  // Stryker disable next-line ArithmeticOperator: equivalent: a positive multiple of 1 MiB is at least 1 MiB
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
