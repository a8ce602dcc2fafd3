// Checks of a clone recording before anything is sent (contract §11.3): an audio file the upload
// path takes (mp3 or wav, within the audio size limit, §8), of a length worth cloning. The API
// states no length; these bounds are ours and err on letting a recording through.
import { UsageError } from '../../shared/errors.js';
import { assertPlainText } from '../../shared/plain-text.js';
import { CLONE_NAME_MAX_CHARS } from '../../api/voice-body.js';
import { mediaDurationSeconds } from '../media/duration.js';
import { checkMediaFile, type MediaFile } from '../media/media-file.js';

/** Below this no clone sounds like the speaker; HeyGen's guidance asks for at least a minute. */
const CLONE_MIN_SECONDS = 10;
/** Longer recordings add nothing but upload time. */
const CLONE_MAX_SECONDS = 30 * 60;

export interface CheckedRecording extends MediaFile {
  /** Null when the header does not say (the API then judges). */
  seconds: number | null;
}

export async function checkCloneRecording(display: string, cwd: string): Promise<CheckedRecording> {
  const file = await checkMediaFile(display, { where: 'voices clone', flag: 'file', kinds: ['audio'], cwd });
  const seconds = mediaDurationSeconds(file.path);
  const fail = (why: string, suggestion: string) => new UsageError(`voices clone: ${display} ${why}.`, { flag: 'file', suggestion });
  if (seconds !== null && seconds < CLONE_MIN_SECONDS) {
    throw fail(
      `is ${seconds.toFixed(1)} s long; a clone needs at least ${CLONE_MIN_SECONDS} s of speech`,
      'Record a minute or more of clear speech.',
    );
  }
  if (seconds !== null && seconds > CLONE_MAX_SECONDS) {
    throw fail(
      `is ${Math.round(seconds / 60)} min long; at most ${CLONE_MAX_SECONDS / 60} min is used`,
      'Trim it to a few minutes of clear speech.',
    );
  }
  return { ...file, seconds };
}

export function checkCloneName(name: string): string {
  // The name shows in voice lists, the dashboard and this CLI's own lines: one line, no escapes.
  assertPlainText(name, '--name', 'name');
  const trimmed = name.trim();
  if (trimmed === '') throw new UsageError('voices clone: --name is required (1–100 characters).', { flag: 'name' });
  if ([...trimmed].length > CLONE_NAME_MAX_CHARS) {
    throw new UsageError(`voices clone: --name is ${[...trimmed].length} characters; the API takes at most ${CLONE_NAME_MAX_CHARS}.`, {
      flag: 'name',
    });
  }
  return trimmed;
}
