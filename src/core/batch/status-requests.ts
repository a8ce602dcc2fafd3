// One poll of the batch's renders: their ids in bulk status requests of up to 100 ids each, sent
// together. A request that fails is counted, not thrown: the engine decides what a failure means.
import type { HeyGenClient } from '../../api/index.js';
import { STATUS_IDS_PER_REQUEST } from '../poll/poller.js';

type StatusEntry = Awaited<ReturnType<HeyGenClient['getVideoStatuses']>>['data'][number];

interface StatusPoll {
  entries: StatusEntry[];
  /** The reasons of the requests that failed, in order. */
  errors: unknown[];
}

/** How many requests a poll of `ids` ids takes. */
export function statusRequestCount(ids: number): number {
  return Math.ceil(ids / STATUS_IDS_PER_REQUEST);
}

export async function fetchStatuses(api: Pick<HeyGenClient, 'getVideoStatuses'>, ids: readonly string[]): Promise<StatusPoll> {
  const parts: string[][] = [];
  for (let i = 0; i < ids.length; i += STATUS_IDS_PER_REQUEST) parts.push(ids.slice(i, i + STATUS_IDS_PER_REQUEST));
  const results = await Promise.allSettled(parts.map((video_ids) => api.getVideoStatuses({ video_ids })));
  const poll: StatusPoll = { entries: [], errors: [] };
  for (const result of results) {
    if (result.status === 'rejected') poll.errors.push(result.reason);
    else poll.entries.push(...result.value.data);
  }
  return poll;
}
