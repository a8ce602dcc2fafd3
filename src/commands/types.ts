import type { Command } from 'commander';
import type { Context } from '../ui/context-types.js';

export interface CommandInput {
  /** Positional arguments as commander gives them (a variadic one is an array). */
  args: unknown[];
  /** The command's own options, commander's camelCase names. */
  opts: Record<string, unknown>;
  /** The whole command tree (its root), for commands that describe it (completion). */
  tree?: Command;
}

/** A command's run function: returns its exit code (default 0) or throws a TwinError. */
export type Run = (ctx: Context, input: CommandInput) => Promise<number | void>;
export type Loader = () => Promise<{ run: Run }>;
/** Turns a lazy loader into a commander action; built by runCli. */
export type Act = (load: Loader) => (...args: unknown[]) => Promise<void>;
type Register = (program: Command, act: Act) => void;
