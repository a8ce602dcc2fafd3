// twin translate … --proofread: proofreads instead of translations (Enterprise). Waits for each
// language's subtitle draft and downloads it for editing; `twin translations generate <id> --srt
// edited.srt` then starts the paid translation. Another plan gets one sentence, never a raw 403.
import type { CreateTranslationBody, HeyGenClient, Translation } from '../../api/index.js';
import { downloadFile } from '../../core/download/downloader.js';
import { translationTarget } from '../../core/translate/file-names.js';
import { planRefusal } from '../../core/translate/refusal.js';
import type { TranslationJob } from '../../flows/translate.js';
import type { Context } from '../../ui/context-types.js';
import { failedLanguages, waitWithLines, type WaitFlags } from '../translations/common.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export async function runProofread(
  ctx: Context,
  api: HeyGenClient,
  o: {
    body: CreateTranslationBody;
    stem: string;
    title: string;
    key: string | undefined;
    flags: WaitFlags & { force?: boolean };
    output: string | undefined;
  },
): Promise<number> {
  const { body } = o;
  let created: Awaited<ReturnType<HeyGenClient['createProofreads']>>;
  try {
    created = await api.createProofreads(
      {
        video: body.video,
        output_languages: body.output_languages,
        title: o.title,
        ...(body.mode ? { mode: body.mode } : {}),
        ...(body.speaker_num !== undefined ? { speaker_num: body.speaker_num } : {}),
      },
      o.key ? { idempotencyKey: o.key } : {},
    );
  } catch (error) {
    throw planRefusal(error, 'Proofreading');
  }
  const jobs: TranslationJob[] = created.proofread_ids.map((id, i) => ({ id, language: body.output_languages[i] ?? '', state: 'pending' }));
  for (const job of jobs) ctx.out.info(`${job.language}: proofread ${job.id}`);
  // Proofreads speak a third vocabulary (processing | completed | failed); the wait normalizes it.
  const reader = { getTranslation: async (id: string) => (await api.getProofread(id)) as unknown as Translation };
  await waitWithLines(ctx, reader, jobs, o.flags, `${twinInvocation()} translations wait ${jobs.map((j) => j.id).join(' ')}`);
  const files: Array<{ id: string; language: string; path: string }> = [];
  for (const job of jobs.filter((j) => j.state === 'completed')) {
    const srt = await api.getProofreadSrt(job.id);
    const target = translationTarget({
      stem: o.stem,
      language: job.language,
      id: job.id,
      kind: 'srt',
      cwd: ctx.cwd,
      ...(o.output ? { output: o.output } : {}),
    });
    const saved = await downloadFile({ url: srt.srt_url, target, signal: ctx.signal, ...(o.flags.force ? { force: true } : {}) });
    files.push({ id: job.id, language: job.language, path: saved.path });
    ctx.out.info(
      `saved ${job.language} subtitles: ${saved.path} (edit, then: ${twinInvocation()} translations generate ${job.id} --srt ${saved.path})`,
    );
  }
  ctx.out.result(
    {
      idempotency_key: created.idempotencyKey,
      proofreads: jobs.map((j) => ({ id: j.id, language: j.language, status: j.state, files: files.filter((f) => f.id === j.id) })),
    },
    {
      human: (r) => r.proofreads.map((p) => `${p.language}\t${p.id}\t${p.status}`).join('\n'),
      quiet: (r) => r.proofreads.map((p) => p.id),
    },
  );
  const failed = failedLanguages(jobs);
  if (failed) throw failed;
  return 0;
}
