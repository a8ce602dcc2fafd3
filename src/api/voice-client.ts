// Client methods for speech, cloning, design and deletion of voices (contract §11), merged into
// HeyGenClient by client.ts. None of these endpoints honours an Idempotency-Key (§1.6), so:
// - speech is not retried here (a repeat bills again); the caller may retry once and say so;
// - clone is never retried (a repeat makes a second voice): the caller looks for the first one;
// - design is a search, harmless to repeat, so it is retried like a GET;
// - delete tolerates a lost answer (a 404 after an unanswered attempt means done).
import type { z } from 'zod';
import type { Transport } from './http.js';
import type { Schema } from './schemas.js';
import * as S from './schemas.js';
import * as V from './voice-schemas.js';
import { deleteOrGone, segment, type Deleted } from './client-parts.js';
import type { CloneBody, DesignBody, SpeechBody } from './voice-body.js';

export interface VoiceClient {
  synthesizeSpeech(body: SpeechBody): Promise<V.Speech>;
  cloneVoice(body: CloneBody): Promise<V.CloneCreated>;
  designVoices(body: DesignBody): Promise<V.DesignResult>;
  deleteVoice(id: string): Promise<Deleted<V.DeletedVoice>>;
}

export function createVoiceMethods(transport: Transport): VoiceClient {
  const post = async <T extends Schema>(endpoint: string, schema: T, body: unknown, repeatable = false) =>
    (await transport.request({ method: 'POST', endpoint: `POST ${endpoint}`, path: endpoint, schema: S.single(schema), body, repeatable }))
      .data as z.output<T>;
  return {
    synthesizeSpeech: (body) => post('/v3/voices/speech', V.Speech(), body),
    cloneVoice: (body) => post('/v3/voices/clone', V.CloneCreated(), body),
    designVoices: (body) => post('/v3/voices', V.DesignResult(), body, true),
    deleteVoice: async (id) => {
      const path = `/v3/voices/${segment(id, 'voice')}`;
      const remove = async () =>
        (await transport.request({ method: 'DELETE', endpoint: 'DELETE /v3/voices/{id}', path, schema: S.single(V.DeletedVoice()) }))
          .data as V.DeletedVoice;
      const data = await deleteOrGone(remove, { voice_id: id });
      return { ...data, voice_id: data.voice_id ?? id };
    },
  };
}
