// The asset host: presigned downloads (no API key) and static previews. Behaves like S3 where a
// client would notice: XML errors, 403 for expired or tampered links, Range/206/416, ETag and
// x-amz-checksum-sha256 of the whole object.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodySource } from './body-source.js';
import { bufferSource } from './body-source.js';
import { takeBodyFaults, type BodyFault } from './faults.js';
import { fileFault } from './file-faults.js';
import { fixture } from './fixtures.js';
import { findLook } from './data/looks.js';
import { findVoice } from './data/voices.js';
import { checkPresigned } from './presign.js';
import { sleep, type State } from './state.js';
import { videoFile, videoStatus } from './videos.js';
import { proofreadFile } from './proofreads.js';
import { translationFile } from './translations.js';

const CONTENT_TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  webm: 'video/webm',
  srt: 'application/x-subrip',
  vtt: 'text/vtt',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  pdf: 'application/pdf',
};
const MAX_CHUNK = 4 * 1024 * 1024;

export function xmlError(res: ServerResponse, status: number, code: string, message: string, requestId: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>\n`;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export async function serveDownload(
  state: State,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: Record<string, string>,
  requestId: string,
): Promise<void> {
  const m = /^\/download\/([^/]+)\/([^/]+)$/.exec(path);
  const check = checkPresigned(state, path, query);
  if (!check.ok) return xmlError(res, 403, check.code, check.message, requestId);
  const video = m ? state.videos.get(m[1] ?? '') : undefined;
  const [id, file] = [m?.[1] ?? '', m?.[2] ?? ''];
  const source =
    video && !video.deleted && videoStatus(video, state.now()) === 'completed'
      ? videoFile(video, file)
      : (translationFile(state, id, file) ?? proofreadFile(state, id, file));
  if (!source) return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.', requestId);
  await serveSource(state, req, res, source, path, true);
}

export async function serveStatic(state: State, req: IncomingMessage, res: ServerResponse, path: string, requestId: string): Promise<void> {
  const look = /^\/static\/looks\/([^/]+)\.(jpg|mp4)$/.exec(path);
  const voice = /^\/static\/voices\/([^/]+)\.mp3$/.exec(path);
  let source: BodySource | undefined;
  if (look && findLook(look[1] ?? '', state.looks)) source = bufferSource(fixture(look[2] === 'jpg' ? 'thumbnail.jpg' : 'twin.mp4'));
  if (voice && findVoice(voice[1] ?? '', state.voices)) source = bufferSource(fixture('voice-preview.mp3'));
  const speech = /^\/static\/speech\/([^/]+)\.mp3$/.exec(path);
  const audio = speech ? state.speech.get(speech[1] ?? '') : undefined;
  if (audio) source = bufferSource(audio);
  if (!source) return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.', requestId);
  await serveSource(state, req, res, source, path, false);
}

type RangeResult = { start: number; end: number } | 'unsatisfiable' | null;

/** Single byte ranges only; anything else (multi-range, garbage) is ignored, as S3 does. */
function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/i.exec(header.trim()); // range units are case-insensitive (RFC 9110 §14.1)
  if (!m) return null;
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return null;
  if (a === '') {
    const n = Number(b);
    return n === 0 ? 'unsatisfiable' : { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}

export async function serveSource(
  state: State,
  req: IncomingMessage,
  res: ServerResponse,
  source: BodySource,
  path: string,
  faultable: boolean,
): Promise<void> {
  const sha = await source.sha256Async();
  const etag = `"${sha.slice(0, 32)}"`;
  const ext = path.slice(path.lastIndexOf('.') + 1);
  const headers: Record<string, string | number> = {
    'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    ETag: etag,
    'x-amz-checksum-sha256': Buffer.from(sha, 'hex').toString('base64'),
    'Cache-Control': 'private, max-age=0',
  };
  if (await fileFault(state, res, source, String(headers['Content-Type']))) return;
  if (faultable && state.faults.noChecksum) delete headers['x-amz-checksum-sha256'];
  const ifRange = req.headers['if-range'];
  const wantsRange = !state.faults.ignoreRange && (ifRange === undefined || ifRange === etag);
  // The lieLength fault: the size announced is larger than the bytes there are to send.
  const lie = faultable ? Math.max(0, state.faults.lieLength) : 0;
  const size = source.size + lie;
  const range = wantsRange ? parseRange(req.headers.range, size) : null;
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'Content-Range': `bytes */${size}`, 'Content-Type': 'application/xml' });
    res.end(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidRange</Code><Message>The requested range is not satisfiable</Message></Error>\n',
    );
    return;
  }
  const start = range ? range.start : 0;
  const end = range ? range.end : size - 1;
  headers['Content-Length'] = end - start + 1;
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const faults = faultable ? takeBodyFaults(state, start, end) : [];
  if (end >= source.size) {
    // Past the real bytes there is nothing to send: the connection closes there.
    faults.splice(0, faults.length, ...faults.filter((f) => f.at < source.size), {
      kind: 'truncate',
      at: Math.max(start, source.size),
      ms: 0,
    });
  }
  await streamBody(state, res, source, start, end + 1, faults);
}

function waitDrainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function gone(state: State, res: ServerResponse): boolean {
  return state.closed || res.destroyed || res.writableEnded;
}

/** Writes [from, to) with backpressure; false when the client went away. */
async function writeRange(state: State, res: ServerResponse, source: BodySource, from: number, to: number): Promise<boolean> {
  for (let at = from; at < to; ) {
    if (gone(state, res)) return false;
    const chunk = source.chunk(at, Math.min(MAX_CHUNK, to - at));
    at += chunk.length;
    state.counters.downloadBytes += chunk.length;
    if (!res.write(chunk)) await waitDrainOrClose(res);
  }
  return !gone(state, res);
}

async function streamBody(
  state: State,
  res: ServerResponse,
  source: BodySource,
  from: number,
  to: number,
  faults: BodyFault[],
): Promise<void> {
  let at = from;
  for (const fault of faults) {
    if (!(await writeRange(state, res, source, at, fault.at))) return;
    at = fault.at;
    if (fault.kind === 'truncate') {
      // end() flushes what was written, then closes: the client sees fewer bytes than Content-Length.
      res.socket?.end();
      return;
    }
    await Promise.race([sleep(state, fault.ms), new Promise((r) => res.once('close', r))]);
  }
  if (await writeRange(state, res, source, at, to)) res.end();
}
