// Manifest column names → VideoInput fields. A column is the long flag of `video create`
// (aspect-ratio), and the snake_case or camelCase spelling is the same column; the API's own
// field names for look and voice are accepted too, since people copy them from the docs.
import { toFlag } from '../../shared/flag-names.js';
import { closest } from '../../shared/spelling.js';
import { VIDEO_INPUT_KEYS, type VideoInput } from '../video/request.js';
import { isTranslateColumn, translateCells, type RowTranslate } from './translate-column.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export type ColumnTarget = keyof VideoInput | 'scriptFile' | 'id' | 'name' | 'scenes' | 'translateTo' | 'translateMode';

/** Problems name columns the way the manifest's author wrote them. */
export interface CellProblem {
  column: string;
  message: string;
}

const squash = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[-_\s]/g, '');

const ALIASES: Record<string, ColumnTarget> = {
  avatarid: 'look',
  lookid: 'look',
  voiceid: 'voice',
  scriptfile: 'scriptFile',
  scenes: 'scenes',
  scenesfile: 'scenes',
  id: 'id',
  name: 'name',
  translateto: 'translateTo',
  translatemode: 'translateMode',
};

const BY_SQUASHED: Record<string, ColumnTarget> = {
  ...Object.fromEntries(VIDEO_INPUT_KEYS.map((key) => [squash(key), key])),
  ...ALIASES,
};

const BOOLEAN_FIELDS = new Set<ColumnTarget>(['removeBackground', 'captions']);

/** The accepted column names, for error messages: the flag spellings. */
function knownColumns(): string[] {
  return [...VIDEO_INPUT_KEYS.map((key) => toFlag(key).slice(2)), 'script-file', 'scenes', 'id', 'name', 'translate-to', 'translate-mode'];
}

/** Why a column is not accepted: the likely intended one, or the list to pick from. */
export function unknownColumn(name: string): string {
  // Compared without separators and case, so "Voice_Sped" still finds voice-speed.
  const known = new Map([...knownColumns(), 'avatar_id', 'voice_id'].map((column) => [squash(column), column]));
  const near = closest(squash(name), [...known.keys()]);
  if (near !== undefined) return `unknown column; did you mean "${known.get(near)}"?`;
  return `unknown column; use the long flags of \`${twinInvocation()} video create\`: ${knownColumns().join(', ')}`;
}

export function columnTarget(name: string): ColumnTarget | undefined {
  return BY_SQUASHED[squash(name)];
}

export interface RowFields {
  input: Partial<VideoInput>;
  scriptFile?: string;
  /** A scene file (multi-scene video, see scenes-row.ts), relative to the manifest. */
  scenes?: string;
  id?: string;
  name?: string;
  /** translate_to / translate_mode: what the row's video is translated into (translate-column.ts). */
  translate?: RowTranslate;
  /** Where each field came from, to name the column in a problem. */
  columnOf: Partial<Record<ColumnTarget, string>>;
}

/**
 * One manifest row (CSV strings or JSON values) as typed fields. Empty cells mean "use the
 * default"; booleans accept true/false/yes/no/1/0 since spreadsheets write them every way.
 */
export function fieldsFromRow(row: Record<string, unknown>, problems: CellProblem[]): RowFields {
  const fields: RowFields = { input: {}, columnOf: {} };
  const translate = translateCells(row, problems);
  if (translate) fields.translate = translate;
  for (const [column, raw] of Object.entries(row)) {
    if (isTranslateColumn(column)) continue;
    const target = columnTarget(column);
    if (target === undefined) {
      problems.push({ column, message: unknownColumn(column) });
      continue;
    }
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) continue;
    if (fields.columnOf[target] !== undefined) {
      problems.push({ column, message: `is the same field as column "${fields.columnOf[target]}"; keep one` });
      continue;
    }
    fields.columnOf[target] = column;
    const value = coerce(target, raw);
    if (value instanceof Error) {
      problems.push({ column, message: value.message });
      continue;
    }
    if (target === 'scriptFile' || target === 'id' || target === 'name' || target === 'scenes') {
      if (typeof value !== 'string') problems.push({ column, message: `must be text (got ${JSON.stringify(value)})` });
      else fields[target] = value.trim();
    } else {
      (fields.input as Record<string, unknown>)[target] = value;
    }
  }
  return fields;
}

function coerce(target: ColumnTarget, raw: unknown): unknown {
  if (BOOLEAN_FIELDS.has(target) && typeof raw === 'string') {
    const word = raw.trim().toLowerCase();
    if (['true', 'yes', 'y', '1'].includes(word)) return true;
    if (['false', 'no', 'n', '0'].includes(word)) return false;
    return new Error(`must be true or false (got ${JSON.stringify(raw)})`);
  }
  // Ids and names are text even when a spreadsheet or a JSON writer made them numbers.
  if ((target === 'id' || target === 'name') && typeof raw === 'number') return String(raw);
  return raw;
}
