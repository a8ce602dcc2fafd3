import type { Scheme } from '../shared/webhook-signature.js';

// Public types of the sandbox. Other modules (tests, benchmarks, `twin sandbox`, `twin demo`)
// code against these exactly; additions go at the end of unions and interfaces.

export interface SandboxOptions {
  /** Default 0: the OS picks a free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** The only accepted key (x-api-key or Authorization: Bearer). Default 'sandbox-key'. */
  apiKey?: string;
  /** Total render time per video in ms. Default 8000. */
  renderMs?: number;
  /** Renders in flight before POST /v3/videos answers 429. Default 10. */
  concurrencyLimit?: number;
  /** Presigned URL lifetime in ms. Default one hour. */
  urlTtlMs?: number;
  /** When set, completed videos serve a synthetic deterministic file of this many bytes. */
  videoBytes?: number;
  /** PRNG seed for rate-based faults. Default 1. */
  seed?: number;
  /** Clock in ms. Default Date.now. */
  now?: () => number;
  faults?: Partial<FaultRates>;
  /** Request log, one line per request; API keys never appear in it. */
  log?: (line: string) => void;
  /**
   * Leave out optional fields whose value is null, and `has_more: false` / `next_token: null`
   * on list envelopes (all optional in the official schemas). Default false.
   */
  omitOptional?: boolean;
  /** What GET /v3/users/me reports about money (contract §7). Default: a wallet of $250. */
  billing?: SandboxBilling;
  /**
   * How endpoint deliveries are signed: a preset of shared/webhook-signature.ts SCHEME_PRESETS
   * (`x-heygen-signature`, the default, `signature`, `heygen-signature`, `sha256-base64`,
   * `whsec-v1`) or `header/message/key/encoding[/prefix]`. The real scheme is unconfirmed (§6.5).
   */
  webhookScheme?: string;
  /** Proofreads (contract §10.6, Enterprise only) are available; false answers them 403 forbidden. Default true. */
  proofreads?: boolean;
  /** A translation's output_language is the BCP-47 code (`es-ES`) instead of the requested name. Default false. */
  translationLanguageCodes?: boolean;
  /** Answer every `type: "studio"` create with 400 param `type`, as an account without multi-scene videos (§9.1). */
  studioUnavailable?: boolean;
  /** Accept the multi-scene forms §9.4 marks unconfirmed (refused by default). */
  studioUnconfirmed?: boolean;
  /** How long a voice clone stays `processing` (contract §11.3), in ms. Default 3000. */
  cloneMs?: number;
  /** POST /v3/voices/clone answers a `voice_clone_id` other than the voice's `voice_id` (unconfirmed, §11.3). */
  cloneIdDiffers?: boolean;
  /**
   * List looks and voices whose ids and names hold shell code, quotes and line breaks
   * (`$(touch pwned_dollar)`, backticks, a newline; data/hostile.ts), as a hostile API base could.
   * Default false.
   */
  hostileIds?: boolean;
}

/** The billing fields of GET /v3/users/me: billing_type and its one populated object. */
export type SandboxBilling =
  | {
      billing_type: 'wallet';
      wallet: {
        currency: 'usd' | 'credits';
        remaining_balance?: number;
        auto_reload?: { enabled: boolean; amount_usd?: number; threshold_usd?: number };
      };
    }
  | {
      billing_type: 'subscription';
      subscription: {
        plan: 'free' | 'starter' | 'creator' | 'pro' | 'team' | 'enterprise' | 'business_plus';
        credits: {
          premium_credits?: { remaining?: number; resets_at?: string };
          add_on_credits?: { remaining?: number; resets_at?: string };
        };
      };
    }
  | {
      billing_type: 'usage_based';
      usage_based: { included_credits?: number; remaining_credits?: number; spending_cap_usd?: number; spending_current_usd?: number };
    }
  | { billing_type: null };

