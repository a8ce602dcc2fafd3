// twin translations delete <id>: permanent (the files go too), so it asks first on a terminal and
// needs --yes elsewhere. A 404 after a lost answer means an earlier attempt deleted it (§10.4).
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { flag, parseId } from '../listing.js';
import { confirmDestructive, reportDeclined } from '../confirm.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const optionsSchema = z.object({ yes: flag });

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<void> {
  const id = parseId(args[0], 'translation', `${twinInvocation()} translations list`);
  const { yes } = parseOptions(optionsSchema, opts);
  const sure = await confirmDestructive(ctx, yes, {
    question: `Delete translation ${id} and its files? This cannot be undone.`,
    consequence: `Deleting translation ${id} is permanent`,
    rerun: `${twinInvocation()} translations delete ${id} --yes`,
  });
  if (!sure) return reportDeclined(ctx, { id, deleted: false }, `Kept translation ${id}; nothing was deleted.`);
  const deleted = await (await ctx.api()).deleteTranslation(id);
  ctx.out.result(
    { id, deleted: true, already_deleted: deleted.already_deleted },
    {
      human: (d, style) =>
        d.already_deleted
          ? `${style.green('✔')} Translation ${d.id} is already deleted`
          : `${style.green('✔')} Deleted translation ${d.id}`,
      quiet: (d) => [d.id],
    },
  );
}
