// Three status vocabularies, one meaning (contract §10.3, §10.6, §14 item 14): GET and list speak
// pending|running, statuses and batch items queued|processing (+ not_found), proofreads
// processing. Everything twin shows or decides on uses this one vocabulary.
export type TranslationState = 'pending' | 'running' | 'completed' | 'failed' | 'not_found' | 'unknown';

export function normalizeTranslationStatus(raw: string | null | undefined): TranslationState {
  switch ((raw ?? '').toLowerCase()) {
    case 'pending':
    case 'queued':
    case 'waiting':
      return 'pending';
    case 'running':
    case 'processing':
      return 'running';
    case 'completed':
    case 'success':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'not_found':
      return 'not_found';
    default:
      // An unknown word is not terminal: the wait's timeout reports it (§10.3).
      return 'unknown';
  }
}

export function isTerminalTranslation(state: TranslationState): boolean {
  return state === 'completed' || state === 'failed' || state === 'not_found';
}
