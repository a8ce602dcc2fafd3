// The languages list, kept a day per API host in the config folder (`<config>/translate/<host>.json`)
// like the upload cache: every `twin translate` checks names locally without a request, and a stale
// or damaged file only costs one GET.
import { closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configDir } from '../../config/paths.js';
import { ensureDir, errnoOf, openNoFollow, writeFileAtomic } from '../../shared/safe-fs.js';
import { cacheFileName } from '../media/upload-cache.js';

const LANGUAGES_TTL_MS = 24 * 60 * 60 * 1000;

interface CacheFile {
  version: 1;
  fetched_at: number;
  languages: string[];
}

interface LanguageList {
  languages: string[];
  /** Where the list came from this time. */
  source: 'cache' | 'api';
  fetchedAt: number;
}

function languageCachePath(env: Record<string, string | undefined>, baseUrl: string): string {
  return join(configDir(env), 'translate', cacheFileName(baseUrl));
}

function readCache(path: string): CacheFile | undefined {
  try {
    const fd = openNoFollow(path, 'r');
    try {
      const parsed = JSON.parse(readFileSync(fd, 'utf8')) as Partial<CacheFile>;
      if (parsed.version === 1 && Array.isArray(parsed.languages) && typeof parsed.fetched_at === 'number') return parsed as CacheFile;
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') return undefined; // damaged or unreadable: fetch again
  }
  return undefined;
}

/** The list from the cache when younger than a day (unless `refresh`), else from the API, then stored. */
export async function loadLanguages(opts: {
  env: Record<string, string | undefined>;
  baseUrl: string;
  fetch: () => Promise<string[]>;
  now?: () => number;
  refresh?: boolean;
}): Promise<LanguageList> {
  const now = (opts.now ?? Date.now)();
  const path = languageCachePath(opts.env, opts.baseUrl);
  const cached = opts.refresh ? undefined : readCache(path);
  if (cached && now - cached.fetched_at >= 0 && now - cached.fetched_at < LANGUAGES_TTL_MS && cached.languages.length > 0) {
    return { languages: cached.languages, source: 'cache', fetchedAt: cached.fetched_at };
  }
  const languages = await opts.fetch();
  try {
    ensureDir(join(path, '..'), { mode: 0o700 });
    writeFileAtomic(path, `${JSON.stringify({ version: 1, fetched_at: now, languages }, null, 2)}\n`, { mode: 0o600 });
  } catch {
    // A read-only config folder only costs a request next time.
  }
  return { languages, source: 'api', fetchedAt: now };
}
