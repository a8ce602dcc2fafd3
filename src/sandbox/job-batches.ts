// Batches of jobs, video (contract §5.5–5.6) and translation (§10.5) alike: the body fields they
// share, the aggregate status, the detail with its paged items and the one `batch.finished`
// webhook once every item is terminal. What an item is and how its status reads is each kind's own.
import { invalidParameter, notFound } from './errors.js';
import { paginate, parseLimit } from './pagination.js';
import type { JobBatch } from './records.js';
import { newId, nextSeq, type State } from './state.js';
import { onlyFields } from './strict.js';
import { isObject } from './validate-fields.js';
import { emitEvent } from './webhook-delivery.js';

/** One item as the batch detail shows it, in the bulk vocabulary (queued, processing, …). */
export interface ItemState {
  id: string | null;
  status: string;
  error: Record<string, string> | null;
}

export interface BatchKind<I extends { index: number }> {
  batches: (state: State) => Map<string, JobBatch<I>>;
  /** The cursor scope of the detail's item pages, before the batch id. */
  scope: string;
  item: (state: State, item: I) => ItemState;
}

interface BatchBody<C> {
  /** The list's field, its count limits and what a wrong one is told. */
  field: string;
  max?: number;
  says: string;
  /** All-or-nothing: one bad entry rejects the whole batch, before anything is created. */
  check: (entries: unknown[]) => C;
}

/** Reads a batch body (its list, `title`, `callback_url`) and makes the record, with no items yet. */
export function openBatch<I extends { index: number }, C>(
  state: State,
  body: unknown,
  idPrefix: string,
  spec: BatchBody<C>,
): { batch: JobBatch<I>; checked: C } {
  if (!isObject(body)) throw invalidParameter(undefined, 'request body must be a JSON object');
  onlyFields(body, [spec.field, 'title', 'callback_url']);
  const { [spec.field]: entries, title, callback_url: callbackUrl } = body;
  if (!Array.isArray(entries) || entries.length < 1 || (spec.max !== undefined && entries.length > spec.max)) {
    throw invalidParameter(spec.field, spec.says);
  }
  if (title !== undefined && title !== null && typeof title !== 'string') throw invalidParameter('title', 'title must be a string');
  if (callbackUrl !== undefined && callbackUrl !== null && (typeof callbackUrl !== 'string' || !/^https?:\/\//.test(callbackUrl))) {
    throw invalidParameter('callback_url', 'callback_url must be an http(s) URL');
  }
  const checked = spec.check(entries);
  const batch: JobBatch<I> = {
    id: newId(idPrefix),
    seq: nextSeq(state),
    createdAt: state.now(),
    title: typeof title === 'string' ? title : null,
    callbackUrl: typeof callbackUrl === 'string' ? callbackUrl : null,
    items: [],
    notified: false,
  };
  return { batch, checked };
}

export function batchSummary<I extends { index: number }>(state: State, kind: BatchKind<I>, batch: JobBatch<I>): Record<string, unknown> {
  const counts: Record<string, number> = { queued: 0, processing: 0, completed: 0, failed: 0 };
  for (const item of batch.items) {
    const s = kind.item(state, item).status;
    counts[s] = (counts[s] ?? 0) + 1;
  }
  const terminal = (counts['completed'] ?? 0) + (counts['failed'] ?? 0);
  // Aggregate: failed only when every item failed; completed once all are terminal otherwise.
  const status = terminal < batch.items.length ? 'processing' : counts['failed'] === batch.items.length ? 'failed' : 'completed';
  return {
    batch_id: batch.id,
    status,
    counts_by_status: counts,
    created_at: Math.floor(batch.createdAt / 1000),
    title: batch.title,
    total_items: batch.items.length,
  };
}

/** The batch detail: the summary and one page of items (limit 1..100, default 100). */
export function batchView<I extends { index: number }>(
  state: State,
  kind: BatchKind<I>,
  id: string,
  query: Record<string, string>,
): Record<string, unknown> {
  const batch = kind.batches(state).get(id);
  if (!batch) throw notFound('not_found', `batch ${id} not found`);
  const limit = parseLimit(query, 100, 100);
  const page = paginate(batch.items, limit, query['token'], (item) => item.index, `${kind.scope}:${id}`);
  return {
    ...batchSummary(state, kind, batch),
    items: page.data.map((item) => {
      const { id: videoId, status, error } = kind.item(state, item);
      return { item_index: item.index, status, video_id: videoId, error };
    }),
    has_more: page.has_more,
    next_token: page.next_token,
  };
}

/** One `batch.finished` to the batch's callback_url (and endpoints) once no item is in progress. */
export function finishBatches<I extends { index: number }>(state: State, kind: BatchKind<I>): void {
  for (const batch of kind.batches(state).values()) {
    if (batch.notified) continue;
    const summary = batchSummary(state, kind, batch);
    if (summary['status'] === 'processing') continue;
    batch.notified = true;
    emitEvent(
      state,
      'batch.finished',
      { batch_id: batch.id, status: summary['status'], counts_by_status: summary['counts_by_status'] },
      batch.id,
      batch.callbackUrl,
    );
  }
}
