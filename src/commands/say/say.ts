// twin say <text>: hear a script in a voice before paying for a render. One synchronous speech
// request (contract §11.1), the audio saved verified and atomically, then its length, its words and
// what a render of exactly this audio would cost at each engine's published rate (an estimate).
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { UsageError } from '../../shared/errors.js';
import { writeFileAtomic } from '../../shared/safe-fs.js';
import { checkTargetBeforePaying } from '../../core/download/target-check.js';
import { chooseVoice, speak, type SpokenAudio } from '../../flows/speech.js';
import { describeRenderCosts } from '../../core/voice/cost.js';
import { wordsToSrt } from '../../core/voice/srt.js';
import { readStdinText, readUserText } from '../../ui/text-input.js';
import { displayPath } from '../../ui/follow-display.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

/** Without -o the audio goes here, replaced each run: the loop is "hear, fix, hear again". */
export const DEFAULT_SPEECH_FILE = 'speech.mp3';

export const optionsSchema = z.object({
  scriptFile: z.optional(z.string().check(z.minLength(1, 'needs a file path, or - for stdin'))),
  voice: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs a voice id'))),
  look: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs a look id'))),
  speed: z.optional(z.coerce.number({ error: 'must be a number from 0.5 to 2' })),
  locale: z.optional(z.string().check(z.trim(), z.minLength(2, 'must be a locale such as en-US'))),
  ssml: z.optional(z.boolean()),
  output: z.optional(z.string().check(z.minLength(1, 'needs a file path'))),
  force: z.optional(z.boolean()),
  srt: z.optional(z.string().check(z.minLength(1, 'needs a file path'))),
});

export type SayResult = Omit<SpokenAudio, 'word_timestamps'> & { word_timestamps?: SpokenAudio['word_timestamps']; srt: string | null };

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<number> {
  const o = parseOptions(optionsSchema, opts);
  const text = await scriptText(ctx, args[0], o.scriptFile);
  const output = o.output ?? DEFAULT_SPEECH_FILE;
  // Every path is checked before anything is paid for.
  checkTarget(ctx, output, '-o', o.force === true || o.output === undefined);
  if (o.srt) checkTarget(ctx, o.srt, '--srt', true);
  const settings = await ctx.settings();
  const api = await ctx.api();
  const voice = await chooseVoice(api, { voice: o.voice, settingsVoice: settings.values.voice, look: o.look ?? settings.values.look });
  const spoken = await speak(
    {
      text,
      voiceId: voice.voice_id,
      ...(o.speed !== undefined ? { speed: o.speed } : {}),
      ...(o.locale ? { locale: o.locale } : {}),
      ssml: o.ssml === true,
      target: resolve(ctx.cwd, output),
      force: o.force === true || o.output === undefined,
    },
    {
      api,
      signal: ctx.signal,
      sleep: ctx.sleep,
      onRetry: () => ctx.out.warn('The speech request got no answer; asking once more (it may be billed twice, a few cents).'),
    },
  );
  let srt: string | null = null;
  if (o.srt) {
    if (spoken.word_timestamps.length === 0) ctx.out.warn('The API gave no word timestamps, so no captions were written.');
    else {
      srt = resolve(ctx.cwd, o.srt);
      writeFileAtomic(srt, wordsToSrt(spoken.word_timestamps));
    }
  }
  const { word_timestamps, ...rest } = spoken;
  const result: SayResult = { ...rest, srt, ...(ctx.out.mode === 'json' ? { word_timestamps } : {}) };
  ctx.out.result(result, {
    human: (r, style) =>
      [
        `${style.green('✔')} ${displayPath(ctx, r.path)}  ${r.duration.toFixed(1)} s, ${r.words} words, voice ${r.voice_id}`,
        `  A render of exactly this audio (up to 1080p, published rates, an estimate): ${describeRenderCosts(r.cost)}`,
        `  This speech: about $${r.cost.speech_usd.toFixed(4)} (Starfish)`,
        ...(r.srt ? [`  Captions: ${displayPath(ctx, r.srt)}`] : []),
        ...(r.retried ? [style.dim('  (asked twice after a lost answer)')] : []),
      ].join('\n'),
    quiet: (r) => [r.path],
  });
  return 0;
}

async function scriptText(ctx: Context, arg: unknown, scriptFile: string | undefined): Promise<string> {
  const given = typeof arg === 'string' ? arg : undefined;
  if (given !== undefined && scriptFile !== undefined) {
    throw new UsageError('Give the text once: as an argument or with --script-file, not both.', { flag: '--script-file' });
  }
  const source = scriptFile ?? given;
  if (source === undefined) {
    throw new UsageError('Nothing to say: pass the text, --script-file PATH, or - to read stdin.', {
      suggestion: `${twinInvocation()} say "Hello, this is my twin."`,
    });
  }
  const fromStdin = source === '-';
  const text = fromStdin
    ? await readStdinText(ctx, 'the script', '--script-file')
    : scriptFile !== undefined
      ? await readUserText(ctx, scriptFile, '--script-file')
      : source;
  return text.replace(/\s+$/, '');
}

function checkTarget(ctx: Context, path: string, flag: string, overwrite: boolean): void {
  const full = resolve(ctx.cwd, path);
  if (!statSync(dirname(full), { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`${flag}: the folder of ${path} does not exist.`, { flag, suggestion: 'Create it first.' });
  checkTargetBeforePaying(full, { flag, force: overwrite });
}
