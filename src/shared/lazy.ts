// Start-up cost (issue 15): building a zod schema is not free, and most commands read one or two
// of the dozens a module defines. `lazy` builds a schema the first time it is asked for and hands
// out that same instance afterwards, so a command constructs only the schemas it uses.

/** `build()` on the first call, the same value on every later one. */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}
