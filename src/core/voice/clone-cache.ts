// A clone has no Idempotency-Key (contract §11.3): a repeat makes a second voice and uses a slot.
// So each clone is remembered per API host in the config folder (`<config>/voice-clones/<host>.json`,
// a host store like the upload cache): the recording's SHA-256 → the voice it became. A lost entry
// costs only the protection.
import { cacheOf, type HostCache, openHostStore } from '../../config/host-store.js';
import * as z from '../../shared/zod-mini.js';

export interface CachedClone {
  /** What POST /v3/voices/clone answered. */
  voice_clone_id: string;
  /** The voice id once GET /v3/voices/{id} gave it (may differ from the clone id, §11.3). */
  voice_id: string | null;
  voice_name: string;
  /** ISO time the clone was asked for; recorded before the request, so a lost answer still leaves it. */
  requested_at: string;
}

const cachedClone: z.ZodMiniType<CachedClone> = z.looseObject({
  voice_clone_id: z.string(),
  voice_id: z.nullable(z.string()),
  voice_name: z.string(),
  requested_at: z.string(),
});

export interface CloneCache extends HostCache<CachedClone> {
  /** Drops every entry naming this voice (after `voices delete`). */
  forgetVoice(voiceId: string): void;
  /** Records the voice id a finished clone got (it may differ from the clone id, §11.3). */
  setVoiceId(cloneId: string, voiceId: string): void;
}

export function openCloneCache(env: Record<string, string | undefined>, baseUrl: string): CloneCache {
  const store = openHostStore({ folder: 'voice-clones', field: 'clones', entry: cachedClone }, env, baseUrl);
  return {
    ...cacheOf(store),
    setVoiceId: (cloneId, voiceId) =>
      store.update((clones) => {
        for (const e of Object.values(clones)) if (e.voice_clone_id === cloneId) e.voice_id = voiceId;
      }),
    forgetVoice: (voiceId) => store.deleteWhere((e) => e.voice_id === voiceId || e.voice_clone_id === voiceId),
  };
}
