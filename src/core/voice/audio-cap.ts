// The most bytes a speech audio file can have, from the duration the API answered (§11.1): even
// uncompressed 48 kHz stereo 32-bit audio is 384 kB a second. A file host that sends more (a body
// that never ends) is cut off there instead of filling the disk.
const MAX_BYTES_PER_SECOND = 48_000 * 2 * 4;
/** A duration the API did not give (or gave absurdly) counts as this: 5000 characters read slowly. */
const FALLBACK_SECONDS = 15 * 60;
const HEADROOM_BYTES = 1024 * 1024;

export function speechAudioMaxBytes(durationSeconds: number): number {
  const seconds = Number.isFinite(durationSeconds) && durationSeconds > 0 ? Math.min(durationSeconds, FALLBACK_SECONDS) : FALLBACK_SECONDS;
  return Math.ceil(seconds * MAX_BYTES_PER_SECOND * 1.5) + HEADROOM_BYTES;
}
