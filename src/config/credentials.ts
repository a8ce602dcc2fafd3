// The API key: HEYGEN_API_KEY wins, then the key saved by `twin auth login` in a file
// only the user can read (0600). The key itself is never printed; callers get a source.
import { readFile, rm } from 'node:fs/promises';
import { ensureDir, fileSystemError, writeFileAtomic } from '../core/safe-fs.js';
import { join } from 'node:path';
import { configDir, CREDENTIALS_FILE } from './paths.js';

export type KeySource = 'env' | 'stored';
export interface ApiKeyInfo {
  key: string;
  source: KeySource;
  /** Human description of where it came from, safe to print. */
  where: string;
}

export function credentialsPath(env: Record<string, string | undefined>): string {
  return join(configDir(env), CREDENTIALS_FILE);
}

export async function resolveApiKey(env: Record<string, string | undefined>): Promise<ApiKeyInfo | undefined> {
  const fromEnv = env.HEYGEN_API_KEY?.trim();
  if (fromEnv) return { key: fromEnv, source: 'env', where: 'HEYGEN_API_KEY environment variable' };
  const path = credentialsPath(env);
  try {
    const stored = JSON.parse(await readFile(path, 'utf8')) as { api_key?: unknown };
    if (typeof stored.api_key === 'string' && stored.api_key.trim()) {
      return { key: stored.api_key.trim(), source: 'stored', where: path };
    }
  } catch {
    // No file or an unreadable one means "not logged in"; `twin doctor` reports the details.
  }
  return undefined;
}

/**
 * Written atomically with mode 0600 (never through a planted link), in a config folder that is
 * kept private (0700): created so, or tightened. A folder others can still write to (it could not
 * be tightened) is reported through `warn`. File-system failures name the path and the cause.
 */
export async function storeApiKey(
  env: Record<string, string | undefined>,
  key: string,
  opts: { warn?: (line: string) => void } = {},
): Promise<string> {
  const path = credentialsPath(env);
  const warning = privateConfigDir(env);
  if (warning) opts.warn?.(warning);
  writeFileAtomic(path, `${JSON.stringify({ api_key: key }, null, 2)}\n`, { mode: 0o600 });
  return path;
}

/** Creates the config folder 0700, or tightens an existing one; a warning when that failed. */
export function privateConfigDir(env: Record<string, string | undefined>): string | undefined {
  return ensureDir(configDir(env), { mode: 0o700 });
}

export async function removeApiKey(env: Record<string, string | undefined>): Promise<boolean> {
  const path = credentialsPath(env);
  try {
    await rm(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw fileSystemError(error, path, 'remove');
  }
}
