// The files of a batch audition (issue 26): the manifest that renders each auditioned row from its
// approved audio, and the review page with a player per row. The manifest keeps every column of
// the row except what the audio now says (the script, its file, and the speech's speed and
// accent): the row's `audio` is the heard file, so the render lip-syncs to exactly it and the lock
// fingerprint (which hashes local media) covers its bytes.
import { dirname, relative } from 'node:path';
import { writeFileAtomic } from '../../shared/safe-fs.js';
import { columnTarget } from './columns.js';
import type { ManifestFormat } from './manifest.js';
import { escapeHtml } from './review-page.js';

/** Columns the audio replaces. */
const SPOKEN = new Set(['script', 'scriptFile', 'voiceSpeed', 'voiceLocale', 'audio', 'audioUrl']);

export interface AuditionedRow {
  line: number;
  key: string;
  label?: string;
  script: string;
  path: string;
  /** Seconds of the saved audio: what the render will last. */
  duration: number;
  sha256: string;
  voice_id: string;
}

/** A manifest row with its audio in place of its script; `audio` relative to the new manifest. */
export function auditionedValues(values: Record<string, unknown>, audioPath: string, manifestPath: string): Record<string, unknown> {
  const kept = Object.entries(values).filter(([column]) => !SPOKEN.has(columnTarget(column) ?? ''));
  return { ...Object.fromEntries(kept), audio: relative(dirname(manifestPath), audioPath) };
}

/** Writes the rows as CSV (quoted as spreadsheets do) or JSONL, like the manifest they came from. */
export function writeManifest(path: string, format: ManifestFormat, rows: ReadonlyArray<Record<string, unknown>>): void {
  if (format === 'jsonl') {
    writeFileAtomic(path, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    return;
  }
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => {
    const text = v === undefined || v === null ? '' : String(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const delimiter = path.toLowerCase().endsWith('.tsv') ? '\t' : ',';
  const lines = [columns.map(cell).join(delimiter), ...rows.map((r) => columns.map((c) => cell(r[c])).join(delimiter))];
  writeFileAtomic(path, `${lines.join('\n')}\n`);
}

/** review.html before the render: each row's script beside a player of its audio, and the command. */
export function auditionPage(rows: readonly AuditionedRow[], outDir: string, command: string, total: string): string {
  const items = rows
    .map(
      (
        r,
      ) => `<li class="card"><h2>${escapeHtml(r.label ?? `line ${r.line}`)} <small>${r.duration.toFixed(1)} s · ${escapeHtml(r.voice_id)}</small></h2>
<audio controls preload="metadata" src="${escapeHtml(encodeURI(relative(outDir, r.path)))}"></audio>
<p>${escapeHtml(r.script)}</p></li>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Audition: ${rows.length} rows</title>
<style>body{font:16px/1.45 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}ul{list-style:none;padding:0}.card{border:1px solid #ccc;border-radius:.5rem;padding:.5rem 1rem;margin:.75rem 0}audio{width:100%}small{color:#666;font-weight:normal}code{display:block;white-space:pre-wrap;background:#f4f4f4;padding:.5rem}</style></head>
<body><h1>Hear it before you pay: ${rows.length} row${rows.length === 1 ? '' : 's'}, ${escapeHtml(total)}</h1>
<p>Nothing has been rendered. When every row sounds right, render each one from exactly this audio:</p><code>${escapeHtml(command)}</code>
<ul>
${items}
</ul></body></html>
`;
}
