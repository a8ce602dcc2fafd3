// SubRip captions from the word timestamps of a speech answer (contract §11.1): words grouped into
// short cues, broken at sentence ends, a pause, or a length a viewer can read at a glance.
import type { WordTimestamp } from '../../api/voice-schemas.js';

interface CueLimits {
  maxWords: number;
  maxSeconds: number;
  maxChars: number;
  /** A silence at least this long starts a new cue. */
  pauseSeconds: number;
}

const DEFAULT_LIMITS: CueLimits = { maxWords: 8, maxSeconds: 3.5, maxChars: 42, pauseSeconds: 0.6 };

interface Cue {
  start: number;
  end: number;
  text: string;
}

export function wordsToCues(words: readonly WordTimestamp[], limits: Partial<CueLimits> = {}): Cue[] {
  const l = { ...DEFAULT_LIMITS, ...limits };
  const cues: Cue[] = [];
  let group: WordTimestamp[] = [];
  const flush = () => {
    if (group.length === 0) return;
    cues.push({ start: group[0]!.start, end: group[group.length - 1]!.end, text: group.map((w) => w.word).join(' ') });
    group = [];
  };
  for (const word of words) {
    const first = group[0];
    const last = group[group.length - 1];
    if (first && last) {
      const text = [...group, word].map((w) => w.word).join(' ');
      const tooLong = group.length >= l.maxWords || word.end - first.start > l.maxSeconds || text.length > l.maxChars;
      if (tooLong || word.start - last.end >= l.pauseSeconds || /[.!?…]["')\]]?$/.test(last.word)) flush();
    }
    group.push(word);
  }
  flush();
  return cues;
}

/** 3.0715 → "00:00:03,072" */
export function srtTime(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
}

export function wordsToSrt(words: readonly WordTimestamp[], limits?: Partial<CueLimits>): string {
  return wordsToCues(words, limits)
    .map((c, i) => `${i + 1}\n${srtTime(c.start)} --> ${srtTime(c.end)}\n${c.text}\n`)
    .join('\n');
}
