// Shared set-up for the wizard's step tests: a Context on fake terminal streams pointed at
// the sandbox, and a cannedPrompt that also records what each question offered.
import { PassThrough } from 'node:stream';
import { createContext, type Context } from '../../src/ui/context.js';
import type { Choice, Prompter } from '../../src/ui/prompt.js';
import { createState, type WizardOptions, type WizardState } from '../../src/wizard/state.js';
import type { VideoInput } from '../../src/core/video/request.js';
import { cannedPrompt, tempDir, testEnv, type SandboxLike } from '../helpers/harness.js';

export interface Asked {
  kind: keyof Prompter;
  message: string;
  opts: Record<string, unknown>;
}

export type RecordingPrompt = Prompter & {
  asked: Asked[];
  /** The question whose message matches, or a failure naming what was asked. */
  question(match: RegExp): Asked;
  /** The choices a select offered, or a search offered before anything was typed. */
  choices(match: RegExp, term?: string): Promise<Array<Choice<unknown>>>;
  /** Fails unless every canned answer was used. */
  unused(): number;
};

/**
 * cannedPrompt from the harness, plus a record of each question's options (so tests can
 * inspect the choices offered). An answer that is an Error is thrown, as Ctrl-C is.
 */
export function recordingPrompt(answers: Array<{ match: RegExp; answer: unknown }>): RecordingPrompt {
  const canned = cannedPrompt(answers);
  const asked: Asked[] = [];
  const wrap = (kind: keyof Prompter) => async (opts: Record<string, unknown>) => {
    asked.push({ kind, message: String(opts.message), opts });
    const answer: unknown = await (canned[kind] as (o: unknown) => Promise<unknown>)(opts);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const question = (match: RegExp): Asked => {
    const found = asked.find((a) => match.test(a.message));
    if (!found) throw new Error(`no question matched ${match}; asked: ${asked.map((a) => a.message).join(' | ')}`);
    return found;
  };
  return {
    select: wrap('select'),
    search: wrap('search'),
    input: wrap('input'),
    password: wrap('password'),
    confirm: wrap('confirm'),
    editor: wrap('editor'),
    asked,
    question,
    async choices(match: RegExp, term?: string) {
      const q = question(match);
      if (q.kind === 'search') return (q.opts.source as (t: string | undefined) => Promise<Array<Choice<unknown>>>)(term);
      return q.opts.choices as Array<Choice<unknown>>;
    },
    unused: () => answers.length - canned.asked.length,
  } as unknown as RecordingPrompt;
}

/** The questions of the options step's advanced group, by the field each one sets. */
const ADVANCED_QUESTIONS = {
  title: /^Title/,
  outputFormat: /^Output format/,
  background: /^Background:/,
  backgroundColour: /^Background colour/,
  backgroundImage: /^Background image/,
  removeBackground: /^Remove the look/,
  fit: /^Fit/,
  motionPrompt: /^Motion prompt/,
  expressiveness: /^Expressiveness/,
  voiceSpeed: /^Voice speed/,
  voicePitch: /^Voice pitch/,
  voiceVolume: /^Voice volume/,
  voiceAccent: /^Voice accent/,
  captions: /^Also save captions/,
} as const;

/**
 * Canned answers for the advanced group. Give exactly the questions the step should ask: an
 * unexpected one fails the prompt, and `unused()` catches one that was never asked.
 */
export function advancedAnswers(
  answers: Partial<Record<keyof typeof ADVANCED_QUESTIONS, unknown>>,
): Array<{ match: RegExp; answer: unknown }> {
  return Object.entries(answers).map(([field, answer]) => ({
    match: ADVANCED_QUESTIONS[field as keyof typeof ADVANCED_QUESTIONS],
    answer,
  }));
}

export interface StepHarness {
  ctx: Context;
  state: WizardState;
  stderr(): string;
  stdout(): string;
  cwd: string;
  env: Record<string, string | undefined>;
  dispose(): Promise<void>;
}

function stream(): PassThrough & { isTTY: boolean; columns: number; text(): string } {
  const s = new PassThrough() as PassThrough & { isTTY: boolean; columns: number; text(): string };
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(c));
  s.isTTY = true;
  s.columns = 120;
  s.text = () => Buffer.concat(chunks).toString('utf8');
  return s;
}

/** A terminal-like Context against the sandbox, and a fresh wizard state. */
export function stepHarness(
  sandbox: SandboxLike | undefined,
  prompt: Prompter,
  opts: {
    input?: Partial<VideoInput>;
    defaults?: Partial<VideoInput>;
    options?: WizardOptions;
    env?: Record<string, string | undefined>;
    cwd?: string;
  } = {},
): StepHarness {
  const stdout = stream();
  const stderr = stream();
  const stdin = stream();
  const env = testEnv({ sandbox, env: { NO_COLOR: '1', ...opts.env } });
  const cwd = opts.cwd ?? tempDir('twin-wizard-');
  const ctx = createContext({ streams: { stdin, stdout, stderr }, env, cwd, prompt, clientOptions: { maxRetries: 1 } });
  const state = createState(opts.defaults ?? {}, { ...opts.options, preset: opts.options?.preset });
  Object.assign(state.input, opts.input);
  return { ctx, state, stderr: () => stderr.text(), stdout: () => stdout.text(), cwd, env, dispose: () => ctx.dispose() };
}

/** Splits a POSIX command line the way sh does for the quoting shellJoin produces ('…', "…", \x). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed ' in ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && '"\\$`'.includes(line[j + 1] ?? '')) j++;
        text += line[j];
      }
      word = (word ?? '') + text;
      i = j;
    } else if (c === '\\' && line[i + 1] === '\n') {
      i++; // a line continuation: backslash-newline is removed
    } else if (c === '\\') {
      word = (word ?? '') + (line[++i] ?? '');
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
