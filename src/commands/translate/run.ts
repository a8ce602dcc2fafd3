// twin translate <source> --to <language>...: languages checked locally before anything is paid for,
// the estimate, one keyed create for every language (ids printed at once), then optionally a wait
// for all and a verified download of each. Exit 0 all completed, 5 any failed (others saved), 4
// timed out (with the resume command), 130 interrupted.
import { safeJson } from '../../shared/plain-text.js';
import type { TranslationSource } from '../../api/index.js';
import { checkMediaFile } from '../../core/media/media-file.js';
import { mediaDurationSeconds } from '../../core/media/duration.js';
import { describeEstimate } from '../../core/translate/cost.js';
import { sourceStem } from '../../core/translate/file-names.js';
import { resolveLanguages, splitLanguages } from '../../core/translate/languages.js';
import { assertPlainText, plainTitle } from '../../shared/plain-text.js';
import { parseSource, sourceArg, type TranslateSource } from '../../core/translate/source.js';
import {
  checkTranslationTargets,
  createTranslations,
  estimateFor,
  pairLanguages,
  resolveSource,
  translationBody,
  type TranslateOptions,
} from '../../flows/translate.js';
import { UsageError } from '../../shared/errors.js';
import * as z from '../../shared/zod-mini.js';
import type { Context } from '../../ui/context-types.js';
import { createUploader } from '../../ui/media-upload.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { downloadAndReport, failedLanguages, jobViews, languageList, waitWithLines } from '../translations/common.js';
import { runProofread } from './proofread.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

const num = z.optional(z.string());
export const optionsSchema = z.object({
  to: z.optional(z.array(z.string())),
  mode: z._default(z.enum(['speed', 'precision']), 'speed'),
  audioOnly: z.optional(z.boolean()),
  captions: z.optional(z.boolean()),
  speakers: num,
  from: z.optional(z.string()),
  start: num,
  end: num,
  keepFormat: z.optional(z.boolean()),
  dynamicDuration: z._default(z.boolean(), true),
  music: z._default(z.boolean(), true),
  enhanceSpeech: z.optional(z.boolean()),
  audio: z.optional(z.string()),
  title: z.optional(z.string()),
  callbackUrl: z.optional(z.string()),
  idempotencyKey: z.optional(z.string()),
  maxMinutes: num,
  maxRenders: num,
  proofread: z.optional(z.boolean()),
  dryRun: z.optional(z.boolean()),
  wait: z.optional(z.boolean()),
  download: z.optional(z.union([z.string(), z.literal(true)])),
  output: z.optional(z.string()),
  force: z.optional(z.boolean()),
  timeout: z.optional(z.string()),
  interval: z.optional(z.string()),
});

function number(text: string | undefined, flag: string, integer = false): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || (integer && (!Number.isInteger(n) || n < 1))) {
    throw new UsageError(`${flag} needs ${integer ? 'a whole number of at least 1' : 'a number of seconds'}, got "${text}".`, { flag });
  }
  return n;
}

async function uploadPath(ctx: Context, path: string, flag: string): Promise<{ asset_id: string; via: string }> {
  const file = await checkMediaFile(path, { where: flag, flag, cwd: ctx.cwd, kinds: flag === '<source>' ? ['video'] : ['audio', 'video'] });
  return (await createUploader(ctx, { cache: true })).upload(file);
}

