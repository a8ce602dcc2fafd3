// Runs the scene commands (written in phase A, not yet in the command tree) in-process with a real
// Context against the sandbox, the way runCli would: output recorded, errors turned into exit codes.
import { PassThrough } from 'node:stream';
import type { Sandbox } from '../../src/sandbox/index.js';
import { createContext, type Context } from '../../src/ui/context.js';
import { reportError } from '../../src/ui/report-error.js';
import { tempDir, testEnv } from '../helpers/harness.js';

function recorder(): PassThrough & { text(): string } {
  const stream = new PassThrough() as PassThrough & { text(): string };
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.text = () => Buffer.concat(chunks).toString('utf8');
  return stream;
}

export interface ScenesRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A runner whose config folder (upload cache, the "shown once" marker) persists across its runs. */
export function scenesRunner(sandbox: Sandbox | { url: string; apiKey: string } | undefined, cwd: string) {
  const config = tempDir('twin-config-');
  return async (
    body: (ctx: Context) => Promise<number | void>,
    opts: { json?: boolean; env?: Record<string, string | undefined> } = {},
  ): Promise<ScenesRun> => {
    const stdout = recorder();
    const stderr = recorder();
    const stdin = new PassThrough();
    stdin.end('');
    const streams = { stdin, stdout, stderr };
    const globals = { json: Boolean(opts.json), color: false };
    const env = testEnv({ ...(sandbox ? { sandbox } : {}), env: { TWIN_CONFIG_DIR: config, ...opts.env } });
    const ctx = createContext({ streams, env, cwd, globals, sleep: async () => {}, clientOptions: { maxRetries: 1 } });
    let code: number;
    try {
      code = (await body(ctx)) ?? 0;
    } catch (error) {
      code = reportError(error, ctx.io, globals);
    } finally {
      await ctx.dispose();
    }
    await new Promise((resolve) => setImmediate(resolve));
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  };
}
