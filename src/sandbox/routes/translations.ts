// Video translations (contract §10.2–§10.5): languages, create (one job per language), get, list,
// bulk statuses (the other vocabulary), rename, delete and batches. Literal paths come before :id.
import { invalidParameter } from '../errors.js';
import { TRANSLATION_LANGUAGES } from '../data/languages.js';
import { batchSummary, batchView } from '../job-batches.js';
import { newestFirst } from '../pagination.js';
import { data, type Route } from '../router.js';
import type { State } from '../state.js';
import { onlyFields } from '../strict.js';
import { validateTranslate } from '../translate-validate.js';
import { createTranslationBatch, translationBatches, translationItemStatus } from '../translation-batches.js';
import { assertTranslationCapacity, createTranslation, getTranslation, translationView } from '../translations.js';
import { isObject } from '../validate-fields.js';
import { statusesRoute } from './job-statuses.js';
import { proofreadRoutes } from './proofreads.js';

function entry(state: State, id: string): Record<string, unknown> {
  const { status, error } = translationItemStatus(state, id);
  return { video_id: id, status, ...(error ? { error } : {}) };
}

export const translationRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v3/video-translations/languages',
    // A plain object, no list envelope (contract §1.2, §10.3).
    handler: () => data({ languages: TRANSLATION_LANGUAGES.map(([name]) => name) }),
  },
  statusesRoute({
    pattern: '/v3/video-translations/statuses',
    idsParam: 'video_translation_ids',
    noun: 'translations',
    entry,
    batches: translationBatches.batches,
    itemEntry: (state, item) => entry(state, item.translationId),
  }),
  {
    method: 'POST',
    pattern: '/v3/video-translations/batches',
    idempotent: true,
    handler: ({ state, body }) => data(batchSummary(state, translationBatches, createTranslationBatch(state, body)), 202),
  },
  {
    method: 'GET',
    pattern: '/v3/video-translations/batches/:id',
    query: ['limit', 'token'],
    handler: ({ state, params, query }) => data(batchView(state, translationBatches, params['id'] ?? '', query)),
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
      const live = [...state.translations.values()].filter((t) => !t.deleted);
      return { body: newestFirst(live, query, 'translations', (t) => translationView(state, t)) };
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
