// twin looks wait <look_or_group_id>: waits for a look (or every look of a group) to finish training.
import { ApiError } from '../../shared/errors.js';
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { parseId } from '../listing.js';
import { followTraining } from './follow-training.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const optionsSchema = z.object({ timeout: z.optional(z.string()), interval: z.optional(z.string()) });

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<number> {
  const id = parseId(args[0], 'look or group', `${twinInvocation()} looks list`, '<look-or-group-id>');
  const flags = parseOptions(optionsSchema, opts);
  const api = await ctx.api();
  let lookIds: string[];
  try {
    lookIds = [(await api.getLook(id)).id];
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
    // Not a look: a group's looks (a group id is also what `looks create` prints).
    const looks = await api.listLooks({ group_id: id, limit: 50 });
    if (looks.data.length === 0) throw error;
    lookIds = looks.data.map((l) => l.id);
  }
  const looks = await followTraining(ctx, lookIds, flags, `${twinInvocation()} looks wait ${id}`);
  ctx.out.result({ looks }, { human: () => '', quiet: (d) => d.looks.map((l) => l.id) });
  return 0;
}
