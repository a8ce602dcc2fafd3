// `batch run --audition` with no terminal (issue 26): every row the plan would render that has a
// script is spoken and saved into the output folder, the budget is recomputed from the exact
// lengths, and a manifest is written that renders each of those rows from its approved audio.
// Nothing is rendered here: hearing costs cents, the renders dollars.
import { DEFAULT_ENGINE } from '../shared/video-facts.js';
import { basename, dirname, extname, join } from 'node:path';
import type { HeyGenClient } from '../api/index.js';
import { costFloor } from '../core/batch/budget.js';
import { auditionedValues, writeManifest, type AuditionedRow } from '../core/batch/audition-files.js';
import { totalEstimate, type TotalEstimate } from '../core/batch/estimate.js';
import { detectFormat, readManifest, type ManifestProblem } from '../core/batch/manifest.js';
import type { RowCost } from '../core/batch/plan-types.js';
import type { Task } from '../core/batch/tasks.js';
import type { CreateVideoBody } from '../core/video/request.js';
import { audition } from './audition.js';

interface BatchAuditionInput {
  manifest: string;
  outDir: string;
  /** The plan's tasks: the queued ones are what a run would render. */
  tasks: readonly Task[];
  api: Pick<HeyGenClient, 'getLook' | 'listVoices' | 'synthesizeSpeech'>;
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onRetry?: () => void;
  /** Told as each row's audio is saved. */
  onRow?: (row: AuditionedRow) => void;
}

export interface BatchAudition {
  rows: AuditionedRow[];
  /** The manifest that renders the auditioned rows from their audio (beside the original). */
  manifest: string;
  /** Rows that render: the auditioned ones at their exact length, any others as planned. */
  renders: number;
  estimate: TotalEstimate;
  cost_floor: { usd: number; credits: number };
}

/** `videos.csv` → `videos.auditioned.csv`, beside it, so its relative paths still hold. */
function auditionedManifestPath(manifest: string): string {
  const ext = extname(manifest);
  return join(dirname(manifest), `${basename(manifest, ext)}.auditioned${ext}`);
}

export async function auditionBatch(input: BatchAuditionInput): Promise<BatchAudition> {
  const queued = input.tasks.filter((t) => t.phase === 'queued');
  const rows: AuditionedRow[] = [];
  const costs: RowCost[] = [];
  for (const task of queued) {
    const body = JSON.parse(task.row.body) as CreateVideoBody;
    const cost = task.row.cost ?? { estimate: { seconds: null, basis: 'unknown' as const }, engine: DEFAULT_ENGINE };
    if (typeof body.script !== 'string' || body.script.trim() === '') {
      costs.push(cost); // a row with its own audio: already exact (or unknown, by URL)
      continue;
    }
    const stem = task.row.file ? basename(task.row.file, extname(task.row.file)) : `line-${task.row.line}`;
    const heard = await audition(
      {
        script: body.script,
        ...(body.voice_id ? { voice: body.voice_id } : {}),
        ...(body.avatar_id ? { look: body.avatar_id } : {}),
        ...(typeof body.voice_settings?.speed === 'number' ? { speed: body.voice_settings.speed } : {}),
        ...(typeof body.voice_settings?.locale === 'string' ? { locale: body.voice_settings.locale } : {}),
        outDir: input.outDir,
        stem,
      },
      { api: input.api, signal: input.signal, sleep: input.sleep, onRetry: input.onRetry },
    );
    const row: AuditionedRow = {
      line: task.row.line,
      key: task.row.key,
      ...(task.row.label !== undefined ? { label: task.row.label } : {}),
      script: body.script,
      path: heard.path,
      duration: heard.duration,
      sha256: heard.sha256,
      voice_id: heard.voice_id,
    };
    rows.push(row);
    costs.push({ ...cost, estimate: { seconds: Math.round(heard.duration * 10) / 10, basis: 'audio_file' } });
    input.onRow?.(row);
  }

  const target = auditionedManifestPath(input.manifest);
  const byLine = new Map(rows.map((r) => [r.line, r]));
  const rendering = new Set(queued.map((t) => t.row.line));
  const format = await detectFormat(input.manifest);
  const problems: ManifestProblem[] = [];
  const out: Record<string, unknown>[] = [];
  for await (const chunk of readManifest(input.manifest, format, problems)) {
    for (const r of chunk) {
      const heard = byLine.get(r.line);
      // Rows with their own audio render as they are; done rows stay out (nothing to render).
      if (heard) out.push(auditionedValues(r.values, heard.path, target));
      else if (rendering.has(r.line)) out.push(r.values);
    }
  }
  writeManifest(target, format, out);
  return {
    rows,
    manifest: target,
    renders: queued.length,
    estimate: totalEstimate(costs.map((c) => c.estimate)),
    cost_floor: costFloor(costs),
  };
}
