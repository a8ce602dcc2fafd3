// Subtitles for a rendered video: the script split into short cues, timed at a speaking rate of
// about 150 words per minute so cue times add up to the reported duration.
const WORDS_PER_SECOND = 2.5;
const MAX_WORDS_PER_CUE = 8;
/** Audio-driven videos have no transcript; the emulator reports this fixed length. */
export const AUDIO_VIDEO_SECONDS = 10;

export function estimateDuration(script: string | null): number {
  if (script === null) return AUDIO_VIDEO_SECONDS;
  const words = script.trim().split(/\s+/).filter(Boolean).length;
  return Math.max(2, Math.round((words / WORDS_PER_SECOND) * 10) / 10);
}

function cueTexts(script: string): string[] {
  const sentences = script
    .replace(/\s+/g, ' ')
    .trim()
    .match(/[^.!?]+[.!?]*/g) ?? [script];
  const cues: string[] = [];
  for (const sentence of sentences) {
    const words = sentence.trim().split(' ').filter(Boolean);
    for (let i = 0; i < words.length; i += MAX_WORDS_PER_CUE) cues.push(words.slice(i, i + MAX_WORDS_PER_CUE).join(' '));
  }
  return cues.length > 0 ? cues : [script.trim()];
}

function stamp(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)},${pad(ms % 1000, 3)}`;
}

export function buildSrt(script: string | null, durationSec: number): string {
  const texts = script === null ? ['[audio narration]'] : cueTexts(script);
  const weights = texts.map((t) => Math.max(1, t.split(' ').length));
  const total = weights.reduce((a, b) => a + b, 0);
  let at = 0;
  const blocks = texts.map((text, i) => {
    const start = at;
    at += (durationSec * (weights[i] ?? 1)) / total;
    const end = i === texts.length - 1 ? durationSec : at;
    return `${i + 1}\n${stamp(start)} --> ${stamp(end)}\n${text}\n`;
  });
  return blocks.join('\n');
}
