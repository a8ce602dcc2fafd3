// What `twin translate` and `twin translations …` share: the language list (cached a day per host),
// the wait with its live lines, the downloads, and the one result shape --json prints.
import type { HeyGenClient } from '../../api/index.js';
import { loadLanguages } from '../../core/translate/language-cache.js';
import {
  failedLanguages,
  downloadTranslations,
  waitForTranslations,
  type SavedTranslationFile,
  type TranslationJob,
} from '../../flows/translate.js';
import { DEFAULT_TIMING } from '../../core/poll/poller.js';
import type { Context } from '../../ui/context-types.js';
import { startTranslationView } from '../../ui/translation-view.js';
import { parseDuration } from '../../shared/duration.js';

export async function languageList(ctx: Context, api: Pick<HeyGenClient, 'listTranslationLanguages'>, refresh = false) {
  const { resolveBaseUrl } = await import('../../api/index.js');
  return loadLanguages({
    env: ctx.env,
    baseUrl: resolveBaseUrl(ctx.env),
    fetch: () => api.listTranslationLanguages(),
    now: ctx.now,
    refresh,
  });
}

interface JobView {
  id: string;
  language: string;
  status: string;
  failure_message: string | null;
  duration: number | null;
  files: SavedTranslationFile[];
}

export function jobViews(jobs: readonly TranslationJob[], files: readonly SavedTranslationFile[]): JobView[] {
  return jobs.map((j) => ({
    id: j.id,
    language: j.language,
    status: j.state,
    failure_message: j.translation?.failure_message ?? null,
    duration: j.translation?.duration ?? null,
    files: files.filter((f) => f.id === j.id),
  }));
}

export interface WaitFlags {
  timeout?: string;
  interval?: string;
}

/** Waits for every job with the live view (one line per language), bounded by --timeout. */
export async function waitWithLines(
  ctx: Context,
  api: Pick<HeyGenClient, 'getTranslation'>,
  jobs: TranslationJob[],
  flags: WaitFlags,
  resume: string,
): Promise<void> {
  const intervalMs = flags.interval === undefined ? DEFAULT_TIMING.intervalMs : parseDuration(flags.interval, '--interval');
  const timeoutMs = flags.timeout === undefined ? DEFAULT_TIMING.timeoutMs : parseDuration(flags.timeout, '--timeout');
  const view = startTranslationView(ctx, jobs);
  try {
    await waitForTranslations(
      api,
      jobs,
      {
        timeoutMs,
        intervalMs,
        maxIntervalMs: Math.max(DEFAULT_TIMING.maxIntervalMs, intervalMs),
        now: ctx.now,
        sleep: ctx.sleep,
        signal: ctx.signal,
        resume,
      },
      (job) => view.update(job),
    );
  } finally {
    view.stop();
  }
}

interface DownloadFlags {
  output?: string;
  force?: boolean;
}

/** Downloads each completed job's files, one line per file; then exit 5 if any language failed. */
export async function downloadAndReport(
  ctx: Context,
  api: Pick<HeyGenClient, 'getTranslation'>,
  jobs: readonly TranslationJob[],
  o: { stem: string; captions: boolean; audioOnly: boolean } & DownloadFlags,
): Promise<SavedTranslationFile[]> {
  return downloadTranslations(api, jobs, {
    stem: o.stem,
    captions: o.captions,
    audioOnly: o.audioOnly,
    cwd: ctx.cwd,
    signal: ctx.signal,
    ...(o.output ? { output: o.output } : {}),
    ...(o.force ? { force: true } : {}),
    onFile: (f) => ctx.out.info(`saved ${f.language} ${f.kind}: ${f.path}`),
  });
}

export { failedLanguages };
