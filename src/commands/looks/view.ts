// How a look is shown: one table row per look for `looks list`, every field for `looks get`.
// The wizard's look picker reuses `lookSummary`.
import type { Look } from '../../api/schemas.js';
import { renderFields, type Column } from '../../ui/table.js';

export const LOOK_COLUMNS: Column<Look>[] = [
  { header: 'id', value: (l) => l.id },
  { header: 'name', value: (l) => l.name, shrink: true },
  { header: 'type', value: (l) => l.avatar_type },
  { header: 'engines', value: (l) => (l.supported_api_engines ?? []).join(',') },
  { header: 'orientation', value: (l) => l.preferred_orientation },
  { header: 'default voice', value: (l) => l.default_voice_id },
  { header: 'status', value: (l) => l.status ?? '-' },
];

/** One line: "Alex – office · digital_twin · avatar_iv,avatar_v · landscape". */
export function lookSummary(look: Look): string {
  return [look.name, look.avatar_type, (look.supported_api_engines ?? []).join(','), look.preferred_orientation]
    .filter(Boolean)
    .join(' · ');
}

export function renderLook(look: Look, label: (s: string) => string): string {
  // Every field is shown, '-' when empty, so people see what a look lacks (no default voice...).
  const size = look.image_width && look.image_height ? `${look.image_width}×${look.image_height}` : null;
  const known: Array<[string, unknown]> = [
    ['id', look.id],
    ['name', look.name],
    ['type', look.avatar_type],
    ['status', look.status],
    ['error', look.error ? [look.error.code, look.error.message].filter(Boolean).join(': ') : null],
    ['group', look.group_id],
    ['gender', look.gender],
    ['engines', look.supported_api_engines],
    ['orientation', look.preferred_orientation],
    ['size', size],
    ['default voice', look.default_voice_id],
    ['tags', look.tags],
    ['preview image', look.preview_image_url],
    ['preview video', look.preview_video_url],
  ];
  const shown = new Set(['id', 'name', 'avatar_type', 'status', 'error', 'group_id', 'gender', 'supported_api_engines',
    'preferred_orientation', 'image_width', 'image_height', 'default_voice_id', 'tags', 'preview_image_url', 'preview_video_url']);
  // Fields the API added after this version was written are still shown.
  const extra = Object.entries(look).filter(([k]) => !shown.has(k)).map(([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : v] as [string, unknown]);
  return renderFields([...known, ...extra], label);
}
