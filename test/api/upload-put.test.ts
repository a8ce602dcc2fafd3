// The PUT of a direct upload against a real HTTP server: which headers go to the upload host
// (the signed ones verbatim, a Content-Length, never a key), what is retried (a 5xx, from the
// first byte, with growing waits) and what is not (a 4xx, an expired URL). Issue 27: the mutants
// of api/upload-put.ts that no test saw.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putPresigned, UploadUrlExpiredError } from '../../src/api/upload-put.js';
import { ApiError, InterruptedError } from '../../src/shared/errors.js';

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
  raw: string[];
  body: Buffer;
}
let answers: Array<{ status: number; body?: string; drop?: boolean }> = [];
const seen: Seen[] = [];
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    seen.push({ url: req.url!, headers: req.headers, raw: req.rawHeaders, body: Buffer.concat(chunks) });
    const answer = answers.shift() ?? { status: 200 };
    if (answer.drop) return void req.socket.destroy();
    res.writeHead(answer.status, { 'content-type': 'application/xml' }).end(answer.body ?? '');
  });
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const BYTES = Buffer.from('0123456789abcdef');
function put(headers: Record<string, string>, extra: Partial<Parameters<typeof putPresigned>[1]> = {}) {
  const waits: number[] = [];
  const progress: number[] = [];
  seen.length = 0;
  const done = putPresigned(`${base}/bucket/key.mp3?X-Sig=abc&X-Exp=1`, {
    headers,
    size: BYTES.length,
    open: async function* () {
      yield BYTES.subarray(0, 6);
      yield BYTES.subarray(6);
    },
    onProgress: (n) => progress.push(n),
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
  return { done, waits, progress };
}
const xml = (code: string, message: string) => `<?xml version="1.0"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;

describe('putPresigned', () => {
  it('sends the signed headers verbatim with a Content-Length, the query intact, and never a key', async () => {
    answers = [];
    const { done, progress } = put({
      'Content-Type': 'audio/mpeg',
      'x-amz-meta-a': 'b',
      'X-Api-Key': 'sk_secret',
      AUTHORIZATION: 'Bearer sk_secret',
    });
    await done;
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe('/bucket/key.mp3?X-Sig=abc&X-Exp=1');
    expect(seen[0]!.headers).toMatchObject({ 'content-type': 'audio/mpeg', 'x-amz-meta-a': 'b', 'content-length': '16' });
    expect(seen[0]!.raw).toContain('Content-Type');
    expect(seen[0]!.headers['x-api-key']).toBeUndefined();
    expect(seen[0]!.headers.authorization).toBeUndefined();
    expect(seen[0]!.body).toEqual(BYTES);
    expect(progress).toEqual([6, 16]);
  });

  it('keeps a Content-Length the signed headers give (whatever its case) and adds no second one', async () => {
    answers = [];
    await put({ 'Content-Length': '16' }).done;
    expect(seen[0]!.raw.filter((h) => h.toLowerCase() === 'content-length')).toHaveLength(1);
  });

  it('retries a 5xx from the first byte, waiting 1 s then 2 s, and gives up after maxRetries', async () => {
    answers = [
      { status: 503, body: xml('SlowDown', 'Please reduce your request rate.') },
      { status: 502 },
      { status: 500, body: xml('InternalError', 'try later') },
    ];
    const { done, waits, progress } = put({}, { maxRetries: 2 });
    const error = await done.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 500,
      code: 'upload_failed',
      message: 'The upload host refused the file: 500 InternalError: try later',
      suggestion: 'The upload host had a problem; retry later.',
    });
    expect(seen.map((s) => s.body.length)).toEqual([16, 16, 16]);
    expect(waits).toEqual([1000, 2000]);
    expect(progress).toEqual([6, 16, 0, 6, 16, 0, 6, 16]);
  });

  it('a 5xx then a success: done, after one wait', async () => {
    answers = [{ status: 503 }, { status: 200 }];
    const { done, waits } = put({});
    await done;
    expect(seen).toHaveLength(2);
    expect(waits).toEqual([1000]);
  });

  it('a dropped connection is retried; a 3xx is no success', async () => {
    answers = [{ status: 0, drop: true }, { status: 200 }];
    const { done, waits } = put({});
    await done;
    expect(seen).toHaveLength(2);
    expect(waits).toEqual([1000]);
    answers = [{ status: 300 }];
    await expect(put({}).done).rejects.toMatchObject({ status: 300, message: 'The upload host refused the file: 300' });
  });

  it('a 4xx is not retried, and says what the host said', async () => {
    answers = [{ status: 400, body: xml('BadDigest', 'The Content-MD5 you specified did not match') }];
    const { done, waits } = put({});
    await expect(done).rejects.toMatchObject({
      status: 400,
      message: 'The upload host refused the file: 400 BadDigest: The Content-MD5 you specified did not match',
      suggestion: 'Run the upload again; if it keeps failing, report it with --debug output.',
    });
    expect(seen).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('a 403 "Request has expired" is an expired URL, not retried; another 403 is a refusal', async () => {
    answers = [{ status: 403, body: xml('AccessDenied', 'Request has expired') }];
    await expect(put({}).done).rejects.toBeInstanceOf(UploadUrlExpiredError);
    expect(seen).toHaveLength(1);
    answers = [{ status: 403, body: xml('SignatureDoesNotMatch', 'The signature does not match') }];
    const error = await put({}).done.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(UploadUrlExpiredError);
    expect(error).toMatchObject({
      status: 403,
      message: 'The upload host refused the file: 403 SignatureDoesNotMatch: The signature does not match',
    });
    answers = [{ status: 404 }];
    await expect(put({}).done).rejects.toMatchObject({ message: 'The upload host refused the file: 404' });
  });

  it('an abort before or while waiting is an interruption', async () => {
    answers = [];
    const aborted = new AbortController();
    aborted.abort();
    await expect(put({}, { signal: aborted.signal }).done).rejects.toBeInstanceOf(InterruptedError);
    expect(seen).toHaveLength(0);
    answers = [{ status: 503 }];
    const { done } = put({}, { sleep: () => Promise.reject(new Error('aborted')) });
    await expect(done).rejects.toBeInstanceOf(InterruptedError);
  });
});
