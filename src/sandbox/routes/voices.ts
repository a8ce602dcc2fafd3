// Speech, cloning, design and deletion (contract §11). None honours Idempotency-Key (§1.6).
import { data, type Route } from '../router.js';
import { createClone, deleteVoice, designSearch, speak } from '../voices.js';

export const voiceRoutes: Route[] = [
  { method: 'POST', pattern: '/v3/voices/speech', handler: ({ state, body }) => data(speak(state, body)) },
  { method: 'POST', pattern: '/v3/voices/clone', handler: ({ state, body }) => data(createClone(state, body)) },
  { method: 'POST', pattern: '/v3/voices', handler: ({ state, body }) => data(designSearch(state, body)) },
  { method: 'DELETE', pattern: '/v3/voices/:id', handler: ({ state, params }) => data(deleteVoice(state, params['id'] ?? '')) },
];
