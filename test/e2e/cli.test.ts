// The built binary as a user runs it: version, help, usage errors, the http:// rule, and
// a scan of everything printed across many commands for the API key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ROOT, spawnTwin } from '../helpers/harness.js';

const SECRET_KEY = 'sk-e2e-7f3a9c1e5b2d8f4a6c0e';
let sandbox: Sandbox;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'cli.cjs'))) throw new Error('dist/ is missing: run `npm run build` first');
  sandbox = await startSandbox({ apiKey: SECRET_KEY, renderMs: 300 });
});
afterAll(() => sandbox?.close());

describe('bin/twin.js', () => {
  it('prints the package version', async () => {
    const { code, stdout } = await spawnTwin(['--version']);
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string };
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(pkg.version);
  });

  it('an unknown command is a usage error (exit 2) with a pointer to --help', async () => {
    const { code, stdout, stderr } = await spawnTwin(['vidoe', 'list']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/unknown command 'vidoe'/);
    expect(stderr).toMatch(/video/); // the suggestion
  });

  it('an unknown flag in --json mode is one JSON error object on stderr', async () => {
    const { code, stderr } = await spawnTwin(['looks', 'list', '--bogus', '--json']);
    expect(code).toBe(2);
    const parsed = JSON.parse(stderr.trim()) as { error: { code: string; exit_code: number } };
    expect(parsed.error).toMatchObject({ code: 'usage_error', exit_code: 2 });
  });

  it('refuses plain http:// to a host that is not loopback, before sending anything', async () => {
    const { code, stderr } = await spawnTwin(['looks', 'list'], {
      env: { HEYGEN_API_BASE: 'http://api.example.com', HEYGEN_API_KEY: SECRET_KEY },
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/HEYGEN_API_BASE/);
    expect(stderr).not.toContain(SECRET_KEY);
  });

  it('--debug names the error class in its stack trace, though the shipped script is minified', async () => {
    const env = { HEYGEN_API_BASE: sandbox.url, HEYGEN_API_KEY: SECRET_KEY };
    const missing = await spawnTwin(['looks', 'get', 'lk_does_not_exist', '--debug'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^ApiError: /m);
    const usage = await spawnTwin(['video', 'create', '--look', 'lk_x', '--script', '', '--debug'], { env });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^UsageError: /m);
  });

  it("honours Node's --max-http-header-size (which the build reads without loading node:http)", async () => {
    const env = { HEYGEN_API_BASE: sandbox.url, HEYGEN_API_KEY: SECRET_KEY, NODE_OPTIONS: '--max-http-header-size=20' };
    const { code, stderr } = await spawnTwin(['looks', 'list', '--json'], { env });
    expect(code).toBe(1);
    expect(JSON.parse(stderr).error.cause_code).toBe('UND_ERR_HEADERS_OVERFLOW');
  });

  it('without a key, API commands exit 3 with advice', async () => {
    const { code, stderr } = await spawnTwin(['looks', 'list'], { env: { HEYGEN_API_BASE: sandbox.url } });
    expect(code).toBe(3);
    expect(stderr).toMatch(/twin auth login|HEYGEN_API_KEY/);
  });

  it('auth status exits 3 when not logged in, in --json as in its human form (issue 23 item 7), stdout piped', async () => {
    const env = { HEYGEN_API_KEY: undefined, HEYGEN_API_BASE: undefined };
    const json = await spawnTwin(['auth', 'status', '--json'], { env });
    expect(json.code, json.stderr).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ logged_in: false, hosts: [] });
    const human = await spawnTwin(['auth', 'status'], { env });
    expect(human.code).toBe(3);
    expect(human.stdout + human.stderr).toContain('Not logged in');
  });

  it('never prints the API key, whatever the command, mode or outcome', async () => {
    const lines: string[][] = [
      ['looks', 'list', '--debug'],
      ['looks', 'list', '--json', '--debug'],
      ['looks', 'get', 'lk_does_not_exist', '--debug'],
      ['voices', 'list', '--limit', '3', '--debug'],
      ['auth', 'status', '--debug'],
      ['auth', 'status', '--json', '--debug'],
      ['doctor', '--debug'],
      ['doctor', '--json'],
      ['config', 'list', '--debug'],
      ['video', 'list', '--debug'],
      ['video', 'get', 'v_missing', '--debug', '--json'],
      ['webhooks', 'list', '--debug'],
    ];
    const env = { HEYGEN_API_BASE: sandbox.url, HEYGEN_API_KEY: SECRET_KEY };
    let checked = 0;
    for (const argv of lines) {
      const { stdout, stderr } = await spawnTwin(argv, { env });
      expect(`${stdout}\n${stderr}`, argv.join(' ')).not.toContain(SECRET_KEY);
      expect(`${stdout}\n${stderr}`, argv.join(' ')).not.toContain(SECRET_KEY.slice(4));
      checked += stdout.length + stderr.length;
    }
    expect(checked).toBeGreaterThan(1000); // the commands really printed something to scan
    // A wrong key is not echoed either.
    const wrong = await spawnTwin(['auth', 'status', '--debug'], { env: { ...env, HEYGEN_API_KEY: 'sk-wrong-key-0123456789' } });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr + wrong.stdout).not.toContain('sk-wrong-key-0123456789');
  }, 60_000);
});
