// File names for downloads. A title comes from the API (and, through it, from whoever typed
// it), so it is treated as hostile: no path separators, no `..`, no control characters, no
// characters Windows refuses, and a bounded length. The id keeps names unique.
import { statSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';

type VideoFormat = 'mp4' | 'webm';

/** Code points kept from a title; the name still fits a 255-byte file-name limit in UTF-8. */
const MAX_STEM_CHARS = 80;
const MAX_STEM_BYTES = 160;

/** "Quarterly update: Q3/Q4" → "Quarterly-update-Q3-Q4"; empty or hostile input → "". */
export function safeFileStem(text: string | null | undefined): string {
  let stem = (text ?? '')
    .normalize('NFC')
    .replace(/[\t\n\v\f\r]+/g, ' ') // line breaks and tabs separate words
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '') // control and invisible formatting characters
    .replace(/[/\\:*?"<>|]/g, '-') // separators and characters Windows refuses
    .replace(/\s+/g, '-')
    .replace(/\.{2,}/g, '.') // never a `..` segment
    .replace(/-{2,}/g, '-')
    .replace(/^[.\-_]+|[.\-_]+$/g, ''); // no hidden files, no leading option-like dash
  stem = truncate(stem, MAX_STEM_CHARS, MAX_STEM_BYTES).replace(/[.\-_\s]+$/g, '');
  // Windows cannot open CON, aux.mp4, nul.txt, COM1...: the device name gets a suffix.
  return WINDOWS_DEVICE.test(stem) ? stem.replace(/^([^.]*)/, '$1_') : stem;
}

/** Device names Windows reserves, alone or before an extension, in any case (COM¹ and LPT² too). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\$|conout\$)(\.|$)/i;

function truncate(text: string, maxChars: number, maxBytes: number): string {
  const chars = [...text].slice(0, maxChars);
  while (chars.length > 0 && Buffer.byteLength(chars.join('')) > maxBytes) chars.pop();
  return chars.join('');
}

/** `<safe title>-<id>.<ext>`, or `<id>.<ext>` for an untitled video. */
export function defaultVideoFileName(video: { id: string; title?: string | null }, format: VideoFormat = 'mp4'): string {
  const id = safeFileStem(video.id) || 'video';
  const title = safeFileStem(video.title);
  return `${title && title !== id ? `${title}-` : ''}${id}.${format}`;
}

/** The format of a video file from its URL's path (`.webm` → webm), mp4 otherwise. */
export function formatFromUrl(url: string | null | undefined): VideoFormat {
  if (!url) return 'mp4';
  try {
    return new URL(url).pathname.toLowerCase().endsWith('.webm') ? 'webm' : 'mp4';
  } catch {
    return 'mp4';
  }
}

/**
 * Where a download goes. `output` may name a file or a folder (an existing folder, or any
 * path ending in a separator); without it the default name goes into `outputDir`.
 * Relative paths are taken from `cwd`.
 */
export function resolveTarget(output: string | undefined, defaultName: string, outputDir: string, cwd: string = process.cwd()): string {
  if (output === undefined || output === '') return resolve(cwd, outputDir, defaultName);
  const path = isAbsolute(output) ? output : resolve(cwd, output);
  if (output.endsWith('/') || output.endsWith(sep) || isDirectory(path)) return join(path, defaultName);
  return path;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A sibling of a video file with another suffix: "talk-vid_1.mp4" → "talk-vid_1.srt". */
export function siblingPath(videoPath: string, suffix: string): string {
  return videoPath.replace(/\.(mp4|webm)$/i, '') + suffix;
}
