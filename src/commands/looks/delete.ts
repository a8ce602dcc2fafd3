// twin looks delete <look_id>: asks first (--yes without a terminal) and says when the look is the
// last of its group, whose deletion then takes the group with it (contract §2.4).
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { flag, parseId } from '../listing.js';
import { confirmDestructive, reportDeclined } from '../confirm.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const optionsSchema = z.object({ yes: flag });

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<void> {
  const id = parseId(args[0], 'look', `${twinInvocation()} looks list`);
  const { yes } = parseOptions(optionsSchema, opts);
  const api = await ctx.api();
  const look = await api.getLook(id);
  const groupId = look.group_id ?? null;
  const siblings = groupId ? (await api.listLooks({ group_id: groupId, limit: 2 })).data.filter((l) => l.id !== id).length : 1;
  const last = groupId !== null && siblings === 0;
  const also = last ? ` It is the last look of group ${groupId}, so the group is deleted too.` : '';
  const sure = await confirmDestructive(ctx, yes, {
    question: `Delete look ${id} ("${look.name}")?${also} This cannot be undone.`,
    consequence: `Deleting look ${id} is permanent${last ? ` and deletes group ${groupId}` : ''}`,
    rerun: `${twinInvocation()} looks delete ${id} --yes`,
  });
  if (!sure) return reportDeclined(ctx, { id, deleted: false, group_deleted: false }, `Kept look ${id}; nothing was deleted.`);
  const deleted = await api.deleteLook(id);
  ctx.out.result(
    { id, deleted: true, group_id: groupId, group_deleted: last, already_deleted: deleted.already_deleted },
    {
      human: (d, style) =>
        `${style.green('✔')} Deleted look ${d.id}${d.group_deleted ? `; group ${d.group_id} had no other look and is deleted too` : ''}`,
      quiet: (d) => [d.id],
    },
  );
}
