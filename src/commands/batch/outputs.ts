// What `batch run` will write, checked before the first upload and create (see core/batch/writable.ts).
import { join } from 'node:path';
import { REVIEW_FILE } from '../../core/batch/review-page.js';
import { checkWritable, type OutputFile } from '../../core/batch/writable.js';
import type { RunSettings } from './run-options.js';

export function checkOutputsWritable(run: RunSettings): void {
  const out = 'Choose another --out (a folder twin can write in).';
  const files: OutputFile[] = [
    {
      path: run.journalPath,
      what: 'the journal',
      flag: '--journal',
      suggestion: `${out} The journal can also be moved with --journal PATH.`,
    },
    { path: run.reportPath, what: 'the report', flag: '--report', suggestion: `${out} The report can also be moved with --report PATH.` },
    { path: join(run.outDir, REVIEW_FILE), what: 'the review page', flag: '--out', suggestion: out },
  ];
  // --frozen-lock never writes the lock.
  if (run.lockPath && !run.options.frozenLock)
    files.unshift({
      path: run.lockPath,
      what: 'the lock file',
      flag: '--lock',
      suggestion:
        'Point --lock PATH at a file twin can write (then commit it), or pass --no-lock to run without one (a re-run elsewhere then renders again).',
    });
  checkWritable(files);
}
