// `twin config set <key> <value>`: validated by the settings schema, written to the user
// settings file. Says so when a .heygenrc or TWIN_* variable will still win here.
import type { Context } from '../../ui/context-types.js';
import { parseSettingValue, setUserSetting, toSettingKey } from '../../config/user-store.js';
import type { CommandInput } from '../types.js';
import { noteOverride } from './override.js';
import { showValue } from './origin.js';

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const key = toSettingKey(String(input.args[0]));
  const value = parseSettingValue(key, String(input.args[1]));
  const change = await setUserSetting(ctx.env, key, value, (line) => ctx.out.warn(line));
  ctx.out.result(
    { key, value, previous: change.previous ?? null, file: change.file },
    {
      human: (v, s) => `${s.green('✔')} ${key} = ${showValue(v.value)}  ${s.dim(`(${v.file})`)}`,
      quiet: () => [],
    },
  );
  await noteOverride(ctx, key);
}
