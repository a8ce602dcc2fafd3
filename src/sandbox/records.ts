// The records the emulator keeps in its State, one home for each shape, so the modules that create
// and read them import their types from here and never from each other.
import type { MediaTypeName } from '../shared/media-type.js';
import type { Engine, GroupFacts, SeedLook } from './data/look-types.js';
import type { SeedVoice } from './data/voices.js';
import type { ScriptedFault } from './types.js';
import type { Background } from './validate-fields.js';

/** A POST /v3/videos body once validated (contract §4). */
export interface CreateRequest {
  /** null for a studio video without a talking scene. */
  look: SeedLook | null;
  voice: SeedVoice | null;
  script: string | null;
  audio: boolean;
  title: string | null;
  resolution: string | null;
  aspectRatio: string;
  outputFormat: 'mp4' | 'webm';
  engine: Engine;
  captionStyle: string | null;
  background: Background | null;
  callbackUrl: string | null;
  callbackId: string | null;
  /** Multi-scene (`type: "studio"`, §9): scene count and the sum of their lengths. */
  studio?: { scenes: number; durationSec: number };
}

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

/** What video and translation batches share (contract §5.5, §10.5): see job-batches.ts. */
export interface JobBatch<I extends { index: number }> {
  id: string;
  seq: number;
  createdAt: number;
  title: string | null;
  callbackUrl: string | null;
  items: I[];
  /** The `batch.finished` webhook has been emitted. */
  notified: boolean;
}

export type BatchRecord = JobBatch<{ index: number; request: CreateRequest; videoId: string | null }>;

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

export interface AssetRecord {
  id: string;
  seq: number;
  name: string;
  /** Known once the bytes arrived (multipart, or a completed direct upload). */
  type: MediaTypeName | null;
  size: number;
  bytes: Buffer | null;
  sha256: string | null;
  uploadedAt: number; // Unix seconds
  status: 'pending_upload' | 'uploaded' | 'processing';
  deleted: boolean;
  /** Direct uploads: what POST /v3/assets/direct-uploads promised. */
  direct?: { contentType: string; checksum: string | null; headers: Record<string, string> };
}

export interface GroupRecord extends GroupFacts {
  id: string;
  /** Where the consent page sends the person afterwards. */
  rerouteUrl: string | null;
}

export interface Training {
  lookId: string;
  groupId: string;
  trainMs: number;
  /** ms on the sandbox clock; null while the group waits for consent. */
  startedAt: number | null;
  failure: { code: string; message: string } | null;
}

export type QueuedFault = ScriptedFault & { remaining: number };

/** An AssetInput as sent (contract §10.1). */
export type SourceInput = { type: 'url'; url: string } | { type: 'asset_id'; asset_id: string };

/** A POST /v3/video-translations body once validated (contract §10.2), minus the languages. */
export interface TranslateRequest {
  video: SourceInput;
  mode: 'speed' | 'precision';
  audioOnly: boolean;
  caption: boolean;
  title: string | null;
  callbackUrl: string | null;
  callbackId: string | null;
  /** Seconds of source the job translates (start/end applied). */
  sourceSec: number;
}

export interface TranslationRecord {
  id: string;
  seq: number;
  createdAt: number; // ms on the sandbox clock
  renderMs: number;
  language: string;
  request: TranslateRequest;
  title: string | null;
  failure: string | null;
  deleted: boolean;
  notified: boolean;
  /** The proofread it was generated from, if any. */
  proofreadId?: string;
}

export type TranslationBatchRecord = JobBatch<{ index: number; language: string; translationId: string }>;

export interface ProofreadRecord {
  id: string;
  seq: number;
  createdAt: number;
  renderMs: number;
  language: string;
  request: TranslateRequest;
  failure: string | null;
  /** The edited subtitles PUT by the user, or null while the generated ones stand. */
  editedSrt: SourceInput | null;
  notified: boolean;
}

/** A voice clone (contract §11.3): `processing` until `readyAt` on the sandbox clock, then `complete` or `failed`. */
export interface CloneRecord {
  voiceId: string;
  /** What POST /v3/voices/clone answered; equals `voiceId` unless the `cloneIdDiffers` option is on. */
  cloneId: string;
  readyAt: number;
  failure: string | null;
}
