// Moves time-driven state forward: starts queued batch items and emits the webhooks of renders
// that reached a terminal status. Runs on a short timer and before every API request, so both a
// real clock and a test-driven `now()` see events promptly.
import { advanceTraining } from './avatars.js';
import { batchSummary, startQueuedItems } from './batches.js';
import type { State } from './state.js';
import { advanceTranslations } from './translation-events.js';
import { emitEvent } from './webhook-delivery.js';
import { isTerminal, videoStatus, videoView } from './videos.js';

export function tick(state: State): void {
  if (state.closed) return;
  startQueuedItems(state);
  advanceTraining(state);
  advanceTranslations(state);
  const now = state.now();
  for (const video of state.videos.values()) {
    if (video.notified || video.deleted) continue;
    const status = videoStatus(video, now);
    if (!isTerminal(status)) continue;
    video.notified = true;
    const { callbackId, callbackUrl } = video.request;
    if (status === 'completed') {
      const view = videoView(state, video);
      emitEvent(
        state,
        'avatar_video.success',
        {
          video_id: video.id,
          url: view['video_url'],
          callback_id: callbackId,
          thumbnail_url: view['thumbnail_url'],
          duration: view['duration'],
        },
        video.id,
        callbackUrl,
      );
      if (video.request.captionStyle !== null) {
        emitEvent(
          state,
          'avatar_video_caption.success',
          { video_id: video.id, url: view['captioned_video_url'], callback_id: callbackId },
          video.id,
          null,
        );
      }
    } else {
      emitEvent(
        state,
        'avatar_video.fail',
        {
          video_id: video.id,
          msg: video.failure?.message ?? 'render failed',
          failure_code: video.failure?.code ?? null,
          callback_id: callbackId,
        },
        video.id,
        callbackUrl,
      );
    }
  }
  for (const batch of state.batches.values()) {
    if (batch.notified) continue;
    const summary = batchSummary(state, batch);
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
