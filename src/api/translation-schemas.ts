// zod schemas for the video translation answers (contract §10). Loose objects: fields the API adds
// later survive; optional ones may be absent or null. Status stays an open string: GET speaks
// pending|running|completed|failed, statuses speak queued|processing|…, proofreads processing|…
// (core/translate/status.ts maps them to one vocabulary).
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod-mini.js';
import { optionalNumber, optionalString } from './schema-parts.js';

export const TranslationCreated = lazy(() => z.looseObject({ video_translation_ids: z.array(z.string()) }));
export type TranslationCreated = z.output<ReturnType<typeof TranslationCreated>>;

export const Translation = lazy(() =>
  z.looseObject({
    id: z.string(),
    status: z.string(),
    output_language: optionalString(),
    input_language: optionalString(),
    video_url: optionalString(),
    audio_url: optionalString(),
    srt_caption_url: optionalString(),
    vtt_caption_url: optionalString(),
    duration: optionalNumber(),
    translate_audio_only: z.nullish(z.boolean()),
    failure_message: optionalString(),
    title: optionalString(),
    callback_id: optionalString(),
    created_at: optionalNumber(),
  }),
);
export type Translation = z.output<ReturnType<typeof Translation>>;

/** GET …/languages: a plain object, no list envelope (§1.2). */
export const TranslationLanguages = lazy(() => z.looseObject({ languages: z.array(z.string()) }));
export type TranslationLanguages = z.output<ReturnType<typeof TranslationLanguages>>;

/** The batch-create answer has no schema (§10.5): `data.batch_id`, else a top-level `batch_id`. */
export const TranslationBatchCreatedRaw = lazy(() =>
  z.looseObject({ data: z.nullish(z.looseObject({ batch_id: optionalString() })), batch_id: optionalString() }),
);

export const ProofreadsCreated = lazy(() => z.looseObject({ proofread_ids: z.array(z.string()), status: optionalString() }));
export type ProofreadsCreated = z.output<ReturnType<typeof ProofreadsCreated>>;

export const Proofread = lazy(() =>
  z.looseObject({
    id: z.string(),
    status: z.string(),
    output_language: optionalString(),
    input_language: optionalString(),
    submitted_for_review: z.nullish(z.boolean()),
    failure_message: optionalString(),
    title: optionalString(),
    created_at: optionalNumber(),
  }),
);
export type Proofread = z.output<ReturnType<typeof Proofread>>;

export const ProofreadSrt = lazy(() => z.looseObject({ srt_url: z.string(), original_srt_url: optionalString() }));
export type ProofreadSrt = z.output<ReturnType<typeof ProofreadSrt>>;

export const ProofreadGenerated = lazy(() => z.looseObject({ video_translation_id: z.string(), status: optionalString() }));
export type ProofreadGenerated = z.output<ReturnType<typeof ProofreadGenerated>>;
