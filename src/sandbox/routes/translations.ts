// Video translations (contract §10.2–§10.5): languages, create (one job per language), get, list,
// bulk statuses (the other vocabulary), rename, delete and batches. Literal paths come before :id.
import { invalidParameter } from '../errors.js';
import { TRANSLATION_LANGUAGES } from '../data/languages.js';
import { listBody } from '../pagination.js';
import { data, type Route } from '../router.js';
import type { State } from '../state.js';
import { onlyFields } from '../strict.js';
import { validateTranslate } from '../translate-validate.js';
import { createTranslationBatch, translationBatchSummary, translationBatchView, translationItemStatus } from '../translation-batches.js';
import { assertTranslationCapacity, createTranslation, getTranslation, translationView } from '../translations.js';
import { isObject } from '../validate-fields.js';
import { proofreadRoutes } from './proofreads.js';

const STATUS_MAX = 100;

function csv(value: string | undefined): string[] {
  return [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

function statuses(state: State, query: Record<string, string>): Array<Record<string, unknown>> {
  const ids = csv(query['video_translation_ids']);
  const batchIds = csv(query['batch_ids']);
  if (ids.length === 0 && batchIds.length === 0) {
    throw invalidParameter('video_translation_ids', 'video_translation_ids or batch_ids is required');
  }
  const entry = (id: string): Record<string, unknown> => {
    const { status, error } = translationItemStatus(state, id);
    return { video_id: id, status, ...(error ? { error } : {}) };
  };
  const entries = ids.map(entry);
  for (const batchId of batchIds) {
    const batch = state.translationBatches.get(batchId);
    if (!batch) {
      entries.push({ video_id: null, batch_id: batchId, status: 'not_found' });
      continue;
    }
    for (const item of batch.items) entries.push({ ...entry(item.translationId), batch_id: batchId, item_index: item.index });
  }
  if (entries.length > STATUS_MAX) {
    throw invalidParameter(
      ids.length > 0 ? 'video_translation_ids' : 'batch_ids',
      `at most ${STATUS_MAX} translations per request (got ${entries.length})`,
    );
  }
  return entries;
}

export const translationRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v3/video-translations/languages',
    // A plain object, no list envelope (contract §1.2, §10.3).
    handler: () => data({ languages: TRANSLATION_LANGUAGES.map(([name]) => name) }),
  },
  {
    method: 'GET',
    pattern: '/v3/video-translations/statuses',
    query: ['video_translation_ids', 'batch_ids'],
    handler: ({ state, query }) => ({ body: { data: statuses(state, query), has_more: false, next_token: null } }),
  },
  {
    method: 'POST',
    pattern: '/v3/video-translations/batches',
    idempotent: true,
    handler: ({ state, body }) => data(translationBatchSummary(state, createTranslationBatch(state, body)), 202),
  },
  {
    method: 'GET',
    pattern: '/v3/video-translations/batches/:id',
    query: ['limit', 'token'],
    handler: ({ state, params, query }) => data(translationBatchView(state, params['id'] ?? '', query)),
  },
  ...proofreadRoutes,
  {
    method: 'POST',
    pattern: '/v3/video-translations',
    idempotent: true,
    handler: ({ state, body }) => {
      const { request, languages } = validateTranslate(state, body, '');
      assertTranslationCapacity(state, languages.length);
      // Ids in request order (the emulator's choice; the real order is unconfirmed, §10.2).
      const ids = languages.map((language) => createTranslation(state, request, language).id);
      return data({ video_translation_ids: ids });
    },
  },
  {
    method: 'GET',
    pattern: '/v3/video-translations',
    query: ['limit', 'token'],
    handler: ({ state, query }) => {
      const items = [...state.translations.values()].filter((t) => !t.deleted).sort((a, b) => b.seq - a.seq);
      return {
        body: listBody(
          items,
          query,
          { fallback: 10, max: 100 },
          (t) => -t.seq,
          'translations',
          (t) => translationView(state, t),
        ),
      };
    },
  },
  {
    method: 'GET',
    pattern: '/v3/video-translations/:id',
    handler: ({ state, params }) => data(translationView(state, getTranslation(state, params['id'] ?? ''))),
  },
  {
    method: 'PATCH',
    pattern: '/v3/video-translations/:id',
    handler: ({ state, params, body }) => {
      const t = getTranslation(state, params['id'] ?? '');
      if (!isObject(body)) throw invalidParameter(undefined, 'request body must be a JSON object');
      onlyFields(body, ['title']);
      const title = body['title'];
      if (typeof title !== 'string' || title.trim() === '') throw invalidParameter('title', 'title is required');
      t.title = title;
      return data(translationView(state, t));
    },
  },
  {
    method: 'DELETE',
    pattern: '/v3/video-translations/:id',
    handler: ({ state, params }) => {
      const t = getTranslation(state, params['id'] ?? '');
      t.deleted = true;
      return data({ id: t.id });
    },
  },
];
