// `twin config unset <key>`: removes a user setting; the next layer down takes over.
import type { Context } from '../../ui/context-types.js';
import { toSettingKey, unsetUserSetting } from '../../config/user-store.js';
import type { CommandInput } from '../types.js';
import { noteOverride } from './override.js';
import { showValue } from './origin.js';

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const key = toSettingKey(String(input.args[0]));
  const change = await unsetUserSetting(ctx.env, key, (line) => ctx.out.warn(line));
  const removed = change.previous !== undefined;
  ctx.out.result(
    { key, removed, previous: change.previous ?? null, file: change.file },
    {
      human: (v, s) =>
        v.removed
          ? `${s.green('✔')} Removed ${key} (was ${showValue(v.previous)})  ${s.dim(`(${v.file})`)}`
          : `${key} was not set in ${v.file}; nothing to do.`,
      quiet: () => [],
    },
  );
  await noteOverride(ctx, key);
}
