// `twin config get <key>`: the value in effect here and where it came from. Human output
// is the bare value, so `$(twin config get look)` works in scripts.
import type { Context } from '../../ui/context-types.js';
import { toSettingKey } from '../../config/user-store.js';
import type { CommandInput } from '../types.js';
import { showValue, viewSetting } from './origin.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const key = toSettingKey(String(input.args[0]));
  const view = viewSetting(await ctx.settings(), key);
  if (view.source === null) ctx.out.info(`${key} is not set (see \`${twinInvocation()} config set ${key} <value>\`).`);
  else if (ctx.io.stderrIsTTY) ctx.out.info(ctx.out.style.dim(`from ${view.origin ? `${view.source}: ${view.origin}` : view.source}`));
  ctx.out.result(view, {
    human: (v) => showValue(v.value),
    quiet: (v) => (v.source === null ? [] : [showValue(v.value)]),
  });
}
