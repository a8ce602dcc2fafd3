// twin video delete <id>: permanent, so it asks first on a terminal and needs --yes elsewhere.
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { flag, parseId } from '../listing.js';
import { confirmDestructive, reportDeclined } from '../confirm.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const optionsSchema = z.object({ yes: flag });

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<void> {
  const id = parseId(args[0], 'video', `${twinInvocation()} video list`);
  const { yes } = parseOptions(optionsSchema, opts);
  const sure = await confirmDestructive(ctx, yes, {
    question: `Delete video ${id}? This cannot be undone.`,
    consequence: `Deleting video ${id} is permanent`,
    rerun: `${twinInvocation()} video delete ${id} --yes`,
  });
  if (!sure) return reportDeclined(ctx, { id, deleted: false }, `Kept video ${id}; nothing was deleted.`);
  const deleted = await (await ctx.api()).deleteVideo(id);
  ctx.out.result(
    { id: deleted.id, deleted: deleted.deleted ?? true, already_deleted: deleted.already_deleted },
    {
      human: (d, style) =>
        d.already_deleted
          ? `${style.green('✔')} Video ${d.id} is already deleted (an earlier attempt whose answer was lost went through)`
          : `${style.green('✔')} Deleted video ${d.id}`,
      quiet: (d) => [d.id],
    },
  );
}
