// One JSON file per API host in the config folder (`<config>/<folder>/<host>.json`), holding
// `{ "version": 1, "<field>": { key → entry } }`: the upload cache and the clone cache. Each
// change reads the file, applies itself and writes the whole file atomically (entries sorted by
// key). A lost entry only costs the protection it gave, so concurrent runs merge without a lock
// and the last write wins per file; a damaged, future or missing file reads as empty, and an
// entry that does not fit the schema is passed over rather than trusted.
import { closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir, fileSystemError, openNoFollow, writeFileAtomic } from '../shared/safe-fs.js';
import type * as z from '../shared/zod-mini.js';
import { configDir } from './paths.js';

/** What a cache built on a host store offers its callers (keyed by a file's SHA-256). */
export interface HostCache<T> {
  readonly path: string;
  get(sha256: string): T | undefined;
  set(sha256: string, entry: T): void;
  delete(sha256: string): void;
}

interface HostStore<T> extends HostCache<T> {
  /** Drops every entry the test matches. */
  deleteWhere(match: (entry: T) => boolean): void;
  /** Changes entries in place, under one read and one write. */
  update(change: (entries: Record<string, T>) => void): void;
}

interface HostStoreSpec<T> {
  /** The folder under the config folder, e.g. `uploads`. */
  folder: string;
  /** The file's key that holds the entries, e.g. `assets`. */
  field: string;
  /** One entry's shape. */
  entry: z.ZodMiniType<T>;
}

/** The part of a store a cache hands on as it is. */
export function cacheOf<T>(store: HostStore<T>): HostCache<T> {
  return { path: store.path, get: store.get, set: store.set, delete: store.delete };
}

/** `https://api.heygen.com` → `api.heygen.com.json`; `http://127.0.0.1:4010` → `127.0.0.1_4010.json`. */
export function hostFileName(baseUrl: string): string {
  const host = new URL(baseUrl).host.toLowerCase();
  return `${host.replace(/[^a-z0-9.-]/g, '_')}.json`;
}

export function openHostStore<T>(spec: HostStoreSpec<T>, env: Record<string, string | undefined>, baseUrl: string): HostStore<T> {
  const dir = join(configDir(env), spec.folder);
  const path = join(dir, hostFileName(baseUrl));
  const read = (): Record<string, T> => {
    let text: string;
    try {
      const fd = openNoFollow(path, 'r');
      try {
        // Stryker disable next-line StringLiteral: a Buffer parses as the same JSON
        text = readFileSync(fd, 'utf8');
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      // openNoFollow already turned the errno into a TwinError that keeps it in its details.
      // Stryker disable next-line OptionalChaining: only a raw read error after the open (EIO) lacks details, and none can be staged
      if ((error as { details?: { errno?: string } }).details?.errno === 'ENOENT') return {};
      // Stryker disable next-line StringLiteral: openNoFollow's errors are TwinErrors already, passed on as they are
      throw fileSystemError(error, path, 'read');
    }
    return entriesOf(text, spec);
  };
  const update = (change: (entries: Record<string, T>) => void): void => {
    ensureDir(dir, { mode: 0o700 });
    const entries = read();
    change(entries);
    const sorted = Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)));
    writeFileAtomic(path, `${JSON.stringify({ version: 1, [spec.field]: sorted }, null, 2)}\n`, { mode: 0o600 });
  };
  return {
    path,
    get: (key) => read()[key],
    set: (key, entry) => update((e) => void (e[key] = entry)),
    delete: (key) => update((e) => void delete e[key]),
    deleteWhere: (match) =>
      update((e) => {
        for (const [key, entry] of Object.entries(e)) if (match(entry)) delete e[key];
      }),
    update,
  };
}

/** A damaged or future file is not worth failing an upload or a clone for: it reads as empty. */
function entriesOf<T>(text: string, spec: HostStoreSpec<T>): Record<string, T> {
  let parsed: { version?: unknown } & Record<string, unknown>;
  // Stryker disable BlockStatement: an empty catch leaves parsed undefined, which the next lines read as empty too
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  // Stryker restore BlockStatement
  const found = parsed?.version === 1 ? parsed[spec.field] : undefined;
  // Stryker disable next-line ConditionalExpression: undefined and null fail the typeof check as well
  if (!found || typeof found !== 'object' || Array.isArray(found)) return {};
  const entries: Record<string, T> = {};
  for (const [key, value] of Object.entries(found)) {
    const entry = spec.entry.safeParse(value);
    if (entry.success) entries[key] = entry.data;
  }
  return entries;
}
