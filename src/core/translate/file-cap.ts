// The most bytes a translation's file can have (issue 22: every body capped). A file host whose
// body never ends is cut off there instead of filling the disk. Generous on purpose: a 4K video at
// 100 Mbit/s, uncompressed 48 kHz stereo audio, captions of any length.
import type { TranslationFileKind } from './file-names.js';

const BYTES_PER_SECOND: Record<'video' | 'audio', number> = { video: 12_500_000, audio: 48_000 * 2 * 4 };
/** Translations are of videos up to hours long; one whose duration is unknown counts as this. */
const FALLBACK_SECONDS = 4 * 3600;
const HEADROOM_BYTES = 16 * 1024 * 1024;
const CAPTION_MAX_BYTES = 64 * 1024 * 1024;

export function translationFileMaxBytes(kind: TranslationFileKind, durationSeconds: number | null | undefined): number {
  if (kind === 'srt' || kind === 'vtt') return CAPTION_MAX_BYTES;
  const known = typeof durationSeconds === 'number' && Number.isFinite(durationSeconds) && durationSeconds > 0;
  const seconds = known ? Math.min(durationSeconds, FALLBACK_SECONDS) : FALLBACK_SECONDS;
  return Math.ceil(seconds * BYTES_PER_SECOND[kind] * 1.5) + HEADROOM_BYTES;
}
