// The manifest's translation columns: `translate_to` (output languages separated by `;`) and
// `translate_mode` (speed or precision). After a row's video is rendered and saved, its
// translations are made from it: one create per row for all its languages. Each translation has
// a fingerprint of its own (the source video's fingerprint + language + options), which the lock
// keeps, so an unchanged row is never translated (and paid for) again.
import { resolveLanguages } from '../translate/languages.js';
import { estimateTranslation, type TranslationEstimate, type TranslationMode } from '../translate/cost.js';
import { TwinError } from '../../shared/errors.js';
import { canonicalJson, idempotencyKey, sha256Hex } from './keys.js';
import { fingerprintDigest, fingerprintText } from './lock-format.js';

/** A cell's problem, as columns.ts reports them (its own copy: columns.ts imports this module). */
interface CellProblem {
  column: string;
  message: string;
}

export interface RowTranslate {
  /** As written in the cell until checked, then the API's exact names. */
  languages: string[];
  mode: TranslationMode;
}

const squash = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[-_\s]/g, '');

const TO = 'translateto';
const MODE = 'translatemode';

/** Is this one of the translation columns (in any spelling the other columns accept)? */
export function isTranslateColumn(name: string): boolean {
  const s = squash(name);
  return s === TO || s === MODE;
}

/** The row's translation columns, or undefined when it asks for none. Problems name the column. */
export function translateCells(row: Record<string, unknown>, problems: CellProblem[]): RowTranslate | undefined {
  let to: { column: string; value: unknown } | undefined;
  let mode: { column: string; value: unknown } | undefined;
  for (const [column, value] of Object.entries(row)) {
    if (squash(column) === TO) to = { column, value };
    else if (squash(column) === MODE) mode = { column, value };
  }
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());
  const languages = text(to?.value)
    .split(';')
    .map((l) => l.trim())
    .filter(Boolean);
  const modeWord = text(mode?.value).toLowerCase() || 'speed';
  if (modeWord !== 'speed' && modeWord !== 'precision') {
    problems.push({ column: mode!.column, message: `must be speed or precision (got ${JSON.stringify(mode!.value)})` });
  }
  if (languages.length === 0) {
    if (mode && text(mode.value)) problems.push({ column: mode.column, message: 'needs translate_to (the languages, separated by ";")' });
    return undefined;
  }
  const dup = languages.find((l, i) => languages.findIndex((m) => m.toLowerCase() === l.toLowerCase()) !== i);
  if (dup) problems.push({ column: to!.column, message: `names "${dup}" twice` });
  return { languages, mode: modeWord === 'precision' ? 'precision' : 'speed' };
}

/**
 * The languages checked against the API's list before anything is paid for: the API's exact
 * names, or a problem naming the cell's unknown language with suggestions.
 */
export function checkRowLanguages(t: RowTranslate, known: readonly string[], column = 'translate_to'): CellProblem | undefined {
  try {
    t.languages = resolveLanguages(t.languages, known);
    return undefined;
  } catch (error) {
    if (!(error instanceof TwinError)) throw error;
    return { column, message: error.message };
  }
}

/** One translation's fingerprint: the source video's, the language, the options. */
export function translationFingerprint(videoFingerprint: string, language: string, mode: TranslationMode): string {
  return fingerprintText(fingerprintDigest(canonicalJson({ video: videoFingerprint, language, mode })));
}

/**
 * The Idempotency-Key of a row's translation create: the same for the same video, languages and
 * options, so a run killed before the journal kept it still replays rather than pays again (24 h).
 */
export function translationKey(identity: string, rowKey: string, videoFingerprint: string, t: RowTranslate): string {
  const hash = sha256Hex(canonicalJson({ video: videoFingerprint, languages: t.languages, mode: t.mode }));
  return `${idempotencyKey(identity, rowKey, hash)}-t`;
}

/** What the plan's estimate and --max-minutes add for a row: source duration × languages × rate. */
export function rowTranslationEstimate(sourceSeconds: number | null, t: RowTranslate): TranslationEstimate {
  return estimateTranslation({ sourceSeconds, languages: t.languages.length, mode: t.mode, audioOnly: false });
}
