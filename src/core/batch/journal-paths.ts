// Where a batch's journals are: the file given, or every .twin-journal*.jsonl of a folder (one
// per shard). Shared by `batch status`, `batch review` and the review page a run writes.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../shared/errors.js';

/** A journal file, or every journal in a folder (one per shard). */
export function journalPaths(path: string): string[] {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) throw new UsageError(`No journal at ${path}.`, { suggestion: 'Pass the journal file or the --out folder of the run.' });
  if (info.isFile()) return [path];
  const found = readdirSync(path)
    .filter((f) => /^\.twin-journal(\.\d+-of-\d+)?\.jsonl$/.test(f))
    .sort()
    .map((f) => join(path, f));
  if (found.length === 0) {
    throw new UsageError(`No .twin-journal*.jsonl in ${path}.`, { suggestion: 'Pass the journal file (see --journal of the run).' });
  }
  return found;
}
