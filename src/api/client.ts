// The HeyGen v3 client: one flat method per endpoint the tool uses (contract §9). Each
// method names its endpoint template once, so errors and debug lines say which call failed.
import type { z } from 'zod';
import { UsageError } from '../shared/errors.js';
import { createTransport, newIdempotencyKey, type QueryValue, type TransportOptions } from './http.js';
import * as S from './schemas.js';
import type { Page, Schema } from './schemas.js';
import { createMediaMethods, type MediaClient } from './media-client.js';
import { createTranslationMethods, type TranslationClient } from './translation-client.js';
import { createVoiceMethods, type VoiceClient } from './voice-client.js';
import {
  deleteOrGone,
  pageOf,
  segment,
  type CallOptions,
  type Deleted,
  type IdempotencyOptions,
  type PageParams,
  type WithIdempotencyKey,
} from './client-parts.js';

export type { CallOptions, Deleted, IdempotencyOptions, PageParams, WithIdempotencyKey } from './client-parts.js';
import type { CreateVideoBatchBody, CreateVideoBody, WebhookEndpointBody, WebhookEndpointUpdate } from './video-body.js';
import type { StudioVideoBody } from './studio-body.js';

export type ClientOptions = TransportOptions;

export interface ListLooksParams extends PageParams {
  group_id?: string;
  avatar_type?: string;
  ownership?: 'public' | 'private';
}
export interface ListGroupsParams extends PageParams {
  ownership?: 'public' | 'private';
}
export interface ListVoicesParams extends PageParams {
  type?: 'public' | 'private';
  engine?: string;
  language?: string;
  gender?: string;
}
export interface ListVideosParams extends PageParams {
  title?: string;
  folder_id?: string;
}
export interface VideoStatusesParams {
  video_ids?: readonly string[];
  batch_ids?: readonly string[];
}
export interface ListWebhookEventsParams extends PageParams {
  event_type?: string;
  entity_id?: string;
}

export interface HeyGenClient extends MediaClient, TranslationClient, VoiceClient {
  listLooks(params?: ListLooksParams): Promise<Page<S.Look>>;
  getLook(id: string): Promise<S.Look>;
  listGroups(params?: ListGroupsParams): Promise<Page<S.Group>>;
  getGroup(id: string): Promise<S.Group>;
  listVoices(params?: ListVoicesParams): Promise<Page<S.VoiceListItem>>;
  /** `options.budgetMs` bounds the call with its retries (a wait's deadline). */
  getVoice(id: string, options?: CallOptions): Promise<S.VoiceDetail>;
  getMe(): Promise<S.User>;
  /** One keyed POST /v3/videos: an avatar video, or a multi-scene (`studio`) one (§9). */
  createVideo(body: CreateVideoBody | StudioVideoBody, options?: IdempotencyOptions): Promise<WithIdempotencyKey<S.CreateVideoResponse>>;
  getVideo(id: string, options?: CallOptions): Promise<S.Video>;
  listVideos(params?: ListVideosParams): Promise<Page<S.Video>>;
  deleteVideo(id: string): Promise<Deleted<S.DeletedVideo & { id: string; deleted: boolean }>>;
  getVideoStatuses(params: VideoStatusesParams, options?: CallOptions): Promise<Page<S.BulkStatusEntry>>;
  /** Not keyed: HeyGen documents no Idempotency-Key for batches (§1.6), so it is never retried after a 5xx. */
  createVideoBatch(body: CreateVideoBatchBody): Promise<S.BatchCreated>;
  getVideoBatch(id: string, params?: PageParams): Promise<S.BatchDetail>;
  createWebhookEndpoint(body: WebhookEndpointBody): Promise<S.WebhookEndpoint>;
  listWebhookEndpoints(params?: PageParams): Promise<Page<S.WebhookEndpoint>>;
  updateWebhookEndpoint(id: string, body: WebhookEndpointUpdate): Promise<S.WebhookEndpoint>;
  deleteWebhookEndpoint(id: string): Promise<Deleted<S.DeletedWebhookEndpoint>>;
  rotateWebhookSecret(id: string, options?: IdempotencyOptions): Promise<WithIdempotencyKey<S.RotatedSecret>>;
  listWebhookEventTypes(): Promise<Page<S.WebhookEventType>>;
  listWebhookEvents(params?: ListWebhookEventsParams): Promise<Page<S.WebhookEvent>>;
  /** Closes the keep-alive connections (only those of a dispatcher the client created). */
  close(): Promise<void>;
}

