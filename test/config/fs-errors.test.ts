// File-system failures named for what they are, with the path, never "a bug in twin": the
// config folder and credentials, `config set`, and any errno error that reaches the reporter.
// And the config folder that holds the key is private: created 0700, or tightened to 0700.
// Runs as any user: /sys refuses folders even to root (EPERM), a regular file cannot hold one.
// Needs `npm run build` when run as root (a user's branch runs the built CLI as nobody).
import { chmodSync, chownSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { reportError } from '../../src/ui/report-error.js';
import { createIO } from '../../src/ui/io.js';
import { othersCanRunTwin, runTwin, spawnTwin, tempDir, UNDER_STRYKER } from '../helpers/harness.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ renderMs: 30 });
// The as-root branches run both ways in CI (root): the user's branch as nobody, through the built CLI.
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const login = (configDir: string, extra: string[] = []) =>
  runTwin(['auth', 'login', '--with-token', ...extra], {
    sandbox,
    stdin: `${sandbox.apiKey}\n`,
    env: { TWIN_CONFIG_DIR: configDir, HEYGEN_API_KEY: undefined, NO_COLOR: '1' },
  });

function expectPlainFailure(result: { code: number; stdout: string; stderr: string }, line: RegExp): void {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).toMatch(line);
  expect(result.stderr).not.toMatch(/bug in twin/);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe('the config folder and the credentials file', () => {
  it('a folder that cannot be created (EPERM): the path and the cause, exit 1, no key saved', async () => {
    const dir = '/sys/twin-test-config/heygen-twin';
    expectPlainFailure(await login(dir), /^Error: cannot create \/sys\/twin-test-config\/heygen-twin: operation not permitted$/m);
  });

  it('a parent that is a file (ENOTDIR): named, exit 1', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'not-a-folder'), 'x');
    expectPlainFailure(
      await login(join(root, 'not-a-folder', 'config')),
      /cannot create .*not-a-folder\/config: a part of the path is not a folder/,
    );
  });

  it('`config set` into such a folder: named, exit 1', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'file'), 'x');
    const result = await runTwin(['config', 'set', 'resolution', '4k'], { env: { TWIN_CONFIG_DIR: join(root, 'file', 'cfg') } });
    expectPlainFailure(result, /cannot create .*file\/cfg: a part of the path is not a folder/);
  });

  it('is created 0700 with the key file 0600', async () => {
    const dir = join(tempDir(), 'new', 'heygen-twin');
    const result = await login(dir);
    expect(result.code, result.stderr).toBe(0);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'credentials.json')).mode & 0o777).toBe(0o600);
    expect(Object.values(JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')).hosts)).toEqual([
      expect.objectContaining({ api_key: sandbox.apiKey }),
    ]);
  });

  it.each([
    ['auth login', (dir: string) => login(dir)],
    ['config set', (dir: string) => runTwin(['config', 'set', 'resolution', '4k'], { env: { TWIN_CONFIG_DIR: dir } })],
  ])('%s tightens a group/world-writable config folder to 0700', async (_name, write) => {
    const dir = join(tempDir(), 'heygen-twin');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const result = await write(dir);
    expect(result.code, result.stderr).toBe(0);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  // As root, skipped where nobody cannot reach the built CLI (a checkout in a private folder; Stryker's copy).
  it.skipIf(asRoot && (UNDER_STRYKER || !othersCanRunTwin()))(
    'as a user: warns when the folder stays open to others (it cannot be changed), and still works (as root, skipped under Stryker: nobody cannot enter its copy)',
    async () => {
      // A folder the user does not own cannot be chmod-ed by them. As root (CI), the built CLI runs
      // as nobody in a root-owned folder open to all; as a user, in /tmp (root's, sticky).
      if (asRoot) {
        const parent = tempDir();
        chmodSync(parent, 0o755);
        const dir = join(parent, 'heygen-twin');
        mkdirSync(dir);
        chmodSync(dir, 0o777);
        const result = await spawnTwin(['auth', 'login', '--with-token'], {
          sandbox,
          uid: NOBODY,
          stdin: `${sandbox.apiKey}\n`,
          env: { TWIN_CONFIG_DIR: dir, HEYGEN_API_KEY: undefined, NO_COLOR: '1' },
        });
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toContain(`The folder ${dir} is writable by other users and twin could not change that (chmod 700 ${dir}).`);
        expect(statSync(dir).mode & 0o777).toBe(0o777);
        return;
      }
      const result = await login('/tmp');
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/The folder \/tmp is writable by other users and twin could not change that/);
    },
  );

  it.skipIf(!asRoot)('as root: tightens even a folder it does not own (skipped unless root: only root may chmod it)', async () => {
    const dir = join(tempDir(), 'heygen-twin');
    mkdirSync(dir, { mode: 0o777 });
    chmodSync(dir, 0o777);
    chownSync(dir, NOBODY, NOBODY);
    expect((await login(dir)).code).toBe(0);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});

describe('the error reporter', () => {
  it.each([
    ['EROFS', 'open', '/mnt/ro/out.mp4', 'cannot open /mnt/ro/out.mp4: read-only file system'],
    ['ENOSPC', 'write', '/data/out.mp4', 'cannot write /data/out.mp4: the disk is full'],
    ['EACCES', 'mkdir', '/root/out', 'cannot create /root/out: permission denied'],
    ['ENOENT', 'rename', '/gone/out.mp4', 'cannot replace /gone/out.mp4: no such file or folder'],
  ])('a stray %s error from %s is named for what it is, exit 1, never "a bug"', (code, syscall, path, message) => {
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (d) => (text += d));
    const io = createIO({ stdin: new PassThrough(), stdout: new PassThrough(), stderr }, { NO_COLOR: '1' });
    const error = Object.assign(new Error(`${code}: something, ${syscall} '${path}'`), { code, syscall, path, errno: -1 });
    expect(reportError(error, io, {})).toBe(1);
    expect(text).toContain(`Error: ${message}`);
    expect(text).not.toMatch(/bug in twin/);
    let json = '';
    const jsonErr = new PassThrough();
    jsonErr.on('data', (d) => (json += d));
    reportError(error, createIO({ stdin: new PassThrough(), stdout: new PassThrough(), stderr: jsonErr }, {}), { json: true });
    expect(JSON.parse(json).error).toMatchObject({ message, file: path, errno: code, exit_code: 1 });
  });

  it('a socket error is not taken for a file error', () => {
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (d) => (text += d));
    const io = createIO({ stdin: new PassThrough(), stdout: new PassThrough(), stderr }, { NO_COLOR: '1' });
    reportError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', syscall: 'connect' }), io, {});
    expect(text).not.toMatch(/cannot (open|write)/);
  });
});
