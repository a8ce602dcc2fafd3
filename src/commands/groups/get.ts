// twin groups get <id>: one avatar group with its looks count, status and consent status.
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { showOne } from '../listing.js';
import { groupFields } from '../../ui/views/groups.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export async function run(ctx: Context, { args }: CommandInput): Promise<void> {
  await showOne(
    ctx,
    args[0],
    { name: 'group', list: `${twinInvocation()} groups list` },
    (api, id) => api.getGroup(id),
    groupFields,
    (g) => g.id,
  );
}
