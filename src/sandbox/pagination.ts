// Cursor pagination (contract §1.3). Cursors carry the sort key of the last item returned, not an
// offset, so items created or deleted between pages neither repeat nor vanish from later pages.
import { invalidParameter } from './errors.js';

interface Page<T> {
  data: T[];
  has_more: boolean;
  next_token: string | null;
}

export function parseLimit(query: Record<string, string>, fallback: number, max: number): number {
  const raw = query['limit'];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isInteger(n) || n < 1 || n > max) {
    throw invalidParameter('limit', `limit must be between 1 and ${max}`);
  }
  return n;
}

/** `items` must already be sorted ascending by `sortKey`; `scope` stops a cursor being reused on another list. */
export function paginate<T>(
  items: readonly T[],
  limit: number,
  token: string | undefined,
  sortKey: (item: T) => number,
  scope: string,
): Page<T> {
  let start = 0;
  if (token !== undefined && token !== '') {
    const after = decodeToken(token, scope);
    start = items.findIndex((item) => sortKey(item) > after);
    if (start < 0) start = items.length;
  }
  const data = items.slice(start, start + limit);
  const hasMore = start + limit < items.length;
  const last = data[data.length - 1];
  return {
    data,
    has_more: hasMore,
    next_token: hasMore && last !== undefined ? encodeToken(scope, sortKey(last)) : null,
  };
}

/** A list endpoint's answer: `limit` checked against [1, max], one page cut, each item rendered. */
export function listBody<T>(
  items: readonly T[],
  query: Record<string, string>,
  limits: { fallback: number; max: number },
  sortKey: (item: T) => number,
  scope: string,
  view: (item: T) => unknown,
): Page<unknown> {
  const page = paginate(items, parseLimit(query, limits.fallback, limits.max), query['token'], sortKey, scope);
  return { ...page, data: page.data.map(view) };
}

/** A list newest first (videos, translations, assets, events): sorted by `seq` down, cursors hold -seq. */
export function newestFirst<T extends { seq: number }>(
  items: readonly T[],
  query: Record<string, string>,
  scope: string,
  view: (item: T) => unknown,
  limits = { fallback: 10, max: 100 },
): Page<unknown> {
  const sorted = [...items].sort((a, b) => b.seq - a.seq);
  return listBody(sorted, query, limits, (item) => -item.seq, scope, view);
}

function encodeToken(scope: string, key: number): string {
  return Buffer.from(JSON.stringify({ s: scope, k: key })).toString('base64url');
}

function decodeToken(token: string, scope: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object') {
      const { s, k } = parsed as { s?: unknown; k?: unknown };
      if (s === scope && typeof k === 'number' && Number.isFinite(k)) return k;
    }
  } catch {
    // fall through to the error below
  }
  throw invalidParameter('token', 'token is invalid or belongs to another list');
}
