// Videos: create, get, list, delete, bulk statuses and batches (contract §4, §5).
import { invalidParameter } from '../errors.js';
import { batchSummary, batchView, createBatch } from '../batches.js';
import { listBody } from '../pagination.js';
import { data, type Route } from '../router.js';
import type { State } from '../state.js';
import { applySceneFault, validateVideoBody } from '../studio.js';
import { assertCapacity, bulkStatus, createVideo, getVideo, videoStatus, videoView } from '../videos.js';

const STATUS_MAX = 100;

function csv(value: string | undefined): string[] {
  return [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

function videoEntry(state: State, id: string): Record<string, unknown> {
  const v = state.videos.get(id);
  if (!v || v.deleted) return { video_id: id, status: 'not_found' };
  const status = videoStatus(v, state.now());
  return {
    video_id: id,
    status: bulkStatus(status),
    ...(status === 'failed' && v.failure ? { error: { ...v.failure } } : {}),
  };
}

function statuses(state: State, query: Record<string, string>): Array<Record<string, unknown>> {
  const videoIds = csv(query['video_ids']);
  const batchIds = csv(query['batch_ids']);
  if (videoIds.length === 0 && batchIds.length === 0) {
    throw invalidParameter('video_ids', 'video_ids or batch_ids is required');
  }
  const entries = videoIds.map((id) => videoEntry(state, id));
  for (const batchId of batchIds) {
    const batch = state.batches.get(batchId);
    if (!batch) {
      entries.push({ video_id: null, batch_id: batchId, status: 'not_found' });
      continue;
    }
    for (const item of batch.items) {
      const base = item.videoId === null ? { video_id: null, status: 'queued' } : videoEntry(state, item.videoId);
      entries.push({ ...base, batch_id: batchId, item_index: item.index });
    }
  }
  if (entries.length > STATUS_MAX) {
    throw invalidParameter(
      videoIds.length > 0 ? 'video_ids' : 'batch_ids',
      `at most ${STATUS_MAX} videos per request (got ${entries.length})`,
    );
  }
  return entries;
}

export const videoRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v3/videos',
    idempotent: true,
    handler: ({ state, body }) => {
      const request = validateVideoBody(state, body);
      assertCapacity(state);
      const video = createVideo(state, request);
      applySceneFault(state, video);
      // Contract §4.4: 200 (201 unconfirmed); the create response's initial status is `waiting`.
      return data({ video_id: video.id, status: 'waiting', output_format: request.outputFormat });
    },
  },
  {
    method: 'GET',
    pattern: '/v3/videos',
    query: ['limit', 'token', 'folder_id', 'title'],
    handler: ({ state, query }) => {
      const title = query['title']?.toLowerCase();
      const folderId = query['folder_id'] || undefined;
      const videos = [...state.videos.values()]
        .filter((v) => !v.deleted)
        .filter((v) => !title || (v.request.title ?? 'Untitled Video').toLowerCase().includes(title))
        .filter(() => folderId === undefined) // videos are never filed into folders in the sandbox
        .sort((a, b) => b.seq - a.seq);
      return {
        body: listBody(
          videos,
          query,
          { fallback: 10, max: 100 },
          (v) => -v.seq,
          'videos',
          (v) => videoView(state, v),
        ),
      };
    },
  },
  {
    method: 'GET',
    pattern: '/v3/videos/statuses',
    query: ['video_ids', 'batch_ids'],
    handler: ({ state, query }) => ({ body: { data: statuses(state, query), has_more: false, next_token: null } }),
  },
  {
    method: 'POST',
    pattern: '/v3/videos/batches',
    handler: ({ state, body }) => data(batchSummary(state, createBatch(state, body)), 202),
  },
  {
    method: 'GET',
    pattern: '/v3/videos/batches/:id',
    query: ['limit', 'token'],
    handler: ({ state, params, query }) => data(batchView(state, params['id'] ?? '', query)),
  },
  {
    method: 'GET',
    pattern: '/v3/videos/:id',
    handler: ({ state, params }) => data(videoView(state, getVideo(state, params['id'] ?? ''))),
  },
  {
    method: 'DELETE',
    pattern: '/v3/videos/:id',
    handler: ({ state, params }) => {
      const video = getVideo(state, params['id'] ?? '');
      video.deleted = true;
      return data({ id: video.id, deleted: true });
    },
  },
];
