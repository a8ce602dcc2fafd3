// What a command touches in the outside world (the Context), apart from the code that builds it
// (context.ts), so that the ui pieces a command uses can name the type without importing that code.
import type { HeyGenClient } from '../api/index.js';
import type { ResolvedSettings } from '../config/load.js';
import type { ApiKeyInfo } from '../config/credentials.js';
import type { IO } from './io.js';
import type { Output } from './output.js';
import type { Prompter } from './prompt.js';

export type Env = Record<string, string | undefined>;
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface GlobalOptions {
  json?: boolean;
  quiet?: boolean;
  debug?: boolean;
  color?: boolean;
  input?: boolean; // --no-input sets false
}

export interface Context {
  io: IO;
  out: Output;
  env: Env;
  cwd: string;
  globals: GlobalOptions;
  /** The command line after `twin`, as typed (printed back in "re-send with" hints). */
  argv: readonly string[];
  /** Milliseconds since the epoch; injectable so waits can be tested in milliseconds. */
  now: () => number;
  sleep: Sleep;
  /** Aborted on Ctrl-C. Long waits listen to it and finish with a resume line. */
  signal: AbortSignal;
  prompt: Prompter;
  settings(): Promise<ResolvedSettings>;
  /** The key and where it came from; AuthError (exit 3) when there is none. */
  apiKey(): Promise<ApiKeyInfo>;
  api(): Promise<HeyGenClient>;
  /** Releases what the command opened (keep-alive sockets); called once by runCli. */
  dispose(): Promise<void>;
}
