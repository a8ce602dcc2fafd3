// Video batches (contract §5.5–5.6). Items wait as `queued` while every render slot is taken and
// start as slots free, so a batch larger than the concurrency limit never gets a 429.
import { invalidParameter, notFound } from './errors.js';
import { paginate, parseLimit } from './pagination.js';
import type { BatchRecord } from './records.js';
import { newId, nextSeq, type State } from './state.js';
import { validateVideoBody } from './studio.js';
import { onlyFields } from './strict.js';
import { isObject } from './validate-fields.js';
import { bulkStatus, createVideo, hasCapacity, videoStatus } from './videos.js';

const BATCH_MAX = 100;

export function createBatch(state: State, body: unknown): BatchRecord {
  if (!isObject(body)) throw invalidParameter(undefined, 'request body must be a JSON object');
  onlyFields(body, ['videos', 'title', 'callback_url']);
  const { videos, title, callback_url: callbackUrl } = body;
  if (!Array.isArray(videos) || videos.length < 1 || videos.length > BATCH_MAX) {
    throw invalidParameter('videos', `videos must be an array of 1 to ${BATCH_MAX} video requests`);
  }
  if (title !== undefined && title !== null && typeof title !== 'string') throw invalidParameter('title', 'title must be a string');
  if (callbackUrl !== undefined && callbackUrl !== null) {
    if (typeof callbackUrl !== 'string' || !/^https?:\/\//.test(callbackUrl)) {
      throw invalidParameter('callback_url', 'callback_url must be an http(s) URL');
    }
  }
  // All-or-nothing: one bad item rejects the whole batch, naming it as videos[i].field.
  const requests = videos.map((v, i) => validateVideoBody(state, v, `videos[${i}].`));
  const batch: BatchRecord = {
    id: newId('batch'),
    seq: nextSeq(state),
    createdAt: state.now(),
    title: typeof title === 'string' ? title : null,
    callbackUrl: typeof callbackUrl === 'string' ? callbackUrl : null,
    items: requests.map((request, index) => ({ index, request, videoId: null })),
    notified: false,
  };
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

function itemStatus(state: State, videoId: string | null): string {
  const video = videoId === null ? undefined : state.videos.get(videoId);
  if (!video) return 'queued';
  if (video.deleted) return 'failed';
  return bulkStatus(videoStatus(video, state.now()));
}

function itemError(state: State, videoId: string | null): Record<string, string> | null {
  const video = videoId === null ? undefined : state.videos.get(videoId);
  if (video?.deleted) return { code: 'video_not_found', message: 'the video was deleted' };
  if (video && videoStatus(video, state.now()) === 'failed' && video.failure) return { ...video.failure };
  return null;
}

export function batchSummary(state: State, batch: BatchRecord): Record<string, unknown> {
  const counts: Record<string, number> = { queued: 0, processing: 0, completed: 0, failed: 0 };
  for (const item of batch.items) {
    const s = itemStatus(state, item.videoId);
    counts[s] = (counts[s] ?? 0) + 1;
  }
  const terminal = (counts['completed'] ?? 0) + (counts['failed'] ?? 0);
  // Aggregate: failed only when every item failed; completed once all are terminal otherwise.
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

export function batchView(state: State, id: string, query: Record<string, string>): Record<string, unknown> {
  const batch = state.batches.get(id);
  if (!batch) throw notFound('not_found', `batch ${id} not found`);
  const limit = parseLimit(query, 100, 100);
  const page = paginate(batch.items, limit, query['token'], (item) => item.index, `batch:${id}`);
  return {
    ...batchSummary(state, batch),
    items: page.data.map((item) => ({
      item_index: item.index,
      status: itemStatus(state, item.videoId),
      video_id: item.videoId,
      error: itemError(state, item.videoId),
    })),
    has_more: page.has_more,
    next_token: page.next_token,
  };
}
