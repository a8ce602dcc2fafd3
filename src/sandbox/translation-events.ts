// The translation webhooks (contract §10.7), emitted by lifecycle's tick once a job is terminal.
// event_data is unconfirmed; the emulator sends {video_translation_id | proofread_id, callback_id,
// failure_message?}. A batch's callback_url gets one `batch.finished` when every item is terminal.
import type { State } from './state.js';
import { proofreadStatus } from './proofreads.js';
import { translationBatchSummary } from './translation-batches.js';
import { translationStatus } from './translations.js';
import { emitEvent } from './webhook-delivery.js';

export function advanceTranslations(state: State): void {
  const now = state.now();
  for (const t of state.translations.values()) {
    if (t.notified || t.deleted) continue;
    const status = translationStatus(t, now);
    if (status !== 'completed' && status !== 'failed') continue;
    t.notified = true;
    const ok = status === 'completed';
    emitEvent(
      state,
      ok ? 'video_translate.success' : 'video_translate.fail',
      {
        video_translation_id: t.id,
        callback_id: t.request.callbackId,
        ...(ok ? {} : { failure_message: t.failure }),
      },
      t.id,
      t.request.callbackUrl,
    );
  }
  for (const p of state.proofreads.values()) {
    if (p.notified) continue;
    const status = proofreadStatus(p, now);
    if (status === 'processing') continue;
    p.notified = true;
    const ok = status === 'completed';
    emitEvent(
      state,
      ok ? 'proofread_creation.success' : 'proofread_creation.fail',
      { proofread_id: p.id, callback_id: null, ...(ok ? {} : { failure_message: p.failure }) },
      p.id,
      null,
    );
  }
  for (const batch of state.translationBatches.values()) {
    if (batch.notified) continue;
    const summary = translationBatchSummary(state, batch);
    if (summary['status'] === 'processing') continue;
    batch.notified = true;
    emitEvent(
      state,
      'batch.finished',
      { batch_id: batch.id, status: summary['status'], counts_by_status: summary['counts_by_status'] },
      batch.id,
      batch.callbackUrl,
    );
  }
}
