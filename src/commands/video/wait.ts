// twin video wait <id...>: wait for renders (spinner, or plain lines in CI), optionally
// download them. One id polls GET /v3/videos/{id}; several share one bulk status request per
// 100 ids. Exit 0 when all completed, 5 when any failed, 4 on timeout, 130 on Ctrl-C.
import type { HeyGenClient, Video } from '../../api/index.js';
import type { Context } from '../../ui/context-types.js';
import { ApiError, RenderFailedError, UsageError } from '../../shared/errors.js';
import { pollVideos, type PollTiming } from '../../core/poll/poller.js';
import { countLabels, describeCounts, formatElapsed, statusPhase } from '../../core/poll/video-status.js';
import { startWaitDisplay } from '../../ui/spinner.js';
import type { Style } from '../../ui/style.js';
import { parseOptions } from '../options.js';
import { parseDuration } from '../../shared/duration.js';
import type { CommandInput } from '../types.js';
import { renderFailed, type SavedFile } from '../../flows/video.js';
import { downloadWithDisplay, savedFileLine, waitWithDisplay } from '../../ui/follow-display.js';
import { rememberRender, resolveTiming, runningBasis } from '../../core/poll/timing.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const transferFlags = {
  output: z.optional(z.string().check(z.minLength(1, 'needs a file or folder path'))),
  force: z.optional(z.boolean()),
  captions: z.optional(z.boolean()),
  captioned: z.optional(z.boolean()),
  thumbnail: z.optional(z.boolean()),
};

const optionsSchema = z.object({
  interval: z.optional(z.string()),
  timeout: z.optional(z.string()),
  download: z.optional(z.union([z.string().check(z.minLength(1, 'needs a file or folder path')), z.literal(true)])),
  ...transferFlags,
});

export interface WaitResult {
  videos: Video[];
  files: Array<SavedFile & { video_id: string }>;
}

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<number> {
  const ids = parseIds(args[0]);
  const o = parseOptions(optionsSchema, opts);
  // -o and the file flags all mean "and download it".
  let download = o.output ?? o.download ?? (o.captions || o.captioned || o.thumbnail ? true : undefined);
  // With several videos the path can only be a folder.
  if (ids.length > 1 && typeof download === 'string' && !/[\\/]$/.test(download)) download = `${download}/`;
  // One video is polled by a plan that learns from its created_at how long it has rendered (and
  // from the create, when this machine made it); several share one bulk status request a cycle,
  // and the first to finish teach the rest.
  const knowledge = ids.length === 1 ? runningBasis(ctx, ids[0]!) : ('several' as const);
  const timing = await resolveTiming(
    ctx,
    {
      intervalMs: o.interval === undefined ? undefined : parseDuration(o.interval, '--interval'),
      timeoutMs: o.timeout === undefined ? undefined : parseDuration(o.timeout, '--timeout'),
      download,
      force: o.force,
      captions: o.captions,
      captioned: o.captioned,
      thumbnail: o.thumbnail,
    },
    knowledge,
  );

  const api = await ctx.api();
  const videos = ids.length === 1 ? [await waitWithDisplay(ctx, api, ids[0]!, timing)] : await waitForMany(ctx, api, ids, timing);
  // A render this machine created teaches the next plans, as a wait begun at the create would (server timestamps only).
  if (knowledge !== 'several') rememberRender(ctx, knowledge.running, videos[0]!);
  const result: WaitResult = { videos, files: [] };
  if (download !== undefined) {
    for (const video of videos.filter((v) => statusPhase(v.status) === 'completed')) {
      const files = await downloadWithDisplay(ctx, api, video, { ...o, download });
      result.files.push(...files.map((f) => ({ video_id: video.id, ...f })));
    }
  }
  ctx.out.result(result, {
    human: (r, style) => renderWaitResult(ctx, r, style),
    quiet: (r) => r.videos.filter((v) => statusPhase(v.status) === 'completed').map((v) => v.id),
  });
  throwForProblems(videos);
  return 0;
}

function parseIds(raw: unknown): string[] {
  const ids = (Array.isArray(raw) ? raw : [raw]).map((id) => String(id ?? '').trim());
  if (ids.length === 0 || ids.some((id) => id === '')) {
    throw new UsageError('Give at least one video id (empty ids are not allowed).', {
      suggestion: `${twinInvocation()} video wait <id> [more ids...]`,
    });
  }
  return [...new Set(ids)];
}

async function waitForMany(ctx: Context, api: HeyGenClient, ids: string[], timing: PollTiming): Promise<Video[]> {
  const display = await startWaitDisplay(ctx, `${ids.length} videos`);
  const started = ctx.now();
  try {
    const done = await pollVideos(api, ids, timing, (snapshot) => display.snapshot(snapshot));
    const videos = [...done.values()];
    const ok = videos.every((v) => statusPhase(v.status) === 'completed');
    const counts = describeCounts(countLabels(videos.map((v) => v.status)));
    display.stop({ ok, text: `${videos.length} videos finished after ${formatElapsed(ctx.now() - started)}: ${counts}` });
    return videos;
  } catch (error) {
    display.stop();
    throw error;
  }
}

/** Exit 5 if any render failed, else 1 if any id is unknown; the result is already printed. */
function throwForProblems(videos: Video[]): void {
  const failed = videos.filter((v) => statusPhase(v.status) === 'failed');
  if (videos.length === 1 && failed.length === 1) throw renderFailed(failed[0]!);
  if (failed.length > 0) {
    const list = failed.map((v) => `${v.id} (${v.failure_code ?? 'unknown'}: ${v.failure_message ?? 'no reason given'})`);
    throw new RenderFailedError(`${failed.length} of ${videos.length} videos failed to render: ${list.join('; ')}`, {
      suggestion: 'The others completed. Fix the causes and create the failed ones again.',
      details: {
        failed: failed.map((v) => ({ video_id: v.id, failure_code: v.failure_code ?? null, failure_message: v.failure_message ?? null })),
      },
    });
  }
  const unknown = videos.filter((v) => statusPhase(v.status) === 'not_found');
  if (unknown.length > 0) {
    throw new ApiError(`The API knows no video with id ${unknown.map((v) => v.id).join(', ')}.`, {
      code: 'video_not_found',
      suggestion: `Check the ids with \`${twinInvocation()} video list\`.`,
      details: { video_ids: unknown.map((v) => v.id) },
    });
  }
}

export function renderWaitResult(ctx: Context, r: WaitResult, style: Style): string {
  const lines: string[] = [];
  for (const v of r.videos) {
    const phase = statusPhase(v.status);
    const mark = phase === 'completed' ? style.green('✔') : style.red('✖');
    const facts = [v.title ? `"${v.title}"` : '', v.duration ? `${Math.round(v.duration * 10) / 10}s` : ''].filter(Boolean).join('  ');
    lines.push(`${mark} ${style.bold(v.id)}  ${v.status}${facts ? `  ${facts}` : ''}`);
    if (phase === 'failed' || phase === 'not_found')
      lines.push(`  ${v.failure_code ?? 'failed'}: ${v.failure_message ?? 'no reason given'}`);
    for (const f of r.files.filter((file) => file.video_id === v.id)) {
      lines.push(`  ${savedFileLine(ctx, f, style)}`);
    }
    if (phase === 'completed' && !r.files.some((f) => f.video_id === v.id) && v.video_url) {
      lines.push(`  ${style.dim('download')}  ${twinInvocation()} video download ${v.id}`);
    }
  }
  return lines.join('\n');
}
