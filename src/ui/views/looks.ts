// How a look is shown: one table row per look for `looks list`, every field for `looks get`.
import type { Look } from '../../api/schemas.js';
import type { Column } from '../table.js';
import { extraFields, orDash, shortEngines } from '../fields.js';

export const LOOK_COLUMNS: Column<Look>[] = [
  // Narrow terminals drop from the highest priority number; ids are never shortened.
  { header: 'id', value: (l) => l.id, id: true },
  { header: 'name', value: (l) => l.name, shrink: true, minWidth: 16, priority: 1 },
  { header: 'type', value: (l) => l.avatar_type, priority: 3 },
  {
    header: 'engines',
    value: (l) => orDash((l.supported_api_engines ?? []).join(',')),
    display: (l) => shortEngines(l.supported_api_engines),
    whole: true,
    priority: 4,
  },
  { header: 'orientation', value: (l) => orDash(l.preferred_orientation), priority: 6 },
  { header: 'default voice', value: (l) => orDash(l.default_voice_id), id: true, priority: 5 },
  { header: 'status', value: (l) => orDash(l.status), priority: 2 },
];

const SHOWN = new Set([
  'id',
  'name',
  'avatar_type',
  'status',
  'error',
  'group_id',
  'gender',
  'supported_api_engines',
  'preferred_orientation',
  'image_width',
  'image_height',
  'default_voice_id',
  'tags',
  'preview_image_url',
  'preview_video_url',
]);

/** Every field of a look for `looks get`, '-' when empty, so people see what a look lacks (no default voice...). */
export function lookFields(look: Look): Array<[string, unknown]> {
  const size = look.image_width && look.image_height ? `${look.image_width}×${look.image_height}` : null;
  return [
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
    ...extraFields(look, SHOWN),
  ];
}
