// Follows next_token until has_more is false. A server that hands back a token it already
// gave us would loop forever (and bill nothing but time), so a repeat is an error.
import { ApiError } from '../shared/errors.js';
import type { Page } from './schemas.js';

export interface PaginateOptions {
  /** Stop after this many items. */
  max?: number;
}

/** Optional params (`listLooks(params?)`) make P include undefined, hence the union. */
type PageRequest = { token?: string | null } | undefined;

export async function* paginate<T, P extends PageRequest>(
  fetchPage: (params: P) => Promise<Page<T>>,
  params: P,
  options: PaginateOptions = {},
): AsyncGenerator<T, void, undefined> {
  const max = options.max ?? Number.POSITIVE_INFINITY;
  if (max <= 0) return;
  const seen = new Set<string>();
  const first = params?.token ?? undefined;
  if (first) seen.add(first);
  let token = first;
  let yielded = 0;
  for (;;) {
    const page = await fetchPage({ ...params, token } as P);
    for (const item of page.data) {
      yield item;
      if (++yielded >= max) return;
    }
    // has_more without a token gives us nowhere to go: treat it as the end.
    if (!page.has_more || !page.next_token) return;
    if (seen.has(page.next_token)) {
      throw new ApiError('The API returned a pagination token it had already returned; stopping to avoid a loop.', {
        code: 'pagination_loop',
        suggestion: 'Retry later, or use --limit without --all.',
      });
    }
    seen.add(page.next_token);
    token = page.next_token;
  }
}

/** Every item of every page (bounded by `max`). */
export async function collectAll<T, P extends PageRequest>(
  fetchPage: (params: P) => Promise<Page<T>>,
  params: P,
  options: PaginateOptions = {},
): Promise<T[]> {
  const items: T[] = [];
  for await (const item of paginate(fetchPage, params, options)) items.push(item);
  return items;
}
