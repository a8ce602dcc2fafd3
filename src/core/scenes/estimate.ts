// How long the video will be, before it is paid for: narration at a typical pace (speechSeconds,
// the batch estimate's rate), a silent slide's own seconds, and the length of local audio and clip
// files read from their headers. A URL or an asset's length cannot be told: it counts as unknown.
import type { StudioScene, StudioVideoBody } from '../../api/studio-body.js';
import { UsageError } from '../../shared/errors.js';
import { speechSeconds } from '../batch/estimate.js';
import { mediaDurationSeconds } from '../media/duration.js';
import type { CheckedSceneMedia } from './preflight.js';

export interface SceneEstimate {
  scene: number;
  seconds: number | null;
  basis: 'script' | 'duration' | 'media_file' | 'unknown';
  /** Words of narration, for the dry-run table. */
  words: number;
}

export interface ScenesEstimate {
  scenes: SceneEstimate[];
  /** Seconds of the scenes whose length is known. */
  seconds: number;
  minutes: number;
  unknown: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const wordCount = (s: string | null | undefined) => (s ?? '').split(/\s+/).filter(Boolean).length;

function narration(scene: StudioScene): { script?: string | null; speed?: number; audioField?: string } {
  if (scene.type === 'avatar_video') {
    const i = scene.input;
    return { script: i.script, speed: i.voice_settings?.speed, audioField: i.audio_asset_id != null ? 'input.audio_asset_id' : undefined };
  }
  if (scene.type === 'image')
    return { script: scene.script, speed: scene.voice_settings?.speed, audioField: scene.audio_asset_id ? 'audio_asset_id' : undefined };
  return {};
}

export function estimateScenes(body: StudioVideoBody, media: readonly CheckedSceneMedia[]): ScenesEstimate {
  const lengthOf = (scene: number, field: string): number | null => {
    const m = media.find((x) => x.scene === scene && x.field === field);
    return m ? mediaDurationSeconds(m.file.path) : null;
  };
  const scenes = body.scenes.map((scene, i): SceneEstimate => {
    const n = i + 1;
    const { script, speed, audioField } = narration(scene);
    if (typeof script === 'string' && script.trim() !== '') {
      return { scene: n, seconds: round1(speechSeconds(script, speed ?? 1)), basis: 'script', words: wordCount(script) };
    }
    if (scene.type === 'image' && typeof scene.duration === 'number')
      return { scene: n, seconds: scene.duration, basis: 'duration', words: 0 };
    const seconds = scene.type === 'video' ? lengthOf(n, 'source.asset_id') : audioField ? lengthOf(n, audioField) : null;
    return seconds === null
      ? { scene: n, seconds: null, basis: 'unknown', words: 0 }
      : { scene: n, seconds: round1(seconds), basis: 'media_file', words: 0 };
  });
  const seconds = round1(scenes.reduce((a, s) => a + (s.seconds ?? 0), 0));
  return { scenes, seconds, minutes: round1(seconds / 60), unknown: scenes.filter((s) => s.seconds === null).length };
}

/** The --max-minutes guard (exit 2 before anything is sent). */
export function assertMaxMinutes(estimate: ScenesEstimate, maxMinutes: number | undefined): void {
  if (maxMinutes === undefined || estimate.seconds / 60 <= maxMinutes) return;
  throw new UsageError(
    `This video is estimated at ${estimate.minutes} minutes, over --max-minutes ${maxMinutes}${estimate.unknown ? ` (and ${estimate.unknown} scene(s) of unknown length)` : ''}.`,
    { flag: '--max-minutes', suggestion: 'Shorten the scenes or raise --max-minutes; nothing was sent.', details: { estimate } },
  );
}