export interface FaultRates {
  /** Probability that an API request answers 429 rate_limit_exceeded. */
  rate429: number;
  /** Probability that an API request answers 500 or 503 internal_error. */
  rate5xx: number;
  /** Probability that an API request's socket is destroyed before the handler runs. */
  dropBefore: number;
  /** Probability that the handler runs but the socket is destroyed before the response. */
  dropAfter: number;
  /** Probability that a new render ends `failed`. */
  failRender: number;
  /** Downloads answer 200 with the whole file even when a Range was asked for. */
  ignoreRange: boolean;
  /**
   * Downloads announce a file this many bytes longer than it is (Content-Length, Content-Range),
   * send the real bytes, then close the connection: every response ends short. 0: off.
   */
  lieLength: number;
  /** Downloads send no x-amz-checksum-sha256 (a host that keeps no checksums). */
  noChecksum: boolean;
  /** Retry-After (seconds or an HTTP date) sent with the 429s of `rate429`. Default '1'. */
  retryAfter: string;
}

export type ScriptedFault =
  | {
      kind: '429' | '500' | '502' | '503' | 'drop-before' | 'drop-after' | 'html-502';
      route?: string;
      times?: number;
      retryAfter?: string;
    }
  | { kind: 'truncate' | 'stall'; at: number; ms?: number; times?: number }
  | { kind: 'expire-urls' }
  | { kind: 'fail-render'; videoId?: string; times?: number; failureCode?: string; failureMessage?: string }
  | { kind: 'malformed'; route?: string; times?: number }
  /** Holds matching API requests for `ms` before their handler runs (makes 409 request_in_progress testable). */
  | { kind: 'slow'; route?: string; ms: number; times?: number }
  /** The upload host cuts a direct upload's PUT after `at` bytes of its body (default: half of it). */
  | { kind: 'drop-upload'; at?: number; times?: number }
  /** The next direct-upload URLs are issued already expired (the PUT gets 403 AccessDenied). */
  | { kind: 'expire-upload-url'; times?: number }
  /** The next Digital Twins created end training `failed`. */
  | { kind: 'fail-training'; times?: number; failureCode?: string; failureMessage?: string }
  /** Runs the handler (the work is done and stored under its Idempotency-Key), then answers 200 with the body cut in half. */
  | { kind: 'garbled'; route?: string; times?: number }
  /** Never answers: the request is held until the client gives up or the sandbox closes. */
  | { kind: 'hang'; route?: string; times?: number }
  /** Answers 200 with a valid JSON body of about `bytes` bytes, chunked (no Content-Length). */
  | { kind: 'huge'; route?: string; bytes: number; times?: number }
  /** The next translation created for `language` (any language when absent) ends `failed` with `failureMessage`. */
  | { kind: 'fail-translation'; language?: string; times?: number; failureMessage?: string }
  /** The next translations created for `language` (any when absent) take `ms` longer to render. */
  | { kind: 'slow-translation'; language?: string; ms: number; times?: number }
  /** The next multi-scene video fails because scene `scene` (1-based; default its last) does: all-or-nothing (§9.2). */
  | { kind: 'fail-scene'; scene?: number; times?: number; failureCode?: string }
  /** The next voice clones end `failed` with `failureMessage` (contract §11.3). */
  | { kind: 'fail-clone'; times?: number; failureMessage?: string }
  /** The next voice clones stay `processing` for `ms` instead of `cloneMs`. */
  | { kind: 'slow-clone'; ms: number; times?: number }
  /** The next POST /v3/voices/clone answers 400 resource_limit_exceeded (the clone limit, §11.3). */
  | { kind: 'clone-limit'; times?: number }
  /** Marks a voice as used by a template: its DELETE answers 409 conflict (§11.5). */
  | { kind: 'voice-in-use'; voiceId: string }
  /** The upload host takes the PUT's body, then answers 200 with a body that never ends (until the client hangs up). */
  | { kind: 'endless-upload-answer'; times?: number }
  /** The upload host stops reading the PUT's body after `at` bytes (default 0) and never answers. */
  | { kind: 'stall-upload'; at?: number; times?: number }
  /** Answers 200 with a body that is not JSON (a proxy's text page): a status read that cannot be read. */
  | { kind: 'not-json'; route?: string; times?: number }
  /** Answers 404 video_not_found without running the handler: the API's read-after-write lag right after a create. */
  | { kind: 'lag-404'; route?: string; times?: number }
  /** The next file download (any file host path) answers 200 with a body that never ends. */
  | { kind: 'endless-file'; times?: number }
  /** The next file download answers 302 to `location` (another host). */
  | { kind: 'redirect-file'; location: string; times?: number }
  /** Matching API requests answer 307 to `location` (another host): a client must not carry its key there. */
  | { kind: 'redirect-api'; route?: string; location: string; times?: number };

