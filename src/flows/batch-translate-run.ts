// How `batch run` uses the translation columns: at plan time every row's languages are checked
// against the API's list and the translations' cost joins the estimate and --max-minutes
// (source length × languages × rate), before anything is paid; after the renders, each saved
// video with translate_to is translated (flows/batch-translate.ts) and the results join the report.
import { resolve } from 'node:path';
import type { HeyGenClient } from '../api/index.js';
import type { Budget } from '../core/batch/budget.js';
import type { PlannedRow } from '../core/batch/plan-types.js';
import type { Task } from '../core/batch/tasks.js';
import { checkRowLanguages, rowTranslationEstimate, translationFingerprint } from '../core/batch/translate-column.js';
import { translationJournalPath } from '../core/batch/translate-journal.js';
import { DEFAULT_TIMING } from '../core/poll/poller.js';
import { UsageError } from '../shared/errors.js';
import { translateRows, type RowTranslationResult, type TranslationLockRecord } from './batch-translate.js';
import { twinInvocation } from '../shared/twin-invocation.js';

/** Exit 2 naming each row whose languages the API does not know; nothing is sent. */
export async function checkBatchLanguages(rows: readonly PlannedRow[], api: Pick<HeyGenClient, 'listTranslationLanguages'> | undefined) {
  const asking = rows.filter((r) => r.translate);
  if (asking.length === 0 || !api) return;
  const known = await api.listTranslationLanguages();
  const problems = asking.flatMap((r) => {
    const p = checkRowLanguages(r.translate!, known);
    return p ? [`line ${r.line}${r.label ? ` (${r.label})` : ''}: ${p.column}: ${p.message}`] : [];
  });
  if (problems.length > 0)
    throw new UsageError(`The manifest names languages the API does not translate into; nothing was sent.\n${problems.join('\n')}`, {
      suggestion: `Run \`${twinInvocation()} translations languages\` for the names.`,
      details: { problems },
    });
}

export interface TranslationBudget {
  translations: number;
  minutes: number;
  usd: number;
}

/**
 * The translations this run may pay for (languages the lock does not hold) at the rows'
 * estimated lengths; over --max-minutes (with the renders' minutes) is exit 2, nothing sent.
 */
export function planTranslationBudget(
  tasks: readonly Task[],
  budget: Budget | undefined,
  locked: (fingerprint: string) => boolean = () => false,
): TranslationBudget | undefined {
  let translations = 0;
  let minutes = 0;
  let usd = 0;
  for (const task of tasks) {
    const t = task.row.translate;
    if (!t || task.phase === 'failed') continue;
    const languages = t.languages.filter((l) => !locked(translationFingerprint(task.row.fingerprint, l, t.mode)));
    if (languages.length === 0) continue;
    const e = rowTranslationEstimate(task.row.cost?.estimate.seconds ?? null, { languages, mode: t.mode });
    translations += languages.length;
    minutes += e.minutes ?? 0;
    usd += e.usd ?? 0;
  }
  if (translations === 0) return undefined;
  const out = { translations, minutes: Math.round(minutes * 100) / 100, usd: Math.round(usd * 100) / 100 };
  const max = budget?.max_minutes ?? null;
  if (max !== null && (budget?.estimate.minutes ?? 0) + out.minutes > max) {
    throw new UsageError(
      `This run would make about ${budget?.estimate.minutes ?? 0} minutes of video and ${out.minutes} minutes of translations (${out.translations} translations, estimate); --max-minutes allows ${max}. Nothing was sent.`,
      { flag: '--max-minutes', details: { minutes: budget?.estimate.minutes ?? 0, translation_minutes: out.minutes, max_minutes: max } },
    );
  }
  return out;
}

interface TranslateAfterRunInput {
  tasks: readonly Task[];
  api: Pick<HeyGenClient, 'getVideo' | 'createTranslation' | 'getTranslation'>;
  identity: string;
  journalPath: string;
  outDir: string;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal: AbortSignal;
  locked?: (fingerprint: string) => boolean;
  record?: (rowKey: string, entry: TranslationLockRecord) => void;
}

/** After the renders: every saved row video with translate_to, translated and saved beside it. */
export async function translateAfterRun(input: TranslateAfterRunInput): Promise<RowTranslationResult[]> {
  const rows = input.tasks
    .filter((t) => t.row.translate && t.phase === 'done' && t.file && t.videoId)
    .map((t) => ({
      rowKey: t.row.key,
      videoId: t.videoId!,
      videoFingerprint: t.row.fingerprint,
      videoPath: resolve(input.outDir, t.file!),
      translate: t.row.translate!,
    }));
  if (rows.length === 0) return [];
  return translateRows(rows, {
    api: input.api,
    identity: input.identity,
    journalPath: translationJournalPath(input.journalPath),
    ...(input.locked ? { locked: input.locked } : {}),
    ...(input.record ? { record: input.record } : {}),
    timing: { ...DEFAULT_TIMING, now: input.now, sleep: input.sleep, signal: input.signal },
    signal: input.signal,
  });
}
