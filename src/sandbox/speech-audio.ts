// Synthetic speech for POST /v3/voices/speech (contract §11.1): a real, playable MP3 of silence
// whose length is the answered `duration`, and word timestamps spread over it. The length follows
// the text and the speed, so a client's duration and cost figures can be checked.

/** MPEG-1 Layer III, 32 kb/s, 32 kHz, mono: 144-byte frames of 1152 samples (36 ms each). */
const FRAME_BYTES = 144;
const FRAME_SECONDS = 1152 / 32_000;
const HEADER = [0xff, 0xfb, 0x18, 0xc0];

/** A constant-bit-rate MP3 of `frames` silent frames (zeroed side info decodes as silence). */
function silentMp3(frames: number): Buffer {
  const out = Buffer.alloc(frames * FRAME_BYTES);
  for (let i = 0; i < frames; i++) out.set(HEADER, i * FRAME_BYTES);
  return out;
}

interface WordTimestamp {
  word: string;
  start: number;
  end: number;
}

interface Speech {
  duration: number;
  words: WordTimestamp[];
  mp3: Buffer;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The words a listener hears: SSML tags are not spoken. */
function spokenWords(text: string, ssml: boolean): string[] {
  const plain = ssml ? text.replace(/<[^>]*>/g, ' ') : text;
  return plain.split(/\s+/).filter((w) => w !== '');
}

/** About 150 words a minute at speed 1: each word 0.25 s plus 60 ms a character, with 80 ms gaps. */
export function synthesize(text: string, speed: number, ssml: boolean): Speech {
  const words = spokenWords(text, ssml);
  const raw = words.map((w) => (0.25 + 0.06 * [...w].length) / speed);
  const gap = 0.08 / speed;
  const spoken = raw.reduce((a, b) => a + b, 0) + gap * Math.max(0, words.length - 1);
  const frames = Math.max(1, Math.ceil(Math.max(spoken, 0.5) / FRAME_SECONDS));
  const duration = round3(frames * FRAME_SECONDS);
  let at = 0;
  const timestamps = words.map((word, i) => {
    const start = at;
    const end = start + (raw[i] ?? 0);
    at = end + gap;
    return { word, start: round3(start), end: round3(end) };
  });
  return { duration, words: timestamps, mp3: silentMp3(frames) };
}
