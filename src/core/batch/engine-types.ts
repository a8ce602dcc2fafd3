// The batch engine's inputs, outputs and events (what the command and the live view see).
import type { HeyGenClient } from '../../api/index.js';
import type { DownloadFn } from './fetch-video.js';
import type { JournalWriter } from './journal.js';
import type { PollClockOptions } from './poll-clock.js';
import type { Task } from './tasks.js';

export type BatchEvent =
  | { type: 'submitted'; task: Task }
  | { type: 'rendered'; task: Task }
  | { type: 'downloaded'; task: Task }
  | { type: 'failed'; task: Task }
  | { type: 'unknown'; task: Task }
  | { type: 'download-failed'; task: Task }
  | { type: 'backoff'; reason: string; delayMs: number }
  | { type: 'poll'; ids: number; requests: number };

export interface EngineDeps {
  api: Pick<HeyGenClient, 'createVideo' | 'getVideoStatuses' | 'getVideo'>;
  journal: JournalWriter;
  download: DownloadFn;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal: AbortSignal;
  onEvent?: (event: BatchEvent) => void;
}

export interface EngineOptions {
  concurrency: number;
  download: boolean;
  outDir: string;
  /** --force: replace files in the output folder that this batch did not write. */
  force?: boolean;
  downloadConcurrency?: number;
  /** Stop (exit 4) at this time; the journal keeps the place. */
  deadline?: number;
  clock?: Partial<PollClockOptions>;
}

export interface EngineStats {
  pollCycles: number;
  statusRequests: number;
  maxRequestsPerCycle: number;
  creates: number;
  backoffs: number;
}

export type StopReason = 'finished' | 'interrupted' | 'timeout' | 'fatal';
