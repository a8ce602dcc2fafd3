// The translation webhooks (contract §10.7), emitted by lifecycle's tick once a job is terminal.
// event_data is unconfirmed; the emulator sends {video_translation_id | proofread_id, callback_id,
// failure_message?}. A batch's callback_url gets one `batch.finished` when every item is terminal.
import { finishBatches } from './job-batches.js';
import { settle } from './jobs.js';
import { proofreadStatus } from './proofreads.js';
import type { State } from './state.js';
import { translationBatches } from './translation-batches.js';
import { translationStatus } from './translations.js';
import { emitEvent } from './webhook-delivery.js';

export function advanceTranslations(state: State): void {
  const now = state.now();
  settle(
    state.translations.values(),
    (t) => translationStatus(t, now),
    (t, ok) => {
      const data = { video_translation_id: t.id, callback_id: t.request.callbackId, ...(ok ? {} : { failure_message: t.failure }) };
      emitEvent(state, ok ? 'video_translate.success' : 'video_translate.fail', data, t.id, t.request.callbackUrl);
    },
  );
  settle(
    state.proofreads.values(),
    (p) => proofreadStatus(p, now),
    (p, ok) => {
      const data = { proofread_id: p.id, callback_id: null, ...(ok ? {} : { failure_message: p.failure }) };
      emitEvent(state, ok ? 'proofread_creation.success' : 'proofread_creation.fail', data, p.id, null);
    },
  );
  finishBatches(state, translationBatches);
}