const MAX_STATUS_IDS = 100;

export function createClient(options: ClientOptions): HeyGenClient {
  const transport = createTransport(options);

  const get = <T extends Schema>(endpoint: string, path: string, schema: T, query?: Record<string, QueryValue>, call: CallOptions = {}) =>
    transport.request({ method: 'GET', endpoint: `GET ${endpoint}`, path, schema, query, budgetMs: call.budgetMs });

  const getOne = async <T extends Schema>(endpoint: string, path: string, schema: T, call?: CallOptions) =>
    (await get(endpoint, path, S.single(schema), undefined, call)).data as z.output<T>;

  const getPage = async <T extends Schema>(
    endpoint: string,
    path: string,
    schema: T,
    query: Record<string, QueryValue> = {},
  ): Promise<Page<z.output<T>>> => pageOf(await get(endpoint, path, S.page(schema), query));

  // Idempotency-Key only where HeyGen honours it (contract §1.6): the caller passes
  // `idempotencyKey` (shown to the user, e.g. --idempotency-key) or `internalKey` (minted here; it
  // only makes our own retry of a lost answer replay the first result and is never shown).
  // Elsewhere no key is sent: a replay there cannot be counted on, so such writes are retried only
  // when repeating them is harmless (`repeatable`), and DELETE handles a lost answer itself.
  const send = async <T extends Schema>(
    method: 'POST' | 'PATCH' | 'DELETE',
    endpoint: string,
    path: string,
    schema: T,
    extra: { body?: unknown; idempotencyKey?: string; internalKey?: boolean; repeatable?: boolean } = {},
  ) => {
    const { internalKey, ...rest } = extra;
    const key = internalKey ? { idempotencyKey: newIdempotencyKey(), internalKey: true } : {};
    const spec = { method, endpoint: `${method} ${endpoint}`, path, schema: S.single(schema), ...rest, ...key };
    return (await transport.request(spec)).data as z.output<T>;
  };

  return {
    ...createMediaMethods(transport),
    ...createTranslationMethods(transport),
    ...createVoiceMethods(transport),
    listLooks: (params = {}) => getPage('/v3/avatars/looks', '/v3/avatars/looks', S.Look(), { ...params }),
    getLook: async (id) => getOne('/v3/avatars/looks/{id}', `/v3/avatars/looks/${segment(id, 'look')}`, S.Look()),
    listGroups: (params = {}) => getPage('/v3/avatars', '/v3/avatars', S.Group(), { ...params }),
    getGroup: async (id) => getOne('/v3/avatars/{id}', `/v3/avatars/${segment(id, 'group')}`, S.Group()),
    listVoices: (params = {}) => getPage('/v3/voices', '/v3/voices', S.VoiceListItem(), { ...params }),
    getVoice: async (id, call) => getOne('/v3/voices/{id}', `/v3/voices/${segment(id, 'voice')}`, S.VoiceDetail(), call),
    getMe: () => getOne('/v3/users/me', '/v3/users/me', S.User()),

    async createVideo(body, opts = {}) {
      // Always keyed: a retry or a re-run with the same key can never render twice.
      const idempotencyKey = opts.idempotencyKey ?? newIdempotencyKey();
      const data = await send('POST', '/v3/videos', '/v3/videos', S.CreateVideoResponse(), { body, idempotencyKey });
      return { ...data, idempotencyKey };
    },
    getVideo: async (id, call) => getOne('/v3/videos/{id}', `/v3/videos/${segment(id, 'video')}`, S.Video(), call),
    listVideos: (params = {}) => getPage('/v3/videos', '/v3/videos', S.Video(), { ...params }),
    async deleteVideo(id) {
      const path = `/v3/videos/${segment(id, 'video')}`;
      const data = await deleteOrGone(() => send('DELETE', '/v3/videos/{id}', path, S.DeletedVideo()), { id, deleted: true });
      // A bodiless 204 still means deleted; the contract's `deleted` is "always true on success".
      return { ...data, id: data.id ?? id, deleted: data.deleted ?? true };
    },

    async getVideoStatuses({ video_ids = [], batch_ids = [] }, call) {
      const count = video_ids.length + batch_ids.length;
      if (count === 0) throw new UsageError('Bulk status needs at least one video or batch id.');
      if (count > MAX_STATUS_IDS) {
        throw new UsageError(`Bulk status takes at most ${MAX_STATUS_IDS} ids per request (got ${count}); split them.`);
      }
      const query = { video_ids, batch_ids };
      return pageOf(await get('/v3/videos/statuses', '/v3/videos/statuses', S.page(S.BulkStatusEntry()), query, call));
    },

    createVideoBatch: (body) => send('POST', '/v3/videos/batches', '/v3/videos/batches', S.BatchCreated(), { body }),
    getVideoBatch: async (id, params = {}) =>
      (
        await get('/v3/videos/batches/{id}', `/v3/videos/batches/${segment(id, 'batch')}`, S.single(S.BatchDetail()), {
          ...params,
        })
      ).data,

    // Keyed (honoured, §1.6): a retry after a lost answer replays the first endpoint, not a second one.
    createWebhookEndpoint: (body) =>
      send('POST', '/v3/webhooks/endpoints', '/v3/webhooks/endpoints', S.WebhookEndpoint(), { body, internalKey: true }),
    listWebhookEndpoints: (params = {}) => getPage('/v3/webhooks/endpoints', '/v3/webhooks/endpoints', S.WebhookEndpoint(), { ...params }),
    // No key on PATCH (§1.6), but the body sets absolute values (this url, exactly these events):
    // applying it twice leaves the same endpoint, so a 5xx or lost answer is retried.
    updateWebhookEndpoint: async (id, body) =>
      send('PATCH', '/v3/webhooks/endpoints/{id}', endpointPath(id), S.WebhookEndpoint(), { body, repeatable: true }),
    deleteWebhookEndpoint: async (id) =>
      deleteOrGone(() => send('DELETE', '/v3/webhooks/endpoints/{id}', endpointPath(id), S.DeletedWebhookEndpoint()), {}),

    async rotateWebhookSecret(id, opts = {}) {
      // Keyed so a retried rotation replays the first new secret instead of minting a
      // second one and invalidating the secret we were about to print.
      const idempotencyKey = opts.idempotencyKey ?? newIdempotencyKey();
      const endpoint = '/v3/webhooks/endpoints/{id}/rotate-secret';
      const data = await send('POST', endpoint, `${endpointPath(id)}/rotate-secret`, S.RotatedSecret(), {
        idempotencyKey,
      });
      return { ...data, idempotencyKey };
    },
    listWebhookEventTypes: async () =>
      pageOf(await get('/v3/webhooks/event-types', '/v3/webhooks/event-types', S.page(S.WebhookEventType()))),
    listWebhookEvents: (params = {}) => getPage('/v3/webhooks/events', '/v3/webhooks/events', S.WebhookEvent(), { ...params }),

    close: () => transport.close(),
  };
}

function endpointPath(id: string): string {
  return `/v3/webhooks/endpoints/${segment(id, 'webhook endpoint')}`;
}
