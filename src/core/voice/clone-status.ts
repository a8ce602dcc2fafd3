// A clone's state from GET /v3/voices/{id} (contract §11.3). The API's word is `complete`, not the
// `completed` of every other job; `completed`, and an absent status on a voice that has its name,
// are read as done too, so a wait can never loop for a word that does not come.
import type { VoiceDetail } from '../../api/index.js';

type ClonePhase = 'processing' | 'complete' | 'failed';

export function clonePhase(voice: Pick<VoiceDetail, 'status' | 'name'>): ClonePhase {
  const status = voice.status ?? null;
  if (status === 'complete' || status === 'completed') return 'complete';
  if (status === 'failed') return 'failed';
  if (status === null && voice.name) return 'complete';
  return 'processing';
}

/** The status word a video poller understands, so clones share its schedule, deadline and exit codes. */
export function asVideoStatus(phase: ClonePhase): 'processing' | 'completed' | 'failed' {
  return phase === 'complete' ? 'completed' : phase;
}