export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface SandboxCounters {
  /** By route key, e.g. 'POST /v3/videos', 'GET /v3/videos/:id', 'GET /download/:id'. */
  requests: Record<string, number>;
  /** Videos actually created; a replayed idempotent create does not count. */
  rendered: number;
  /** Body bytes sent by file downloads. */
  downloadBytes: number;
}

export type SandboxMutableOptions = Required<Pick<SandboxOptions, 'renderMs' | 'concurrencyLimit' | 'urlTtlMs'>> & {
  videoBytes?: number;
  /** See SandboxOptions.omitOptional; takes effect on the next response. */
  omitOptional: boolean;
  /** Mutable: GET /v3/users/me reports it from the next request on. */
  billing?: SandboxBilling;
  /** See SandboxOptions.webhookScheme (parsed); takes effect on the next delivery. */
  webhookScheme: Scheme;
  proofreads: boolean;
  translationLanguageCodes: boolean;
  /** See SandboxOptions.studioUnavailable; takes effect on the next create. */
  studioUnavailable?: boolean;
  /** See SandboxOptions.studioUnconfirmed; takes effect on the next create. */
  studioUnconfirmed?: boolean;
  /** See SandboxOptions.cloneMs; captured per clone when it is created. */
  cloneMs: number;
  cloneIdDiffers: boolean;
  /** See SandboxOptions.hostileIds; takes effect on the next list request. */
  hostileIds: boolean;
};

export interface Sandbox {
  url: string;
  port: number;
  apiKey: string;
  /** Mutable at any time. */
  faults: FaultRates;
  /** Mutable; renderMs and videoBytes are captured per video when it is created. */
  options: SandboxMutableOptions;
  inject(f: ScriptedFault): void;
  /** Scripted faults not yet used up (tests check none are left over, see STYLE.md #12). */
  pendingFaults(): ScriptedFault[];
  clearFaults(): void;
  counters: SandboxCounters;
  /**
   * Every /v3 request in order, and every PUT to the upload host (path /upload/…); x-api-key and
   * authorization values are '[redacted]'. A multipart body is recorded as its parts' summaries.
   */
  received: ReceivedRequest[];
  /** Hex SHA-256 of the file a completed video serves at video_url. */
  videoSha256(videoId: string): string;
  /** Zeroes `counters` (not `received`). */
  resetCounters(): void;
  close(): Promise<void>;
  /**
   * Forgets every Idempotency-Key, as the API does once its 24 h replay window has passed: a
   * repeated key then makes a new video (tests of "a fresh CI machine, a day later").
   */
  clearIdempotency(): void;
}

export const DEFAULT_FAULT_RATES: Readonly<FaultRates> = Object.freeze({
  rate429: 0,
  rate5xx: 0,
  dropBefore: 0,
  dropAfter: 0,
  failRender: 0,
  ignoreRange: false,
  lieLength: 0,
  noChecksum: false,
  retryAfter: '1',
});

export const DEFAULT_OPTIONS = Object.freeze({
  port: 0,
  host: '127.0.0.1',
  apiKey: 'sandbox-key',
  renderMs: 8000,
  concurrencyLimit: 10,
  urlTtlMs: 60 * 60 * 1000,
  seed: 1,
  cloneMs: 3000,
});
