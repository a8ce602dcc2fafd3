// Translate one finished video into many languages, with no terminal I/O (issue 24): resolve the
// source (a video's fresh video_url read just before the create, a local file uploaded once, an
// https URL or asset:ID), check the languages locally, one keyed create for every language, then
// wait for all and download each file (verified, atomic). Callers show progress through hooks.
import type { CreateTranslationBody, HeyGenClient, Translation, TranslationSource } from '../api/index.js';
import { downloadFile } from '../core/download/downloader.js';
import { checkTargetBeforePaying } from '../core/download/target-check.js';
import { estimateTranslation, type TranslationEstimate, type TranslationMode } from '../core/translate/cost.js';
import { translationFileMaxBytes } from '../core/translate/file-cap.js';
import { translationTarget, type TranslationFileKind } from '../core/translate/file-names.js';
import { languageMatches } from '../core/translate/languages.js';
import type { TranslateSource } from '../core/translate/source.js';
import { RenderFailedError, UsageError } from '../shared/errors.js';
import type { TranslationJob } from './translate-wait.js';
import { twinInvocation } from '../shared/twin-invocation.js';

export { waitForTranslations, type TranslationJob } from './translate-wait.js';

type TranslateApi = Pick<HeyGenClient, 'getVideo' | 'createTranslation' | 'getTranslation'>;

interface ResolvedSource {
  input: TranslationSource;
  /** Seconds of source, when known (a twin video's duration, a local file's), for the estimate. */
  seconds: number | null;
  title: string | null;
  notes: string[];
}

interface SourceDeps {
  api: Pick<HeyGenClient, 'getVideo'>;
  /** Uploads a local file once (the existing asset upload and its cache). */
  upload: (path: string) => Promise<{ asset_id: string; via: string }>;
  /** A local file's duration in seconds, null when it cannot be read. */
  fileSeconds: (path: string) => number | null;
}

/** Where the API will fetch the source from. A twin video is read now, so its presigned URL is fresh. */
export async function resolveSource(source: TranslateSource, deps: SourceDeps): Promise<ResolvedSource> {
  switch (source.kind) {
    case 'video': {
      const video = await deps.api.getVideo(source.value);
      if (video.status !== 'completed' || !video.video_url) {
        const why =
          video.status === 'failed' ? `it failed${video.failure_message ? `: ${video.failure_message}` : ''}` : `it is ${video.status}`;
        throw new UsageError(`Video ${source.value} cannot be translated yet: ${why}.`, {
          suggestion:
            video.status === 'failed' ? 'Render it again first.' : `Wait for it first: ${twinInvocation()} video wait ${source.value}`,
          details: { video_id: source.value, status: video.status },
        });
      }
      return { input: { type: 'url', url: video.video_url }, seconds: video.duration ?? null, title: video.title ?? null, notes: [] };
    }
    case 'file': {
      const up = await deps.upload(source.value);
      const note =
        up.via === 'cache'
          ? `${source.value}: already uploaded as asset ${up.asset_id}.`
          : `${source.value}: uploaded as asset ${up.asset_id}.`;
      return { input: { type: 'asset_id', asset_id: up.asset_id }, seconds: deps.fileSeconds(source.value), title: null, notes: [note] };
    }
    case 'url':
      return { input: { type: 'url', url: source.value }, seconds: null, title: null, notes: [] };
    case 'asset':
      return { input: { type: 'asset_id', asset_id: source.value }, seconds: null, title: null, notes: [] };
  }
}

export interface TranslateOptions {
  languages: string[];
  mode: TranslationMode;
  audioOnly: boolean;
  captions: boolean;
  speakers?: number;
  from?: string;
  start?: number;
  end?: number;
  keepFormat?: boolean;
  dynamicDuration: boolean;
  music: boolean;
  enhanceSpeech?: boolean;
  audio?: TranslationSource;
  title?: string;
  callbackUrl?: string;
}

/** The create body exactly as sent: only what the user chose, defaults left to the API. */
export function translationBody(input: TranslationSource, o: TranslateOptions): CreateTranslationBody {
  return {
    video: input,
    output_languages: o.languages,
    mode: o.mode,
    ...(o.audioOnly ? { translate_audio_only: true } : {}),
    ...(o.captions ? { enable_caption: true } : {}),
    ...(o.dynamicDuration ? {} : { enable_dynamic_duration: false }),
    ...(o.music ? {} : { disable_music_track: true }),
    ...(o.enhanceSpeech ? { enable_speech_enhancement: true } : {}),
    ...(o.keepFormat ? { keep_the_same_format: true } : {}),
    ...(o.speakers !== undefined ? { speaker_num: o.speakers } : {}),
    ...(o.from !== undefined ? { input_language: o.from } : {}),
    ...(o.start !== undefined ? { start_time: o.start } : {}),
    ...(o.end !== undefined ? { end_time: o.end } : {}),
    ...(o.audio !== undefined ? { audio: o.audio } : {}),
    ...(o.title !== undefined ? { title: o.title } : {}),
    ...(o.callbackUrl !== undefined ? { callback_url: o.callbackUrl } : {}),
  };
}

export function estimateFor(source: ResolvedSource, o: TranslateOptions): TranslationEstimate {
  return estimateTranslation({
    sourceSeconds: source.seconds,
    languages: o.languages.length,
    mode: o.mode,
    audioOnly: o.audioOnly,
    ...(o.start !== undefined ? { start: o.start } : {}),
    ...(o.end !== undefined ? { end: o.end } : {}),
  });
}

