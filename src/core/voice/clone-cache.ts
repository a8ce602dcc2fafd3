// A clone has no Idempotency-Key (contract §11.3): a repeat makes a second voice and uses a slot.
// So each clone is remembered per API host in the config folder (`<config>/voice-clones/<host>.json`):
// the recording's SHA-256 → the voice it became. Like the upload cache, a lost entry costs only the
// protection, so concurrent runs merge without a lock and the last write wins per file.
import { closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configDir } from '../../config/paths.js';
import { ensureDir, errnoOf, fileSystemError, openNoFollow, writeFileAtomic } from '../../shared/safe-fs.js';
import { cacheFileName } from '../media/upload-cache.js';

export interface CachedClone {
  /** What POST /v3/voices/clone answered. */
  voice_clone_id: string;
  /** The voice id once GET /v3/voices/{id} gave it (may differ from the clone id, §11.3). */
  voice_id: string | null;
  voice_name: string;
  /** ISO time the clone was asked for; recorded before the request, so a lost answer still leaves it. */
  requested_at: string;
}

interface CacheFile {
  version: 1;
  clones: Record<string, CachedClone>;
}

export interface CloneCache {
  readonly path: string;
  get(sha256: string): CachedClone | undefined;
  set(sha256: string, entry: CachedClone): void;
  delete(sha256: string): void;
  /** Drops every entry naming this voice (after `voices delete`). */
  forgetVoice(voiceId: string): void;
  /** Records the voice id a finished clone got (it may differ from the clone id, §11.3). */
  setVoiceId(cloneId: string, voiceId: string): void;
}

export function openCloneCache(env: Record<string, string | undefined>, baseUrl: string): CloneCache {
  const dir = join(configDir(env), 'voice-clones');
  const path = join(dir, cacheFileName(baseUrl));
  const empty = (): CacheFile => ({ version: 1, clones: {} });
  const read = (): CacheFile => {
    let text: string;
    try {
      const fd = openNoFollow(path, 'r');
      try {
        text = readFileSync(fd, 'utf8');
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      if (errnoOf(error) === 'ENOENT' || (error as { details?: { errno?: string } }).details?.errno === 'ENOENT') return empty();
      throw fileSystemError(error, path, 'read');
    }
    try {
      const parsed = JSON.parse(text) as Partial<CacheFile>;
      if (parsed.version === 1 && parsed.clones && typeof parsed.clones === 'object') return parsed as CacheFile;
    } catch {
      // A damaged file is not worth failing a clone for: start afresh.
    }
    return empty();
  };
  const update = (change: (file: CacheFile) => void): void => {
    ensureDir(dir, { mode: 0o700 });
    const file = read();
    change(file);
    writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  };
  const names = (e: CachedClone, id: string) => e.voice_id === id || e.voice_clone_id === id;
  return {
    path,
    get: (sha256) => read().clones[sha256],
    set: (sha256, entry) => update((f) => void (f.clones[sha256] = entry)),
    delete: (sha256) => update((f) => void delete f.clones[sha256]),
    setVoiceId: (cloneId, voiceId) =>
      update((f) => {
        for (const e of Object.values(f.clones)) if (e.voice_clone_id === cloneId) e.voice_id = voiceId;
      }),
    forgetVoice: (voiceId) =>
      update((f) => {
        for (const [sha, e] of Object.entries(f.clones)) if (names(e, voiceId)) delete f.clones[sha];
      }),
  };
}
