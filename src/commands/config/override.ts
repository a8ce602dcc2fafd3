// After a change to user settings: if a higher layer (.heygenrc, TWIN_*) sets the same key
// here, the change has no visible effect in this folder, which deserves a note.
import type { Context } from '../../ui/context-types.js';
import { loadSettings } from '../../config/load.js';
import type { SettingKey } from '../../config/schema.js';
import { viewSetting } from './origin.js';

export async function noteOverride(ctx: Context, key: SettingKey): Promise<void> {
  // Fresh load: ctx.settings() may have been cached before the write.
  const settings = await loadSettings({ cwd: ctx.cwd, env: ctx.env }).catch(() => undefined);
  if (!settings) return; // a broken .heygenrc is reported by the commands that use it
  const view = viewSetting(settings, key);
  if (view.source === 'env' || view.source === '.heygenrc') {
    ctx.out.warn(`${view.origin} sets ${key} too and takes precedence here (value in effect: ${String(view.value)}).`);
  }
}
