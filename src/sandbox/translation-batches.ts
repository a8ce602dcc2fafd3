// Translation batches (contract §10.5), on the shared batch mechanism (job-batches.ts): each entry
// expands to one item per output language, entries in order and languages in order within each (the
// emulator's choice; the real order is unconfirmed). The cap is 100 items after expansion. Items
// run independently; every item starts at once.
import { invalidParameter } from './errors.js';
import { type BatchKind, type ItemState, openBatch } from './job-batches.js';
import type { TranslationBatchRecord } from './records.js';
import type { State } from './state.js';
import { validateTranslate } from './translate-validate.js';
import { bulkTranslationStatus, createTranslation, translationStatus } from './translations.js';

const TRANSLATION_BATCH_MAX = 100;

type TranslationItem = TranslationBatchRecord['items'][number];

export function createTranslationBatch(state: State, body: unknown): TranslationBatchRecord {
  const { batch, checked } = openBatch<TranslationItem, ReturnType<typeof validateTranslate>[]>(state, body, 'vtb', {
    field: 'video_translations',
    says: 'video_translations must be a non-empty array of create bodies',
    check: (entries) => {
      const checked = entries.map((e, i) => validateTranslate(state, e, `video_translations[${i}].`));
      const total = checked.reduce((n, c) => n + c.languages.length, 0);
      if (total > TRANSLATION_BATCH_MAX) {
        throw invalidParameter(
          'video_translations',
          `a batch holds at most ${TRANSLATION_BATCH_MAX} translations after expansion by output language (got ${total})`,
        );
      }
      return checked;
    },
  });
  for (const { request, languages } of checked) {
    for (const language of languages) {
      batch.items.push({ index: batch.items.length, language, translationId: createTranslation(state, request, language).id });
    }
  }
  state.translationBatches.set(batch.id, batch);
  return batch;
}

/** A translation in the bulk vocabulary (statuses and batch items); a deleted one reads as failed. */
export function translationItemStatus(state: State, id: string): ItemState {
  const t = state.translations.get(id);
  if (!t) return { id, status: 'not_found', error: null };
  if (t.deleted) return { id, status: 'failed', error: { code: 'not_found', message: 'the translation was deleted' } };
  const status = translationStatus(t, state.now());
  return {
    id,
    status: bulkTranslationStatus(status),
    error: status === 'failed' ? { code: 'translation_failed', message: t.failure ?? 'failed' } : null,
  };
}

export const translationBatches: BatchKind<TranslationItem> = {
  batches: (state) => state.translationBatches,
  scope: 'vtbatch',
  item: (state, item) => translationItemStatus(state, item.translationId),
};
