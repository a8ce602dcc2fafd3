// The pieces every group of client methods shares (client.ts, media-client.ts): paging and
// idempotency parameters, the DELETE that tolerates a lost answer, id path segments.
import { ApiError, UsageError } from '../shared/errors.js';
import type { Page } from './schemas.js';

export interface PageParams {
  limit?: number;
  token?: string | null;
}

export interface IdempotencyOptions {
  /** Reuse a key to make a re-run replay the first result; a random UUID otherwise. */
  idempotencyKey?: string;
}
/** Per-call limits, e.g. what is left of a --timeout. */
export interface CallOptions {
  /** The call (every attempt and retry wait) ends within this many ms. */
  budgetMs?: number;
}
export type WithIdempotencyKey<T> = T & { idempotencyKey: string };
/** `already_deleted`: an earlier attempt whose answer was lost had deleted it (see `deleteOrGone`). */
export type Deleted<T> = T & { already_deleted: boolean };

/**
 * DELETE carries no Idempotency-Key (§1.6): when an attempt went unanswered (5xx, dropped, timed
 * out) and the retry meets 404, the first attempt deleted it. That is success, reported as
 * `already_deleted: true`; a 404 on the first attempt stays an error (wrong id).
 */
export async function deleteOrGone<T extends object>(remove: () => Promise<T>, gone: T): Promise<Deleted<T>> {
  try {
    return { ...(await remove()), already_deleted: false };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.afterUnansweredAttempt) return { ...gone, already_deleted: true };
    throw error;
  }
}

/** Ids are opaque; encode them so a stray "/" or "?" cannot change the route. */
export function segment(id: string, what: string): string {
  if (typeof id !== 'string' || id.trim() === '') throw new UsageError(`A ${what} id is required.`);
  return encodeURIComponent(id);
}

export function pageOf<T>(raw: { data: T[]; has_more: boolean; next_token: string | null }): Page<T> {
  return { data: raw.data, has_more: raw.has_more, next_token: raw.next_token };
}
