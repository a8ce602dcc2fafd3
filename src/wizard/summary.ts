// Step 7: the summary. Every choice, the pre-flight verdict (checked against the API
// without creating anything) and the `twin video create ...` line that makes the same video
// with no questions. Then: create, go back to a step, save the choices as defaults, or stop.
import { basename } from 'node:path';
import { InterruptedError } from '../shared/errors.js';
import { composeCreateBody, inputFromSettings, toCommandWords, VIDEO_INPUT_KEYS, type VideoInput } from '../core/video/request.js';
import { fileFlags, type FollowOptions } from '../flows/video.js';
import { wrapCommand } from '../shared/shell-quote.js';
import { assertPreflight, createPreflightCache, preflight, type PreflightVerdict } from '../core/video/preflight.js';
import { toFlag } from '../shared/flag-names.js';
import type { Context } from '../ui/context-types.js';
import type { Style } from '../ui/style.js';
import { saveDefaults } from './defaults-file.js';
import type { StepName, StepOutcome, WizardState } from './state.js';
import { ENGINE_INFO, say } from './ui.js';
import { countLine } from './script.js';
import { voiceLabel } from './voice.js';
import { DEFAULT_ENGINE } from '../shared/video-facts.js';
import { twinInvocation } from '../shared/twin-invocation.js';
import { asFlags } from '../ui/report-error.js';

type Next = 'create' | 'back' | 'save' | 'cancel';

export async function showSummary(ctx: Context, state: WizardState): Promise<StepOutcome> {
  const api = await ctx.api();
  // Composed exactly as createVideoFlow composes it, so the verdict is about the body it sends.
  const composed = composeCreateBody(state.input, state.options.data, inputFromSettings(await ctx.settings()));
  const verdict = await preflight(api, composed.body, (state.preflightCache ??= createPreflightCache()));
  verdict.notes.unshift(...composed.notes);
  const words = commandWords(state);
  const command = words.join(' ');
  // Printed once: a dry run's command line is its stdout (below), not part of the summary.
  say(ctx, summaryText(state, verdict, state.options.dryRun ? undefined : wrapCommand(words, ctx.io.columns - 4, '      '), ctx.out.style));

  if (state.options.dryRun) {
    // The command line is the product of a dry run: data on stdout, ready for `> make-video.sh`.
    ctx.out.result(
      { command, body: verdict.body, preflight: { ok: verdict.ok, problems: verdict.problems, notes: verdict.notes } },
      // Wrapped with ` \` continuations for a terminal; one line into a file or pipe.
      { human: (v) => (ctx.io.stdoutIsTTY ? wrapCommand(words, ctx.io.columns, '  ') : v.command) },
    );
    assertPreflight(verdict);
    return { exit: 0 };
  }
  if (state.options.yes) {
    assertPreflight(verdict);
    return;
  }
  for (;;) {
    const next = await ctx.prompt.select<Next>({
      message: 'Next:',
      choices: [
        {
          value: 'create',
          name: 'Create the video (spends credits)',
          short: 'create',
          ...(verdict.ok ? {} : { disabled: 'fix the problems above first' }),
        },
        { value: 'back', name: 'Go back to a step', short: 'go back' },
        { value: 'save', name: 'Save these choices as defaults in ./.heygenrc', short: 'save defaults' },
        { value: 'cancel', name: 'Stop here (nothing is sent)', short: 'stop' },
      ],
      default: verdict.ok ? 'create' : 'back',
    });
    if (next === 'create') return;
    if (next === 'cancel') throw new InterruptedError('Stopped at the summary; nothing was sent.');
    if (next === 'back') return { goto: await chooseStep(ctx) };
    const saved = await saveDefaults(ctx.cwd, state.input);
    say(
      ctx,
      `${ctx.out.style.green('✔')} Saved ${saved.keys.join(', ')} to ./${basename(saved.path)}; \`${twinInvocation()} video create\` and the wizard start from them.`,
    );
  }
}

