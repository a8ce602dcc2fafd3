// Tables for people on a terminal, tab-separated lines without a header for pipes
// (as gh does), so `twin looks list | cut -f1` works.

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
  /** May be shortened with an ellipsis when the terminal is narrow. */
  shrink?: boolean;
}

export function renderTable<T>(rows: T[], columns: Column<T>[], opts: { tty: boolean; width: number; header?: (s: string) => string }): string {
  const cells = rows.map((row) => columns.map((c) => cellText(c.value(row))));
  if (!opts.tty) return cells.map((r) => r.join('\t')).join('\n');
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  fitToWidth(widths, columns, opts.width);
  const line = (r: string[]) =>
    r.map((cell, i) => pad(clip(cell, widths[i]!), widths[i]!)).join('  ').trimEnd();
  const head = line(columns.map((c) => c.header.toUpperCase()));
  return [opts.header ? opts.header(head) : head, ...cells.map(line)].join('\n');
}

/** Key/value block for `get` commands. */
export function renderFields(fields: Array<[string, unknown]>, label: (s: string) => string = (s) => s): string {
  const width = Math.max(...fields.map(([k]) => k.length));
  return fields
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${label(pad(k, width))}  ${cellText(v as never) || '-'}`)
    .join('\n');
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(',');
  return String(value).replace(/[\r\n\t]+/g, ' ');
}

function fitToWidth<T>(widths: number[], columns: Column<T>[], total: number): void {
  const used = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  const shrinkable = columns.map((c, i) => (c.shrink ? i : -1)).filter((i) => i >= 0);
  while (used() > total && shrinkable.some((i) => widths[i]! > 8)) {
    const widest = shrinkable.reduce((a, b) => (widths[b]! > widths[a]! ? b : a));
    widths[widest] = widths[widest]! - 1;
  }
}

/** Cuts text to `width` characters, ending in an ellipsis when it was longer. */
export function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}
