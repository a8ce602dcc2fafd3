// Only starfish voices speak through POST /v3/voices/speech (contract §11.1, §11.2). The list item
// has no engine field, so the engine filter is the only way to learn it: private starfish voices
// first (clones), then public ones, following the cursor within a bound.
import type { HeyGenClient, VoiceListItem } from '../../api/index.js';
import { UsageError } from '../../shared/errors.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

const STARFISH = 'starfish';
const listStarfish = () => `${twinInvocation()} voices list --engine starfish`;
/** Pages of 100 read before giving up on a verdict (then the API judges the request). */
const MAX_PAGES = 20;

type StarfishVerdict = { usable: true; voice: VoiceListItem } | { usable: false } | { usable: 'unknown' };

async function starfishVerdict(api: Pick<HeyGenClient, 'listVoices'>, voiceId: string): Promise<StarfishVerdict> {
  let pages = 0;
  for (const type of ['private', 'public'] as const) {
    let token: string | null = null;
    do {
      if (pages >= MAX_PAGES) return { usable: 'unknown' };
      pages += 1;
      const page = await api.listVoices({ type, engine: STARFISH, limit: 100, ...(token ? { token } : {}) });
      const voice = page.data.find((v) => v.voice_id === voiceId);
      if (voice) return { usable: true, voice };
      token = page.has_more ? page.next_token : null;
    } while (token);
  }
  return { usable: false };
}

/** Refuses, before anything is paid for, a voice that speech would reject. */
export async function requireStarfishVoice(api: Pick<HeyGenClient, 'listVoices'>, voiceId: string): Promise<StarfishVerdict> {
  const verdict = await starfishVerdict(api, voiceId);
  if (verdict.usable === false) {
    throw new UsageError(
      `Voice ${voiceId} cannot speak through the speech endpoint: only starfish voices can (it is not among your or HeyGen's starfish voices).`,
      { flag: 'voice', details: { voice_id: voiceId, engine: STARFISH }, suggestion: `Pick one from: ${listStarfish()}` },
    );
  }
  return verdict;
}
