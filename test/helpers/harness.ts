// Runs twin command lines in-process (runCli) or as a real process (bin/twin.js) against
// a sandbox, with streams that record what a user would see.
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli.js';
import type { Prompter } from '../../src/ui/prompt.js';
import type { Sleep } from '../../src/ui/context.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'twin.js');
/**
 * Under `npm run mutate`: the tree is Stryker's private copy (0700, root's), which another user
 * cannot enter, and the built CLI there runs no mutant anyway.
 */
export const UNDER_STRYKER = process.env.STRYKER_MUTATOR_WORKER !== undefined;

/**
 * Another user (nobody) can run the built CLI from here: every folder above it lets others in and
 * its files let them read (a checkout under a private folder, such as Stryker's copy, does not).
 */
export function othersCanRunTwin(): boolean {
  const openTo = (path: string, bits: number) => {
    try {
      return (statSync(path).mode & bits) === bits;
    } catch {
      return false;
    }
  };
  const reachable = (path: string) => {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      if (!openTo(dir, 0o001)) return false;
      if (dirname(dir) === dir) return true;
    }
  };
  // Node itself too: CI's second Node lives in a private temporary folder.
  return (
    reachable(BIN) &&
    openTo(BIN, 0o004) &&
    openTo(join(ROOT, 'dist', 'cli.cjs'), 0o004) &&
    reachable(process.execPath) &&
    openTo(process.execPath, 0o001)
  );
}

/**
 * For tests that do not test poll timing: a poll interval chosen as a user may choose one
 * (TWIN_INTERVAL), so waits keep a short fixed beat and a batch's rows keep the batch clock's beat,
 * instead of plans paced for real renders (src/core/poll/) that idle for seconds against the sandbox.
 * Spread it into a run's `env`.
 */
export const FIXED_POLL: Readonly<Record<string, string>> = { TWIN_INTERVAL: '50ms' };

export interface SandboxLike {
  url: string;
  apiKey: string;
}

export interface RunOptions {
  sandbox?: SandboxLike;
  /** Extra or overriding environment variables (undefined removes one). */
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** Pretend stdin, stdout and stderr are terminals. */
  tty?: boolean;
  /** Terminal width with tty (default 120). */
  columns?: number;
  prompt?: Prompter;
  cwd?: string;
  now?: () => number;
  sleep?: Sleep;
  signal?: AbortSignal;
  /** Client options passed through (e.g. { maxRetries: 1 }). */
  clientOptions?: Record<string, unknown>;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix = 'twin-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

const SHARED_CACHE = join(tmpdir(), `twin-test-cache-${process.getuid?.() ?? 'user'}`);

let twinOnPath: string | undefined;
/**
 * A folder with a `twin` that runs this checkout's bin/twin.js, as after a global install: what
 * twin prints then names plain `twin` (ui/invocation.ts). A test of another invocation passes its
 * own PATH. Open to all (a test may run twin as another user).
 */
export function twinBinDir(): string {
  if (twinOnPath) return twinOnPath;
  const dir = tempDir('twin-path-');
  writeFileSync(join(dir, 'twin'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
  chmodSync(join(dir, 'twin'), 0o755);
  chmodSync(dir, 0o755);
  twinOnPath = dir;
  return dir;
}

/** A clean environment: nothing from the developer's shell or CI leaks into a test. */
export function testEnv(opts: Pick<RunOptions, 'sandbox' | 'env'> = {}): Record<string, string | undefined> {
  const home = tempDir('twin-home-');
  const env: Record<string, string | undefined> = {
    HOME: home,
    TWIN_CONFIG_DIR: join(home, 'config'),
    PATH: `${twinBinDir()}:${process.env.PATH}`,
    // One V8 code cache for every twin process of the run (see bin/twin.js), as a user's machine has.
    TWIN_CACHE_DIR: SHARED_CACHE,
    ...(opts.sandbox ? { HEYGEN_API_BASE: opts.sandbox.url, HEYGEN_API_KEY: opts.sandbox.apiKey } : {}),
    ...opts.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

function ok(...args: unknown[]): boolean {
  const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined;
  callback?.();
  return true;
}

function fakeStream(tty: boolean, columns = 120): PassThrough & { isTTY?: boolean; columns?: number; text(): string } {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number; text(): string };
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.text = () => Buffer.concat(chunks).toString('utf8');
  if (tty) {
    // What a TTY WriteStream offers, so spinners and progress bars can animate into it.
    Object.assign(stream, {
      isTTY: true,
      columns,
      rows: 40,
      cursorTo: ok,
      moveCursor: ok,
      clearLine: ok,
      clearScreenDown: ok,
      getColorDepth: () => 8,
      hasColors: () => true,
    });
  }
  return stream;
}

/** Runs `twin <argv>` in this process. */
export async function runTwin(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  const stdout = fakeStream(Boolean(opts.tty), opts.columns);
  const stderr = fakeStream(Boolean(opts.tty), opts.columns);
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (opts.tty) stdin.isTTY = true;
  stdin.end(opts.stdin ?? '');
  const code = await runCli(argv, {
    streams: { stdin, stdout, stderr },
    env: testEnv(opts),
    cwd: opts.cwd ?? tempDir('twin-cwd-'),
    prompt: opts.prompt,
    now: opts.now,
    sleep: opts.sleep,
    signal: opts.signal,
    clientOptions: { maxRetries: 2, ...opts.clientOptions },
  });
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Runs the built CLI as a real process (end-to-end); needs `npm run build` first. */
export function spawnTwin(
  argv: string[],
  opts: Pick<RunOptions, 'sandbox' | 'env' | 'stdin' | 'cwd'> & { timeoutMs?: number; uid?: number } = {},
): Promise<RunResult> {
  const cwd = opts.cwd ?? tempDir('twin-cwd-');
  const env = testEnv(opts);
  // As another user (a root test running a user's branch): that user owns its home and cwd.
  if (opts.uid !== undefined) for (const dir of [env.HOME, cwd]) if (dir) chownSync(dir, opts.uid, opts.uid);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd,
      env: env as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal === 'SIGINT' ? 130 : 1), stdout, stderr });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

/** A prompt that answers from a script and fails loudly on any question it was not given. */
export function cannedPrompt(answers: Array<{ match: RegExp; answer: unknown }>): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const queue = [...answers];
  const answer = async (opts: { message: string }): Promise<never> => {
    asked.push(opts.message);
    const index = queue.findIndex((a) => a.match.test(opts.message));
    if (index < 0) throw new Error(`cannedPrompt: unexpected question "${opts.message}"`);
    const [next] = queue.splice(index, 1);
    return next!.answer as never;
  };
  return {
    asked,
    select: answer,
    search: answer,
    input: answer,
    password: answer,
    confirm: answer,
    editor: answer,
  } as Prompter & { asked: string[] };
}

/** The error a promise rejects with, asserted to be of the given class. */
export async function rejectionOf<E extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof type)) throw new Error(`expected a ${type.name}, got ${error === undefined ? 'success' : String(error)}`);
  return error;
}

/** A raw v3 call to a sandbox (test set-up and clean-up, bypassing the client under test). */
export async function sandboxCall(sandbox: SandboxLike, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Waits for a condition instead of a fixed sleep, so a slow (loaded) machine only makes a test slower. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
