// twin voices wait <voice_id>: follow a clone to `complete` (the API's word, not `completed`) with
// the render's spinner and exit codes: 0 ready, 5 failed, 4 timed out, 130 interrupted.
import type { VoiceDetail } from '../../api/index.js';
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { parseDuration } from '../../shared/duration.js';
import { parseId } from '../listing.js';
import { waitForClone } from '../../flows/voice-clone.js';
import { pollTiming } from '../../core/poll/timing.js';
import { startWaitDisplay, VOICE_CLONE_SUBJECT } from '../../ui/spinner.js';
import { formatElapsed } from '../../shared/elapsed.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const optionsSchema = z.object({ timeout: z.optional(z.string()) });

/** The command that makes a voice the default (config/schema.ts key `voice`). */
export function setDefaultCommand(voiceId: string): string {
  return `${twinInvocation()} config set voice ${voiceId}`;
}

/** Clones take minutes, not hours: the wait gives up after this unless --timeout says otherwise. */
const CLONE_TIMEOUT_MS = 30 * 60_000;

export async function waitForCloneWithDisplay(ctx: Context, id: string, timeout?: string): Promise<VoiceDetail> {
  const timing = pollTiming({
    timeoutMs: timeout === undefined ? CLONE_TIMEOUT_MS : parseDuration(timeout, '--timeout'),
    signal: ctx.signal,
    now: ctx.now,
    sleep: ctx.sleep,
  });
  const display = await startWaitDisplay(ctx, `voice clone ${id}`, VOICE_CLONE_SUBJECT);
  const started = ctx.now();
  try {
    const voice = await waitForClone(await ctx.api(), id, timing, (status) => display.video({ id, status }));
    display.stop({ ok: true, text: `Voice ${voice.voice_id} is ready (${formatElapsed(ctx.now() - started)})` });
    return voice;
  } catch (error) {
    display.stop();
    throw error;
  }
}

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<number> {
  const id = parseId(args[0], 'voice', `${twinInvocation()} voices list --type private`);
  const o = parseOptions(optionsSchema, opts);
  const voice = await waitForCloneWithDisplay(ctx, id, o.timeout);
  ctx.out.result(
    { ...voice, status: 'complete', set_default: setDefaultCommand(voice.voice_id) },
    {
      human: (v, style) => `${style.green('✔')} Voice ${style.bold(v.voice_id)} is ready.\n  Make it your default voice: ${v.set_default}`,
      quiet: (v) => [v.voice_id],
    },
  );
  return 0;
}
