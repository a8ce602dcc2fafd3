// The API key: HEYGEN_API_KEY wins, then the key saved by `twin auth login` in a file
// only the user can read (0600). The key itself is never printed; callers get a source.
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
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

/** Written to a temp file with mode 0600 and renamed, so no reader ever sees a partial key. */
export async function storeApiKey(env: Record<string, string | undefined>, key: string): Promise<string> {
  const path = credentialsPath(env);
  await mkdir(configDir(env), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify({ api_key: key }, null, 2)}\n`, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, path);
  return path;
}

export async function removeApiKey(env: Record<string, string | undefined>): Promise<boolean> {
  const path = credentialsPath(env);
  try {
    await rm(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
