// Tables for people on a terminal, tab-separated lines without a header for pipes
// (as gh does), so `twin looks list | cut -f1` works. On a terminal every table fits its
// width: low-priority columns go first, then long values are shortened in the middle
// ("Quarterly upd…for Europe"); ids are never shortened, since a cut id cannot be pasted.
// Piped output is never touched.

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
  /** What a person reads on a terminal, when it differs from the piped value ("5 min ago", "IV,V"). */
  display?: (row: T) => string | number | boolean | null | undefined;
  /** An id (or anything that must be pasted whole): never shortened, never dropped. */
  id?: boolean;
  /** Never shortened (a cut list of engines reads wrong), but dropped like any other column. */
  whole?: boolean;
  /**
   * 1 keeps the column at any width; higher numbers are dropped first (ties: the rightmost
   * first) when the terminal is too narrow. Default 1 for ids, 2 otherwise.
   */
  priority?: number;
  /** Free text that gives way first when shortening (names, titles, URLs). */
  shrink?: boolean;
  /** Narrowest width it may be shortened to; default 8 for `shrink` columns, 10 for others. */
  minWidth?: number;
}

interface TableOptions {
  /** stdout is a terminal: a fitted table with a header; otherwise tab-separated rows. */
  tty: boolean;
  /** Terminal columns. */
  width: number;
  header?: (s: string) => string;
}

export function renderTable<T>(rows: T[], columns: Column<T>[], opts: TableOptions): string {
  if (!opts.tty) return rows.map((row) => columns.map((c) => cellText(c.value(row))).join('\t')).join('\n');
  const cells = rows.map((row) => columns.map((c) => cellText((c.display ?? c.value)(row))));
  const fitted = fitCells([columns.map((c) => c.header.toUpperCase()), ...cells], columns, opts.width);
  const lines = fitted.map((r) => r.join('  ').trimEnd());
  return [opts.header ? opts.header(lines[0]!) : lines[0]!, ...lines.slice(1)].join('\n');
}

type Spec = Pick<Column<unknown>, 'id' | 'whole' | 'priority' | 'shrink' | 'minWidth'>;

/**
 * Fits rows of cells (the first `headerRows` are headers) into `width` terminal columns joined by
 * two spaces. What matters is cut last: first a column that holds one value on every row goes
 * (it tells nothing row by row), then low-priority columns, then the widest shrinkable values
 * are shortened in the middle. Returns the kept cells, each padded to its column's width (the
 * last one not).
 */
export function fitCells(rows: string[][], specs: Spec[], width: number, headerRows = 1): string[][] {
  const natural = specs.map((_, i) => Math.max(0, ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const floor = specs.map((s, i) => (s.id || s.whole ? natural[i]! : Math.min(natural[i]!, s.minWidth ?? (s.shrink ? 8 : 10))));
  const shown = specs.map((_, i) => i);
  const total = (w: number[]) => shown.reduce((sum, i) => sum + w[i]!, 0) + 2 * Math.max(0, shown.length - 1);
  const body = rows.slice(headerRows);
  const uniform = (i: number) => body.length > 1 && body.every((r) => r[i] === body[0]![i]);
  // Drop columns until the rest fits whole, a column that holds one value on every row first;
  // then until the rest can fit at their narrowest, by priority.
  const drop = (fits: () => boolean, droppable: (i: number) => boolean) => {
    while (!fits()) {
      const candidates = shown.filter((i) => priorityOf(specs[i]!) > 1 && droppable(i));
      if (candidates.length === 0) return;
      const victim = candidates.reduce((a, b) => (priorityOf(specs[b]!) >= priorityOf(specs[a]!) ? b : a));
      shown.splice(shown.indexOf(victim), 1);
    }
  };
  drop(() => total(natural) <= width, uniform);
  drop(
    () => total(floor) <= width,
    () => true,
  );
  const widths = [...natural];
  let excess = total(widths) - width;
  while (excess > 0) {
    // Free text first (shrink: true), then the other non-id columns; the widest each time.
    const candidates = shown.filter((i) => widths[i]! > floor[i]!);
    const pool = candidates.some((i) => specs[i]!.shrink) ? candidates.filter((i) => specs[i]!.shrink) : candidates;
    if (pool.length === 0) break; // only ids left: they stay whole, the line wraps
    const widest = pool.reduce((a, b) => (widths[b]! > widths[a]! ? b : a));
    const second = Math.max(floor[widest]!, ...pool.filter((i) => i !== widest).map((i) => widths[i]!));
    const cut = Math.max(1, Math.min(excess, widths[widest]! - second));
    widths[widest] = widths[widest]! - cut;
    excess -= cut;
  }
  return rows.map((r) =>
    shown.map((i, k) => {
      const cell = specs[i]!.id || specs[i]!.whole ? (r[i] ?? '') : middleEllipsis(r[i] ?? '', widths[i]!);
      return k === shown.length - 1 ? cell : pad(cell, widths[i]!);
    }),
  );
}

function priorityOf(spec: Spec): number {
  return spec.priority ?? (spec.id ? 1 : 2);
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

/** Cuts text to `width` terminal columns, ending in an ellipsis when it was longer. */
export function clip(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  return `${takeWidth([...text], Math.max(0, width - 1))}…`;
}

/** Shortens text to `width` terminal columns by replacing its middle with an ellipsis. */
export function middleEllipsis(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return width === 1 ? '…' : '';
  const chars = [...text];
  const head = takeWidth(chars, Math.ceil((width - 1) / 2));
  const tail = reverseChars(takeWidth([...chars].reverse(), width - 1 - displayWidth(head)));
  return `${head}…${tail}`;
}

function reverseChars(text: string): string {
  return [...text].reverse().join('');
}

/** The longest prefix of chars that fits in `width` columns. */
function takeWidth(chars: string[], width: number): string {
  let used = 0;
  let out = '';
  for (const ch of chars) {
    const w = charWidth(ch.codePointAt(0)!);
    if (used + w > width) break;
    used += w;
    out += ch;
  }
  return out;
}

/** Terminal columns a string takes: wide East Asian characters and emoji count 2, combining marks 0. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0)!);
  return width;
}

function charWidth(cp: number): number {
  if (cp < 0x300) return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? 0 : 1;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
