// Assets (contract §8): files uploaded as multipart or through a presigned direct upload, judged by
// their first bytes like the real service, kept in memory for the life of the sandbox.
import { createHash } from 'node:crypto';
import { KIND_MAX_BYTES, MEDIA_TYPES, sniffMediaType, typeFromMime, type MediaKind, type MediaTypeName } from '../shared/media-type.js';
import { ApiError, invalidParameter } from './errors.js';
import type { Part } from './multipart.js';
import { presignPath } from './presign.js';
import { takeScripted } from './faults.js';
import { onlyFields } from './strict.js';
import { Fields, isObject } from './validate-fields.js';
import type { AssetRecord } from './records.js';
import { newId, nextSeq, type State } from './state.js';

export const OWNER = 'sandbox-user';
const UPLOAD_TTL_S = 15 * 60;
const ACCEPTED = Object.keys(MEDIA_TYPES).join(', ');

export function findAsset(state: State, id: string): AssetRecord | undefined {
  const asset = state.assets.get(id);
  return asset && !asset.deleted ? asset : undefined;
}

export function assetNotFound(id: string): ApiError {
  return new ApiError(404, 'not_found', `asset ${id} not found`);
}

/** The kind of a usable asset (bytes received), or why it cannot be used. */
export function usableAssetKind(state: State, id: string): MediaKind | 'missing' | 'incomplete' {
  const asset = findAsset(state, id);
  if (!asset) return 'missing';
  if (asset.type === null || asset.status === 'pending_upload' || asset.status === 'uploaded') return 'incomplete';
  return MEDIA_TYPES[asset.type].kind;
}

function assetUrl(state: State, asset: AssetRecord): string {
  return `${state.baseUrl}/assets/${asset.id}/${encodeURIComponent(asset.name)}`;
}

/** What POST /v3/assets and …/complete answer. */
export function uploadView(state: State, asset: AssetRecord): Record<string, unknown> {
  return {
    asset_id: asset.id,
    url: assetUrl(state, asset),
    mime_type: asset.type ? MEDIA_TYPES[asset.type].mime : null,
    size_bytes: asset.size,
  };
}

/** GET /v3/assets/{id} and the list (a different shape, contract §8). */
export function assetView(state: State, asset: AssetRecord): Record<string, unknown> {
  const ready = asset.status === 'processing';
  return {
    id: asset.id,
    name: asset.name,
    owner: OWNER,
    space_id: 'space_sandbox',
    type: asset.type ? MEDIA_TYPES[asset.type].kind : 'unknown',
    uploaded_at: asset.uploadedAt,
    url: ready ? assetUrl(state, asset) : null,
    folder_id: null,
  };
}

function judge(data: Buffer, param: string): MediaTypeName {
  const type = sniffMediaType(data.subarray(0, 512));
  if (!type) throw invalidParameter(param, `unsupported file type: the content is none of ${ACCEPTED}`);
  const kind = MEDIA_TYPES[type].kind;
  if (data.length > KIND_MAX_BYTES[kind]) {
    throw new ApiError(413, 'payload_too_large', `${MEDIA_TYPES[type].label} files may be at most ${KIND_MAX_BYTES[kind]} bytes`);
  }
  if (data.length === 0) throw invalidParameter(param, 'the file is empty');
  return type;
}

function record(state: State, fields: Omit<AssetRecord, 'id' | 'seq' | 'uploadedAt' | 'deleted'>): AssetRecord {
  const asset: AssetRecord = {
    id: newId('asset'),
    seq: nextSeq(state),
    uploadedAt: Math.floor(state.now() / 1000),
    deleted: false,
    ...fields,
  };
  state.assets.set(asset.id, asset);
  return asset;
}

