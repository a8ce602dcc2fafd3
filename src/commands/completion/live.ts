// Live values for completion: look ids and voice ids of the account, cached in the config
// folder (completion/<api base>/looks, …/voices; one "id<TAB>name" a line) for the shell
// scripts to read directly, so a keystroke never waits for the network. The scripts start
// `twin completion --refresh --quiet` in the background when a cache is missing or older than 10
// minutes; `twin completion --refresh` does it now. No key for the API base: no request.
import { join } from 'node:path';
import { resolveBaseUrl } from '../../api/base-url.js';
import { collectAll } from '../../api/paginate.js';
import { configDir } from '../../config/paths.js';
import { resolveApiKey } from '../../config/credentials.js';
import type { Context } from '../../ui/context-types.js';
import { ensureDir, writeFileAtomic } from '../../shared/safe-fs.js';
import { acquireLock } from '../../shared/file-lock.js';
import { SAFE_ID } from './tree.js';

const MAX_ITEMS = 1000;
const MAX_ID_LENGTH = 200;
const SAFE_LINE = new RegExp(`^${SAFE_ID}$`);
// C0 and C1 controls (tab and line breaks included) and DEL.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;

/** The folder the scripts compute too: the API base as typed, every non-alphanumeric as _. */
function cacheDir(env: Record<string, string | undefined>): string {
  const base = (env.HEYGEN_API_BASE?.trim() || 'https://api.heygen.com').replace(/\/$/, '');
  return join(configDir(env), 'completion', base.replace(/[^A-Za-z0-9]/g, '_'));
}

/** Fetches the looks and voices and writes the cache; undefined when there is no key. */
export async function refreshCache(ctx: Context): Promise<{ dir: string; looks: number; voices: number } | undefined> {
  if (!(await resolveApiKey(ctx.env, resolveBaseUrl(ctx.env)))) return undefined;
  const dir = cacheDir(ctx.env);
  ensureDir(dir, { mode: 0o700 });
  const lock = (() => {
    try {
      return acquireLock(join(dir, '.refresh.lock'), { what: 'a completion refresh' });
    } catch {
      return undefined; // another refresh is running: it will write the same files
    }
  })();
  if (!lock) return { dir, looks: -1, voices: -1 };
  try {
    const api = await ctx.api();
    // One "id<TAB>name" a line whatever the API sent: ids outside SAFE_ID are left out (a shell
    // would run `$(…)` in one), control characters in names become spaces.
    const lines = (items: Array<[string, string | null | undefined]>) =>
      items
        .filter(([id]) => id.length <= MAX_ID_LENGTH && SAFE_LINE.test(id))
        .map(([id, name]) => `${id}\t${(name ?? '').replace(CONTROL, ' ')}\n`)
        .join('');
    // The account's own looks first, then public ones.
    const mine = await collectAll(api.listLooks, { ownership: 'private', limit: 50 }, { max: MAX_ITEMS });
    const looks = [...mine, ...(await collectAll(api.listLooks, { ownership: 'public', limit: 50 }, { max: MAX_ITEMS - mine.length }))];
    writeFileAtomic(join(dir, 'looks'), lines(looks.map((l) => [l.id, l.name])), { mode: 0o600 });
    const voices = await collectAll(api.listVoices, { limit: 100 }, { max: MAX_ITEMS });
    writeFileAtomic(join(dir, 'voices'), lines(voices.map((v) => [v.voice_id, v.name])), { mode: 0o600 });
    return { dir, looks: looks.length, voices: voices.length };
  } finally {
    lock.release();
  }
}
