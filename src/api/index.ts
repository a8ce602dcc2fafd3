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
  ListWebhookEventsParams,
  PageParams,
  VideoStatusesParams,
  WithIdempotencyKey,
} from './client.js';
export { paginate, collectAll, type PaginateOptions } from './paginate.js';
export { resolveBaseUrl, normalizeBaseUrl, isLoopbackHost, DEFAULT_BASE_URL } from './base-url.js';
export { errorFromResponse, malformedResponse, flagForParam, textSnippet } from './errors.js';
export { networkError } from './network-errors.js';
export { parseRetryAfter, backoffDelay, decideRetry, defaultSleep, DEFAULT_RETRY_POLICY } from './retry.js';
export type { RetryPolicy } from './retry.js';
export * from './schemas.js';
export * from './video-body.js';
export * from './media-schemas.js';
export type {
  AssetInput,
  ConsentBody,
  CreateTwinBody,
  DirectUploadBody,
  ListAssetsParams,
  MediaClient,
  UploadFile,
} from './media-client.js';
export * from './translation-schemas.js';
export * from './translation-body.js';
export type { TranslationClient, TranslationStatusesParams } from './translation-client.js';
