// Assets (contract §8): multipart upload, direct uploads, complete, get, list, delete.
import {
  assetNotFound,
  assetView,
  completeUpload,
  createDirectUpload,
  createFromMultipart,
  findAsset,
  OWNER,
  uploadView,
} from '../assets.js';
import { invalidParameter } from '../errors.js';
import type { Part } from '../multipart.js';
import { newestFirst } from '../pagination.js';
import { data, type Route } from '../router.js';

export const assetRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v3/assets',
    idempotent: true,
    body: 'multipart',
    handler: ({ state, body }) => data(uploadView(state, createFromMultipart(state, body as Part[]))),
  },
  {
    method: 'POST',
    pattern: '/v3/assets/direct-uploads',
    idempotent: true,
    handler: ({ state, body }) => data(createDirectUpload(state, body)),
  },
  {
    method: 'POST',
    pattern: '/v3/assets/:id/complete',
    handler: ({ state, params, body }) => {
      const asset = completeUpload(state, params['id'] ?? '', body);
      return data({ ...uploadView(state, asset), status: asset.status });
    },
  },
  {
    method: 'GET',
    pattern: '/v3/assets',
    query: ['username', 'limit', 'token', 'folder_id'],
    handler: ({ state, query }) => {
      const username = query['username'];
      if (!username) throw invalidParameter('username', 'username is required: the owner of the assets (username from GET /v3/users/me)');
      const folderId = query['folder_id'] || undefined;
      const assets = [...state.assets.values()].filter(
        (a) => !a.deleted && a.status === 'processing' && username === OWNER && folderId === undefined,
      );
      return { body: newestFirst(assets, query, `assets:${username}`, (a) => assetView(state, a), { fallback: 20, max: 100 }) };
    },
  },
  {
    method: 'GET',
    pattern: '/v3/assets/:id',
    handler: ({ state, params }) => {
      const asset = findAsset(state, params['id'] ?? '');
      if (!asset) throw assetNotFound(params['id'] ?? '');
      return data(assetView(state, asset));
    },
  },
  {
    method: 'DELETE',
    pattern: '/v3/assets/:id',
    handler: ({ state, params }) => {
      const asset = findAsset(state, params['id'] ?? '');
      if (!asset) throw assetNotFound(params['id'] ?? '');
      asset.deleted = true;
      asset.bytes = null;
      return data({ id: asset.id });
    },
  },
];