/** One keyed create for every language; ids paired with languages by position until a GET confirms them. */
export async function createTranslations(
  api: Pick<HeyGenClient, 'createTranslation'>,
  body: CreateTranslationBody,
  idempotencyKey?: string,
): Promise<{ jobs: TranslationJob[]; idempotencyKey: string }> {
  const created = await api.createTranslation(body, idempotencyKey ? { idempotencyKey } : {});
  const jobs = created.video_translation_ids.map((id, i) => ({ id, language: body.output_languages[i] ?? '', state: 'pending' as const }));
  return { jobs, idempotencyKey: created.idempotencyKey };
}

/**
 * The order of ids is unconfirmed (§10.2): once each id's output_language is known, re-pair ids
 * with the requested names; returns a note when it fell back to position for some.
 */
export function pairLanguages(jobs: TranslationJob[], requested: readonly string[]): string | undefined {
  const free = new Set(requested);
  const unmatched: TranslationJob[] = [];
  for (const job of jobs) {
    const reported = job.translation?.output_language;
    const name = [...free].find((n) => languageMatches(reported, n));
    if (name) {
      job.language = name;
      free.delete(name);
    } else unmatched.push(job);
  }
  for (const job of unmatched) {
    if (free.has(job.language)) free.delete(job.language);
    else {
      const next = [...free][0];
      if (next) [job.language] = [next];
      free.delete(job.language);
    }
  }
  return unmatched.length > 0 && unmatched.some((j) => j.translation?.output_language)
    ? `Matched ${unmatched.length} translation(s) to languages by position: their output_language did not name one.`
    : undefined;
}

export interface SavedTranslationFile {
  id: string;
  language: string;
  kind: TranslationFileKind;
  path: string;
  bytes: number;
  sha256: string;
  checksum_verified: boolean;
}

interface DownloadTranslationOptions {
  stem: string;
  output?: string;
  cwd: string;
  captions: boolean;
  audioOnly: boolean;
  force?: boolean;
  signal?: AbortSignal;
  onFile?: (file: SavedTranslationFile) => void;
}

function urlOf(t: Translation, kind: TranslationFileKind): string | null | undefined {
  if (kind === 'video') return t.video_url;
  if (kind === 'audio') return t.audio_url;
  return kind === 'srt' ? t.srt_caption_url : t.vtt_caption_url;
}

/**
 * Every path the files of these languages will be saved at, checked before the paid create
 * (exit 2, nothing sent): an existing file without --force, a FIFO or folder there, a folder that
 * cannot be written. A name holding {id} is only known after the create: its folder is checked.
 */
export function checkTranslationTargets(languages: readonly string[], o: Omit<DownloadTranslationOptions, 'signal' | 'onFile'>): void {
  const kinds: TranslationFileKind[] = [o.audioOnly ? 'audio' : 'video', ...(o.captions ? (['srt', 'vtt'] as const) : [])];
  const folderOnly = o.output !== undefined && o.output.includes('{id}');
  const flag = o.output !== undefined ? '--download' : '--download (the current folder)';
  for (const language of languages) {
    for (const kind of kinds) {
      const target = translationTarget({ stem: o.stem, language, id: 'id', kind, ...(o.output ? { output: o.output } : {}), cwd: o.cwd });
      checkTargetBeforePaying(target, { flag, force: Boolean(o.force), folderOnly });
    }
  }
}

/** Every file of the completed jobs; a failed language saves nothing and is reported by the caller. */
export async function downloadTranslations(
  api: Pick<HeyGenClient, 'getTranslation'>,
  jobs: readonly TranslationJob[],
  o: DownloadTranslationOptions,
): Promise<SavedTranslationFile[]> {
  const saved: SavedTranslationFile[] = [];
  const kinds: TranslationFileKind[] = [o.audioOnly ? 'audio' : 'video', ...(o.captions ? (['srt', 'vtt'] as const) : [])];
  for (const job of jobs) {
    if (job.state !== 'completed' || !job.translation) continue;
    for (const kind of kinds) {
      const url = urlOf(job.translation, kind);
      if (!url) continue;
      const target = translationTarget({
        stem: o.stem,
        language: job.language,
        id: job.id,
        kind,
        ...(o.output ? { output: o.output } : {}),
        cwd: o.cwd,
      });
      const result = await downloadFile({
        url,
        target,
        ...(o.force ? { force: true } : {}),
        maxBytes: translationFileMaxBytes(kind, job.translation.duration),
        ...(o.signal ? { signal: o.signal } : {}),
        // A presigned link that expired meanwhile: read the translation again for a fresh one.
        refreshUrl: async () => urlOf(await api.getTranslation(job.id), kind) ?? url,
        resumeHint: `${twinInvocation()} translations download ${job.id}`,
      });
      const file = {
        id: job.id,
        language: job.language,
        kind,
        path: result.path,
        bytes: result.bytes,
        sha256: result.sha256,
        checksum_verified: result.checksumVerified,
      };
      saved.push(file);
      o.onFile?.(file);
    }
  }
  return saved;
}

/** Exit 5 when any language failed (the others' files are already saved); undefined when all completed. */
export function failedLanguages(jobs: readonly TranslationJob[]): RenderFailedError | undefined {
  const failed = jobs.filter((j) => j.state === 'failed' || j.state === 'not_found');
  if (failed.length === 0) return undefined;
  const reasons = failed.map((j) => `${j.language} (${j.id}): ${j.translation?.failure_message ?? j.state}`);
  return new RenderFailedError(`${failed.length} of ${jobs.length} translations failed: ${reasons.join('; ')}`, {
    details: { failed: failed.map((j) => ({ id: j.id, language: j.language, failure_message: j.translation?.failure_message ?? null })) },
  });
}
