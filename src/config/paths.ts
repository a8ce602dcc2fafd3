// Where user settings and the stored key live. TWIN_CONFIG_DIR overrides (tests, CI
// runners with a read-only home); otherwise the XDG config folder.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function configDir(env: Record<string, string | undefined>): string {
  if (env.TWIN_CONFIG_DIR) return env.TWIN_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'heygen-twin');
}

export const USER_SETTINGS_FILE = 'config.json';
export const CREDENTIALS_FILE = 'credentials.json';
export const PROJECT_FILE = '.heygenrc';
