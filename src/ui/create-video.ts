// `twin video create`'s flow on a terminal: flags (+ -d body + settings) → pre-flight → one
// keyed POST → the id, printed at once → optionally wait and download. The command, the wizard
// and the demo all render through createVideoFlow, so every path sends the same body and follows
// it the same way; the work itself is core/video-flow.ts.
import { safeJson } from '../shared/plain-text.js';
import type { Context } from './context-types.js';
import { composeCreateBody, inputFromSettings, type VideoInput } from '../core/video/request.js';
import { checkVideoRequest, followVideo, submitVideo, type CreateResult, type FollowOptions } from '../flows/video.js';
import { assertPreflight, type PreflightCache, type PreflightVerdict } from '../core/video/preflight.js';
import type { Problem } from '../core/video/rules.js';
import { renderBasis } from '../core/poll/render-history.js';
import { mediaDurationSeconds } from '../core/media/duration.js';
import { withRerunCommand } from '../core/video/rerun.js';
import { followHooks, outputDir } from './follow-display.js';
import { noteCreated, rememberRender, resolveTiming } from '../core/poll/timing.js';
import { checkLocalMedia, describePending } from '../core/media/local-media.js';
import { formatBytes } from '../core/download/downloader.js';
import { checkOutputPath } from '../core/download/output-check.js';
import { uploadLocalMedia } from './media-upload.js';
import { twinInvocation } from '../shared/twin-invocation.js';
import { asFlags } from './report-error.js';

export type { CreateResult } from '../flows/video.js';

interface CreateFlowOptions {
  /** The -d JSON body; flags (the input) override its fields. */
  data?: Record<string, unknown>;
  dryRun?: boolean;
  /** false (--no-cache): upload local files even when the upload cache knows them. */
  uploadCache?: boolean;
  idempotencyKey?: string;
  /** Wait (and download) after creating; omitted = print the id and return. */
  follow?: FollowOptions;
  /** Looks and voices already fetched by an earlier pre-flight of this request (the wizard's summary). */
  preflightCache?: PreflightCache;
  /** The command line as typed, when running it again re-sends this very request (no stdin). */
  argv?: readonly string[];
  /** Problems with the command line's flags, reported with the pre-flight's (one run, every problem). */
  problems?: Problem[];
  /** Prints the result (default: ctx.out.result with the human form below). */
  onResult?: (result: CreateResult) => void;
}

export async function createVideoFlow(ctx: Context, input: Partial<VideoInput>, opts: CreateFlowOptions = {}): Promise<number> {
  const defaults = inputFromSettings(await ctx.settings());
  const composed = composeCreateBody(input, opts.data, defaults);
  const body = composed.body;
  // Local files (--audio, --background) are checked before anything is sent, uploaded after the pre-flight.
  const local = await checkLocalMedia(body, ctx.cwd);
  // `captions: true` in settings means "and save the .srt" for downloads too.
  const followOpts = opts.follow && { ...opts.follow, captions: opts.follow.captions ?? input.captions ?? defaults.captions };

  const verdict = await checkVideoRequest(() => ctx.api(), body, {
    allowNoKey: Boolean(opts.dryRun),
    cache: opts.preflightCache,
    earlier: opts.problems,
  });
  verdict.notes.unshift(...composed.notes);
  if (opts.dryRun) {
    if (verdict.ok && followOpts) checkOutputPath(followOpts, await outputDir(ctx), ctx.cwd);
    verdict.notes.push(...describePending(local, formatBytes));
    return printDryRun(ctx, verdict, opts.idempotencyKey);
  }
  showNotes(ctx, verdict.notes);
  assertPreflight(verdict);
  // Where the files will go is checked before anything is uploaded or paid for.
  if (followOpts) checkOutputPath(followOpts, await outputDir(ctx), ctx.cwd);

  await uploadLocalMedia(ctx, verdict.body, local, { cache: opts.uploadCache !== false });
  const api = await ctx.api();
  // An unknown outcome (Ctrl-C mid-request, a lost or garbled answer) comes back with the exact
  // command that re-sends it under the same key: never a reason to pay twice.
  const result = await submitVideo(api, verdict, opts.idempotencyKey).catch((error: unknown) => {
    throw withRerunCommand(ctx.globals, error, { argv: opts.argv, input, data: opts.data, follow: followOpts });
  });
  const id = result.video_id;
  // The id the moment it exists: whatever happens next, the user can find this video.
  if (ctx.out.mode === 'quiet') ctx.out.data(id);
  ctx.out.info(
    `${ctx.out.style.green('✔')} Created video ${ctx.out.style.bold(id)} (${result.status}; idempotency key ${result.idempotency_key})`,
  );
  // --json prints its one document only after the wait; the id must not wait with it (a killed CI job).
  if (ctx.out.mode === 'json' && followOpts) ctx.io.stderr.write(`Created video ${id}; the JSON document follows when it is done.\n`);
  // An audio render lasts as long as its audio: known for a local file (read before the upload).
  const audio = local.find((m) => m.field === 'audio_asset_id');
  const basis = renderBasis(verdict.body, audio && (mediaDurationSeconds(audio.file.path) ?? 0) * 1000);
  noteCreated(ctx, id, basis);

  if (followOpts) {
    const timing = followOpts.wait ? await resolveTiming(ctx, followOpts, basis) : undefined;
    const waitStarted = ctx.now();
    const followed = await followVideo(api, id, { ...followOpts, timing }, await followHooks(ctx, id));
    // The time seen includes any download, so it only stands in for the server's timestamps without one.
    if (followOpts.wait)
      rememberRender(ctx, basis, followed.video, followOpts.download === undefined ? ctx.now() - waitStarted : undefined);
    result.status = followed.video.status;
    result.video = followed.video;
    result.files = followed.files;
  } else {
    ctx.out.info(ctx.out.style.dim(`  Follow it with: ${twinInvocation()} video wait ${id} --download`));
  }
  if (opts.onResult) opts.onResult(result);
  else {
    const { humanResult } = await import('./video-result.js');
    ctx.out.result(result, { human: (r, style) => humanResult(ctx, r, style.bold) });
  }
  return 0;
}

function printDryRun(ctx: Context, verdict: PreflightVerdict, idempotencyKey: string | undefined): number {
  const doc = {
    dry_run: true,
    ok: verdict.ok,
    request: verdict.body,
    problems: verdict.problems.map((p) => ({ ...p, message: asFlags(p.message) })),
    notes: verdict.notes.map(asFlags),
    idempotency_key: idempotencyKey ?? null,
  };
  // People and pipes get the exact body on stdout (`> body.json`, then `-d @body.json`).
  ctx.out.result(doc, { human: (d) => safeJson(d.request, 2) });
  showNotes(ctx, verdict.notes);
  assertPreflight(verdict);
  ctx.out.info(`${ctx.out.style.green('✔')} Pre-flight passed. Nothing was sent (--dry-run): this is the body POST /v3/videos would get.`);
  return 0;
}

function showNotes(ctx: Context, notes: string[]): void {
  for (const note of notes) ctx.out.info(`${ctx.out.style.yellow('!')} ${asFlags(note)}`);
}
