// The bulk-status endpoints of videos (contract §5.4) and translations (§10.3): job ids and batch
// ids, comma-separated, at most 100 entries in all, one page. Each kind says how an entry reads.
import { invalidParameter } from '../errors.js';
import type { JobBatch } from '../records.js';
import type { Route } from '../router.js';
import type { State } from '../state.js';

const STATUS_MAX = 100;

interface StatusesSpec<I extends { index: number }> {
  pattern: string;
  /** The query parameter of job ids, e.g. `video_ids`. */
  idsParam: string;
  /** What the cap's message counts, e.g. `videos`. */
  noun: string;
  entry: (state: State, id: string) => Record<string, unknown>;
  batches: (state: State) => Map<string, JobBatch<I>>;
  itemEntry: (state: State, item: I) => Record<string, unknown>;
}

function csv(value: string | undefined): string[] {
  return [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

function statuses<I extends { index: number }>(
  state: State,
  query: Record<string, string>,
  spec: StatusesSpec<I>,
): Array<Record<string, unknown>> {
  const ids = csv(query[spec.idsParam]);
  const batchIds = csv(query['batch_ids']);
  if (ids.length === 0 && batchIds.length === 0) {
    throw invalidParameter(spec.idsParam, `${spec.idsParam} or batch_ids is required`);
  }
  const entries = ids.map((id) => spec.entry(state, id));
  for (const batchId of batchIds) {
    const batch = spec.batches(state).get(batchId);
    if (!batch) {
      entries.push({ video_id: null, batch_id: batchId, status: 'not_found' });
      continue;
    }
    for (const item of batch.items) entries.push({ ...spec.itemEntry(state, item), batch_id: batchId, item_index: item.index });
  }
  if (entries.length > STATUS_MAX) {
    throw invalidParameter(
      ids.length > 0 ? spec.idsParam : 'batch_ids',
      `at most ${STATUS_MAX} ${spec.noun} per request (got ${entries.length})`,
    );
  }
  return entries;
}

export function statusesRoute<I extends { index: number }>(spec: StatusesSpec<I>): Route {
  return {
    method: 'GET',
    pattern: spec.pattern,
    query: [spec.idsParam, 'batch_ids'],
    handler: ({ state, query }) => ({ body: { data: statuses(state, query, spec), has_more: false, next_token: null } }),
  };
}
