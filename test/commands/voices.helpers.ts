// Runs a command's run function directly with a Context against a sandbox (the voice commands are
// not in program.ts until phase B), recording stdout and stderr, with the exit code a TwinError
// would give. The config folder persists per runner, so caches (uploads, clones) carry over.
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { createContext, type GlobalOptions } from '../../src/ui/context.js';
import type { Run } from '../../src/commands/types.js';
import { isTwinError } from '../../src/shared/errors.js';
import { tempDir, testEnv } from '../helpers/harness.js';
import type { Prompter } from '../../src/ui/prompt.js';
import type { Sandbox } from '../../src/sandbox/index.js';

export interface DirectResult {
  code: number;
  stdout: string;
  stderr: string;
  error?: unknown;
}

function sink(tty = false): PassThrough & { text(): string } {
  const s = new PassThrough() as PassThrough & { text(): string };
  const ok = (...a: unknown[]) => ((a.find((x) => typeof x === 'function') as (() => void) | undefined)?.(), true);
  if (tty) Object.assign(s, { isTTY: true, columns: 120, cursorTo: ok, moveCursor: ok, clearLine: ok });
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(c));
  s.text = () => Buffer.concat(chunks).toString('utf8');
  return s;
}

export function directRunner(sandbox: Sandbox, opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const cwd = opts.cwd ?? tempDir('twin-voice-cwd-');
  const env = testEnv({ sandbox, env: opts.env });
  env.TWIN_CONFIG_DIR = join(tempDir('twin-voice-cfg-'), 'config');
  return async (
    load: () => Promise<{ run: Run }>,
    args: unknown[],
    options: Record<string, unknown> = {},
    extra: { globals?: GlobalOptions; stdin?: string; prompt?: Prompter; tty?: boolean } = {},
  ): Promise<DirectResult> => {
    const stdout = sink(extra.tty);
    const stderr = sink(extra.tty);
    const stdin = Object.assign(new PassThrough(), { isTTY: Boolean(extra.tty) });
    stdin.end(extra.stdin ?? '');
    const ctx = createContext({
      streams: { stdin, stdout, stderr },
      env,
      cwd,
      globals: extra.globals,
      prompt: extra.prompt,
      // Polls every few ms: clones are seconds, not minutes, in the sandbox.
      sleep: (ms, signal) =>
        new Promise((resolve, reject) => {
          const t = setTimeout(resolve, Math.min(ms, 40));
          signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
        }),
      clientOptions: { maxRetries: 2 },
    });
    try {
      const code = (await (await load()).run(ctx, { args, opts: options })) ?? 0;
      return { code, stdout: stdout.text(), stderr: stderr.text() };
    } catch (error) {
      const code = isTwinError(error) ? error.exitCode : 1;
      const message = error instanceof Error ? `${error.message}\n${(error as { suggestion?: string }).suggestion ?? ''}` : String(error);
      return { code, stdout: stdout.text(), stderr: `${stderr.text()}${message}`, error };
    } finally {
      await ctx.dispose();
    }
  };
}
