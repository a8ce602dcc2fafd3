// Cell and field values as the tables and `get` views show them.

/** Fields the API added after this version was written, so `get` still shows them. */
export function extraFields(item: object, shown: ReadonlySet<string>): Array<[string, unknown]> {
  return Object.entries(item)
    .filter(([key, value]) => !shown.has(key) && value != null)
    .map(([key, value]) => [key, typeof value === 'object' ? JSON.stringify(value) : value]);
}

/** Unix seconds or an ISO string (webhooks, contract §1.7) → "2026-01-02T03:04:05Z". */
export function formatTime(value: number | string | null | undefined): string | null {
  if (value === null || value === undefined || value === '' || value === 0) return null;
  const date = new Date(typeof value === 'number' ? value * 1000 : value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An empty table cell reads as "-" (a blank cell looks like a rendering bug). */
export const orDash = (value: string | number | null | undefined): string =>
  value === null || value === undefined || value === '' ? '-' : String(value);
