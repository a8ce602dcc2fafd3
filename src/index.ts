// The typed library: `import { … } from 'heygen-twin'`. The same api and core functions the
// `twin` commands run (pre-flight, idempotent creates, bounded waits, resumable verified
// downloads, the batch engine), with no terminal code: progress comes through callbacks,
// cancellation through an AbortSignal, failures as typed errors with an exitCode.

// A client: retries with backoff, timeouts, Idempotency-Keys, zod-checked responses.
export { createClient, type CreateClientOptions } from './lib/client.js';
export { collectAll, paginate, DEFAULT_BASE_URL, type PaginateOptions } from './api/index.js';
export type {
  HeyGenClient,
  IdempotencyOptions,
  ListGroupsParams,
  ListLooksParams,
  ListVideosParams,
  ListVoicesParams,
  PageParams,
  WithIdempotencyKey,
} from './api/index.js';
export type {
  BulkStatusEntry,
  CreateVideoResponse,
  Group,
  Look,
  Page,
  User,
  Video,
  VoiceDetail,
  VoiceListItem,
  WebhookEndpoint,
  WebhookEvent,
} from './api/schemas.js';
export type { CreateVideoBody } from './api/video-body.js';

// A video: the body from flag-like input, pre-flight, create, wait, download.
export { buildCreateBody as videoRequest, type VideoInput } from './core/video/request.js';
export { createPreflightCache, preflight, type PreflightCache, type PreflightVerdict } from './core/video/preflight.js';
export type { Problem } from './core/video/rules.js';
export { createVideo } from './lib/video.js';
export {
  checkVideoRequest,
  downloadVideoFiles,
  followVideo,
  renderFailed,
  submitVideo,
  waitForVideo,
  type CreateResult,
  type DownloadHooks,
  type DownloadProgress,
  type FileFlags,
  type FileKind,
  type FollowHooks,
  type FollowOptions,
  type SavedFile,
  type WaitOptions,
} from './flows/video.js';
export { downloadFile, type DownloadRequest, type DownloadResult } from './core/download/downloader.js';
export { statusPhase, type StatusPhase } from './core/poll/video-status.js';

// Many videos: a CSV or JSONL manifest through the batch engine (journal, report, resume).
export { runBatch, type RunBatchOptions } from './lib/batch.js';
export type { BatchReport } from './core/batch/report.js';
export type { BatchEvent } from './core/batch/engine-types.js';

// Local media: check a file and upload it as an asset once (background images, audio, footage).
export { uploadAsset, type MediaKind, type UploadAssetOptions, type UploadedFile } from './lib/upload.js';

// Webhooks: verify a delivery's signature.
export { sign as signWebhook, verify as verifyWebhook, type VerifyOptions, type VerifyResult } from './shared/webhook-signature.js';

// Errors: every failure is a TwinError with a stable code and the CLI's exit code.
export {
  ApiError,
  AuthError,
  ExitCode,
  InterruptedError,
  isTwinError,
  RenderFailedError,
  TwinError,
  UsageError,
  WaitTimeoutError,
} from './shared/errors.js';

export { VERSION } from './shared/version.js';
