// Client methods for video translation (contract §10), merged into HeyGenClient by client.ts. Every
// create (translations, batches, proofreads, generate) is keyed, as §1.6 lists them: a retry or a
// re-run with the same key replays the first answer instead of paying again.
import type { z } from 'zod';
import { UsageError } from '../shared/errors.js';
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
import { newIdempotencyKey, type QueryValue, type Transport } from './http.js';
import * as S from './schemas.js';
import type { Page, Schema } from './schemas.js';
import type {
  CreateProofreadBody,
  CreateTranslationBatchBody,
  CreateTranslationBody,
  GenerateProofreadBody,
  TranslationSource,
} from './translation-body.js';
import * as T from './translation-schemas.js';
import type { Deleted as DeletedSchema } from './media-schemas.js';
import { Deleted as DeletedShape } from './media-schemas.js';

const MAX_STATUS_IDS = 100;
const BASE = '/v3/video-translations';

export interface TranslationStatusesParams {
  video_translation_ids?: readonly string[];
  batch_ids?: readonly string[];
}

export interface TranslationClient {
  listTranslationLanguages(): Promise<string[]>;
  createTranslation(body: CreateTranslationBody, options?: IdempotencyOptions): Promise<WithIdempotencyKey<T.TranslationCreated>>;
  getTranslation(id: string, options?: CallOptions): Promise<T.Translation>;
  listTranslations(params?: PageParams): Promise<Page<T.Translation>>;
  /** The bulk vocabulary: queued | processing | completed | failed | not_found; the id is in `video_id`. */
  getTranslationStatuses(params: TranslationStatusesParams, options?: CallOptions): Promise<Page<S.BulkStatusEntry>>;
  renameTranslation(id: string, title: string): Promise<T.Translation>;
  deleteTranslation(id: string): Promise<Deleted<DeletedSchema>>;
  createTranslationBatch(body: CreateTranslationBatchBody, options?: IdempotencyOptions): Promise<WithIdempotencyKey<{ batch_id: string }>>;
  getTranslationBatch(id: string, params?: PageParams): Promise<S.BatchDetail>;
  createProofreads(body: CreateProofreadBody, options?: IdempotencyOptions): Promise<WithIdempotencyKey<T.ProofreadsCreated>>;
  getProofread(id: string, options?: CallOptions): Promise<T.Proofread>;
  getProofreadSrt(id: string): Promise<T.ProofreadSrt>;
  putProofreadSrt(id: string, srt: TranslationSource): Promise<T.Proofread>;
  generateFromProofread(
    id: string,
    body?: GenerateProofreadBody,
    options?: IdempotencyOptions,
  ): Promise<WithIdempotencyKey<T.ProofreadGenerated>>;
}

interface Spec<S extends Schema> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  endpoint: string;
  path: string;
  schema: S;
  body?: unknown;
  query?: Record<string, QueryValue>;
  idempotencyKey?: string;
  repeatable?: boolean;
  budgetMs?: number;
}

