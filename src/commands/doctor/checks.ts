// The checks of `twin doctor`, each a small function that never throws for the problem it
// looks for: a broken file or a dead network is a failing check, not a crash.
import { stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Context, Env } from '../../ui/context.js';
import { ApiError, AuthError, InterruptedError, isTwinError } from '../../shared/errors.js';
import { credentialsPath, resolveApiKey, savedHosts, type ApiKeyInfo } from '../../config/credentials.js';
import { findProjectFile, readSettingsFile, settingsFromEnv, userSettingsPath } from '../../config/load.js';
import { DEFAULT_BASE_URL, resolveBaseUrl } from '../../api/index.js';
import { describeBilling, describeUser, fetchMe, userLabel, type UserSummary } from '../../ui/account.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';
/** What kind of trouble a failure is; decides doctor's exit code. */
export type Category = 'runtime' | 'settings' | 'auth' | 'network';
export const EXIT_FOR: Record<Category, number> = { runtime: 2, settings: 2, auth: 3, network: 1 };

export interface Check {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  category: Category;
  suggestion: string | null;
}

const check = (id: string, title: string, category: Category, status: CheckStatus, detail: string, suggestion?: string): Check => ({
  id,
  title,
  status,
  detail,
  category,
  suggestion: suggestion ?? null,
});

const MIN_NODE: readonly [number, number] = [20, 19];

export function checkNode(version: string): Check {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  const need = `needs ${MIN_NODE.join('.')} or newer`;
  return ok
    ? check('node', 'Node.js', 'runtime', 'pass', `v${version.replace(/^v/, '')} (${need})`)
    : check(
        'node',
        'Node.js',
        'runtime',
        'fail',
        `v${version.replace(/^v/, '')} is too old (${need})`,
        'Install Node.js 20.19+ or 22 LTS (e.g. with nvm), then reinstall twin.',
      );
}

/** A settings file that is missing is fine; one that is unreadable, not JSON or invalid is not. */
async function checkSettingsFile(id: string, title: string, path: string | undefined, absent: string, label: string): Promise<Check> {
  if (!path || !existsSync(path)) return check(id, title, 'settings', 'pass', absent);
  try {
    const keys = Object.keys(await readSettingsFile(path, label));
    return check(id, title, 'settings', 'pass', `${path} (${keys.length ? `valid: ${keys.join(', ')}` : 'valid, empty'})`);
  } catch (error) {
    return failure(id, title, 'settings', error);
  }
}

export function checkUserSettings(env: Env): Promise<Check> {
  const path = userSettingsPath(env);
  return checkSettingsFile('user-settings', 'User settings', path, `none yet (${path})`, 'user settings');
}

export function checkProjectFile(cwd: string): Promise<Check> {
  return checkSettingsFile('heygenrc', '.heygenrc', findProjectFile(cwd), `none found from ${cwd} upward`, '.heygenrc');
}

export function checkEnvSettings(env: Env): Check {
  try {
    const keys = Object.keys(settingsFromEnv(env));
    return check('env-settings', 'TWIN_* variables', 'settings', 'pass', keys.length ? `valid: ${keys.join(', ')}` : 'none set');
  } catch (error) {
    return failure('env-settings', 'TWIN_* variables', 'settings', error);
  }
}

export function checkBaseUrl(env: Env): { check: Check; baseUrl?: string } {
  try {
    const baseUrl = resolveBaseUrl(env);
    const how = env.HEYGEN_API_BASE?.trim() ? 'from HEYGEN_API_BASE' : 'default';
    return { check: check('api-base', 'API base URL', 'settings', 'pass', `${baseUrl} (${how})`), baseUrl };
  } catch (error) {
    return { check: failure('api-base', 'API base URL', 'settings', error) };
  }
}

