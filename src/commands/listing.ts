// Shared by every `list` and `get` command: the --limit/--all/--token flags, reading pages
// until --limit items pass the client-side filter (or every page with --all), one --json
// shape for all lists ({<noun>: [...], has_more, next_token}), and how rows and ids print.
import type { Page } from '../api/schemas.js';
import type { HeyGenClient } from '../api/index.js';
import type { Context } from '../ui/context-types.js';
import { ApiError, UsageError } from '../shared/errors.js';
import { renderFields, renderTable, type Column } from '../ui/table.js';
import * as z from '../shared/zod-mini.js';

export const flag = z._default(z.optional(z.boolean()), false);

/** --limit N: a whole number of at least 1 (pages are fetched as needed). */
const limitOption = z.pipe(
  z.transform((v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v)),
  z
    .number({ error: (iss) => `must be a whole number of at least 1 (got ${JSON.stringify(iss.input)})` })
    .check(z.int('must be a whole number'), z.gte(1, 'must be at least 1')),
);

/** The list flags every list command takes, merged into its own options schema (zod/mini or classic). */
export function listOptionsSchema<S extends z.core.$ZodLooseShape>(shape: S) {
  return z
    .object({
      ...shape,
      limit: z.optional(limitOption),
      all: flag,
      token: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs the next_token of an earlier --json listing'))),
    })
    .check(
      z.refine((o) => !((o as ListFlags).all && (o as ListFlags).limit !== undefined), {
        path: ['limit'],
        message: 'cannot be combined with --all; drop one of them',
      }),
    );
}

interface ListFlags {
  limit?: number;
  all?: boolean;
  /** Where to continue: the next_token of an earlier listing. */
  token?: string;
}

interface ListSpec<T> {
  /** Items shown without --limit. */
  defaultLimit: number;
  /** The endpoint's largest page (contract §1.3). */
  maxPageSize: number;
  /** Client-side filter (the API has no such query parameter). */
  filter?: (item: T) => boolean;
}

/** What every list command prints with --json, under its own noun. */
interface Listing<T> {
  items: T[];
  has_more: boolean;
  /** Pass to --token to continue; null when nothing is left. */
  next_token: string | null;
}

type PageParams = { limit?: number; token?: string | null };

export async function collectPages<T, P extends PageParams>(
  fetchPage: (params: P) => Promise<Page<T>>,
  params: P,
  flags: ListFlags,
  spec: ListSpec<T>,
): Promise<Listing<T>> {
  const want = flags.all ? Number.POSITIVE_INFINITY : (flags.limit ?? spec.defaultLimit);
  // Filtering client-side means a page may yield few matches, so ask for full pages.
  const fullPages = flags.all || spec.filter !== undefined;
  let { token, skip, size: resumeSize } = decodeCursor(flags.token);
  const seen = new Set<string>();
  const items: T[] = [];
  let resumed = flags.token !== undefined;
  for (;;) {
    const size = resumeSize ?? (fullPages ? spec.maxPageSize : Math.min(want - items.length, spec.maxPageSize));
    const page = await fetchPage({ ...params, limit: size, ...(token ? { token } : {}) }).catch((error: unknown) => {
      // A --token the API refuses is bad input (exit 2), not an API failure.
      if (resumed && error instanceof ApiError && error.status === 400 && error.param === 'token') throw badToken(error.message);
      throw error;
    });
    resumed = false;
    let index = skip;
    while (index < page.data.length && items.length < want) {
      const item = page.data[index++]!;
      if (!spec.filter || spec.filter(item)) items.push(item);
    }
    // Stopped inside a page (a filter filled --limit early): the next listing starts right here.
    if (index < page.data.length) return { items, has_more: true, next_token: encodeCursor(token, size, index) };
    const next = page.has_more ? page.next_token : null;
    if (!next) return { items, has_more: false, next_token: null };
    if (items.length >= want) return { items, has_more: true, next_token: next };
    if (seen.has(next)) {
      throw new ApiError('The API returned a pagination token it had already returned; stopping to avoid a loop.', {
        code: 'pagination_loop',
        suggestion: 'Retry later, or use --limit without --all.',
      });
    }
    seen.add(next);
    [token, skip, resumeSize] = [next, 0, undefined];
  }
}

