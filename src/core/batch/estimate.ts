// Minutes of video a row will make, before it is rendered: the script read at a typical speaking
// rate (slower or faster with voice_settings.speed), or the audio file's own length. HeyGen bills
// by output duration, so this is what a budget is measured in. It is an estimate: the voice's
// real pace, pauses and SSML breaks move it by tens of percent either way.
import type { CreateVideoBody } from '../video/request.js';

/** A typical narration pace (the sandbox uses the same figure for its `duration`). */
const WORDS_PER_MINUTE = 150;
/** Scripts without spaces between words (Chinese, Japanese): characters per minute. */
const CJK_CHARS_PER_MINUTE = 250;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;
/** `<break time="1.5s"/>` and `<break time="500ms"/>` pauses add their own length. */
const BREAK = /<break\s+time\s*=\s*["']?(\d+(?:\.\d+)?)\s*(ms|s)["']?\s*\/?>/gi;

/** Seconds it takes to speak `script` at `speed` (0.5–1.5, 1 = normal). */
export function speechSeconds(script: string, speed = 1): number {
  let pauses = 0;
  const text = script.replace(BREAK, (_m, n: string, unit: string) => {
    pauses += unit.toLowerCase() === 'ms' ? Number(n) / 1000 : Number(n);
    return ' ';
  });
  const cjk = (text.match(CJK) ?? []).length;
  const words = (text.replace(CJK, ' ').match(WORD) ?? []).length;
  const minutes = words / WORDS_PER_MINUTE + cjk / CJK_CHARS_PER_MINUTE;
  const rate = speed > 0 ? speed : 1;
  return (minutes * 60) / rate + pauses;
}

export interface RowEstimate {
  /** Seconds of video, or null when it cannot be told before rendering (audio by URL or asset). */
  seconds: number | null;
  /** How the figure was made. */
  basis: 'script' | 'audio_file' | 'unknown';
}

/**
 * One row's estimate from its create body. `audioSeconds` is the length of a local audio file
 * the row names, when the caller could read it (see media-duration.ts).
 */
export function estimateRow(body: Pick<CreateVideoBody, 'script' | 'voice_settings'>, audioSeconds?: number | null): RowEstimate {
  if (typeof body.script === 'string' && body.script.trim() !== '') {
    return { seconds: round1(speechSeconds(body.script, body.voice_settings?.speed ?? 1)), basis: 'script' };
  }
  if (audioSeconds != null && Number.isFinite(audioSeconds)) return { seconds: round1(audioSeconds), basis: 'audio_file' };
  return { seconds: null, basis: 'unknown' };
}

export interface TotalEstimate {
  /** Seconds of video of the rows with an estimate. */
  seconds: number;
  minutes: number;
  /** Rows whose length cannot be told before rendering (not counted in `seconds`). */
  unknown: number;
}

export function totalEstimate(estimates: Iterable<RowEstimate>): TotalEstimate {
  let seconds = 0;
  let unknown = 0;
  for (const e of estimates) {
    if (e.seconds === null) unknown += 1;
    else seconds += e.seconds;
  }
  return { seconds: round1(seconds), minutes: round1(seconds / 60), unknown };
}

/** "about 12.5 minutes" / "about 40 seconds" (+ "and 2 rows of unknown length"). */
export function describeEstimate(total: TotalEstimate): string {
  const amount = total.seconds < 90 ? `${Math.round(total.seconds)} seconds` : `${total.minutes} minutes`;
  const unknown = total.unknown > 0 ? ` plus ${total.unknown} row${total.unknown === 1 ? '' : 's'} of unknown length (audio)` : '';
  return `about ${amount} of video${unknown}`;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
