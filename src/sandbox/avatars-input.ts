// AssetInput (contract §2.5), a union on `type`, as the avatar routes take it.
import { MEDIA_TYPES, sniffMediaType, typeFromMime, type MediaKind } from '../shared/media-type.js';
import { usableAssetKind } from './assets.js';
import { onlyFields } from './strict.js';
import type { Fields, Json } from './validate-fields.js';
import type { State } from './state.js';

/** `{type:"url", url}` | `{type:"asset_id", asset_id}` | `{type:"base64", media_type, data}`, of the given kind. */
export function checkAssetInput(state: State, f: Fields, input: Json, path: string, kind: MediaKind): void {
  const type = f.enumOf('type', ['url', 'asset_id', 'base64'] as const, input, `${path}.type`);
  if (type === null) f.fail(`${path}.type`, `${path}.type is required (url, asset_id or base64)`);
  if (type === 'url') {
    onlyFields(input, ['type', 'url'], `${path}.`);
    const url = f.str('url', input, `${path}.url`);
    if (url === null) f.fail(`${path}.url`, `${path}.url is required`);
    f.httpUrl(`${path}.url`, url);
  } else if (type === 'asset_id') {
    onlyFields(input, ['type', 'asset_id'], `${path}.`);
    const id = f.str('asset_id', input, `${path}.asset_id`);
    if (id === null) f.fail(`${path}.asset_id`, `${path}.asset_id is required`);
    const found = usableAssetKind(state, id);
    if (found === 'missing') f.fail(`${path}.asset_id`, `asset ${id} not found`);
    if (found === 'incomplete') f.fail(`${path}.asset_id`, `asset ${id} is not complete: finish its upload first`);
    if (found !== kind) f.fail(`${path}.asset_id`, `asset ${id} is ${found === 'image' ? 'an' : 'a'} ${found} file; ${path} needs ${kind}`);
  } else {
    onlyFields(input, ['type', 'media_type', 'data'], `${path}.`);
    const mediaType = f.str('media_type', input, `${path}.media_type`);
    const declared = mediaType === null ? undefined : typeFromMime(mediaType);
    if (!declared || MEDIA_TYPES[declared].kind !== kind) f.fail(`${path}.media_type`, `${path}.media_type must be a ${kind} MIME type`);
    const data = f.str('data', input, `${path}.data`);
    const bytes = data === null || !/^[A-Za-z0-9+/]+={0,2}$/.test(data) ? undefined : Buffer.from(data, 'base64');
    if (!bytes || bytes.length === 0) f.fail(`${path}.data`, `${path}.data must be base64`);
    if (sniffMediaType(bytes.subarray(0, 512)) !== declared) f.fail(`${path}.data`, `${path}.data is not ${MEDIA_TYPES[declared].label}`);
  }
}