export function createTranslationMethods(transport: Transport): TranslationClient {
  const raw = <S extends Schema>(spec: Spec<S>) =>
    transport.request({ ...spec, endpoint: `${spec.method} ${BASE}${spec.endpoint}` } as Parameters<Transport['request']>[0]) as Promise<
      z.output<S>
    >;
  const one = async <S extends Schema>(spec: Spec<S>): Promise<z.output<S>> =>
    ((await raw({ ...spec, schema: S.single(spec.schema) })) as { data: z.output<S> }).data;
  const keyed = async <S extends Schema>(spec: Spec<S>, opts: IdempotencyOptions = {}): Promise<WithIdempotencyKey<z.output<S>>> => {
    const idempotencyKey = opts.idempotencyKey ?? newIdempotencyKey();
    const data = (await one({ ...spec, idempotencyKey })) as object;
    return { ...data, idempotencyKey } as WithIdempotencyKey<z.output<S>>;
  };
  const idPath = (id: string) => `${BASE}/${segment(id, 'video translation')}`;
  const proofPath = (id: string) => `${BASE}/proofreads/${segment(id, 'proofread')}`;

  return {
    listTranslationLanguages: async () =>
      (await one({ method: 'GET', endpoint: '/languages', path: `${BASE}/languages`, schema: T.TranslationLanguages() })).languages,
    createTranslation: (body, opts) => keyed({ method: 'POST', endpoint: '', path: BASE, schema: T.TranslationCreated(), body }, opts),
    getTranslation: (id, call = {}) =>
      one({
        method: 'GET',
        endpoint: '/{id}',
        path: idPath(id),
        schema: T.Translation(),
        ...(call.budgetMs ? { budgetMs: call.budgetMs } : {}),
      }),
    listTranslations: async (params = {}) =>
      pageOf(await raw({ method: 'GET', endpoint: '', path: BASE, schema: S.page(T.Translation()), query: { ...params } })),
    async getTranslationStatuses({ video_translation_ids = [], batch_ids = [] }, call = {}) {
      const count = video_translation_ids.length + batch_ids.length;
      if (count === 0) throw new UsageError('Bulk status needs at least one translation or batch id.');
      if (count > MAX_STATUS_IDS)
        throw new UsageError(`Bulk status takes at most ${MAX_STATUS_IDS} ids per request (got ${count}); split them.`);
      return pageOf(
        await raw({
          method: 'GET',
          endpoint: '/statuses',
          path: `${BASE}/statuses`,
          schema: S.page(S.BulkStatusEntry()),
          query: { video_translation_ids, batch_ids },
          ...(call.budgetMs ? { budgetMs: call.budgetMs } : {}),
        }),
      );
    },
    // No key on PATCH (§1.6), but a rename sets an absolute value: repeating it is harmless.
    renameTranslation: (id, title) =>
      one({ method: 'PATCH', endpoint: '/{id}', path: idPath(id), schema: T.Translation(), body: { title }, repeatable: true }),
    deleteTranslation: (id) =>
      deleteOrGone(() => one({ method: 'DELETE', endpoint: '/{id}', path: idPath(id), schema: DeletedShape() }), { id }),
    async createTranslationBatch(body, opts = {}) {
      const idempotencyKey = opts.idempotencyKey ?? newIdempotencyKey();
      const answer = await raw({
        method: 'POST',
        endpoint: '/batches',
        path: `${BASE}/batches`,
        schema: T.TranslationBatchCreatedRaw(),
        body,
        idempotencyKey,
      });
      const batchId = answer.data?.batch_id ?? answer.batch_id;
      if (!batchId) throw new Error('The translation batch was accepted, but its answer names no batch_id.');
      return { batch_id: batchId, idempotencyKey };
    },
    getTranslationBatch: async (id, params = {}) =>
      one({
        method: 'GET',
        endpoint: '/batches/{id}',
        path: `${BASE}/batches/${segment(id, 'batch')}`,
        schema: S.BatchDetail(),
        query: { ...params },
      }),
    createProofreads: (body, opts) =>
      keyed({ method: 'POST', endpoint: '/proofreads', path: `${BASE}/proofreads`, schema: T.ProofreadsCreated(), body }, opts),
    getProofread: (id, call = {}) =>
      one({
        method: 'GET',
        endpoint: '/proofreads/{id}',
        path: proofPath(id),
        schema: T.Proofread(),
        ...(call.budgetMs ? { budgetMs: call.budgetMs } : {}),
      }),
    getProofreadSrt: (id) =>
      one({ method: 'GET', endpoint: '/proofreads/{id}/srt', path: `${proofPath(id)}/srt`, schema: T.ProofreadSrt() }),
    // Not keyed (§1.6), but it replaces the subtitles: a repeat is harmless.
    putProofreadSrt: (id, srt) =>
      one({
        method: 'PUT',
        endpoint: '/proofreads/{id}/srt',
        path: `${proofPath(id)}/srt`,
        schema: T.Proofread(),
        body: { srt },
        repeatable: true,
      }),
    generateFromProofread: (id, body = {}, opts) =>
      keyed(
        { method: 'POST', endpoint: '/proofreads/{id}/generate', path: `${proofPath(id)}/generate`, schema: T.ProofreadGenerated(), body },
        opts,
      ),
  };
}
