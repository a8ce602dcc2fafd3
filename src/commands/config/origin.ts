// Where a setting's value came from, in words a user can act on (a file path or a
// variable name), shared by `config get`, `config list` and `config set`.
import type { ResolvedSettings, SettingSource } from '../../config/load.js';
import { envVarFor } from '../../config/load.js';
import type { SettingKey } from '../../config/schema.js';

export interface SettingView {
  key: SettingKey;
  value: unknown;
  /** default | user | .heygenrc | env, or null when nothing sets it. */
  source: SettingSource | null;
  /** The file or environment variable that set it (null for built-in defaults and unset keys). */
  origin: string | null;
}

export function viewSetting(settings: ResolvedSettings, key: SettingKey): SettingView {
  const value = (settings.values as Record<string, unknown>)[key];
  const source = value === undefined ? null : (settings.sources[key] ?? null);
  return { key, value: value ?? null, source, origin: originOf(settings, key, source) };
}

function originOf(settings: ResolvedSettings, key: SettingKey, source: SettingSource | null): string | null {
  if (source === 'user') return settings.userFile;
  if (source === '.heygenrc') return settings.projectFile ?? null;
  if (source === 'env') return envVarFor(key);
  return null;
}

/** Shown as text: values are strings, numbers and booleans. */
export function showValue(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}