async function chooseStep(ctx: Context): Promise<StepName> {
  return ctx.prompt.select<StepName>({
    message: 'Go back to:',
    choices: [
      { value: 'look', name: 'Look' },
      { value: 'engine', name: 'Engine' },
      { value: 'voice', name: 'Voice' },
      { value: 'script', name: 'Script' },
      { value: 'options', name: 'Options (resolution, aspect ratio, advanced)' },
    ],
  });
}

/**
 * The equivalent non-interactive command, quoted word by word: the answers, the -d body
 * `video create` was given, and what the wizard does after the create (wait, download, -o),
 * so pasting it makes the same request and follows it the same way.
 */
function commandWords(state: WizardState): string[] {
  const data = state.options.data;
  const { script: _inFile, ...rest } = state.input;
  const extra = [
    ...(state.scriptFile ? ['--script-file', state.scriptFile] : []),
    ...(data && Object.keys(data).length > 0 ? ['--data', JSON.stringify(data)] : []),
    ...(state.options.follow ? followWords(state.options.follow) : []),
    ...(state.options.idempotencyKey ? ['--idempotency-key', state.options.idempotencyKey] : []),
  ];
  return toCommandWords(state.scriptFile ? rest : state.input, extra);
}

/** --wait, --download or -o PATH, and the file flags (--captions comes from the answers). */
function followWords(follow: FollowOptions): string[] {
  const words = follow.wait ? ['--wait'] : [];
  if (follow.download === true) words.push('--download');
  else if (typeof follow.download === 'string') words.push('-o', follow.download);
  words.push(...fileFlags({ ...follow, captions: false }));
  if (follow.timeoutMs !== undefined) words.push('--timeout', `${follow.timeoutMs}ms`);
  if (follow.intervalMs !== undefined) words.push('--interval', `${follow.intervalMs}ms`);
  return words;
}

function summaryText(state: WizardState, verdict: PreflightVerdict, command: string | undefined, s: Style): string {
  const { input, look, voice } = state;
  const rows: Array<[string, string]> = [
    [
      'Look',
      look ? `${look.name} (${look.id})${look.preferred_orientation ? ` · ${look.preferred_orientation}` : ''}` : (input.look ?? '-'),
    ],
    ['Engine', ENGINE_INFO[input.engine ?? DEFAULT_ENGINE].label],
  ];
  if (input.voice) rows.push(['Voice', voice ? `${voiceLabel(voice)} · ${voice.id}` : input.voice]);
  if (input.script !== undefined)
    rows.push(['Script', `${quote(input.script)} (${countLine(input.script)}${state.scriptFile ? `, from ${state.scriptFile}` : ''})`]);
  const shown = new Set<keyof VideoInput>(['look', 'engine', 'voice', 'script']);
  for (const key of VIDEO_INPUT_KEYS) {
    const value = input[key];
    if (shown.has(key) || value === undefined) continue;
    rows.push([
      toFlag(key)
        .slice(2)
        .replace(/-/g, ' ')
        .replace(/^./, (c) => c.toUpperCase()),
      typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value),
    ]);
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = ['', s.bold('Summary'), ...rows.map(([k, v]) => `  ${s.dim(k.padEnd(width))}  ${v}`), ''];
  if (verdict.ok) lines.push(`  ${s.green('✔')} Pre-flight: nothing here the API would reject.`);
  else
    lines.push(`  ${s.red('✖')} Pre-flight found ${verdict.problems.length === 1 ? 'a problem' : `${verdict.problems.length} problems`}:`);
  for (const p of verdict.problems) lines.push(`    ${s.red('✖')} ${p.flag}: ${asFlags(p.message)}`);
  for (const note of verdict.notes) lines.push(`    ${s.yellow('!')} ${asFlags(note)}`);
  if (command !== undefined) {
    lines.push(
      '',
      '  The same video without questions (paste into a script):',
      ...command.split('\n').map((l, i) => `${i === 0 ? '    ' : ''}${s.cyan(l)}`),
    );
  }
  lines.push('');
  return lines.join('\n');
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > 60 ? `${flat.slice(0, 57)}…` : flat}"`;
}
