// zod schemas for speech, cloning, design and deletion (contract §11). Loose objects, as in
// schemas.ts: fields the API adds later survive, optional ones may be absent or null.
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod-mini.js';
import { optionalNumber, optionalString, VoiceListItem } from './schemas.js';

export const WordTimestamp = lazy(() => z.looseObject({ word: z.string(), start: z.number(), end: z.number() }));
export type WordTimestamp = z.output<ReturnType<typeof WordTimestamp>>;

/** POST /v3/voices/speech: a URL to the audio, not its bytes (§11.1). */
export const Speech = lazy(() =>
  z.looseObject({
    audio_url: z.string(),
    duration: z.number(),
    request_id: optionalString(),
    word_timestamps: z.nullish(z.array(WordTimestamp())),
  }),
);
export type Speech = z.output<ReturnType<typeof Speech>>;

/** POST /v3/voices/clone: only an id; poll GET /v3/voices/{id} for `complete` (§11.3). */
export const CloneCreated = lazy(() => z.looseObject({ voice_clone_id: z.string() }));
export type CloneCreated = z.output<ReturnType<typeof CloneCreated>>;

/** POST /v3/voices ("design"): up to three existing voices, list-item shape (§11.4). */
export const DesignResult = lazy(() => z.looseObject({ seed: optionalNumber(), voices: z.array(VoiceListItem()) }));
export type DesignResult = z.output<ReturnType<typeof DesignResult>>;

/** DELETE /v3/voices/{id}. */
export const DeletedVoice = lazy(() => z.looseObject({ voice_id: optionalString() }));
export type DeletedVoice = z.output<ReturnType<typeof DeletedVoice>>;
