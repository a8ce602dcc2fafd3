// twin voices get <id>: one voice in full.
import type { Context } from '../../context.js';
import type { CommandInput } from '../types.js';
import { parseId } from '../listing.js';
import { renderVoice } from './view.js';

export async function run(ctx: Context, { args }: CommandInput): Promise<void> {
  const id = parseId(args[0], 'voice');
  const voice = await (await ctx.api()).getVoice(id);
  ctx.out.result(voice, {
    human: (v, style) => renderVoice(v, (s) => style.bold(s)),
    quiet: (v) => [v.voice_id],
  });
}
