// The length of a local audio file, read from its header (no decoder, no network): WAV, MP4/M4A
// (and MOV) from their headers, MP3 from its Xing/Info frame count or, for constant bit rate
// files, from the size and the first frame's bit rate. Anything else is unknown (null).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const HEAD = 64 * 1024;

export function mediaDurationSeconds(path: string): number | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(HEAD, size));
    readSync(fd, head, 0, head.length, 0);
    return wavSeconds(head) ?? mp4Seconds(fd, size) ?? mp3Seconds(head, size);
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function wavSeconds(b: Buffer): number | null {
  if (b.length < 12 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WAVE') return null;
  let byteRate = 0;
  for (let at = 12; at + 8 <= b.length; ) {
    const id = b.toString('latin1', at, at + 4);
    const len = b.readUInt32LE(at + 4);
    if (id === 'fmt ' && at + 16 <= b.length) byteRate = b.readUInt32LE(at + 16);
    if (id === 'data') return byteRate > 0 ? len / byteRate : null;
    at += 8 + len + (len % 2);
  }
  return null;
}

/** Walks the top-level boxes to moov/mvhd (moov may sit after mdat, so it reads by offset). */
function mp4Seconds(fd: number, size: number): number | null {
  const box = Buffer.alloc(16);
  const read = (at: number, n: number) => (readSync(fd, box, 0, n, at) === n ? box : null);
  const find = (start: number, end: number, type: string): [number, number] | null => {
    for (let at = start; at + 8 <= end; ) {
      if (!read(at, 8)) return null;
      let len = box.readUInt32BE(0);
      const kind = box.toString('latin1', 4, 8);
      let header = 8;
      if (len === 1 && read(at, 16)) {
        len = Number(box.readBigUInt64BE(8));
        header = 16;
      } else if (len === 0) len = end - at;
      if (len < header) return null;
      if (kind === type) return [at + header, at + len];
      at += len;
    }
    return null;
  };
  if (!read(0, 8) || box.toString('latin1', 4, 8) !== 'ftyp') return null;
  const moov = find(0, size, 'moov');
  const mvhd = moov && find(moov[0], moov[1], 'mvhd');
  if (!mvhd) return null;
  const v = Buffer.alloc(32);
  readSync(fd, v, 0, 32, mvhd[0]);
  const [scale, duration] = v[0] === 1 ? [v.readUInt32BE(20), Number(v.readBigUInt64BE(24))] : [v.readUInt32BE(12), v.readUInt32BE(16)];
  return scale > 0 ? duration / scale : null;
}

const MP3_BITRATES = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MP3_RATES = [44100, 48000, 32000];

function mp3Seconds(b: Buffer, size: number): number | null {
  let at = 0;
  // An ID3v2 tag comes first: its size is four 7-bit bytes.
  if (b.toString('latin1', 0, 3) === 'ID3' && b.length >= 10) at = 10 + ((b[6]! << 21) | (b[7]! << 14) | (b[8]! << 7) | b[9]!);
  while (at + 4 <= b.length && !(b[at] === 0xff && (b[at + 1]! & 0xe0) === 0xe0)) at += 1;
  if (at + 4 > b.length) return null;
  const version = (b[at + 1]! >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
  const layer = (b[at + 1]! >> 1) & 3; // 1 = Layer III
  const bitrate = MP3_BITRATES[b[at + 2]! >> 4] ?? 0;
  const rate = (MP3_RATES[(b[at + 2]! >> 2) & 3] ?? 0) / (version === 3 ? 1 : version === 2 ? 2 : 4);
  if (layer !== 1 || bitrate === 0 || rate === 0) return null;
  const samplesPerFrame = version === 3 ? 1152 : 576;
  const mono = b[at + 3]! >> 6 === 3;
  const side = version === 3 ? (mono ? 17 : 32) : mono ? 9 : 17;
  const tag = at + 4 + side;
  const xing = b.toString('latin1', tag, tag + 4);
  if ((xing === 'Xing' || xing === 'Info') && tag + 12 <= b.length && b.readUInt32BE(tag + 4) & 1) {
    return (b.readUInt32BE(tag + 8) * samplesPerFrame) / rate;
  }
  return ((size - at) * 8) / (bitrate * 1000);
}
