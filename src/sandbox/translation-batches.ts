// Translation batches (contract §10.5): each entry expands to one item per output language, entries
// in order and languages in order within each (the emulator's choice; the real order is unconfirmed).
// The cap is 100 items after expansion. Items run independently; every item starts at once.
import { invalidParameter, notFound } from './errors.js';
import { paginate, parseLimit } from './pagination.js';
import type { TranslationBatchRecord } from './records.js';
import { newId, nextSeq, type State } from './state.js';
import { onlyFields } from './strict.js';
import { validateTranslate } from './translate-validate.js';
import { bulkTranslationStatus, createTranslation, translationStatus } from './translations.js';
import { isObject } from './validate-fields.js';

const TRANSLATION_BATCH_MAX = 100;

export function createTranslationBatch(state: State, body: unknown): TranslationBatchRecord {
  if (!isObject(body)) throw invalidParameter(undefined, 'request body must be a JSON object');
  onlyFields(body, ['video_translations', 'title', 'callback_url']);
  const entries = body['video_translations'];
  if (!Array.isArray(entries) || entries.length < 1) {
    throw invalidParameter('video_translations', 'video_translations must be a non-empty array of create bodies');
  }
  const title = body['title'];
  if (title !== undefined && title !== null && typeof title !== 'string') throw invalidParameter('title', 'title must be a string');
  const callbackUrl = body['callback_url'];
  if (callbackUrl !== undefined && callbackUrl !== null && (typeof callbackUrl !== 'string' || !/^https?:\/\//.test(callbackUrl))) {
    throw invalidParameter('callback_url', 'callback_url must be an http(s) URL');
  }
  const checked = entries.map((e, i) => validateTranslate(state, e, `video_translations[${i}].`));
  const total = checked.reduce((n, c) => n + c.languages.length, 0);
  if (total > TRANSLATION_BATCH_MAX) {
    throw invalidParameter(
      'video_translations',
      `a batch holds at most ${TRANSLATION_BATCH_MAX} translations after expansion by output language (got ${total})`,
    );
  }
  const batch: TranslationBatchRecord = {
    id: newId('vtb'),
    seq: nextSeq(state),
    createdAt: state.now(),
    title: typeof title === 'string' ? title : null,
    callbackUrl: typeof callbackUrl === 'string' ? callbackUrl : null,
    items: [],
    notified: false,
  };
  for (const { request, languages } of checked) {
    for (const language of languages) {
      batch.items.push({ index: batch.items.length, language, translationId: createTranslation(state, request, language).id });
    }
  }
  state.translationBatches.set(batch.id, batch);
  return batch;
}

export function translationItemStatus(state: State, id: string): { status: string; error: Record<string, string> | null } {
  const t = state.translations.get(id);
  if (!t) return { status: 'not_found', error: null };
  if (t.deleted) return { status: 'failed', error: { code: 'not_found', message: 'the translation was deleted' } };
  const status = translationStatus(t, state.now());
  return {
    status: bulkTranslationStatus(status),
    error: status === 'failed' ? { code: 'translation_failed', message: t.failure ?? 'failed' } : null,
  };
}

export function translationBatchSummary(state: State, batch: TranslationBatchRecord): Record<string, unknown> {
  const counts: Record<string, number> = { queued: 0, processing: 0, completed: 0, failed: 0 };
  for (const item of batch.items) {
    const s = translationItemStatus(state, item.translationId).status;
    counts[s] = (counts[s] ?? 0) + 1;
  }
  const terminal = (counts['completed'] ?? 0) + (counts['failed'] ?? 0);
  const status = terminal < batch.items.length ? 'processing' : counts['failed'] === batch.items.length ? 'failed' : 'completed';
  return {
    batch_id: batch.id,
    status,
    counts_by_status: counts,
    created_at: Math.floor(batch.createdAt / 1000),
    title: batch.title,
    total_items: batch.items.length,
  };
}

export function translationBatchView(state: State, id: string, query: Record<string, string>): Record<string, unknown> {
  const batch = state.translationBatches.get(id);
  if (!batch) throw notFound('not_found', `batch ${id} not found`);
  const limit = parseLimit(query, 100, 100);
  const page = paginate(batch.items, limit, query['token'], (item) => item.index, `vtbatch:${id}`);
  return {
    ...translationBatchSummary(state, batch),
    items: page.data.map((item) => {
      const { status, error } = translationItemStatus(state, item.translationId);
      return { item_index: item.index, status, video_id: item.translationId, error };
    }),
    has_more: page.has_more,
    next_token: page.next_token,
  };
}
