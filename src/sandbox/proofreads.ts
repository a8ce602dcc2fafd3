// Proofreads (contract §10.6): per-language subtitle drafts to edit before the paid render. A third
// status vocabulary (processing | completed | failed). Enterprise only: the `proofreads` option off
// answers every proofread path 403 forbidden (the likeliest of the unconfirmed refusals).
import { ApiError, invalidParameter, notFound } from './errors.js';
import { bufferSource, type BodySource } from './body-source.js';
import { takeTranslationFaults } from './faults.js';
import { presign } from './presign.js';
import type { ProofreadRecord, TranslateRequest } from './records.js';
import { newId, nextSeq, type State } from './state.js';
import { onlyFields } from './strict.js';
import { checkSource } from './translate-validate.js';
import { createTranslation, outputLanguage, translationStatus } from './translations.js';
import { Fields, isObject } from './validate-fields.js';

export function assertProofreads(state: State): void {
  if (!state.options.proofreads) {
    throw new ApiError(403, 'forbidden', 'Proofreading is available on Enterprise plans only.');
  }
}

export function proofreadStatus(p: ProofreadRecord, now: number): 'processing' | 'completed' | 'failed' {
  const s = translationStatus(p, now);
  return s === 'pending' || s === 'running' ? 'processing' : s;
}

export function createProofread(state: State, request: TranslateRequest, language: string): ProofreadRecord {
  const fate = takeTranslationFaults(state, language);
  const p: ProofreadRecord = {
    id: newId('pr'),
    seq: nextSeq(state),
    createdAt: state.now(),
    // Drafting subtitles is quicker than rendering: half the render time.
    renderMs: Math.round(state.options.renderMs / 2) + fate.extraMs,
    language,
    request,
    failure: fate.failure,
    editedSrt: null,
    notified: false,
  };
  state.proofreads.set(p.id, p);
  return p;
}

export function getProofread(state: State, id: string): ProofreadRecord {
  assertProofreads(state);
  const p = state.proofreads.get(id);
  if (!p) throw notFound('not_found', `proofread ${id} not found`);
  return p;
}

export function proofreadView(state: State, p: ProofreadRecord): Record<string, unknown> {
  const status = proofreadStatus(p, state.now());
  return {
    id: p.id,
    status,
    output_language: outputLanguage(state, p.language),
    input_language: 'en',
    submitted_for_review: p.editedSrt !== null,
    failure_message: status === 'failed' ? p.failure : null,
    title: p.request.title,
    created_at: Math.floor(p.createdAt / 1000),
  };
}

function requireCompleted(state: State, p: ProofreadRecord): void {
  const status = proofreadStatus(state.proofreads.get(p.id) ?? p, state.now());
  if (status !== 'completed') throw invalidParameter(undefined, `proofread ${p.id} is ${status}, not completed`);
}

export function proofreadSrtView(state: State, p: ProofreadRecord): Record<string, unknown> {
  requireCompleted(state, p);
  return {
    srt_url: p.editedSrt?.type === 'url' ? p.editedSrt.url : presign(state, p.id, 'edited.srt'),
    original_srt_url: presign(state, p.id, 'original.srt'),
  };
}

export function putProofreadSrt(state: State, p: ProofreadRecord, body: unknown): void {
  if (!isObject(body)) throw invalidParameter(undefined, 'request body must be a JSON object');
  onlyFields(body, ['srt']);
  if (body['srt'] === undefined) throw invalidParameter('srt', 'srt is required');
  requireCompleted(state, p);
  p.editedSrt = checkSource(state, body['srt'], 'srt', 'srt');
}

export function generateFromProofread(state: State, p: ProofreadRecord, body: unknown): string {
  const b = body === undefined ? {} : body;
  if (!isObject(b)) throw invalidParameter(undefined, 'request body must be a JSON object');
  onlyFields(b, ['captions', 'translate_audio_only', 'callback_url', 'callback_id']);
  const f = new Fields(b, '');
  f.bool('captions');
  f.bool('translate_audio_only');
  const callbackUrl = f.str('callback_url');
  f.httpUrl('callback_url', callbackUrl);
  requireCompleted(state, p);
  const request: TranslateRequest = {
    ...p.request,
    caption: b['captions'] === true,
    audioOnly: b['translate_audio_only'] === true,
    callbackUrl,
    callbackId: f.str('callback_id'),
  };
  return createTranslation(state, request, p.language, p.id).id;
}

/** The subtitle files a completed proofread serves. */
export function proofreadFile(state: State, id: string, file: string): BodySource | undefined {
  const p = state.proofreads.get(id);
  if (!p || proofreadStatus(p, state.now()) !== 'completed') return undefined;
  if (file !== 'original.srt' && file !== 'edited.srt') return undefined;
  const end = Math.max(1, Math.round(p.request.sourceSec));
  const text = `1\n00:00:00,000 --> 00:00:${String(Math.min(59, end)).padStart(2, '0')},000\n[${p.language}] ${p.request.title ?? ''}\n`;
  return bufferSource(Buffer.from(text));
}
