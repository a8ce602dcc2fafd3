// What `<source>` names (issue 24): a twin video id, a local video file, an https:// URL, or
// asset:ID. A path that exists wins over an id-looking word; http:// is refused (the API fetches
// public HTTPS sources, contract §10.1).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../shared/errors.js';

export type TranslateSource =
  | { kind: 'video'; value: string }
  | { kind: 'file'; value: string }
  | { kind: 'url'; value: string }
  | { kind: 'asset'; value: string };

export function parseSource(raw: string, cwd: string): TranslateSource {
  const text = raw.trim();
  if (text === '') throw new UsageError('Name the video to translate: a video id, a file, an https:// URL or asset:ID.');
  if (/^asset:/i.test(text)) {
    const id = text.slice('asset:'.length).trim();
    if (id === '') throw new UsageError('asset: needs an id, e.g. asset:abc123.');
    return { kind: 'asset', value: id };
  }
  if (/^https:\/\//i.test(text)) return { kind: 'url', value: text };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new UsageError(`${text} is not an https:// URL; HeyGen fetches translation sources over public HTTPS only.`);
  }
  if (existsSync(resolve(cwd, text))) return { kind: 'file', value: text };
  if (/[/\\]|\.(mp4|webm|mov|mkv)$/i.test(text)) throw new UsageError(`${text}: no such file.`);
  return { kind: 'video', value: text };
}

/** The same source as a `<source>` argument, for resume and generate commands. */
export function sourceArg(source: TranslateSource): string {
  return source.kind === 'asset' ? `asset:${source.value}` : source.value;
}
