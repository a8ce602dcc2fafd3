// Creating and changing avatars (contract §2.4, §2.5): POST /v3/avatars, consent, rename, delete.
// The read-only group and look routes stay in catalog.ts.
import { createTwin, deleteGroup, deleteLook, renameLook, requestConsent } from '../avatars.js';
import { lookView } from '../data/looks.js';
import { data, type Route } from '../router.js';

export const avatarRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v3/avatars',
    idempotent: true,
    handler: ({ state, body }) => data(createTwin(state, body)),
  },
  {
    method: 'POST',
    pattern: '/v3/avatars/:id/consent',
    idempotent: true,
    handler: ({ state, params, body }) => data(requestConsent(state, params['id'] ?? '', body)),
  },
  {
    method: 'PATCH',
    pattern: '/v3/avatars/looks/:id',
    handler: ({ state, params, body }) => data(lookView(renameLook(state, params['id'] ?? '', body), state.baseUrl)),
  },
  {
    method: 'DELETE',
    pattern: '/v3/avatars/looks/:id',
    handler: ({ state, params }) => data(deleteLook(state, params['id'] ?? '')),
  },
  {
    method: 'DELETE',
    pattern: '/v3/avatars/:id',
    handler: ({ state, params }) => data(deleteGroup(state, params['id'] ?? '')),
  },
];
