// twin looks get <id>: one look in full (engines, default voice, training status).
import type { Context } from '../../context.js';
import type { CommandInput } from '../types.js';
import { parseId } from '../listing.js';
import { renderLook } from './view.js';

export async function run(ctx: Context, { args }: CommandInput): Promise<void> {
  const id = parseId(args[0], 'look');
  const look = await (await ctx.api()).getLook(id);
  ctx.out.result(look, {
    human: (l, style) => renderLook(l, (s) => style.bold(s)),
    quiet: (l) => [l.id],
  });
}