/** POST /v3/assets: exactly one part, named `file`. */
export function createFromMultipart(state: State, parts: readonly Part[]): AssetRecord {
  const extra = parts.find((p) => p.name !== 'file');
  if (extra) throw invalidParameter(extra.name, `unknown form field ${extra.name}: send one part named file`);
  if (parts.length !== 1) throw invalidParameter('file', parts.length === 0 ? 'file is required' : 'send exactly one part named file');
  const part = parts[0]!;
  const type = judge(part.data, 'file');
  const declared = part.contentType && part.contentType !== 'application/octet-stream' ? typeFromMime(part.contentType) : type;
  if (declared !== type) {
    throw invalidParameter('file', `the part says ${part.contentType} but the content is ${MEDIA_TYPES[type].label}`);
  }
  const data = Buffer.from(part.data);
  return record(state, {
    name: part.filename || `upload.${MEDIA_TYPES[type].extensions[0]}`,
    type,
    size: data.length,
    bytes: data,
    sha256: createHash('sha256').update(data).digest('hex'),
    status: 'processing',
  });
}

/** POST /v3/assets/direct-uploads: promises an upload URL for exactly `size_bytes` of `content_type`. */
export function createDirectUpload(state: State, body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw invalidParameter(undefined, 'request body must be a JSON object');
  onlyFields(body, ['filename', 'content_type', 'size_bytes', 'checksum_sha256']);
  const f: Fields = new Fields(body, '');
  const filename = f.str('filename');
  if (filename === null || filename.trim() === '') f.fail('filename', 'filename is required');
  const contentType = f.str('content_type');
  if (contentType === null) f.fail('content_type', 'content_type is required');
  const type = typeFromMime(contentType);
  if (!type) f.fail('content_type', `content_type must be the MIME type of one of ${ACCEPTED}`);
  const size = body['size_bytes'];
  const max = KIND_MAX_BYTES[MEDIA_TYPES[type].kind];
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1)
    f.fail('size_bytes', 'size_bytes must be the exact file size in bytes (an integer of at least 1)');
  if (size > max) f.fail('size_bytes', `size_bytes must be at most ${max} for ${MEDIA_TYPES[type].label} files`);
  const checksum = f.str('checksum_sha256');
  if (checksum !== null && !/^[0-9a-f]{64}$/i.test(checksum)) f.fail('checksum_sha256', 'checksum_sha256 must be 64 hex digits');
  const headers: Record<string, string> = { 'Content-Type': contentType, 'x-amz-server-side-encryption': 'AES256' };
  if (checksum !== null) headers['x-amz-checksum-sha256'] = Buffer.from(checksum, 'hex').toString('base64');
  const asset = record(state, {
    name: filename,
    type: null,
    size,
    bytes: null,
    sha256: null,
    status: 'pending_upload',
    direct: { contentType, checksum: checksum?.toLowerCase() ?? null, headers },
  });
  const ttlMs = takeScripted(state, 'expire-upload-url') ? 0 : UPLOAD_TTL_S * 1000;
  return {
    asset_id: asset.id,
    upload_url: presignPath(state, `/upload/${asset.id}`, ttlMs),
    upload_headers: headers,
    max_bytes: max,
    expires_in_seconds: UPLOAD_TTL_S,
    status: asset.status,
  };
}

/** POST /v3/assets/{id}/complete: idempotent once the bytes are there. */
export function completeUpload(state: State, id: string, body: unknown): AssetRecord {
  const asset = findAsset(state, id);
  if (!asset) throw assetNotFound(id);
  if (body !== undefined && !isObject(body)) throw invalidParameter(undefined, 'request body must be a JSON object');
  if (body !== undefined) onlyFields(body, ['checksum_sha256']);
  const checksum = body === undefined ? null : new Fields(body, '').str('checksum_sha256');
  if (asset.status === 'processing') return asset;
  if (!asset.bytes || !asset.direct)
    throw invalidParameter('asset_id', `nothing was uploaded for asset ${id} yet: PUT the file to its upload_url first`);
  if (checksum !== null && checksum.toLowerCase() !== asset.sha256) {
    throw invalidParameter('checksum_sha256', 'checksum_sha256 does not match the uploaded bytes');
  }
  const type = judge(asset.bytes, 'file');
  if (typeFromMime(asset.direct.contentType) !== type) {
    throw invalidParameter(
      'content_type',
      `the upload was announced as ${asset.direct.contentType} but the content is ${MEDIA_TYPES[type].label}`,
    );
  }
  asset.type = type;
  asset.status = 'processing';
  return asset;
}
