// The non-API side of assets and twins: the presigned upload host (S3-like PUT), uploaded files
// served back at their `url`, and the consent page a person opens to approve their twin.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findAsset } from './assets.js';
import { approveConsent, consentSigned } from './avatars.js';
import { bufferSource } from './body-source.js';
import { takeScripted } from './faults.js';
import { serveSource, xmlError } from './files.js';
import { checkPresigned } from './presign.js';
import type { State } from './state.js';

interface HostRequest {
  path: string;
  query: Record<string, string>;
  requestId: string;
  record: (body: unknown) => void;
}

type Handler = (state: State, req: IncomingMessage, res: ServerResponse, r: HostRequest) => Promise<void>;

/** The handler for a file-host path, if this is one; its route key counts it. */
export function mediaHostRoute(method: string, path: string): { key: string; handler: Handler } | undefined {
  if (method === 'PUT' && /^\/upload\/[^/]+$/.test(path)) return { key: 'PUT /upload/:id', handler: receiveUpload };
  if ((method === 'GET' || method === 'HEAD') && /^\/assets\/[^/]+\/[^/]+$/.test(path))
    return { key: `${method} /assets/:id/:name`, handler: serveAsset };
  if ((method === 'GET' || method === 'POST') && /^\/consent\/[^/]+$/.test(path))
    return { key: `${method} /consent/:group_id`, handler: consentPage };
  return undefined;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(',') : v;
}

/** Reads the body, or stops at `cutAt` bytes by destroying the connection (the drop-upload fault). */
function readUpload(req: IncomingMessage, res: ServerResponse, cutAt: number | undefined): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      if (cutAt !== undefined && size + c.length >= cutAt) {
        chunks.length = 0;
        req.pause();
        res.destroy();
        resolve(null);
        return;
      }
      size += c.length;
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(null));
    req.on('close', () => resolve(null));
  });
}

/** PUT <upload_url>: S3 semantics a client can trip over, checked in the order S3 checks them. */
async function receiveUpload(state: State, req: IncomingMessage, res: ServerResponse, r: HostRequest): Promise<void> {
  const id = r.path.slice('/upload/'.length);
  const asset = findAsset(state, id);
  const fail = (status: number, code: string, message: string) => {
    req.resume();
    xmlError(res, status, code, message, r.requestId);
  };
  if (header(req, 'x-api-key') !== undefined || header(req, 'authorization') !== undefined) {
    r.record({ rejected: 'credentials' });
    return fail(
      400,
      'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the signature should be specified',
    );
  }
  const check = checkPresigned(state, r.path, r.query);
  if (!check.ok) return fail(403, check.code, check.message);
  if (!asset?.direct || (asset.status !== 'pending_upload' && asset.status !== 'uploaded'))
    return fail(404, 'NoSuchUpload', 'The specified upload does not exist or was already completed.');
  for (const [name, value] of Object.entries(asset.direct.headers)) {
    if (header(req, name) !== value)
      return fail(403, 'SignatureDoesNotMatch', `The ${name} header must be sent exactly as signed (${value}).`);
  }
  const length = header(req, 'content-length');
  if (length === undefined) return fail(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
  if (Number(length) !== asset.size)
    return fail(403, 'SignatureDoesNotMatch', `Content-Length ${length} is not the signed size ${asset.size}.`);
  const stall = takeScripted(state, 'stall-upload');
  if (stall) {
    r.record({ stalled: true });
    return stallUpload(req, stall.at ?? 0);
  }
  const endless = takeScripted(state, 'endless-upload-answer');
  const drop = takeScripted(state, 'drop-upload');
  const bytes = await readUpload(req, res, drop ? (drop.at ?? Math.max(1, Math.floor(asset.size / 2))) : undefined);
  r.record({ size: bytes?.length ?? null, sha256: bytes ? createHash('sha256').update(bytes).digest('hex') : null });
  if (!bytes) return;
  if (bytes.length !== asset.size)
    return fail(400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.');
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (asset.direct.checksum !== null && asset.direct.checksum !== sha)
    return fail(400, 'BadDigest', 'The SHA256 you specified did not match the calculated checksum.');
  asset.bytes = bytes;
  asset.sha256 = sha;
  asset.status = 'uploaded';
  if (endless) return endlessAnswer(res);
  res.writeHead(200, {
    ETag: `"${sha.slice(0, 32)}"`,
    'x-amz-checksum-sha256': Buffer.from(sha, 'hex').toString('base64'),
    'Content-Length': 0,
  });
  res.end();
}

/** Reads `at` bytes, then no more: the client's writes block until it gives up and hangs up. */
function stallUpload(req: IncomingMessage, at: number): Promise<void> {
  return new Promise((resolve) => {
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size >= at) {
        req.pause();
        req.off('data', onData);
      }
    };
    if (at > 0) req.on('data', onData);
    else req.pause();
    req.socket.on('close', () => resolve());
  });
}

/** 200, then 64 KiB chunks for as long as the client keeps reading (the socket closes the loop). */
function endlessAnswer(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'application/xml' });
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump);
  };
  res.on('close', () => res.off('drain', pump));
  pump();
}

async function serveAsset(state: State, req: IncomingMessage, res: ServerResponse, r: HostRequest): Promise<void> {
  const [, , id = ''] = r.path.split('/');
  const asset = findAsset(state, id);
  if (!asset?.bytes || asset.status !== 'processing')
    return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.', r.requestId);
  await serveSource(state, req, res, bufferSource(asset.bytes), r.path, false);
}

/** The page a person opens to give consent: GET shows it, POST (its button) records the consent. */
async function consentPage(state: State, req: IncomingMessage, res: ServerResponse, r: HostRequest): Promise<void> {
  req.resume();
  const groupId = decodeURIComponent(r.path.slice('/consent/'.length));
  const html = (status: number, text: string) => {
    const body = `<!doctype html><html><head><title>Consent</title></head><body><p>${text}</p></body></html>\n`;
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };
  if (!consentSigned(state, groupId, r.query['sig'] ?? '')) return html(404, 'This consent link is not valid.');
  if (req.method === 'GET') {
    return html(
      200,
      `Sandbox consent for avatar group ${groupId}. <form method="post"><button>I agree to create this Digital Twin</button></form>`,
    );
  }
  approveConsent(state, groupId);
  html(200, `Consent recorded for avatar group ${groupId}; training starts now.`);
}
