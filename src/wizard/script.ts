// Step 5: the script. Typed on one line, written in $EDITOR, or read from a file; the
// count against the 5000-character limit is shown before anything is sent.
import { readRegularFile } from '../shared/safe-fs.js';
import { UsageError } from '../shared/errors.js';
import { decodeUtf8 } from '../shared/utf8.js';
import { resolve } from 'node:path';
import { SCRIPT_MAX_CHARS } from '../shared/video-facts.js';
import type { Context } from '../ui/context-types.js';
import { shouldAsk, type StepOutcome, type WizardState } from './state.js';
import { say } from './ui.js';
import { askLocalFile } from './options.js';

type Source = 'keep' | 'type' | 'editor' | 'file' | 'audio';

export async function chooseScript(ctx: Context, state: WizardState): Promise<StepOutcome> {
  if (!shouldAsk(state, 'script', 'script')) return;
  // An audio file given as a flag drives the lips instead of a script.
  if ((state.input.audioUrl !== undefined || state.input.audio !== undefined) && state.revisit !== 'script') return;
  for (;;) {
    const current = state.input.script;
    const source = await ctx.prompt.select<Source>({
      message: 'Script: how do you want to give it?',
      choices: [
        ...(current ? [{ value: 'keep' as const, name: `Keep the current script (${countLine(current)})`, short: 'keep' }] : []),
        { value: 'type', name: 'Type it here (one line)', short: 'type it' },
        { value: 'editor', name: `Write it in your editor (${ctx.env.VISUAL || ctx.env.EDITOR || 'the default editor'})`, short: 'editor' },
        { value: 'file', name: 'Read it from a text file', short: 'file' },
        { value: 'audio', name: 'No script: lip-sync to a local audio file… (mp3 or wav, uploaded once)', short: 'audio file' },
      ],
    });
    if (source === 'audio') {
      state.input.audio = await askLocalFile(ctx, 'Audio file (mp3 or wav):', '--audio', ['audio'], state.input.audio);
      delete state.input.script;
      delete state.input.audioUrl;
      delete state.scriptFile;
      return;
    }
    const read = await readScript(ctx, source, current);
    const problem = 'problem' in read ? read.problem : scriptProblem(read.text);
    if (problem || 'problem' in read) {
      say(ctx, ctx.out.style.red(`✖ ${problem}`));
      continue;
    }
    state.input.script = read.text;
    // The command line then says --script-file: shorter, and it follows edits to the file.
    if (source !== 'keep') state.scriptFile = read.file;
    delete state.input.audioUrl;
    delete state.input.audio;
    say(ctx, ctx.out.style.dim(`  ${countLine(read.text)}`));
    return;
  }
}

/** The text (and the file it came from, as typed), or why it could not be read (then the user picks again). */
async function readScript(
  ctx: Context,
  source: Exclude<Source, 'audio'>,
  current: string | undefined,
): Promise<{ text: string; file?: string } | { problem: string }> {
  switch (source) {
    case 'keep':
      return { text: current ?? '' };
    case 'type':
      return { text: await ctx.prompt.input({ message: 'Script text:', default: current, validate: (v) => scriptProblem(v) ?? true }) };
    case 'editor':
      // Editors end files with a newline the user never meant to say.
      return { text: (await ctx.prompt.editor({ message: 'Script (opens your editor):', default: current, postfix: '.txt' })).trimEnd() };
    case 'file': {
      const file = (
        await ctx.prompt.input({ message: 'Script file path:', validate: (v) => (v.trim() ? true : 'Give a path to a text file.') })
      ).trim();
      const full = resolve(ctx.cwd, file);
      try {
        // Read as `video create --script-file` reads it, so the command line makes the same body.
        return { text: decodeUtf8(readRegularFile(full), 'Script file', file).replace(/\s+$/, ''), file };
      } catch (error) {
        if (error instanceof UsageError) return { problem: error.message };
        return { problem: `Cannot read ${full}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
      }
    }
  }
}

/** Why a script cannot be sent, or undefined when it can. */
function scriptProblem(text: string): string | undefined {
  if (text.trim() === '') return 'The script is empty.';
  if (text.length > SCRIPT_MAX_CHARS) {
    return `The script is ${text.length} characters; the limit is ${SCRIPT_MAX_CHARS}. Shorten it or split it into several videos.`;
  }
  return undefined;
}

export function countLine(text: string): string {
  return `${text.length} / ${SCRIPT_MAX_CHARS} characters`;
}
