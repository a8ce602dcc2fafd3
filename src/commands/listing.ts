// Shared by the `list` and `get` commands: option pieces, and reading pages until --limit items
// pass the client-side filter (or every page with --all), saying whether more were left behind.
import { z } from 'zod';
import { paginate } from '../api/paginate.js';
import type { Page } from '../api/schemas.js';
import type { Output } from '../ui/output.js';
import { UsageError } from '../errors.js';

export interface CollectOptions<T> {
  limit: number;
  all?: boolean;
  /** Client-side filter (the API has no such query parameter). */
  filter?: (item: T) => boolean;
  /** The endpoint's largest page (contract §1.3). */
  maxPageSize: number;
}

export interface Collected<T> {
  items: T[];
  /** Items were left unread (or unfiltered) because --limit was reached. */
  more: boolean;
}

export async function collectPages<T, P extends { limit?: number; token?: string | null }>(
  fetchPage: (params: P) => Promise<Page<T>>,
  params: P,
  opts: CollectOptions<T>,
): Promise<Collected<T>> {
  const limit = opts.all ? Number.POSITIVE_INFINITY : opts.limit;
  // Filtering client-side means a page may yield few matches, so ask for full pages.
  const pageSize = opts.all || opts.filter ? opts.maxPageSize : Math.min(opts.limit, opts.maxPageSize);
  let last: Page<T> | undefined;
  let readInLast = 0;
  const tracked = async (p: P) => {
    last = await fetchPage(p);
    readInLast = 0;
    return last;
  };
  const items: T[] = [];
  for await (const item of paginate(tracked, { ...params, limit: pageSize })) {
    readInLast += 1;
    if (opts.filter && !opts.filter(item)) continue;
    items.push(item);
    if (items.length >= limit) break;
  }
  const lastPage = last as Page<T> | undefined;
  const more = !opts.all && lastPage !== undefined && (readInLast < lastPage.data.length || (lastPage.has_more && Boolean(lastPage.next_token)));
  return { items, more };
}

/** The stderr hint after a truncated listing. */
export function hintMore(out: Output, more: boolean, what: string, shown: number): void {
  if (more) out.info(out.style.dim(`Showing the first ${shown} ${what}; there may be more. Use --limit N or --all.`));
}

/** --limit N: a whole number of at least 1 (pages are fetched as needed). */
export const limitOption = (fallback: number) =>
  z
    .preprocess(
      (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
      z.number({ error: (iss) => `must be a whole number of at least 1 (got ${JSON.stringify(iss.input)})` }).int('must be a whole number').min(1, 'must be at least 1'),
    )
    .default(fallback);

export const flag = z.boolean().optional().default(false);

/** A positional id: a non-empty string without spaces (commander already insists it is there). */
export function parseId(value: unknown, what: string): string {
  const id = typeof value === 'string' ? value.trim() : '';
  if (id === '' || /\s/.test(id)) {
    throw new UsageError(`<${what}-id>: ${JSON.stringify(value ?? '')} is not a ${what} id.`, {
      flag: `<${what}-id>`,
      suggestion: `Pass one ${what} id, e.g. from \`twin ${what === 'video' ? 'video' : `${what}s`} list\`.`,
    });
  }
  return id;
}