export async function checkKeySource(env: Env): Promise<{ checks: Check[]; key?: ApiKeyInfo }> {
  const file = credentialsPath(env);
  let base: string;
  try {
    base = resolveBaseUrl(env);
  } catch {
    base = DEFAULT_BASE_URL; // the api-base check reports the bad URL
  }
  const key = await resolveApiKey(env, base);
  if (!key) {
    const others = savedHosts(env);
    const why = others.length
      ? `no key is saved for ${base} (only for ${others.join(', ')}; a key is never sent to another host)`
      : existsSync(file)
        ? `${file} exists but holds no readable key`
        : 'HEYGEN_API_KEY is not set and no key is saved';
    const login = base === DEFAULT_BASE_URL ? `${twinInvocation()} auth login` : `${twinInvocation()} auth login --base ${base}`;
    return { checks: [check('api-key', 'API key', 'auth', 'fail', why, `Run \`${login}\` or set HEYGEN_API_KEY.`)] };
  }
  const shadowed = key.source === 'env' && existsSync(file) ? `; it overrides the saved key in ${file}` : '';
  const checks = [check('api-key', 'API key', 'auth', 'pass', `from ${key.where}${shadowed}`)];
  if (key.source === 'stored') {
    const mode = (await stat(file)).mode & 0o777;
    if (mode & 0o077) {
      checks.push(
        check(
          'key-file-mode',
          'Key file mode',
          'auth',
          'warn',
          `${file} is readable by others (mode ${mode.toString(8)})`,
          `chmod 600 '${file}'`,
        ),
      );
    }
  }
  return { checks, key };
}

interface ApiFacts {
  checks: Check[];
  latencyMs: number | null;
  user: UserSummary | null;
}

/** One users/me call: it proves the API answers (and how fast) and that the key is accepted. */
export async function checkApi(ctx: Context, key: ApiKeyInfo | undefined, baseUrl: string | undefined): Promise<ApiFacts> {
  if (!key || !baseUrl) {
    const why = !baseUrl ? 'skipped: the API base URL is invalid' : 'skipped: no API key to call it with';
    return {
      checks: [check('reachable', 'API reachable', 'network', 'skip', why), check('key-valid', 'Key accepted', 'auth', 'skip', why)],
      latencyMs: null,
      user: null,
    };
  }
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const who = await fetchMe(ctx, key.key, { maxRetries: 1, timeoutMs: 10_000 });
    const user = describeUser(who.user);
    return {
      checks: [
        check('reachable', 'API reachable', 'network', 'pass', `GET /v3/users/me answered in ${who.latencyMs} ms`),
        check('key-valid', 'Key accepted', 'auth', 'pass', `${userLabel(user)}; ${describeBilling(who.user).summary}`),
      ],
      latencyMs: who.latencyMs,
      user,
    };
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    const ms = elapsed();
    if (error instanceof AuthError) {
      const sent = error.details.status !== undefined; // else refused locally, before any request
      return {
        checks: [
          sent
            ? check('reachable', 'API reachable', 'network', 'pass', `GET /v3/users/me answered in ${ms} ms`)
            : check('reachable', 'API reachable', 'network', 'skip', 'skipped: the key cannot be sent'),
          check(
            'key-valid',
            'Key accepted',
            'auth',
            'fail',
            `${sent ? 'the API rejected ' : ''}the key from ${key.where}: ${error.message}`,
            error.suggestion,
          ),
        ],
        latencyMs: sent ? ms : null,
        user: null,
      };
    }
    const answered = error instanceof ApiError && error.status !== undefined;
    return {
      checks: [
        failure(
          'reachable',
          'API reachable',
          'network',
          error,
          answered ? undefined : `Check the network, proxy and HEYGEN_API_BASE (${baseUrl}).`,
        ),
        check('key-valid', 'Key accepted', 'auth', 'skip', 'skipped: the API did not answer'),
      ],
      latencyMs: answered ? ms : null,
      user: null,
    };
  }
}

function failure(id: string, title: string, category: Category, error: unknown, suggestion?: string): Check {
  const message = error instanceof Error ? error.message : String(error);
  return check(id, title, category, 'fail', message, suggestion ?? (isTwinError(error) ? error.suggestion : undefined));
}
