// twin looks get <id>: one look in full (engines, default voice, training status).
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { showOne } from '../listing.js';
import { lookFields } from '../../ui/views/looks.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export async function run(ctx: Context, { args }: CommandInput): Promise<void> {
  await showOne(
    ctx,
    args[0],
    { name: 'look', list: `${twinInvocation()} looks list --type all --ownership all` },
    (api, id) => api.getLook(id),
    lookFields,
    (l) => l.id,
  );
}
