// The pieces every response schema is built from (schemas.ts, media-schemas.ts): the success and
// page envelopes (§1.2, §1.3), the error envelope (§1.4), open enums and nullable fields.
import { lazy } from '../shared/lazy.js';
import * as z from '../shared/zod-mini.js';

/** Any zod schema (zod/mini or classic): the envelopes and the client take either. */
export type Schema = z.core.$ZodType;

/** A string enum that still accepts values we have not heard of yet. */
export function openEnum<const T extends readonly [string, ...string[]]>(_known: T) {
  return z.string() as unknown as z.ZodMiniType<T[number] | (string & {})>;
}

/** A string or number the API may leave out or send as null (media-schemas.ts uses them too). */
export const optionalString = lazy(() => z.nullish(z.string()));
export const optionalNumber = lazy(() => z.nullish(z.number()));
export const ErrorInfo = lazy(() => z.looseObject({ code: optionalString(), message: optionalString() }));

// ---- envelopes (§1.2) -------------------------------------------------------------------

export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_token: string | null;
}

/** One envelope per schema, built on first use and reused by every later request. */
function envelope<S extends Schema, E>(cache: WeakMap<Schema, unknown>, schema: S, build: (schema: S) => E): E {
  let built = cache.get(schema) as E | undefined;
  if (built === undefined) cache.set(schema, (built = build(schema)));
  return built;
}
const singles = new WeakMap<Schema, unknown>();
const pages = new WeakMap<Schema, unknown>();

/** `{ data: T }` */
export function single<S extends Schema>(schema: S) {
  return envelope(singles, schema, (data) => z.looseObject({ data }));
}

/**
 * `{ data: T[], has_more?, next_token? }`. Both page fields are optional in the official
 * envelopes (§1.3): an absent `has_more` means false and an absent `next_token` means null.
 * Non-paged lists (event types, bulk statuses) use the same envelope.
 */
export function page<S extends Schema>(schema: S) {
  return envelope(pages, schema, (item) => {
    const raw = z.looseObject({ data: z.array(item), has_more: z.nullish(z.boolean()), next_token: optionalString() });
    return z.pipe(
      raw,
      z.transform((p: z.output<typeof raw>): Page<z.output<S>> & Record<string, unknown> => ({
        ...p,
        has_more: p.has_more ?? false,
        next_token: p.next_token ?? null,
      })),
    );
  });
}

// ---- errors (§1.4) ----------------------------------------------------------------------

export const ErrorEnvelope = lazy(() =>
  z.looseObject({
    error: z.looseObject({
      code: z.string(),
      message: optionalString(),
      param: optionalString(),
      doc_url: optionalString(),
      // Optional per-item details (§1.4): code, message, and where (path, or node_id/port).
      errors: z.catch(
        z.nullish(
          z.array(
            z.looseObject({
              code: optionalString(),
              message: optionalString(),
              path: z.nullish(z.union([z.string(), z.array(z.union([z.string(), z.number()]))])),
              node_id: optionalString(),
              port: optionalString(),
            }),
          ),
        ),
        null, // details are a bonus: a shape we do not know never hides the main error
      ),
    }),
  }),
);
export type ErrorEnvelope = z.output<ReturnType<typeof ErrorEnvelope>>;
