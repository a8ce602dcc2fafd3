// One error type per failure. Each carries a machine code, the process exit code of
// DESIGN.md and a one-line suggestion; src/ui/report-error.ts renders them, main.ts exits.
import { twinInvocation } from './twin-invocation.js';

export const ExitCode = {
  ok: 0,
  api: 1,
  usage: 2,
  auth: 3,
  timeout: 4,
  renderFailed: 5,
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Codes twin mints for failures of its own, kept apart from the API's codes (contract §1.4) so a
 * --json consumer can tell them apart. `download_failed` is an API code (HTTP 400 at create when
 * HeyGen cannot fetch a user-supplied URL, and a render failure_code): twin never reuses it for
 * its own file downloads, which fail with `file_download_failed`.
 */
export const ClientCode = {
  /** Fetching a rendered file (video, captions, thumbnail) from its presigned URL failed. */
  fileDownloadFailed: 'file_download_failed',
} as const;

interface TwinErrorInit {
  code: string;
  exitCode: ExitCodeValue;
  suggestion?: string;
  /** Extra facts for --json output and the human renderer (never secrets). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class TwinError extends Error {
  // Set by hand: the command line's build shortens class names.
  override name = 'TwinError';
  readonly code: string;
  readonly exitCode: ExitCodeValue;
  readonly suggestion?: string;
  readonly details: Record<string, unknown>;

  constructor(message: string, init: TwinErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.exitCode = init.exitCode;
    this.suggestion = init.suggestion;
    this.details = init.details ?? {};
  }
}

/** Bad flags, bad files, rules the API would reject: exit 2, nothing was sent. */
export class UsageError extends TwinError {
  override name = 'UsageError';
  constructor(message: string, init: Partial<TwinErrorInit> & { flag?: string } = {}) {
    const { flag: named, ...rest } = init;
    // A message about a flag ("--shard applies to ...") names it in `flag` too, as --json promises.
    const flag = named ?? /^(--[a-z0-9][a-z0-9-]*)(?=[:= ]|$)/.exec(message)?.[1];
    super(message, {
      code: 'usage_error',
      exitCode: ExitCode.usage,
      ...rest,
      details: { ...(flag ? { flag } : {}), ...rest.details },
    });
  }
}

/** No key, a rejected key, or a forbidden resource: exit 3. */
export class AuthError extends TwinError {
  override name = 'AuthError';
  constructor(message: string, init: Partial<TwinErrorInit> = {}) {
    super(message, {
      code: 'unauthorized',
      exitCode: ExitCode.auth,
      suggestion: `Run \`${twinInvocation()} auth login\` or set HEYGEN_API_KEY.`,
      ...init,
    });
  }
}

interface ApiErrorFacts {
  status?: number;
  apiCode?: string;
  param?: string;
  docUrl?: string;
  requestId?: string;
  endpoint?: string;
}

/** The API (or the network on the way to it) answered with a failure. */
export class ApiError extends TwinError {
  override name = 'ApiError';
  readonly status?: number;
  readonly apiCode?: string;
  readonly param?: string;
  readonly requestId?: string;
  readonly endpoint?: string;
  readonly docUrl?: string;
  /**
   * An earlier attempt of the same request went unanswered (5xx, dropped, timed out) and may have
   * been carried out: a DELETE that now meets 404 deleted the resource the first time.
   */
  afterUnansweredAttempt = false;

  constructor(message: string, facts: ApiErrorFacts & Partial<TwinErrorInit>) {
    const { status, apiCode, param, docUrl, requestId, endpoint, ...init } = facts;
    super(message, {
      code: apiCode ?? 'api_error',
      exitCode: ExitCode.api,
      ...init,
      details: {
        ...(status !== undefined ? { status } : {}),
        ...(param ? { param } : {}),
        ...(requestId ? { request_id: requestId } : {}),
        ...(endpoint ? { endpoint } : {}),
        ...(docUrl ? { doc_url: docUrl } : {}),
        ...init.details,
      },
    });
    this.status = status;
    this.apiCode = apiCode;
    this.param = param;
    this.requestId = requestId;
    this.endpoint = endpoint;
    this.docUrl = docUrl;
  }
}

/** Waited as long as allowed while the video is still rendering: exit 4, resumable. */
export class WaitTimeoutError extends TwinError {
  override name = 'WaitTimeoutError';
  constructor(message: string, init: Partial<TwinErrorInit> = {}) {
    super(message, { code: 'wait_timeout', exitCode: ExitCode.timeout, ...init });
  }
}

/** The render itself failed on HeyGen's side: exit 5. */
export class RenderFailedError extends TwinError {
  override name = 'RenderFailedError';
  constructor(message: string, init: Partial<TwinErrorInit> = {}) {
    super(message, { code: 'render_failed', exitCode: ExitCode.renderFailed, ...init });
  }
}

/** Ctrl-C: exit 130, with a line on how to pick up where we stopped. */
export class InterruptedError extends TwinError {
  override name = 'InterruptedError';
  constructor(message = 'Interrupted.', init: Partial<TwinErrorInit> = {}) {
    super(message, { code: 'interrupted', exitCode: ExitCode.interrupted, ...init });
  }
}

/** Why a keyed write's result is not known. */
export type UnknownOutcomeReason = 'interrupted' | 'network' | 'unreadable' | 'server_error';

/**
 * A keyed write (POST /v3/videos, a batch) whose answer never reached us: Ctrl-C or SIGTERM while
 * it was in flight, a connection lost after the last retry, a 2xx whose body could not be read, or
 * a 5xx (the server may have failed after doing the work).
 * It may have gone through and been charged. Only a re-send with the same idempotency key is safe
 * (the API replays the first result); a new key could pay twice. Exit 130 when interrupted, else 1.
 */
export class OutcomeUnknownError extends TwinError {
  override name = 'OutcomeUnknownError';
  readonly idempotencyKey: string;
  readonly reason: UnknownOutcomeReason;
  readonly endpoint?: string;

  constructor(message: string, init: Partial<TwinErrorInit> & { idempotencyKey: string; reason: UnknownOutcomeReason; endpoint?: string }) {
    const { idempotencyKey, reason, endpoint, ...rest } = init;
    super(message, {
      code: 'outcome_unknown',
      exitCode: reason === 'interrupted' ? ExitCode.interrupted : ExitCode.api,
      suggestion: `Re-send it with --idempotency-key ${idempotencyKey} within 24 h: the API replays the first result instead of charging twice.`,
      ...rest,
      details: { ...rest.details, outcome: 'unknown', reason, ...(endpoint ? { endpoint } : {}), idempotency_key: idempotencyKey },
    });
    this.idempotencyKey = idempotencyKey;
    this.reason = reason;
    this.endpoint = endpoint;
  }
}

export function isOutcomeUnknown(error: unknown): error is OutcomeUnknownError {
  return error instanceof OutcomeUnknownError;
}

export function isTwinError(error: unknown): error is TwinError {
  return error instanceof TwinError;
}
