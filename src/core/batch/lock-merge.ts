// Merging lock files: the locks of the jobs of a CI matrix (`--shard i/n`, each a copy of the
// committed lock with its own rows updated), or the two sides of a git merge conflict. For
// each row the newest render wins (rendered_at), then the entry that knows its file; a row
// missing from every input stays missing. The result is what one run over all rows writes.
import { readFileSync } from 'node:fs';
import { fileSystemError } from '../../shared/safe-fs.js';
import { LOCKFILE_VERSION, parseLock, type LockEntry, type LockFile } from './lock-format.js';

interface MergeInput {
  path: string;
  lock: LockFile;
}

interface MergeResult {
  lock: LockFile;
  /** Rows whose inputs disagreed, and which input's entry was kept. */
  resolved: Array<{ row: string; from: string }>;
}

export function mergeLocks(inputs: MergeInput[]): MergeResult {
  const rows = new Map<string, { entry: LockEntry; from: string }>();
  const disagreed = new Set<string>();
  for (const { path, lock } of inputs) {
    for (const [key, entry] of lock.rows) {
      const have = rows.get(key);
      if (!have) {
        rows.set(key, { entry, from: path });
        continue;
      }
      // What one branch learnt about the same video (its render's duration, issue 28; its
      // translations, issue 24) is added, never a disagreement: dropping a translation would pay
      // for it again on the next run.
      if (withoutLearnt(have.entry) === withoutLearnt(entry)) {
        rows.set(key, { entry: withLearnt(have.entry, entry), from: have.from });
        continue;
      }
      disagreed.add(key);
      if (newer(entry, have.entry)) rows.set(key, { entry: withLearnt(entry, have.entry), from: path });
      else rows.set(key, { entry: withLearnt(have.entry, entry), from: have.from });
    }
  }
  return {
    lock: { version: LOCKFILE_VERSION, rows: new Map([...rows].map(([key, { entry }]) => [key, entry])) },
    resolved: [...disagreed].sort().map((row) => ({ row, from: rows.get(row)!.from })),
  };
}

function withoutLearnt(entry: LockEntry): string {
  const { render_seconds: _, translations: __, ...rest } = entry;
  return JSON.stringify(rest);
}

/**
 * The kept entry, with what the other knows of the same video added: its render_seconds when the
 * kept one lacks it, and the languages it translated that the kept one has not (same video only:
 * another render's translations are of other bytes).
 */
function withLearnt(kept: LockEntry, other: LockEntry): LockEntry {
  if (other.video_id !== kept.video_id) return kept;
  const render_seconds = kept.render_seconds ?? other.render_seconds;
  const translations = kept.translations || other.translations ? { ...other.translations, ...kept.translations } : undefined;
  return { ...kept, ...(render_seconds !== undefined ? { render_seconds } : {}), ...(translations ? { translations } : {}) };
}

/** Is `a` the later word on a row than `b`? A later render; then the one that knows its file; then the later input. */
function newer(a: LockEntry, b: LockEntry): boolean {
  const at = Date.parse(a.rendered_at) - Date.parse(b.rendered_at);
  // Stryker disable next-line EqualityOperator: at is not 0 here, so at >= 0 is at > 0
  if (at !== 0) return at > 0;
  // Stryker disable next-line ConditionalExpression: each forced side gives the same answer as the return below it (worked through all four cases)
  if ((a.sha256 === undefined) !== (b.sha256 === undefined)) return a.sha256 !== undefined;
  return true;
}

/**
 * The two sides of a lock file with git conflict markers (`<<<<<<<`, `|||||||`, `=======`,
 * `>>>>>>>`), each as the whole file it was; undefined when there are no markers.
 */
export function conflictSides(text: string): [string, string] | undefined {
  if (!/^<{7}( |$)/m.test(text)) return undefined;
  const ours: string[] = [];
  const theirs: string[] = [];
  let side: 'both' | 'ours' | 'base' | 'theirs' = 'both';
  for (const line of text.split('\n')) {
    if (/^<{7}( |$)/.test(line)) side = 'ours';
    // Stryker disable next-line StringLiteral: a side named '' drops its lines as 'base' does
    else if (/^\|{7}( |$)/.test(line) && side === 'ours') side = 'base';
    else if (/^={7}$/.test(line) && side !== 'both') side = 'theirs';
    else if (/^>{7}( |$)/.test(line) && side === 'theirs') side = 'both';
    else {
      if (side === 'both' || side === 'ours') ours.push(line);
      if (side === 'both' || side === 'theirs') theirs.push(line);
    }
  }
  return [ours.join('\n'), theirs.join('\n')];
}

/** A lock file to merge: one input, or both sides of a conflicted one. */
export function readMergeInputs(path: string): MergeInput[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw fileSystemError(error, path, 'read');
  }
  const sides = conflictSides(text);
  if (!sides) return [{ path, lock: parseLock(text, path) }];
  return [
    { path: `${path} (ours)`, lock: parseLock(sides[0], `${path} (ours)`) },
    { path: `${path} (theirs)`, lock: parseLock(sides[1], `${path} (theirs)`) },
  ];
}
