// Output names of a translation: `<source-name>.<language-slug>.mp4`, with `.srt`/`.vtt` beside it
// when captions were asked for and `.mp3` for the audio track (--audio-only). `-o` may name a folder
// or a pattern with {source}, {language}, {id} and {ext}.
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import { safeFileStem } from '../download/file-names.js';
import { languageSlug } from './languages.js';

export type TranslationFileKind = 'video' | 'audio' | 'srt' | 'vtt';

const EXT: Record<TranslationFileKind, string> = { video: 'mp4', audio: 'mp3', srt: 'srt', vtt: 'vtt' };

/** The stem of the source: a local file's name without extension, a URL's last segment, or the id. */
export function sourceStem(source: { kind: 'video' | 'file' | 'url' | 'asset'; value: string; title?: string | null }): string {
  if (source.kind === 'file') return safeFileStem(basename(source.value, extname(source.value))) || 'video';
  if (source.kind === 'url') {
    try {
      const last = new URL(source.value).pathname.split('/').filter(Boolean).pop() ?? '';
      return safeFileStem(basename(last, extname(last))) || 'video';
    } catch {
      return 'video';
    }
  }
  const title = safeFileStem(source.title);
  const id = safeFileStem(source.value) || 'video';
  return title && title !== id ? `${title}-${id}` : id;
}

function hasPattern(output: string | undefined): boolean {
  return output !== undefined && /\{(source|language|id|ext)\}/.test(output);
}

/**
 * Where one language's file goes. `output` is a folder (default the cwd) or a pattern; a pattern
 * without {ext} gets the file's extension swapped in for other kinds.
 */
export function translationTarget(opts: {
  stem: string;
  language: string;
  id: string;
  kind: TranslationFileKind;
  output?: string;
  cwd: string;
}): string {
  const ext = EXT[opts.kind];
  const slug = languageSlug(opts.language);
  const out = opts.output;
  if (out !== undefined && hasPattern(out)) {
    const filled = out
      .replaceAll('{source}', opts.stem)
      .replaceAll('{language}', slug)
      .replaceAll('{id}', safeFileStem(opts.id))
      .replaceAll('{ext}', ext);
    const withExt = out.includes('{ext}') ? filled : `${filled.replace(/\.[A-Za-z0-9]{2,4}$/, '')}.${ext}`;
    return isAbsolute(withExt) ? withExt : resolve(opts.cwd, withExt);
  }
  const dir = out === undefined ? opts.cwd : isAbsolute(out) ? out : resolve(opts.cwd, out);
  return join(dir, `${opts.stem}.${slug}.${ext}`);
}
