// multipart/form-data (RFC 7578) as POST /v3/assets receives it: a whole body already read, split
// on its boundary. Strict where a real server is: a missing boundary or a body that does not end
// with the closing delimiter is a 400, never a guess.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { MULTIPART_MAX_BYTES } from '../shared/media-type.js';
import { ApiError, invalidParameter } from './errors.js';
import { readBody } from './read-body.js';

export interface Part {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

/** What `received` keeps of a part: enough to check the name and the exact bytes sent. */
interface PartSummary {
  name: string;
  filename: string | null;
  content_type: string | null;
  size: number;
  sha256: string;
}

function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw malformed('the body holds no part');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return parts;
    if (body.subarray(at, at + 2).toString() !== '\r\n') throw malformed('a boundary line is not followed by CRLF');
    const headerEnd = body.indexOf('\r\n\r\n', at);
    if (headerEnd < 0) throw malformed('a part has no end of headers');
    const headers = parseHeaders(body.subarray(at + 2, headerEnd).toString('utf8'));
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw malformed('the body does not end with the closing boundary (was it cut short?)');
    const disposition = headers['content-disposition'] ?? '';
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (!/^form-data\b/i.test(disposition) || name === undefined) throw malformed('a part has no Content-Disposition: form-data; name="…"');
    parts.push({
      name,
      filename: /;\s*filename="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      contentType: headers['content-type'] ?? null,
      data: body.subarray(headerEnd + 4, next),
    });
    at = next + 2;
  }
}

function summarize(parts: readonly Part[]): PartSummary[] {
  return parts.map((p) => ({
    name: p.name,
    filename: p.filename,
    content_type: p.contentType,
    size: p.data.length,
    sha256: createHash('sha256').update(p.data).digest('hex'),
  }));
}

function parseHeaders(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) out[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return out;
}

function malformed(why: string) {
  return invalidParameter('file', `malformed multipart/form-data body: ${why}`);
}

/** A whole multipart request: its parts, what `received` records, or the error to answer with. */
interface MultipartRead {
  raw: Buffer | 'too-large';
  parts?: Part[];
  summary: { parts: PartSummary[] } | { error: string };
  error?: ApiError;
}

export async function readMultipart(req: IncomingMessage): Promise<MultipartRead> {
  // The 32 MB limit is the file's; the envelope around it gets a little room.
  const raw = await readBody(req, MULTIPART_MAX_BYTES + 64 * 1024);
  const fail = (error: ApiError): MultipartRead => ({ raw, summary: { error: error.message }, error });
  if (raw === 'too-large') {
    return fail(
      new ApiError(413, 'payload_too_large', `the file exceeds ${MULTIPART_MAX_BYTES} bytes (32 MB): use POST /v3/assets/direct-uploads`),
    );
  }
  const boundary = boundaryOf(req.headers['content-type']);
  if (!boundary) return fail(invalidParameter('file', 'POST /v3/assets takes multipart/form-data with one part named file'));
  try {
    const parts = parseMultipart(raw, boundary);
    const big = parts.find((p) => p.data.length > MULTIPART_MAX_BYTES);
    if (big)
      return fail(
        new ApiError(413, 'payload_too_large', `the file exceeds ${MULTIPART_MAX_BYTES} bytes (32 MB): use POST /v3/assets/direct-uploads`),
      );
    return { raw, parts, summary: { parts: summarize(parts) } };
  } catch (error) {
    if (error instanceof ApiError) return fail(error);
    throw error;
  }
}
