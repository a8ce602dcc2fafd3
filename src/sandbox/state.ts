// Everything the emulator remembers, in one object handed to every handler.
import { randomBytes } from 'node:crypto';
import type { SeedLook } from './data/look-types.js';
import type { SeedVoice } from './data/voices.js';
import type {
  AssetRecord,
  CloneRecord,
  BatchRecord,
  EndpointRecord,
  EventRecord,
  GroupRecord,
  IdempotencyEntry,
  ProofreadRecord,
  QueuedFault,
  Training,
  TranslationBatchRecord,
  TranslationRecord,
  VideoRecord,
} from './records.js';
import type { FaultRates, ReceivedRequest, SandboxCounters, SandboxMutableOptions } from './types.js';

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
  /** This sandbox's voices: a copy of the seeds plus its clones (contract §11.3), less deleted ones. */
  voices: SeedVoice[];
  /** Clones made through POST /v3/voices/clone, by voice id. */
  clones: Map<string, CloneRecord>;
  /** Audio made by POST /v3/voices/speech, served at /static/speech/<id>.mp3. */
  speech: Map<string, Buffer>;
  /** Pending sleeps; close() clears the timer and resolves the sleeper so nothing hangs. */
  timers: Map<NodeJS.Timeout, () => void>;
  /** Outgoing webhook requests, destroyed by close(). */
  outgoing: Set<{ destroy(): void }>;
  closed: boolean;
  /** Work still running that close() waits for (webhook deliveries). */
  pending: Set<Promise<unknown>>;
  /** Video translations (contract §10), by id; one record per output language. */
  translations: Map<string, TranslationRecord>;
  translationBatches: Map<string, TranslationBatchRecord>;
  proofreads: Map<string, ProofreadRecord>;
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
