// Reads a manifest, CSV (header row, any quoting a spreadsheet writes: embedded commas and
// newlines, BOM) or JSONL (one object a line), as a stream of rows with the line each starts
// on, so a 100,000-row file never sits in memory twice.
import { createReadStream } from 'node:fs';
import { utf8Stream } from '../../shared/utf8.js';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { columnTarget, unknownColumn } from './columns.js';

export type ManifestFormat = 'csv' | 'jsonl';

/** About a hundred rows per batch: small enough that a batch's rows die young. */
const CHUNK_BYTES = 16 * 1024;

export interface ManifestRow {
  /** 1-based line the row starts on. */
  line: number;
  values: Record<string, unknown>;
}

export interface ManifestProblem {
  line: number;
  /** The row's id/name when it has one. */
  row?: string;
  column?: string;
  message: string;
  /** About the whole file (its header, its syntax), not one row: no row can be left out for it. */
  file?: true;
}

export async function detectFormat(path: string): Promise<ManifestFormat> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  // Anything else: JSONL when the first character is "{", CSV otherwise.
  for await (const chunk of createReadStream(path, { encoding: 'utf8', start: 0, end: 4095 })) {
    const first = (chunk as string).replace(/^\ufeff/, '').trimStart()[0];
    return first === '{' ? 'jsonl' : 'csv';
  }
  return 'csv';
}

export async function checkManifestFile(path: string): Promise<void> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`Manifest ${path} is not a file.`, { details: { file: path } });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `Cannot read manifest ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`,
      {
        details: { file: path },
        suggestion: 'Pass the path of a CSV (with a header row) or JSONL file.',
      },
    );
  }
}

/**
 * Rows in file order, a chunk of the file at a time: each batch is checked synchronously, so
 * rows never wait across an await and their garbage dies young (100,000 rows stay small).
 * Header and parse problems go to `problems`; a quote never closed ends the file.
 */
export async function* readManifest(path: string, format: ManifestFormat, problems: ManifestProblem[]): AsyncGenerator<ManifestRow[]> {
  yield* format === 'csv' ? readCsv(path, problems) : readJsonl(path, problems);
}

async function* readCsv(path: string, problems: ManifestProblem[]): AsyncGenerator<ManifestRow[]> {
  // Loaded only when a CSV is read: nothing else in the CLI needs the parser.
  const { parse } = await import('csv-parse');
  const delimiter = extname(path).toLowerCase() === '.tsv' ? '\t' : ',';
  // Spreadsheets and editors disagree on line endings; accept both, even mixed in one file.
  // Lines are counted here rather than with the parser's `info` option, whose per-record
  // snapshots cost a third more memory on a 100,000-row file.
  const parser = parse({ bom: true, relax_column_count: true, delimiter, record_delimiter: ['\r\n', '\n'] });
  let failure: (Error & { lines?: number }) | undefined;
  parser.on('error', (error) => (failure ??= error));
  let header: Array<string | undefined> | undefined;
  let nextLine = 1;
  const drain = (): ManifestRow[] => {
    const batch: ManifestRow[] = [];
    for (let record; (record = parser.read() as string[] | null) !== null; ) {
      const line = nextLine;
      nextLine += 1 + newlinesIn(record);
      if (record.every((cell) => cell.trim() === '')) continue; // a blank line
      if (!header) {
        header = checkHeader(record, line, problems);
        continue;
      }
      if (record.length > header.length && record.slice(header.length).some((cell) => cell.trim() !== '')) {
        problems.push({
          line,
          message: `has ${record.length} fields but the header has ${header.length} (a comma inside a value needs "quotes")`,
        });
        continue;
      }
      const values: Record<string, unknown> = {};
      header.forEach((name, i) => {
        // A line break in a quoted value is a line break, whichever way the file's checkout
        // wrote it: a CRLF copy of the manifest must give the same bodies, so the same keys.
        if (name !== undefined && record[i] !== undefined) values[name] = record[i]!.replace(/\r\n/g, '\n');
      });
      batch.push({ line, values });
    }
    return batch;
  };
  const utf8 = utf8Stream('Manifest', path); // Latin-1 cells would be rendered garbled: refuse them
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    utf8.decode(chunk as Buffer);
    parser.write(chunk);
    if (failure) break;
    yield drain();
  }
  if (!failure) {
    // The last record (and an unclosed quote) only shows once the parser has flushed.
    await new Promise((resolve) => {
      parser.once('finish', resolve).once('error', resolve);
      parser.end();
    });
    if (!failure) yield drain();
  }
  if (failure) problems.push({ line: failure.lines ?? nextLine, message: `is not valid CSV: ${failure.message}`, file: true });
  else if (!header) problems.push({ line: 1, message: 'the manifest is empty: it needs a header row and one row per video', file: true });
}

/** Line breaks inside a record's quoted values: the record spans that many more lines. */
function newlinesIn(record: string[]): number {
  let count = 0;
  for (const cell of record) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) count += 1;
  return count;
}

/** Unknown and duplicate columns are reported once, on the header line, and then ignored. */
function checkHeader(record: string[], line: number, problems: ManifestProblem[]): Array<string | undefined> {
  const seen = new Map<string, string>();
  return record.map((raw) => {
    const name = raw.trim();
    if (name === '') return undefined; // a trailing comma from a spreadsheet
    const target = columnTarget(name);
    if (target === undefined) {
      problems.push({ line, column: name, message: unknownColumn(name), file: true });
      return undefined;
    }
    const before = seen.get(target);
    if (before !== undefined) {
      problems.push({ line, column: name, message: `is the same field as column "${before}"; keep one`, file: true });
      return undefined;
    }
    seen.set(target, name);
    return name;
  });
}

async function* readJsonl(path: string, problems: ManifestProblem[]): AsyncGenerator<ManifestRow[]> {
  let line = 0;
  let rows = 0;
  let rest = '';
  const parseLine = (raw: string, batch: ManifestRow[]) => {
    line += 1;
    const text = (line === 1 ? raw.replace(/^\ufeff/, '') : raw).trim();
    if (text === '' || text.startsWith('//')) return;
    let values: unknown;
    try {
      values = JSON.parse(text);
    } catch (error) {
      problems.push({ line, message: `is not valid JSON: ${(error as Error).message}` });
      return;
    }
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      problems.push({ line, message: 'must be a JSON object such as {"script": "Hello", "look": "lk_123"}' });
      return;
    }
    rows += 1;
    batch.push({ line, values: values as Record<string, unknown> });
  };
  const utf8 = utf8Stream('Manifest', path);
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    const lines = (rest + utf8.decode(chunk as Buffer)).split('\n');
    rest = lines.pop() ?? '';
    const batch: ManifestRow[] = [];
    for (const raw of lines) parseLine(raw, batch);
    yield batch;
  }
  utf8.end();
  const last: ManifestRow[] = [];
  if (rest !== '') parseLine(rest, last);
  yield last;
  if (rows === 0 && problems.length === 0) {
    problems.push({ line: 1, message: 'the manifest is empty: it needs one JSON object per video, one a line' });
  }
}