async function audioInput(ctx: Context, raw: string | undefined, dryRun: boolean): Promise<TranslationSource | undefined> {
  if (raw === undefined) return undefined;
  const s = parseSource(raw, ctx.cwd);
  if (s.kind === 'url') return { type: 'url', url: s.value };
  if (s.kind === 'asset') return { type: 'asset_id', asset_id: s.value };
  if (s.kind === 'video')
    throw new UsageError(`--audio ${raw}: no such file (give a file, an https:// URL or asset:ID).`, { flag: '--audio' });
  if (dryRun) return { type: 'asset_id', asset_id: `<upload of ${s.value}>` };
  return { type: 'asset_id', asset_id: (await uploadPath(ctx, s.value, '--audio')).asset_id };
}

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<number> {
  const o = parseOptions(optionsSchema, opts);
  const source: TranslateSource = parseSource(String(args[0] ?? ''), ctx.cwd);
  const typed = splitLanguages(o.to ?? []);
  for (const name of typed) assertPlainText(name, '--to', 'language name');
  const title = o.title !== undefined ? plainTitle(o.title, '--title') : undefined;
  if (typed.length === 0)
    throw new UsageError('Name at least one output language with --to.', {
      flag: '--to',
      suggestion: `See \`${twinInvocation()} translations languages\`.`,
    });
  if (source.kind === 'file') await checkMediaFile(source.value, { where: '<source>', flag: '<source>', cwd: ctx.cwd, kinds: ['video'] });
  const start = number(o.start, '--start');
  const end = number(o.end, '--end');
  if (start !== undefined && end !== undefined && end <= start) throw new UsageError('--end must be after --start.', { flag: '--end' });
  const api = await ctx.api();
  const languages = resolveLanguages(typed, (await languageList(ctx, api)).languages);
  const options: TranslateOptions = {
    languages,
    mode: o.mode,
    audioOnly: Boolean(o.audioOnly),
    captions: Boolean(o.captions),
    dynamicDuration: o.dynamicDuration,
    music: o.music,
    ...(o.speakers !== undefined ? { speakers: number(o.speakers, '--speakers', true) as number } : {}),
    ...(o.from !== undefined ? { from: o.from } : {}),
    ...(start !== undefined ? { start } : {}),
    ...(end !== undefined ? { end } : {}),
    ...(o.keepFormat ? { keepFormat: true } : {}),
    ...(o.enhanceSpeech ? { enhanceSpeech: true } : {}),
    ...(title !== undefined ? { title } : {}),
    ...(o.callbackUrl !== undefined ? { callbackUrl: o.callbackUrl } : {}),
  };
  const audio = await audioInput(ctx, o.audio, Boolean(o.dryRun));
  if (audio) options.audio = audio;
  const resolved = await resolveSource(source, {
    api,
    upload: (path) => (o.dryRun ? Promise.resolve({ asset_id: `<upload of ${path}>`, via: 'dry-run' }) : uploadPath(ctx, path, '<source>')),
    fileSeconds: (path) => mediaDurationSeconds(path),
  });
  const stem = sourceStem({ kind: source.kind, value: source.value, title: resolved.title });
  const body = translationBody(resolved.input, options);
  const estimate = estimateFor(resolved, options);
  for (const note of resolved.notes) ctx.out.info(note);
  ctx.out.info(`Cost: ${describeEstimate(estimate, options.mode)}`);
  const maxRenders = number(o.maxRenders, '--max-renders', true);
  if (maxRenders !== undefined && languages.length > maxRenders) {
    throw new UsageError(
      `${languages.length} languages make ${languages.length} paid translations, over --max-renders ${maxRenders}; nothing was sent.`,
      {
        flag: '--max-renders',
      },
    );
  }
  const maxMinutes = number(o.maxMinutes, '--max-minutes');
  if (maxMinutes !== undefined && estimate.minutes !== null && estimate.minutes > maxMinutes) {
    throw new UsageError(`The estimate bills ${estimate.minutes} minutes of output, over --max-minutes ${maxMinutes}; nothing was sent.`, {
      flag: '--max-minutes',
    });
  }
  if (o.dryRun) {
    ctx.out.result(
      { dry_run: true, source: { kind: source.kind, value: source.value }, request: body, estimate },
      { human: () => safeJson(body, 2) },
    );
    return 0;
  }
  const download = o.output ?? o.download;
  // Every file's path is checked before the translation is paid for.
  if (download !== undefined) {
    checkTranslationTargets(languages, {
      stem,
      cwd: ctx.cwd,
      captions: options.captions,
      audioOnly: options.audioOnly,
      ...(typeof download === 'string' ? { output: download } : {}),
      ...(o.force ? { force: true } : {}),
    });
  }
  if (o.proofread)
    return runProofread(ctx, api, {
      body,
      stem,
      title: o.title ?? stem,
      key: o.idempotencyKey,
      flags: o,
      output: download === true ? undefined : download,
    });

  const { jobs, idempotencyKey } = await createTranslations(api, body, o.idempotencyKey);
  // The ids the moment they exist: a later failure must not hide what was paid for.
  for (const job of jobs) {
    if (ctx.out.mode === 'quiet') ctx.out.data(job.id);
    else ctx.out.info(`${job.language}: ${job.id}`);
  }
  const ids = jobs.map((j) => j.id);
  const fileFlags = [
    ...(download === undefined ? [] : typeof download === 'string' ? ['--download', download] : ['--download']),
    ...(o.captions ? ['--captions'] : []),
    ...(o.audioOnly ? ['--audio-only'] : []),
  ];
  const resume = [`${twinInvocation()} translations wait`, ...ids, '--source-name', stem, ...fileFlags].join(' ');
  let files: Awaited<ReturnType<typeof downloadAndReport>> = [];
  const notes: string[] = [...resolved.notes];
  if (o.wait || download !== undefined) {
    await waitWithLines(ctx, api, jobs, o, resume);
    const note = pairLanguages(jobs, languages);
    if (note) notes.push(note);
    if (download !== undefined) {
      files = await downloadAndReport(ctx, api, jobs, {
        stem,
        captions: options.captions,
        audioOnly: options.audioOnly,
        ...(typeof download === 'string' ? { output: download } : {}),
        ...(o.force ? { force: true } : {}),
      });
    }
  }
  const result = {
    source: { kind: source.kind, value: sourceArg(source) },
    idempotency_key: idempotencyKey,
    request: body,
    estimate,
    notes,
    translations: jobViews(jobs, files),
  };
  ctx.out.result(result, {
    human: (r) => r.translations.map((t) => `${t.language}\t${t.id}\t${t.status}${t.files.map((f) => `\t${f.path}`).join('')}`).join('\n'),
    quiet: () => [],
  });
  const failed = o.wait || download !== undefined ? failedLanguages(jobs) : undefined;
  if (failed) throw failed;
  return 0;
}
