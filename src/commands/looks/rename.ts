// twin looks rename <look_id> <name>: PATCH the name of one of your looks.
import type { Context } from '../../ui/context-types.js';
import { UsageError } from '../../shared/errors.js';
import type { CommandInput } from '../types.js';
import { parseId } from '../listing.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export async function run(ctx: Context, { args }: CommandInput): Promise<void> {
  const id = parseId(args[0], 'look', `${twinInvocation()} looks list`);
  const name = typeof args[1] === 'string' ? args[1].trim() : '';
  if (name === '') throw new UsageError('<name>: the new name must not be empty.', { flag: '<name>' });
  const look = await (await ctx.api()).renameLook(id, name);
  ctx.out.result(look, { human: (l, style) => `${style.green('✔')} Renamed look ${l.id} to "${l.name}"`, quiet: (l) => [l.id] });
}
