// twin doctor against the sandbox: every check reported, problems as failing checks (never a
// crash), and the exit code of the first failure's kind (3 auth, 1 network, 2 settings).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { checkNode } from '../../src/commands/doctor/checks.js';
import { runTwin, tempDir, type RunOptions } from '../helpers/harness.js';

const KEY = 'sk_test_DOCTOR_never_print_me_77';
const sb = useSandbox({ apiKey: KEY, renderMs: 50 });
const noSleep = async () => {};

interface Check {
  id: string;
  status: 'pass' | 'fail' | 'warn' | 'skip';
  detail: string;
  category: string;
  suggestion: string | null;
}

async function doctor(opts: RunOptions = {}, extra: string[] = []) {
  const result = await runTwin(['doctor', '--json', ...extra], { sandbox: sb, sleep: noSleep, ...opts });
  expect(result.stdout).not.toContain(KEY);
  expect(result.stderr).not.toContain(KEY);
  const report = JSON.parse(result.stdout);
  const byId = Object.fromEntries((report.checks as Check[]).map((c) => [c.id, c])) as Record<string, Check>;
  return { result, report, byId };
}

describe('twin doctor', () => {
  it('all checks pass with a good key: exit 0 and a stable JSON report', async () => {
    const { result, report, byId } = await doctor();
    expect(result.code).toBe(0);
    expect(report).toMatchObject({
      ok: true,
      exit_code: 0,
      node_version: process.versions.node,
      api_base: sb.url,
      key_source: 'env',
      user: { username: 'sandbox-user', email: 'sandbox-user@example.com', name: 'Sandbox User' },
    });
    expect(typeof report.latency_ms).toBe('number');
    expect(report.checks.map((c: Check) => c.id)).toEqual([
      'node',
      'user-settings',
      'heygenrc',
      'env-settings',
      'api-base',
      'api-key',
      'reachable',
      'key-valid',
    ]);
    expect(report.checks.every((c: Check) => c.status === 'pass')).toBe(true);
    expect(byId['reachable']!.detail).toMatch(/answered in \d+ ms/);
    expect(byId['key-valid']!.detail).toContain('sandbox-user');
  });

  it('no key: exit 3, and the API checks are skipped rather than failed', async () => {
    const { result, byId } = await doctor({ env: { HEYGEN_API_KEY: undefined } });
    expect(result.code).toBe(3);
    expect(byId['api-key']).toMatchObject({ status: 'fail', category: 'auth' });
    expect(byId['api-key']!.suggestion).toContain('twin auth login');
    expect(byId['reachable']!.status).toBe('skip');
    expect(byId['key-valid']!.status).toBe('skip');
  });

  it('a rejected key: exit 3, the API itself answered', async () => {
    const { result, byId } = await doctor({ env: { HEYGEN_API_KEY: 'sk_wrong_key_1' } });
    expect(result.code).toBe(3);
    expect(byId['reachable']!.status).toBe('pass');
    expect(byId['key-valid']).toMatchObject({ status: 'fail', category: 'auth' });
    expect(byId['key-valid']!.detail).toContain('HEYGEN_API_KEY');
    expect(result.stdout).not.toContain('sk_wrong_key_1');
  });

  it('a key with a space is refused before any request: exit 3', async () => {
    const before = sb.received.length;
    const { result, byId } = await doctor({ env: { HEYGEN_API_KEY: 'sk_has space' } });
    expect(result.code).toBe(3);
    expect(byId['key-valid']).toMatchObject({ status: 'fail', category: 'auth' });
    expect(byId['key-valid']!.detail).toContain('spaces');
    expect(byId['reachable']!.status).toBe('skip');
    expect(sb.received.length).toBe(before);
  });

  it('an unreachable API: exit 1', async () => {
    const { result, byId } = await doctor({ env: { HEYGEN_API_BASE: 'http://127.0.0.1:9' } });
    expect(result.code).toBe(1);
    expect(byId['reachable']).toMatchObject({ status: 'fail', category: 'network' });
    expect(byId['reachable']!.suggestion).toContain('HEYGEN_API_BASE');
    expect(byId['key-valid']!.status).toBe('skip');
  });

  it('an API answering 500: exit 1', async () => {
    sb.faults.rate5xx = 1;
    try {
      const { result, byId } = await doctor();
      expect(result.code).toBe(1);
      expect(byId['reachable']!.status).toBe('fail');
    } finally {
      sb.faults.rate5xx = 0;
    }
  });

  it('plain http to a remote host is refused: exit 2, nothing is sent', async () => {
    const before = sb.received.length;
    const { result, byId } = await doctor({ env: { HEYGEN_API_BASE: 'http://api.example.com' } });
    expect(result.code).toBe(2);
    expect(byId['api-base']).toMatchObject({ status: 'fail', category: 'settings' });
    expect(byId['api-base']!.detail).toContain('http');
    expect(byId['reachable']!.status).toBe('skip');
    expect(sb.received.length).toBe(before);
  });

  it('a broken .heygenrc is a failing check naming the file and key, not a crash; the rest still runs', async () => {
    const cwd = tempDir('twin-doctor-');
    writeFileSync(join(cwd, '.heygenrc'), JSON.stringify({ resolution: '8k' }));
    const { result, byId } = await doctor({ cwd, env: { HEYGEN_API_KEY: undefined } });
    // Two failures: the .heygenrc (settings, 2) comes before the missing key (auth, 3).
    expect(result.code).toBe(2);
    expect(byId['heygenrc']).toMatchObject({ status: 'fail', category: 'settings' });
    expect(byId['heygenrc']!.detail).toContain(join(cwd, '.heygenrc'));
    expect(byId['heygenrc']!.detail).toContain('resolution');
    expect(byId['api-key']!.status).toBe('fail');
  });

  it('a key inside .heygenrc and a bad TWIN_* variable are reported', async () => {
    const cwd = tempDir('twin-doctor-');
    writeFileSync(join(cwd, '.heygenrc'), JSON.stringify({ apiKey: 'sk_in_file_42' }));
    const { result, byId } = await doctor({ cwd, env: { TWIN_VOICE_SPEED: 'fast' } });
    expect(result.code).toBe(2);
    expect(byId['heygenrc']!.detail).toContain('apiKey');
    expect(byId['heygenrc']!.detail).not.toContain('sk_in_file_42');
    expect(byId['env-settings']).toMatchObject({ status: 'fail' });
    expect(byId['env-settings']!.detail).toContain('TWIN_VOICE_SPEED');
    expect(byId['key-valid']!.status).toBe('pass');
  });

  it('a saved key readable by others is a warning (exit 0); a broken user settings file fails', async () => {
    const dir = join(tempDir('twin-doctor-'), 'config');
    mkdirSync(dir);
    const credentials = join(dir, 'credentials.json');
    writeFileSync(credentials, JSON.stringify({ version: 2, hosts: { [sb.url]: { api_key: KEY } } }));
    chmodSync(credentials, 0o644);
    const env = { TWIN_CONFIG_DIR: dir, HEYGEN_API_KEY: undefined };
    const warned = await doctor({ env });
    expect(warned.result.code).toBe(0);
    expect(warned.report.key_source).toBe('stored');
    expect(warned.byId['key-file-mode']).toMatchObject({ status: 'warn', suggestion: `chmod 600 '${credentials}'` });
    expect(warned.byId['key-valid']!.status).toBe('pass');

    writeFileSync(join(dir, 'config.json'), '{ not json');
    const broken = await doctor({ env });
    expect(broken.result.code).toBe(2);
    expect(broken.byId['user-settings']!.detail).toContain(join(dir, 'config.json'));
  });

  it('people get one ✔/✖ line per check with advice under failures; --quiet lists failing ids', async () => {
    const env = { HEYGEN_API_KEY: undefined, NO_COLOR: '1' };
    for (const tty of [true, false]) {
      const result = await runTwin(['doctor'], { sandbox: sb, env, tty });
      expect(result.code).toBe(3);
      expect(result.stdout).toMatch(/^✔ Node\.js\s+v\d+\.\d+\.\d+ \(needs 20\.19 or newer\)$/m);
      expect(result.stdout).toMatch(/^✖ API key\s+HEYGEN_API_KEY is not set and no key is saved$/m);
      expect(result.stdout).toMatch(/^\s+→ Run `twin auth login --base http:\/\/127\.0\.0\.1:\d+`/m);
      expect(result.stdout).toMatch(/^- API reachable\s+skipped/m);
      expect(result.stdout).toContain('1 of 8 checks failed.');
    }
    const quiet = await runTwin(['doctor', '-q'], { sandbox: sb, env });
    expect(quiet).toMatchObject({ code: 3, stdout: 'api-key\n' });
    const ok = await runTwin(['doctor'], { sandbox: sb, tty: true, env: { NO_COLOR: '1' } });
    expect(ok.stdout).toContain('All checks passed.');
    expect(ok.stdout).not.toContain('✖');
  });
});

describe('Node.js version check', () => {
  it.each([
    ['20.19.0', 'pass'],
    ['v20.19.5', 'pass'],
    ['22.0.0', 'pass'],
    ['21.1.0', 'pass'],
    ['20.18.3', 'fail'],
    ['18.20.4', 'fail'],
  ])('%s → %s', (version, status) => {
    expect(checkNode(version).status).toBe(status);
  });
});
