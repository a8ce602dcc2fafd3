// Client methods for local media and the Digital Twin's life (contract §2.4, §2.5, §8), merged into
// HeyGenClient by client.ts. The presigned PUT of a direct upload is not here: it goes to another
// host, without the API key (see upload-put.ts).
import type { z } from 'zod';
import type { Schema } from './schemas.js';
import { newIdempotencyKey, type QueryValue, type Transport } from './http.js';
import * as M from './media-schemas.js';
import { multipartBody } from './multipart.js';
import * as S from './schemas.js';
import type { Page } from './schemas.js';
import { deleteOrGone, segment, type Deleted, type IdempotencyOptions, type PageParams, type WithIdempotencyKey } from './client-parts.js';

/** The official CLI allows multipart uploads 10 minutes (contract §1.7). */
const UPLOAD_TIMEOUT_MS = 10 * 60 * 1000;

export interface ListAssetsParams extends PageParams {
  /** Required by the API: the owner, i.e. `username` of GET /v3/users/me. */
  username: string;
  folder_id?: string;
}
export interface DirectUploadBody {
  filename: string;
  content_type: string;
  size_bytes: number;
  checksum_sha256?: string;
}
/** AssetInput (contract §2.5). */
export type AssetInput =
  | { type: 'url'; url: string }
  | { type: 'asset_id'; asset_id: string }
  | { type: 'base64'; media_type: string; data: string };
export interface CreateTwinBody {
  type: 'digital_twin';
  name: string;
  file: AssetInput;
  avatar_group_id?: string;
}
export interface ConsentBody {
  reroute_url?: string;
  consent_text?: string;
  consent_video?: AssetInput;
}
export interface UploadFile {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

export interface MediaClient {
  uploadAsset(file: UploadFile, options?: IdempotencyOptions): Promise<WithIdempotencyKey<M.UploadedAsset>>;
  createDirectUpload(body: DirectUploadBody, options?: IdempotencyOptions): Promise<WithIdempotencyKey<M.DirectUpload>>;
  completeAsset(
    id: string,
    body?: { checksum_sha256?: string },
    options?: IdempotencyOptions,
  ): Promise<WithIdempotencyKey<M.UploadedAsset>>;
  getAsset(id: string): Promise<M.Asset>;
  listAssets(params: ListAssetsParams): Promise<Page<M.Asset>>;
  deleteAsset(id: string): Promise<Deleted<M.Deleted>>;
  createTwin(body: CreateTwinBody, options?: IdempotencyOptions): Promise<WithIdempotencyKey<M.CreatedAvatar>>;
  requestConsent(groupId: string, body?: ConsentBody, options?: IdempotencyOptions): Promise<WithIdempotencyKey<M.Consent>>;
  renameLook(id: string, name: string): Promise<S.Look>;
  deleteLook(id: string): Promise<Deleted<M.Deleted>>;
}

interface CallSpec<T extends Schema> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  endpoint: string;
  path: string;
  schema: T;
  body?: unknown;
  query?: Record<string, QueryValue>;
  idempotencyKey?: string;
  internalKey?: boolean;
  rawBody?: { contentType: string; bytes: Uint8Array };
  timeoutMs?: number;
  repeatable?: boolean;
}

export function createMediaMethods(transport: Transport): MediaClient {
  const one = async <T extends Schema>(spec: CallSpec<T>): Promise<z.output<T>> =>
    (await transport.request({ ...spec, endpoint: `${spec.method} ${spec.endpoint}`, schema: S.single(spec.schema) })).data as z.output<T>;

  // Every POST here is keyed (contract §1.6 lists assets, avatars and consent; direct uploads and
  // complete take the header too, §8), so a retry after a lost answer replays the first result.
  const keyed = async <T extends Schema>(spec: CallSpec<T>, opts: IdempotencyOptions = {}): Promise<WithIdempotencyKey<z.output<T>>> => {
    const idempotencyKey = opts.idempotencyKey ?? newIdempotencyKey();
    const data = (await one({ ...spec, idempotencyKey })) as object;
    return { ...data, idempotencyKey } as WithIdempotencyKey<z.output<T>>;
  };
  const assetPath = (id: string) => `/v3/assets/${segment(id, 'asset')}`;
  const lookPath = (id: string) => `/v3/avatars/looks/${segment(id, 'look')}`;

  return {
    uploadAsset: (file, opts) =>
      keyed(
        {
          method: 'POST',
          endpoint: '/v3/assets',
          path: '/v3/assets',
          schema: M.UploadedAsset(),
          rawBody: multipartBody('file', file),
          timeoutMs: UPLOAD_TIMEOUT_MS,
        },
        opts,
      ),
    createDirectUpload: (body, opts) =>
      keyed(
        { method: 'POST', endpoint: '/v3/assets/direct-uploads', path: '/v3/assets/direct-uploads', schema: M.DirectUpload(), body },
        opts,
      ),
    completeAsset: (id, body = {}, opts) =>
      keyed(
        { method: 'POST', endpoint: '/v3/assets/{id}/complete', path: `${assetPath(id)}/complete`, schema: M.UploadedAsset(), body },
        opts,
      ),
    getAsset: (id) => one({ method: 'GET', endpoint: '/v3/assets/{id}', path: assetPath(id), schema: M.Asset() }),
    listAssets: async (params) => {
      const page = await transport.request({
        method: 'GET',
        endpoint: 'GET /v3/assets',
        path: '/v3/assets',
        schema: S.page(M.Asset()),
        query: { ...params },
      });
      return { data: page.data, has_more: page.has_more, next_token: page.next_token };
    },
    deleteAsset: (id) =>
      deleteOrGone(() => one({ method: 'DELETE', endpoint: '/v3/assets/{id}', path: assetPath(id), schema: M.Deleted() }), { id }),
    createTwin: (body, opts) =>
      keyed({ method: 'POST', endpoint: '/v3/avatars', path: '/v3/avatars', schema: M.CreatedAvatar(), body }, opts),
    requestConsent: (groupId, body, opts) =>
      keyed(
        {
          method: 'POST',
          endpoint: '/v3/avatars/{group_id}/consent',
          path: `/v3/avatars/${segment(groupId, 'group')}/consent`,
          schema: M.Consent(),
          ...(body ? { body } : {}),
        },
        opts,
      ),
    // A rename sets an absolute value, so repeating it is harmless (no key is honoured on PATCH, §1.6).
    renameLook: (id, name) =>
      one({ method: 'PATCH', endpoint: '/v3/avatars/looks/{id}', path: lookPath(id), schema: S.Look(), body: { name }, repeatable: true }),
    deleteLook: (id) =>
      deleteOrGone(() => one({ method: 'DELETE', endpoint: '/v3/avatars/looks/{id}', path: lookPath(id), schema: M.Deleted() }), { id }),
  };
}
