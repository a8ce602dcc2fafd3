// How an asset is shown: a table row for `assets list`, every field for `assets get`.
import type { Asset } from '../../api/media-schemas.js';
import type { Column } from '../table.js';
import { extraFields, formatTime, orDash, timeAgo } from '../fields.js';

export const ASSET_COLUMNS: Column<Asset>[] = [
  { header: 'id', value: (a) => a.id, id: true },
  { header: 'name', value: (a) => orDash(a.name), shrink: true, minWidth: 12, priority: 1 },
  { header: 'type', value: (a) => orDash(a.type), priority: 2 },
  { header: 'uploaded', value: (a) => orDash(formatTime(a.uploaded_at)), display: (a) => orDash(timeAgo(a.uploaded_at)), priority: 3 },
];

const SHOWN = new Set(['id', 'name', 'type', 'uploaded_at', 'url', 'owner', 'folder_id']);

export function assetFields(a: Asset): Array<[string, unknown]> {
  return [
    ['id', a.id],
    ['name', a.name],
    ['type', a.type],
    ['uploaded', formatTime(a.uploaded_at)],
    ['url', a.url],
    ['owner', a.owner],
    ['folder', a.folder_id],
    ...extraFields(a, SHOWN),
  ];
}
