// How an avatar group is shown: looks count, status and consent status (contract §2.5).
import type { Group } from '../../api/schemas.js';
import type { Column } from '../table.js';
import { extraFields, formatTime, orDash, timeAgo } from '../fields.js';

export const GROUP_COLUMNS: Column<Group>[] = [
  { header: 'id', value: (g) => g.id, id: true },
  { header: 'name', value: (g) => g.name, shrink: true, minWidth: 12, priority: 1 },
  { header: 'looks', value: (g) => String(g.looks_count), priority: 2 },
  { header: 'status', value: (g) => orDash(g.status), priority: 3 },
  { header: 'consent', value: (g) => consentLabel(g), priority: 4 },
  { header: 'created', value: (g) => orDash(formatTime(g.created_at)), display: (g) => orDash(timeAgo(g.created_at)), priority: 5 },
];

/** null consent_status means consent is not required (public presets). */
function consentLabel(g: Group): string {
  return g.consent_status ?? 'not required';
}

const SHOWN = new Set([
  'id',
  'name',
  'looks_count',
  'status',
  'consent_status',
  'error',
  'created_at',
  'gender',
  'default_voice_id',
  'preview_image_url',
  'preview_video_url',
]);

export function groupFields(g: Group): Array<[string, unknown]> {
  return [
    ['id', g.id],
    ['name', g.name],
    ['looks', g.looks_count],
    ['status', g.status],
    ['consent', consentLabel(g)],
    ['error', g.error ? [g.error.code, g.error.message].filter(Boolean).join(': ') : null],
    ['created', formatTime(g.created_at)],
    ['gender', g.gender],
    ['default voice', g.default_voice_id],
    ['preview image', g.preview_image_url],
    ['preview video', g.preview_video_url],
    ...extraFields(g, SHOWN),
  ];
}
