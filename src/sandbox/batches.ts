// Video batches (contract §5.5–5.6), on the shared batch mechanism (job-batches.ts). Items wait as
// `queued` while every render slot is taken and start as slots free, so a batch larger than the
// concurrency limit never gets a 429.
import { type BatchKind, type ItemState, openBatch } from './job-batches.js';
import type { BatchRecord } from './records.js';
import type { State } from './state.js';
import { validateVideoBody } from './studio.js';
import { bulkStatus, createVideo, hasCapacity, videoStatus } from './videos.js';

const BATCH_MAX = 100;

type BatchItem = BatchRecord['items'][number];

export function createBatch(state: State, body: unknown): BatchRecord {
  const { batch, checked } = openBatch<BatchItem, ReturnType<typeof validateVideoBody>[]>(state, body, 'batch', {
    field: 'videos',
    max: BATCH_MAX,
    says: `videos must be an array of 1 to ${BATCH_MAX} video requests`,
    // All-or-nothing: one bad item rejects the whole batch, naming it as videos[i].field.
    check: (videos) => videos.map((v, i) => validateVideoBody(state, v, `videos[${i}].`)),
  });
  batch.items = checked.map((request, index) => ({ index, request, videoId: null }));
  state.batches.set(batch.id, batch);
  startQueuedItems(state);
  return batch;
}

export function startQueuedItems(state: State): void {
  const batches = [...state.batches.values()].sort((a, b) => a.seq - b.seq);
  for (const batch of batches) {
    for (const item of batch.items) {
      if (item.videoId !== null) continue;
      if (!hasCapacity(state)) return;
      item.videoId = createVideo(state, item.request, { id: batch.id, index: item.index }).id;
    }
  }
}

function itemState(state: State, item: BatchItem): ItemState {
  const video = item.videoId === null ? undefined : state.videos.get(item.videoId);
  if (!video) return { id: item.videoId, status: 'queued', error: null };
  if (video.deleted) return { id: video.id, status: 'failed', error: { code: 'video_not_found', message: 'the video was deleted' } };
  const status = videoStatus(video, state.now());
  return { id: video.id, status: bulkStatus(status), error: status === 'failed' && video.failure ? { ...video.failure } : null };
}

export const videoBatches: BatchKind<BatchItem> = { batches: (state) => state.batches, scope: 'batch', item: itemState };
