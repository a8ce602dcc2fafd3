// Local files where the API takes media: `--audio ./narration.mp3`, `--background office.png`, the
// audio and background columns of a manifest. The body first carries a placeholder asset id
// (`local-file:PATH`), which --dry-run shows as is; every file is checked before anything is sent,
// and uploaded (once, see upload.ts) just before the create, which then gets the real asset ids.
import type { CreateVideoBody } from '../../api/video-body.js';
import { resolve } from 'node:path';
import { checkMediaFile, checkMediaFileSync, sha256FileSync, type MediaFile } from './media-file.js';
import type { MediaKind } from '../../shared/media-type.js';
import { isHttpUrl } from '../video/rules.js';

export const LOCAL_FILE_PREFIX = 'local-file:';

export type MediaSource = { kind: 'url'; url: string } | { kind: 'asset'; id: string } | { kind: 'file'; path: string };

/** https URL, asset:ID, or a local path; undefined for what is none of them (http://, ftp://...). */
export function parseMediaSource(value: string, httpsOnly = false): MediaSource | undefined {
  const v = value.trim();
  // Stryker disable next-line ConditionalExpression,StringLiteral: an empty value matches none of the forms below either
  if (v === '') return undefined;
  if (/^asset:\S+$/.test(v)) return { kind: 'asset', id: v.slice('asset:'.length) };
  if (isHttpUrl(v, httpsOnly)) return { kind: 'url', url: v };
  // Anything else with a scheme is a URL we do not take, not a file name.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return undefined;
  // A file is named with a folder or an extension, so a stray word ("blue") is not taken for one.
  return /[\\/]|\.[A-Za-z0-9]+$/.test(v) ? { kind: 'file', path: v } : undefined;
}

export function localPlaceholder(path: string): string {
  return `${LOCAL_FILE_PREFIX}${path}`;
}

/** A body field that names a local file still to upload. */
interface LocalMediaRef {
  /** The body field holding the placeholder. */
  field: 'audio_asset_id' | 'background.asset_id';
  /** The flag or column people wrote it in. */
  flag: '--audio' | '--background';
  kinds: readonly MediaKind[];
  path: string;
}

export function localMediaRefs(body: CreateVideoBody): LocalMediaRef[] {
  const refs: LocalMediaRef[] = [];
  const audio = body.audio_asset_id;
  if (typeof audio === 'string' && audio.startsWith(LOCAL_FILE_PREFIX)) {
    refs.push({ field: 'audio_asset_id', flag: '--audio', kinds: ['audio'], path: audio.slice(LOCAL_FILE_PREFIX.length) });
  }
  const bg = body.background as { asset_id?: unknown } | null | undefined;
  if (bg && typeof bg.asset_id === 'string' && bg.asset_id.startsWith(LOCAL_FILE_PREFIX)) {
    refs.push({ field: 'background.asset_id', flag: '--background', kinds: ['image'], path: bg.asset_id.slice(LOCAL_FILE_PREFIX.length) });
  }
  return refs;
}

export interface CheckedLocalMedia extends LocalMediaRef {
  file: MediaFile;
}

/**
 * Checks every local file of a body (exit 2 naming the flag, or the column via `where`); relative
 * paths start at `base` (the current folder, or a manifest's folder).
 */
export async function checkLocalMedia(
  body: CreateVideoBody,
  base: string,
  where: (ref: LocalMediaRef) => string = (r) => r.flag,
): Promise<CheckedLocalMedia[]> {
  const out: CheckedLocalMedia[] = [];
  for (const ref of localMediaRefs(body)) {
    const file = await checkMediaFile(ref.path, { where: where(ref), flag: ref.flag, kinds: ref.kinds, cwd: base });
    out.push({ ...ref, file });
  }
  return out;
}

/** Replaces each placeholder with the asset id its file became. */
export function useUploadedIds(body: CreateVideoBody, uploaded: ReadonlyArray<{ field: LocalMediaRef['field']; assetId: string }>): void {
  for (const { field, assetId } of uploaded) {
    if (field === 'audio_asset_id') body.audio_asset_id = assetId;
    else if (body.background && typeof body.background === 'object') (body.background as { asset_id?: string }).asset_id = assetId;
  }
}

/** "Would upload narration.mp3 (audio/mpeg, 12 KiB) for --audio" lines for --dry-run. */
export function describePending(media: readonly CheckedLocalMedia[], formatSize: (n: number) => string): string[] {
  return media.map(
    (m) =>
      `Would upload ${m.file.display} (${m.file.mime}, ${formatSize(m.file.size)}) for ${m.flag}; the body shows ${localPlaceholder(m.path)} in its place.`,
  );
}

/** A local file a manifest names, checked once per run (sha256, or why it cannot be used). */
export type ManifestMediaCache = Map<string, { file: MediaFile; sha256: string } | Error>;

/** The SHA-256 the plan read from each local file (by absolute path): what its upload must send. */
export function plannedHashes(cache: ManifestMediaCache): (path: string) => string | undefined {
  const byPath = new Map<string, string>();
  for (const known of cache.values()) if (!(known instanceof Error)) byPath.set(known.file.path, known.sha256);
  return (path) => byPath.get(path);
}

/**
 * The local files of a manifest row, checked synchronously (paths relative to the manifest's
 * folder): `media` maps each placeholder to its file's SHA-256 (for the lock fingerprint), or
 * `problems` says which column is wrong. Each distinct file is read once per run.
 */
export function checkRowMedia(
  body: CreateVideoBody,
  baseDir: string,
  cache: ManifestMediaCache,
): { media: Record<string, string>; problems: Array<{ ref: LocalMediaRef; message: string }> } {
  const media: Record<string, string> = {};
  const problems: Array<{ ref: LocalMediaRef; message: string }> = [];
  for (const ref of localMediaRefs(body)) {
    // Stryker disable next-line StringLiteral: each ref has one kind, so the separator never shows
    const key = `${ref.kinds.join(',')}\n${resolve(baseDir, ref.path)}`;
    let known = cache.get(key);
    if (!known) {
      try {
        const file = checkMediaFileSync(ref.path, { where: ref.flag, flag: ref.flag, kinds: ref.kinds, cwd: baseDir });
        known = { file, sha256: sha256FileSync(file.path) };
      } catch (error) {
        known = error as Error;
      }
      cache.set(key, known);
    }
    if (known instanceof Error) problems.push({ ref, message: known.message.replace(`${ref.flag}: `, '').replace(/\.$/, '') });
    else media[localPlaceholder(ref.path)] = known.sha256;
  }
  return { media, problems };
}
