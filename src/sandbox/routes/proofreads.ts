// Proofreads (contract §10.6), under /v3/video-translations/proofreads. Enterprise only: with the
// sandbox option `proofreads: false` every path answers 403 forbidden before anything else.
import { invalidParameter } from '../errors.js';
import {
  assertProofreads,
  createProofread,
  generateFromProofread,
  getProofread,
  proofreadSrtView,
  proofreadView,
  putProofreadSrt,
} from '../proofreads.js';
import { data, type Route } from '../router.js';
import { PROOFREAD_FIELDS, validateTranslate } from '../translate-validate.js';
import { isObject } from '../validate-fields.js';

export const proofreadRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v3/video-translations/proofreads',
    idempotent: true,
    handler: ({ state, body }) => {
      assertProofreads(state);
      if (isObject(body) && (typeof body['title'] !== 'string' || body['title'] === '')) {
        throw invalidParameter('title', 'title is required');
      }
      const { request, languages } = validateTranslate(state, body, '', PROOFREAD_FIELDS);
      const ids = languages.map((language) => createProofread(state, request, language).id);
      return data({ proofread_ids: ids, status: 'processing' });
    },
  },
  {
    method: 'GET',
    pattern: '/v3/video-translations/proofreads/:id',
    handler: ({ state, params }) => data(proofreadView(state, getProofread(state, params['id'] ?? ''))),
  },
  {
    method: 'GET',
    pattern: '/v3/video-translations/proofreads/:id/srt',
    handler: ({ state, params }) => data(proofreadSrtView(state, getProofread(state, params['id'] ?? ''))),
  },
  {
    method: 'PUT',
    pattern: '/v3/video-translations/proofreads/:id/srt',
    handler: ({ state, params, body }) => {
      const p = getProofread(state, params['id'] ?? '');
      putProofreadSrt(state, p, body);
      return data(proofreadView(state, p));
    },
  },
  {
    method: 'POST',
    pattern: '/v3/video-translations/proofreads/:id/generate',
    idempotent: true,
    handler: ({ state, params, body }) => {
      const p = getProofread(state, params['id'] ?? '');
      return data({ video_translation_id: generateFromProofread(state, p, body), status: 'processing' });
    },
  },
];
