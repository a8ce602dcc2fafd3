// Videos: create, get, list, delete, bulk statuses and batches (contract §4, §5).
import { createBatch, videoBatches } from '../batches.js';
import { batchSummary, batchView } from '../job-batches.js';
import { newestFirst } from '../pagination.js';
import { data, type Route } from '../router.js';
import type { State } from '../state.js';
import { applySceneFault, validateVideoBody } from '../studio.js';
import { assertCapacity, bulkStatus, createVideo, getVideo, videoStatus, videoView } from '../videos.js';
import { statusesRoute } from './job-statuses.js';

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
        .filter(() => folderId === undefined); // videos are never filed into folders in the sandbox
      return { body: newestFirst(videos, query, 'videos', (v) => videoView(state, v)) };
    },
  },
  statusesRoute({
    pattern: '/v3/videos/statuses',
    idsParam: 'video_ids',
    noun: 'videos',
    entry: videoEntry,
    batches: videoBatches.batches,
    itemEntry: (state, item) => (item.videoId === null ? { video_id: null, status: 'queued' } : videoEntry(state, item.videoId)),
  }),
  {
    method: 'POST',
    pattern: '/v3/videos/batches',
    handler: ({ state, body }) => data(batchSummary(state, videoBatches, createBatch(state, body)), 202),
  },
  {
    method: 'GET',
    pattern: '/v3/videos/batches/:id',
    query: ['limit', 'token'],
    handler: ({ state, params, query }) => data(batchView(state, videoBatches, params['id'] ?? '', query)),
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
