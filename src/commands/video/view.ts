// How a video is shown: rows for `video list`, every field for `video get` and after create.
import type { Video } from '../../api/schemas.js';
import { renderFields, type Column } from '../../ui/table.js';

const time = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000).toISOString().replace('.000Z', 'Z') : null);
const duration = (seconds: number | null | undefined) => (seconds == null ? null : `${Math.round(seconds * 10) / 10}s`);

export const VIDEO_COLUMNS: Column<Video>[] = [
  { header: 'id', value: (v) => v.id },
  { header: 'title', value: (v) => v.title, shrink: true },
  { header: 'status', value: (v) => v.status },
  { header: 'created', value: (v) => time(v.created_at) },
  { header: 'duration', value: (v) => duration(v.duration) },
];

const SHOWN = new Set(['id', 'title', 'status', 'failure_code', 'failure_message', 'created_at', 'completed_at', 'duration',
  'video_url', 'captioned_video_url', 'subtitle_url', 'thumbnail_url', 'gif_url', 'video_page_url', 'folder_id', 'output_language']);

export function videoFields(video: Video): Array<[string, unknown]> {
  const extra = Object.entries(video)
    .filter(([k, v]) => !SHOWN.has(k) && v != null)
    .map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : v] as [string, unknown]);
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
    ...extra,
  ];
}

export function renderVideo(video: Video, label: (s: string) => string): string {
  return renderFields(videoFields(video), label);
}
