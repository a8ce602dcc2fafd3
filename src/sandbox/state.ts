// Everything the emulator remembers, in one object handed to every handler.
import { randomBytes } from 'node:crypto';
import type { CreateRequest } from './validate.js';
import type { FaultRates, ReceivedRequest, SandboxCounters, SandboxMutableOptions } from './types.js';
import type { QueuedFault } from './faults.js';
import type { AssetRecord } from './assets.js';
import type { GroupRecord, Training } from './avatars.js';
import type { SeedLook } from './data/looks.js';

export interface VideoRecord {
  id: string;
  seq: number;
  createdAt: number; // ms on the sandbox clock
  renderMs: number;
  videoBytes: number | undefined;
  request: CreateRequest;
  durationSec: number;
  failure: { code: string; message: string } | null;
  deleted: boolean;
  /** The terminal webhook has been emitted. */
  notified: boolean;
  batchId?: string;
  itemIndex?: number;
}

export interface BatchRecord {
  id: string;
  seq: number;
  createdAt: number;
  title: string | null;
  callbackUrl: string | null;
  items: Array<{ index: number; request: CreateRequest; videoId: string | null }>;
  notified: boolean;
}

export interface EndpointRecord {
  id: string;
  seq: number;
  url: string;
  events: string[] | null;
  entityId: string | null;
  secret: string;
  status: 'enabled' | 'disabled';
  createdAt: string;
}

export interface EventRecord {
  id: string;
  seq: number;
  type: string;
  data: Record<string, unknown>;
  createdAt: number;
  /** The video or batch the event is about; matched by endpoint `entity_id` and history filters. */
  entityId: string;
}

export type IdempotencyEntry =
  | { state: 'pending' }
  | { state: 'done'; status: number; body: unknown; headers: Record<string, string>; expiresAt: number };

export interface State {
  apiKey: string;
  baseUrl: string;
  now: () => number;
  rand: () => number;
  options: SandboxMutableOptions;
  faults: FaultRates;
  scripted: QueuedFault[];
  counters: SandboxCounters;
  received: ReceivedRequest[];
  log: (line: string) => void;
  videos: Map<string, VideoRecord>;
  batches: Map<string, BatchRecord>;
  endpoints: Map<string, EndpointRecord>;
  events: EventRecord[];
  idempotency: Map<string, IdempotencyEntry>;
  /** Presigned URLs carry a sequence number; those at or below this were revoked by `expire-urls`. */
  urlSeq: number;
  revokedUpTo: number;
  urlSecret: Buffer;
  seq: number;
  /** Uploaded files (contract §8), by asset id. */
  assets: Map<string, AssetRecord>;
  /** This sandbox's looks: a copy of the seeds plus the twins created through POST /v3/avatars. */
  looks: SeedLook[];
  /** Groups created through POST /v3/avatars (consent and creation time), by group id. */
  groups: Map<string, GroupRecord>;
  /** Looks still waiting for consent or training, by look id. */
  training: Map<string, Training>;
  /** Pending sleeps; close() clears the timer and resolves the sleeper so nothing hangs. */
  timers: Map<NodeJS.Timeout, () => void>;
  /** Outgoing webhook requests, destroyed by close(). */
  outgoing: Set<{ destroy(): void }>;
  closed: boolean;
  /** Work still running that close() waits for (webhook deliveries). */
  pending: Set<Promise<unknown>>;
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

export function nextSeq(state: State): number {
  state.seq += 1;
  return state.seq;
}

/** A timer close() can cut short: it then resolves at once, and callers check `state.closed`. */
export function sleep(state: State, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (state.closed) return resolve();
    const t = setTimeout(() => {
      state.timers.delete(t);
      resolve();
    }, ms);
    state.timers.set(t, resolve);
  });
}

/** Seeded, fast, and good enough for fault draws (mulberry32). */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