// A token of our own marks a place inside an API page: the page's cursor, its size and how
// many of its items were already shown. API tokens are passed through untouched.
const CURSOR_PREFIX = 'twin1.';

interface Cursor {
  token?: string;
  skip: number;
  size?: number;
}

function encodeCursor(token: string | undefined, size: number, skip: number): string {
  return CURSOR_PREFIX + Buffer.from(JSON.stringify({ t: token ?? null, n: size, s: skip })).toString('base64url');
}

function decodeCursor(text: string | undefined): Cursor {
  if (text === undefined) return { skip: 0 };
  if (!text.startsWith(CURSOR_PREFIX)) return { token: text, skip: 0 };
  try {
    const { t, n, s } = JSON.parse(Buffer.from(text.slice(CURSOR_PREFIX.length), 'base64url').toString('utf8')) as Record<string, unknown>;
    const whole = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min;
    if ((t === null || typeof t === 'string') && whole(n, 1) && whole(s, 0))
      return { token: t ?? undefined, size: n as number, skip: s as number };
  } catch {
    // reported below
  }
  throw badToken('it is not a token twin printed');
}

function badToken(why: string): UsageError {
  return new UsageError(`--token: cannot continue from this token (${why}).`, {
    flag: '--token',
    suggestion: 'Pass the next_token of an earlier --json listing, with the same filters; or leave --token out to start at the top.',
  });
}

interface ListView<T> {
  /** The --json key and the word people read: "looks", "voices", "videos", ... */
  noun: string;
  columns: Column<T>[];
  /** What --quiet prints for each item. */
  id: (item: T) => string;
  /** Said on stderr when nothing matched: what to try instead. */
  empty: string;
}

/** `{<noun>: [...], has_more, next_token}` for --json, ids for --quiet, a table (or tab-separated rows) otherwise. */
export function printListing<T>(ctx: Context, listing: Listing<T>, view: ListView<T>): void {
  const { items, has_more, next_token } = listing;
  ctx.out.result(
    { [view.noun]: items, has_more, next_token },
    {
      human: (_doc, style) =>
        items.length === 0
          ? ''
          : renderTable(items, view.columns, { tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, header: (s) => style.bold(s) }),
      quiet: () => items.map(view.id),
    },
  );
  if (items.length === 0) ctx.out.info(view.empty);
  else if (has_more) {
    const word = (items.length === 1 ? view.noun.replace(/s$/, '') : view.noun).replace(/_/g, ' ');
    ctx.out.info(ctx.out.style.dim(`Showing ${items.length} ${word}; there may be more. Use --limit N or --all.`));
  }
}

/** A positional id: a non-empty string without spaces (commander already insists it is there). */
export function parseId(value: unknown, what: string, listCommand: string, arg = `<${what}-id>`): string {
  const id = typeof value === 'string' ? value.trim() : '';
  if (id === '' || /\s/.test(id)) {
    throw new UsageError(`${arg}: ${JSON.stringify(value ?? '')} is not ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} id.`, {
      flag: arg,
      suggestion: `Pass one ${what} id, e.g. from \`${listCommand}\`.`,
    });
  }
  return id;
}

/** `twin <noun> get <id>`: one object, every field for people, as the API sent it for --json. */
export async function showOne<T>(
  ctx: Context,
  rawId: unknown,
  what: { name: string; list: string },
  fetch: (api: HeyGenClient, id: string) => Promise<T>,
  fields: (item: T) => Array<[string, unknown]>,
  idOf: (item: T) => string,
): Promise<void> {
  const id = parseId(rawId, what.name, what.list);
  const item = await fetch(await ctx.api(), id);
  ctx.out.result(item, { human: (v, style) => renderFields(fields(v), (s) => style.bold(s)), quiet: (v) => [idOf(v)] });
}
