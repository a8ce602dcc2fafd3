// File names in the output folder, decided when the plan is made (before anything is sent):
// two rows never share a file. Names are compared the way macOS and Windows compare them
// (case-insensitively, after Unicode normalisation), so a batch that works on Linux also
// works there. A row whose name is taken keeps it with a number (`intro-2`), in file order:
// the same manifest always gives the same names, and the plan says which rows were renamed.

export interface FileRename {
  line: number;
  row: string;
  /** The name the row asked for. */
  wanted: string;
  /** The name it gets. */
  stem: string;
  /** The earlier row that has `wanted`. */
  takenBy: { line: number; row: string };
}

/** How two names compare on a case-insensitive file system. */
function nameKey(stem: string): string {
  const key = stem.normalize('NFC').toLowerCase();
  // Stryker disable next-line ConditionalExpression: "false" returns the same text (only the copy kept differs); "true" is killed by test/core/batch-out-names.test.ts
  return key === stem ? stem : key; // the same string, not a copy, when nothing changed
}

export class FileNames {
  readonly renames: FileRename[] = [];
  /** Each name's owner, as an index into `lines` and `rows`: no object per row of 100,000. */
  private readonly taken = new Map<string, number>();
  private readonly lines: number[] = [];
  private readonly rows: string[] = [];

  /** The stem a row gets for the one it wants ('' when it has none: the video id names it). */
  claim(wanted: string, line: number, row: string): string {
    if (wanted === '') return '';
    const first = this.taken.get(nameKey(wanted));
    const owner = this.lines.push(line) - 1;
    this.rows.push(row);
    if (first === undefined) {
      this.taken.set(nameKey(wanted), owner);
      return wanted;
    }
    let n = 2;
    while (this.taken.has(nameKey(`${wanted}-${n}`))) n += 1;
    const stem = `${wanted}-${n}`;
    this.taken.set(nameKey(stem), owner);
    this.renames.push({ line, row, wanted, stem, takenBy: { line: this.lines[first]!, row: this.rows[first]! } });
    return stem;
  }
}

export function describeRename(r: FileRename): string {
  return `line ${r.line} (${r.row}): the file name "${r.wanted}" is taken by line ${r.takenBy.line} (${r.takenBy.row}); it is saved as "${r.stem}"`;
}
