// Moves time-driven state forward: starts queued batch items and emits the webhooks of renders
// that reached a terminal status. Runs on a short timer and before every API request, so both a
// real clock and a test-driven `now()` see events promptly.
import { advanceTraining } from './avatars.js';
import { startQueuedItems, videoBatches } from './batches.js';
import { finishBatches } from './job-batches.js';
import { settle } from './jobs.js';
import type { State } from './state.js';
import { advanceTranslations } from './translation-events.js';
import { emitEvent } from './webhook-delivery.js';
import { videoStatus, videoView } from './videos.js';

export function tick(state: State): void {
  if (state.closed) return;
  startQueuedItems(state);
  advanceTraining(state);
  advanceTranslations(state);
  const now = state.now();
  settle(
    state.videos.values(),
    (video) => videoStatus(video, now),
    (video, ok) => {
      const { callbackId, callbackUrl } = video.request;
      if (!ok) {
        const data = {
          video_id: video.id,
          msg: video.failure?.message ?? 'render failed',
          failure_code: video.failure?.code ?? null,
          callback_id: callbackId,
        };
        emitEvent(state, 'avatar_video.fail', data, video.id, callbackUrl);
        return;
      }
      const view = videoView(state, video);
      const data = {
        video_id: video.id,
        url: view['video_url'],
        callback_id: callbackId,
        thumbnail_url: view['thumbnail_url'],
        duration: view['duration'],
      };
      emitEvent(state, 'avatar_video.success', data, video.id, callbackUrl);
      if (video.request.captionStyle !== null) {
        const captioned = { video_id: video.id, url: view['captioned_video_url'], callback_id: callbackId };
        emitEvent(state, 'avatar_video_caption.success', captioned, video.id, null);
      }
    },
  );
  finishBatches(state, videoBatches);
}
