// What kind of media a file holds, decided from its first bytes (contract §8: png, jpeg, mp4, webm,
// mp3, wav, pdf, srt), and the size limits that go with each kind (§4.3 rule 8). The client checks
// files with it before anything is sent; the sandbox uses it to judge what it receives.

export type MediaKind = 'image' | 'audio' | 'video' | 'document' | 'subtitle';

interface MediaType {
  /** Short name people read: "PNG image". */
  label: string;
  mime: string;
  kind: MediaKind;
  /** Extensions that name this type; a file named otherwise is refused (the API checks it too). */
  extensions: readonly string[];
}

const MB = 1024 * 1024;
/** POST /v3/assets takes multipart bodies up to this size; larger files go through a direct upload. */
export const MULTIPART_MAX_BYTES = 32 * MB;

/** Input media limits of contract §4.3 rule 8; pdf and srt have none documented (our choice, see README). */
export const KIND_MAX_BYTES: Readonly<Record<MediaKind, number>> = {
  image: 50 * MB,
  audio: 50 * MB,
  video: 100 * MB,
  document: 50 * MB,
  subtitle: 10 * MB,
};

export const MEDIA_TYPES = {
  png: { label: 'PNG image', mime: 'image/png', kind: 'image', extensions: ['png'] },
  jpeg: { label: 'JPEG image', mime: 'image/jpeg', kind: 'image', extensions: ['jpg', 'jpeg'] },
  mp3: { label: 'MP3 audio', mime: 'audio/mpeg', kind: 'audio', extensions: ['mp3'] },
  wav: { label: 'WAV audio', mime: 'audio/wav', kind: 'audio', extensions: ['wav'] },
  mp4: { label: 'MP4 video', mime: 'video/mp4', kind: 'video', extensions: ['mp4', 'm4v'] },
  webm: { label: 'WebM video', mime: 'video/webm', kind: 'video', extensions: ['webm'] },
  pdf: { label: 'PDF document', mime: 'application/pdf', kind: 'document', extensions: ['pdf'] },
  srt: { label: 'SRT subtitles', mime: 'application/x-subrip', kind: 'subtitle', extensions: ['srt'] },
} as const satisfies Record<string, MediaType>;

export type MediaTypeName = keyof typeof MEDIA_TYPES;
/** How many leading bytes `sniffMediaType` needs. */
export const SNIFF_BYTES = 512;

const ascii = (head: Uint8Array, at: number, text: string): boolean =>
  head.length >= at + text.length && [...text].every((c, i) => head[at + i] === c.charCodeAt(0));

/** The media type of a file from its first bytes, or undefined when the API would not take it. */
export function sniffMediaType(head: Uint8Array): MediaTypeName | undefined {
  if (ascii(head, 0, '\x89PNG\r\n\x1a\n')) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii(head, 0, '%PDF-')) return 'pdf';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return 'wav';
  if (ascii(head, 4, 'ftyp')) {
    // ISO media: audio-only (M4A) and QuickTime brands are not MP4 video.
    const brand = String.fromCharCode(...head.subarray(8, 12));
    return ['M4A ', 'M4B ', 'M4P ', 'qt  '].includes(brand) ? undefined : 'mp4';
  }
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) {
    // EBML: WebM names its doctype near the start; other Matroska files are not taken.
    return Buffer.from(head.subarray(0, 64)).includes('webm') ? 'webm' : undefined;
  }
  if (ascii(head, 0, 'ID3') || (head[0] === 0xff && head[1] !== undefined && (head[1] & 0xe0) === 0xe0)) return 'mp3';
  const text = Buffer.from(head).toString('utf8');
  if (/^\uFEFF?\s*\d+\r?\n\d{2}:\d{2}:\d{2}[,.]\d{3} --> \d{2}:\d{2}:\d{2}[,.]\d{3}/.test(text)) return 'srt';
  return undefined;
}

/** The type a file name claims by its extension, if it is one we know. */
export function typeFromExtension(name: string): MediaTypeName | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (!ext) return undefined;
  return (Object.keys(MEDIA_TYPES) as MediaTypeName[]).find((t) => (MEDIA_TYPES[t].extensions as readonly string[]).includes(ext));
}

export function typeFromMime(mime: string): MediaTypeName | undefined {
  const m = mime.split(';')[0]?.trim().toLowerCase();
  const aliases: Record<string, MediaTypeName> = {
    'image/jpg': 'jpeg',
    'audio/mp3': 'mp3',
    'audio/x-wav': 'wav',
    'audio/wave': 'wav',
    'text/srt': 'srt',
  };
  return (Object.keys(MEDIA_TYPES) as MediaTypeName[]).find((t) => MEDIA_TYPES[t].mime === m) ?? (m ? aliases[m] : undefined);
}
