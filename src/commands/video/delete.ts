// twin video delete <id>: permanent, so it asks first on a terminal and needs --yes elsewhere.
import { z } from 'zod';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { flag, parseId } from '../listing.js';

export const optionsSchema = z.object({ yes: flag });

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<void> {
  const id = parseId(args[0], 'video');
  const { yes } = parseOptions(optionsSchema, opts);
  if (!yes) {
    if (!ctx.io.canPrompt) {
      throw new UsageError(`Deleting video ${id} is permanent; without a terminal to confirm, pass --yes.`, {
        flag: '--yes',
        suggestion: `Run \`twin video delete ${id} --yes\`.`,
      });
    }
    const sure = await ctx.prompt.confirm({ message: `Delete video ${id}? This cannot be undone.`, default: false });
    if (!sure) {
      ctx.out.result({ id, deleted: false }, { human: () => `Kept video ${id}; nothing was deleted.` });
      return;
    }
  }
  const deleted = await (await ctx.api()).deleteVideo(id);
  ctx.out.result({ id: deleted.id, deleted: deleted.deleted ?? true }, {
    human: (d, style) => `${style.green('✓')} Deleted video ${d.id}`,
    quiet: (d) => [d.id],
  });
}
