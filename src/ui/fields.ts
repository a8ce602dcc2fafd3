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

/**
 * A time as people read it in a table (gh style): "just now", "5 min ago", "3 h ago", "2 d ago"
 * within a week, else the local date ("2026-01-29"). Piped output keeps formatTime's ISO form.
 */
export function timeAgo(value: number | string | null | undefined, now: number = Date.now()): string | null {
  const iso = formatTime(value);
  if (iso === null) return null;
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return iso;
  const seconds = Math.round((now - at) / 1000);
  if (seconds < -60 || seconds >= 7 * 86_400) {
    const d = new Date(at);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** Engines as a set people scan: avatar_iv,avatar_v,avatar_iii → "IV, V, III". */
export function shortEngines(engines: readonly string[] | null | undefined): string {
  if (!engines?.length) return '-';
  return engines.map((e) => (/^avatar_(i{1,3}|iv|v)$/.test(e) ? e.slice('avatar_'.length).toUpperCase() : e)).join(', ');
}
