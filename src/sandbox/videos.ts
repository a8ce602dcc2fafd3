// Video records and their render lifecycle: the job clock (jobs.ts), with `processing` for running.
import { ApiError, notFound } from './errors.js';
import { bufferSource, syntheticSource, type BodySource } from './body-source.js';
import { fixture } from './fixtures.js';
import { takeRenderFailure } from './faults.js';
import { presign } from './presign.js';
import { buildSrt, estimateDuration } from './srt.js';
import { isTerminal, jobPhase, unfinished } from './jobs.js';
import type { CreateRequest, VideoRecord } from './records.js';
import { newId, nextSeq, type State } from './state.js';

type VideoStatus = 'pending' | 'processing' | 'completed' | 'failed';

export function videoStatus(v: VideoRecord, now: number): VideoStatus {
  const phase = jobPhase(v, v.failure !== null, now);
  return phase === 'running' ? 'processing' : phase;
}

export function inFlight(state: State): VideoRecord[] {
  const now = state.now();
  return unfinished(state.videos.values(), (v) => videoStatus(v, now));
}

export function hasCapacity(state: State): boolean {
  return inFlight(state).length < state.options.concurrencyLimit;
}

/** 429 when every render slot is taken; Retry-After is the wait until the earliest slot frees. */
export function assertCapacity(state: State): void {
  const flying = inFlight(state);
  if (flying.length < state.options.concurrencyLimit) return;
  const now = state.now();
  const earliest = Math.min(...flying.map((v) => v.createdAt + v.renderMs));
  const seconds = Math.max(1, Math.ceil((earliest - now) / 1000));
  throw new ApiError(
    429,
    'rate_limit_exceeded',
    `Concurrency limit reached: ${flying.length} of ${state.options.concurrencyLimit} renders in flight. Retry after ${seconds}s.`,
    undefined,
    { 'Retry-After': String(seconds) },
  );
}

export function createVideo(state: State, request: CreateRequest, batch?: { id: string; index: number }): VideoRecord {
  const video: VideoRecord = {
    id: newId('vid'),
    seq: nextSeq(state),
    createdAt: state.now(),
    renderMs: state.options.renderMs,
    videoBytes: state.options.videoBytes,
    request,
    durationSec: request.studio?.durationSec ?? estimateDuration(request.script),
    failure: takeRenderFailure(state),
    deleted: false,
    notified: false,
    ...(batch ? { batchId: batch.id, itemIndex: batch.index } : {}),
  };
  state.videos.set(video.id, video);
  state.counters.rendered += 1;
  if (video.videoBytes !== undefined) {
    // Hash the synthetic file while it "renders" so the first download need not wait for it.
    const hashing = syntheticSource(video.videoBytes).sha256Async();
    state.pending.add(hashing);
    void hashing.finally(() => state.pending.delete(hashing));
  }
  return video;
}

export function getVideo(state: State, id: string): VideoRecord {
  const v = state.videos.get(id);
  if (!v || v.deleted) throw notFound('video_not_found', `video ${id} not found`);
  return v;
}

function extension(v: VideoRecord): 'mp4' | 'webm' {
  return v.request.outputFormat;
}

/** The files a completed video serves, by file name in its download path. */
export function videoFile(v: VideoRecord, file: string): BodySource | undefined {
  const ext = extension(v);
  const media = (): BodySource =>
    v.videoBytes !== undefined ? syntheticSource(v.videoBytes) : bufferSource(fixture(ext === 'webm' ? 'twin.webm' : 'twin.mp4'));
  if (file === `video.${ext}`) return media();
  if (file === `captioned.${ext}` && v.request.captionStyle !== null) return media();
  if (file === 'captions.srt') return bufferSource(Buffer.from(buildSrt(v.request.script, v.durationSec)));
  if (file === 'thumbnail.jpg') return bufferSource(fixture('thumbnail.jpg'));
  return undefined;
}

/** The video resource (contract §5.1). Every call mints fresh presigned URLs. */
export function videoView(state: State, v: VideoRecord): Record<string, unknown> {
  const status = videoStatus(v, state.now());
  const done = status === 'completed';
  const ext = extension(v);
  return {
    id: v.id,
    status,
    title: v.request.title ?? 'Untitled Video',
    created_at: Math.floor(v.createdAt / 1000),
    completed_at: isTerminal(status) ? Math.floor((v.createdAt + v.renderMs) / 1000) : null,
    duration: done ? v.durationSec : null,
    video_url: done ? presign(state, v.id, `video.${ext}`) : null,
    captioned_video_url: done && v.request.captionStyle !== null ? presign(state, v.id, `captioned.${ext}`) : null,
    subtitle_url: done ? presign(state, v.id, 'captions.srt') : null,
    thumbnail_url: done ? presign(state, v.id, 'thumbnail.jpg') : null,
    gif_url: null,
    // No HeyGen app page exists for a sandbox video: a link there would lead nowhere.
    video_page_url: null,
    folder_id: null,
    failure_code: status === 'failed' ? (v.failure?.code ?? null) : null,
    failure_message: status === 'failed' ? (v.failure?.message ?? null) : null,
  };
}

/** Bulk-status and batch vocabulary (contract §5.4): `queued` instead of `pending`. */
export function bulkStatus(status: VideoStatus): string {
  return status === 'pending' ? 'queued' : status;
}
