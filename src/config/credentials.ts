// API keys, saved per API host (as gh saves a token per host): a key checked against one base
// URL is only ever sent to that base URL. HEYGEN_API_KEY in the environment wins over any
// saved key. The file is only the user's (0600, in a 0700 folder); keys are never printed.
//
//   { "version": 2, "hosts": { "https://api.heygen.com": { "api_key": "…", "saved_at": "…" } } }
//
// A file from before (one `api_key` for whatever base) is moved to the default host once,
// with a one-line notice.
import { join } from 'node:path';
import { DEFAULT_BASE_URL } from '../api/base-url.js';
import { ensureDir, readRegularFile, writeFileAtomic } from '../shared/safe-fs.js';
import { configDir, CREDENTIALS_FILE } from './paths.js';
import { twinInvocation } from '../shared/twin-invocation.js';

type Env = Record<string, string | undefined>;
export type KeySource = 'env' | 'stored';
export interface ApiKeyInfo {
  key: string;
  source: KeySource;
  /** Human description of where it came from, safe to print. */
  where: string;
  /** The API base the key is for (a saved key), or is used with (HEYGEN_API_KEY). */
  base: string;
}

interface SavedHost {
  api_key: string;
  saved_at?: string;
}

interface CredentialsFile {
  version: 2;
  hosts: Record<string, SavedHost>;
}

export function credentialsPath(env: Env): string {
  return join(configDir(env), CREDENTIALS_FILE);
}

/** The saved keys by host, migrating an old single-key file (the notice says so). */
function readCredentials(env: Env): { hosts: Record<string, SavedHost>; notice?: string } {
  const path = credentialsPath(env);
  let raw: unknown;
  try {
    raw = JSON.parse(readRegularFile(path).toString('utf8'));
  } catch {
    // No file or an unreadable one means "not logged in" (raw stays undefined, answered below);
    // `twin doctor` reports the details.
  }
  // Stryker disable next-line ConditionalExpression: equivalent: a number, string or boolean has neither field, so falls through to the same empty answer
  if (!raw || typeof raw !== 'object') return { hosts: {} };
  const file = raw as { version?: unknown; hosts?: unknown; api_key?: unknown };
  if (file.hosts && typeof file.hosts === 'object') {
    const hosts: Record<string, SavedHost> = {};
    for (const [base, entry] of Object.entries(file.hosts as Record<string, unknown>)) {
      const key = (entry as { api_key?: unknown } | null)?.api_key;
      if (typeof key === 'string' && key.trim()) hosts[base] = { ...(entry as SavedHost), api_key: key.trim() };
    }
    return { hosts };
  }
  if (typeof file.api_key === 'string' && file.api_key.trim()) {
    const hosts = { [DEFAULT_BASE_URL]: { api_key: file.api_key.trim() } };
    try {
      writeCredentials(env, hosts);
    } catch {
      // Read-only folder: use the key for the default host anyway, and try again next time.
    }
    return {
      hosts,
      notice: `Moved your saved API key to ${DEFAULT_BASE_URL}: keys are now saved per API host (${twinInvocation()} auth status lists them).`,
    };
  }
  return { hosts: {} };
}

/** Creates the config folder 0700, or tightens an existing one; a warning when that failed. */
export function privateConfigDir(env: Env): string | undefined {
  return ensureDir(configDir(env), { mode: 0o700 });
}

function writeCredentials(env: Env, hosts: Record<string, SavedHost>, warn?: (line: string) => void): string {
  const path = credentialsPath(env);
  const warning = privateConfigDir(env);
  // Stryker disable next-line OptionalChaining: a warning needs a config folder root cannot chmod yet can write a file in; none exists to test with
  if (warning) warn?.(warning);
  const file: CredentialsFile = { version: 2, hosts };
  writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  return path;
}

/**
 * The key for `base`: HEYGEN_API_KEY, else the one saved for exactly that base URL. `onNotice`
 * hears the one-line notice when an old single-key file is moved to the default host.
 */
export async function resolveApiKey(env: Env, base: string, onNotice?: (line: string) => void): Promise<ApiKeyInfo | undefined> {
  const fromEnv = env.HEYGEN_API_KEY?.trim();
  if (fromEnv) return { key: fromEnv, source: 'env', where: 'HEYGEN_API_KEY environment variable', base };
  const { hosts, notice } = readCredentials(env);
  if (notice) onNotice?.(notice);
  const saved = hosts[base];
  if (!saved) return undefined;
  return { key: saved.api_key, source: 'stored', where: credentialsPath(env), base };
}

/** The hosts with a saved key, the default first. */
export function savedHosts(env: Env): string[] {
  return Object.keys(readCredentials(env).hosts).sort(
    (a, b) => Number(b === DEFAULT_BASE_URL) - Number(a === DEFAULT_BASE_URL) || a.localeCompare(b),
  );
}

/** Saves (or replaces) the key for `base`; the other hosts' keys stay. Returns the file. */
export async function storeApiKey(env: Env, key: string, base: string, opts: { warn?: (line: string) => void } = {}): Promise<string> {
  const { hosts } = readCredentials(env);
  return writeCredentials(env, { ...hosts, [base]: { api_key: key, saved_at: new Date().toISOString() } }, opts.warn);
}

/** Forgets the key for `base`; false when none was saved for it. */
export async function removeApiKey(env: Env, base: string): Promise<boolean> {
  const { hosts } = readCredentials(env);
  if (!hosts[base]) return false;
  const { [base]: _gone, ...rest } = hosts;
  writeCredentials(env, rest);
  return true;
}
