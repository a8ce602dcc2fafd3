// `twin config list`: every setting with its value and the layer it came from
// (flags > env > .heygenrc > user > default; flags are per command, so not listed).
import type { Context } from '../../ui/context-types.js';
import { SETTING_KEYS } from '../../config/schema.js';
import { renderTable } from '../../ui/table.js';
import type { CommandInput } from '../types.js';
import { showValue, viewSetting, type SettingView } from './origin.js';

export async function run(ctx: Context, _input: CommandInput): Promise<void> {
  const settings = await ctx.settings();
  const rows = SETTING_KEYS.map((key) => viewSetting(settings, key));
  ctx.out.result(
    { settings: rows, files: { user: settings.userFile, project: settings.projectFile ?? null } },
    {
      human: (v, s) =>
        renderTable<SettingView>(
          v.settings,
          [
            { header: 'key', value: (r) => r.key, id: true },
            { header: 'value', value: (r) => showValue(r.value), shrink: true },
            { header: 'source', value: (r) => r.source ?? '', priority: 2 },
            { header: 'from', value: (r) => r.origin ?? '', shrink: true, priority: 3 },
          ],
          { tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, header: s.bold },
        ),
      quiet: (v) => v.settings.filter((r) => r.source !== null).map((r) => `${r.key}=${showValue(r.value)}`),
    },
  );
}
