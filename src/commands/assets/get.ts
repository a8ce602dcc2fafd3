// twin assets get <id>: one uploaded file (name, type, when, URL).
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { showOne } from '../listing.js';
import { assetFields } from '../../ui/views/assets.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export async function run(ctx: Context, { args }: CommandInput): Promise<void> {
  await showOne(
    ctx,
    args[0],
    { name: 'asset', list: `${twinInvocation()} assets list` },
    (api, id) => api.getAsset(id),
    assetFields,
    (a) => a.id,
  );
}
