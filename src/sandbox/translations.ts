// Translation records and their render clock (contract §10): the job clock (jobs.ts), in its own
// words (pending, running). Each language is its own job.
import { ApiError, notFound } from './errors.js';
import { bufferSource, syntheticSource, type BodySource } from './body-source.js';
import { languageCode } from './data/languages.js';
import { takeTranslationFaults } from './faults.js';
import { fixture } from './fixtures.js';
import { type JobPhase, jobPhase, unfinished } from './jobs.js';
import { presign } from './presign.js';
import type { TranslateRequest, TranslationRecord } from './records.js';
import { newId, nextSeq, type State } from './state.js';
import { inFlight } from './videos.js';

export function translationStatus(t: { createdAt: number; renderMs: number; failure: string | null }, now: number): JobPhase {
  return jobPhase(t, t.failure !== null, now);
}

/** The other vocabulary (contract §10.3, §14 item 14): statuses and batch items. */
export function bulkTranslationStatus(status: JobPhase): string {
  return status === 'pending' ? 'queued' : status === 'running' ? 'processing' : status;
}

function translationsInFlight(state: State): TranslationRecord[] {
  const now = state.now();
  return unfinished(state.translations.values(), (t) => translationStatus(t, now));
}

/**
 * Renders and translations share the concurrency limit (contract §1.5). A create needs one slot per
 * language: all or nothing, 429 with Retry-After otherwise.
 */
export function assertTranslationCapacity(state: State, needed: number): void {
  const busy = inFlight(state).length + translationsInFlight(state).length;
  if (busy + needed <= state.options.concurrencyLimit) return;
  throw new ApiError(
    429,
    'rate_limit_exceeded',
    `Concurrency limit reached: ${busy} of ${state.options.concurrencyLimit} jobs in flight, ${needed} more asked for.`,
    undefined,
    { 'Retry-After': '5' },
  );
}

export function createTranslation(state: State, request: TranslateRequest, language: string, proofreadId?: string): TranslationRecord {
  const fate = takeTranslationFaults(state, language);
  const t: TranslationRecord = {
    id: newId('vt'),
    seq: nextSeq(state),
    createdAt: state.now(),
    renderMs: state.options.renderMs + fate.extraMs,
    language,
    request,
    title: request.title,
    failure: fate.failure,
    deleted: false,
    notified: false,
    ...(proofreadId === undefined ? {} : { proofreadId }),
  };
  state.translations.set(t.id, t);
  state.counters.rendered += 1;
  return t;
}

export function getTranslation(state: State, id: string): TranslationRecord {
  const t = state.translations.get(id);
  if (!t || t.deleted) throw notFound('not_found', `video translation ${id} not found`);
  return t;
}

/** The output_language as the sandbox reports it: the requested name, or its code under the knob. */
export function outputLanguage(state: State, language: string): string {
  return state.options.translationLanguageCodes ? (languageCode(language) ?? language) : language;
}

/** The Translation object (contract §10.3). Every call mints fresh presigned URLs. */
export function translationView(state: State, t: TranslationRecord): Record<string, unknown> {
  const status = translationStatus(t, state.now());
  const done = status === 'completed';
  const captions = done && t.request.caption;
  return {
    id: t.id,
    status,
    output_language: outputLanguage(state, t.language),
    input_language: 'en',
    video_url: done ? presign(state, t.id, 'video.mp4') : null,
    audio_url: done ? presign(state, t.id, 'audio.mp3') : null,
    srt_caption_url: captions ? presign(state, t.id, 'captions.srt') : null,
    vtt_caption_url: captions ? presign(state, t.id, 'captions.vtt') : null,
    duration: done ? t.request.sourceSec : null,
    translate_audio_only: t.request.audioOnly,
    failure_message: status === 'failed' ? t.failure : null,
    title: t.title,
    callback_id: t.request.callbackId,
    created_at: Math.floor(t.createdAt / 1000),
  };
}

function captionText(t: TranslationRecord, vtt: boolean): string {
  const end = Math.max(1, Math.round(t.request.sourceSec));
  const stamp = (s: number): string => {
    const hh = String(Math.floor(s / 3600)).padStart(2, '0');
    const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
    const ss = String(s % 60).padStart(2, '0');
    return `${hh}:${mm}:${ss}${vtt ? '.' : ','}000`;
  };
  const cue = `${stamp(0)} --> ${stamp(end)}\n[${t.language}] ${t.title ?? 'Translated video'}\n`;
  return vtt ? `WEBVTT\n\n${cue}` : `1\n${cue}`;
}

/** The files a completed translation serves, by file name in its download path. */
export function translationFile(state: State, id: string, file: string): BodySource | undefined {
  const t = state.translations.get(id);
  if (!t || t.deleted || translationStatus(t, state.now()) !== 'completed') return undefined;
  const bytes = state.options.videoBytes;
  if (file === 'video.mp4') return bytes !== undefined ? syntheticSource(bytes) : bufferSource(fixture('twin.mp4'));
  if (file === 'audio.mp3') return bufferSource(fixture('voice-preview.mp3'));
  if (t.request.caption && file === 'captions.srt') return bufferSource(Buffer.from(captionText(t, false)));
  if (t.request.caption && file === 'captions.vtt') return bufferSource(Buffer.from(captionText(t, true)));
  return undefined;
}
