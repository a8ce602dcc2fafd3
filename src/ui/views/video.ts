// How a video is shown: rows for `video list`, every field for `video get` and after create.
import type { Video } from '../../api/schemas.js';
import type { Column } from '../table.js';
import { extraFields, formatTime as time, orDash, timeAgo } from '../fields.js';

const duration = (seconds: number | null | undefined) => (seconds == null ? null : `${Math.round(seconds * 10) / 10}s`);

export const VIDEO_COLUMNS: Column<Video>[] = [
  // Narrow terminals drop from the highest priority number; ids are never shortened.
  { header: 'id', value: (v) => v.id, id: true },
  { header: 'title', value: (v) => orDash(v.title), shrink: true, minWidth: 16, priority: 1 },
  { header: 'status', value: (v) => v.status, priority: 2 },
  { header: 'created', value: (v) => orDash(time(v.created_at)), display: (v) => orDash(timeAgo(v.created_at)), priority: 3 },
  { header: 'duration', value: (v) => orDash(duration(v.duration)), priority: 4 },
];

const SHOWN = new Set([
  'id',
  'title',
  'status',
  'failure_code',
  'failure_message',
  'created_at',
  'completed_at',
  'duration',
  'video_url',
  'captioned_video_url',
  'subtitle_url',
  'thumbnail_url',
  'gif_url',
  'video_page_url',
  'folder_id',
  'output_language',
]);

export function videoFields(video: Video): Array<[string, unknown]> {
  return [
    ['id', video.id],
    ['title', video.title ?? null],
    ['status', video.status],
    // Shown only when they apply: a failure, a translation.
    ['failure', [video.failure_code, video.failure_message].filter(Boolean).join(': ') || undefined],
    ['created', time(video.created_at)],
    ['completed', time(video.completed_at)],
    ['duration', duration(video.duration)],
    ['video url', video.video_url ?? null],
    ['captioned url', video.captioned_video_url ?? null],
    ['subtitles', video.subtitle_url ?? null],
    ['thumbnail', video.thumbnail_url ?? null],
    ['gif', video.gif_url ?? null],
    ['page', video.video_page_url ?? null],
    ['folder', video.folder_id ?? null],
    ['language', video.output_language ?? undefined],
    ...extraFields(video, SHOWN),
  ];
}
