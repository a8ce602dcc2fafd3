// Prompts go through this small interface so the wizard and confirmations can be tested
// with canned answers. The real one loads @inquirer/prompts only when first asked, and
// writes to stderr so stdout stays clean for data.
import { InterruptedError, UsageError } from '../shared/errors.js';
import type { IO } from './io.js';

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
  /** Shown after the answer instead of `name` (keeps long list rows out of the transcript). */
  short?: string;
  /** true, or the reason it cannot be picked (shown next to it). */
  disabled?: boolean | string;
}

export interface Prompter {
  select<T>(opts: { message: string; choices: Array<Choice<T>>; default?: T; pageSize?: number }): Promise<T>;
  search<T>(opts: {
    message: string;
    source: (term: string | undefined) => Promise<Array<Choice<T>>> | Array<Choice<T>>;
    pageSize?: number;
  }): Promise<T>;
  input(opts: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  password(opts: { message: string; validate?: (value: string) => true | string }): Promise<string>;
  confirm(opts: { message: string; default?: boolean }): Promise<boolean>;
  editor(opts: { message: string; default?: string; postfix?: string; validate?: (value: string) => true | string }): Promise<string>;
}

/** Used when nobody can answer: asking is a usage error naming what to pass instead. */
export function noPrompter(): Prompter {
  const refuse = (opts: { message: string }): never => {
    throw new UsageError(`Cannot ask "${opts.message.replace(/[?:]\s*$/, '')}" without a terminal.`, {
      suggestion: 'Pass the value as a flag (see --help).',
    });
  };
  return { select: refuse, search: refuse, input: refuse, password: refuse, confirm: refuse, editor: refuse } as Prompter;
}

export function inquirerPrompter(io: IO): Prompter {
  const context = { input: io.stdin, output: io.stderr, clearPromptOnDone: false };
  const load = () => import('@inquirer/prompts');
  const guard = async <T>(ask: () => Promise<T>): Promise<T> => {
    try {
      return await ask();
    } catch (error) {
      if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
        throw new InterruptedError('Cancelled; nothing was sent.');
      }
      throw error;
    }
  };
  return {
    select: async (opts) => {
      const p = await load();
      return guard(() => p.select({ ...opts, choices: opts.choices }, context));
    },
    search: async (opts) => {
      const p = await load();
      return guard(() => p.search({ ...opts, source: async (term) => opts.source(term) }, context));
    },
    input: async (opts) => {
      const p = await load();
      return guard(() => p.input(opts, context));
    },
    password: async (opts) => {
      const p = await load();
      return guard(() => p.password({ ...opts }, context));
    },
    confirm: async (opts) => {
      const p = await load();
      return guard(() => p.confirm(opts, context));
    },
    editor: async (opts) => {
      const p = await load();
      return guard(() => p.editor({ ...opts, waitForUserInput: false }, context));
    },
  };
}
