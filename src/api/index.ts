// The barrel other layers import, always through a dynamic import() so the client, zod and
// undici load only when a command actually talks to the API.
export { createClient } from './client.js';
export type {
  ClientOptions,
  HeyGenClient,
  IdempotencyOptions,
  ListGroupsParams,
  ListLooksParams,
  ListVideosParams,
  ListVoicesParams,
  PageParams,
  WithIdempotencyKey,
} from './client.js';
export { paginate, collectAll, type PaginateOptions } from './paginate.js';
export { resolveBaseUrl, normalizeBaseUrl, DEFAULT_BASE_URL } from './base-url.js';
export * from './schemas.js';
export * from './video-body.js';
export * from './media-schemas.js';
export * from './translation-schemas.js';
export * from './translation-body.js';
