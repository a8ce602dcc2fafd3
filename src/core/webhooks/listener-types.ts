// The shapes of a webhook listener: its options, one delivery, one rejection, one forward, the
// handlers the command prints through, and the running counts.
import type { Scheme, VerifyResult } from '../../shared/webhook-signature.js';

export interface ListenerOptions {
  host: string;
  /** 0 lets the OS pick a free port; `port` on the result says which. */
  port: number;
  /** Only this path is accepted; any path when absent. */
  path?: string;
  /** Accepted signing secrets (several while a rotation rolls over). Empty: unsigned is accepted. */
  secrets: readonly string[];
  /** One more header to read signatures from (the usual ones are always read). */
  signatureHeader?: string;
  toleranceSec: number;
  /** Only these event types are reported and forwarded; others are acknowledged and ignored. */
  events?: readonly string[];
  forwardTo?: string;
  forwardTimeoutMs?: number;
  maxBodyBytes?: number;
  now: () => number;
}

export interface Delivery {
  /**
   * The de-duplication key, taken from the signed content only: the body's event_id, else
   * `sha256:` of the body. Never an (unsigned) header, so a captured delivery re-sent with a new
   * event-id header is still a duplicate.
   */
  key: string;
  eventId: string | null;
  eventType: string | null;
  eventData: Record<string, unknown>;
  body: unknown;
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  /** The signature was checked (false when listening without a secret). */
  verified: boolean;
  /** The scheme the signature verified under (null when unchecked). */
  scheme: Scheme | null;
  receivedAt: number;
}

export type RejectReason = Exclude<VerifyResult, { ok: true }>['reason'] | 'invalid-json' | 'body-too-large';

export interface Rejection {
  reason: RejectReason;
  status: number;
  method: string;
  path: string;
  remote: string;
}

export interface ForwardResult {
  url: string;
  status?: number;
  error?: string;
  ms: number;
}

export interface ListenerHandlers {
  delivery?(d: Delivery): void;
  duplicate?(d: Delivery): void;
  ignored?(d: Delivery): void;
  rejected?(r: Rejection): void;
  forwarded?(d: Delivery, result: ForwardResult): void;
  /** The first delivery that verified: which scheme it used (called once). */
  scheme?(scheme: Scheme): void;
}

export interface ListenerStats {
  received: number;
  duplicates: number;
  ignored: number;
  rejected: number;
  forwarded: number;
  forwardFailed: number;
}

export interface WebhookListener {
  url: string;
  port: number;
  stats: ListenerStats;
  /** Stops accepting, waits for forwards in flight (bounded by their timeout), closes sockets. */
  close(): Promise<void>;
}
