// twin auth login / status / logout against the sandbox: the key is checked before it is
// saved, saved with mode 0600, and never printed.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { User } from '../../src/api/schemas.js';
import { describeBilling } from '../../src/ui/account.js';
import { cannedPrompt, runTwin, spawnTwin, tempDir, type RunResult } from '../helpers/harness.js';

const KEY = 'sk_test_AUTH_never_print_me_4821';
const sb = useSandbox({ apiKey: KEY, renderMs: 50 });
const noSleep = async () => {};

/** A config folder shared by consecutive commands, with the sandbox as API and no env key. */
function account(): { dir: string; env: Record<string, string | undefined>; file: string } {
  const dir = join(tempDir('twin-auth-'), 'config');
  return { dir, file: join(dir, 'credentials.json'), env: { TWIN_CONFIG_DIR: dir, HEYGEN_API_BASE: sb.url, HEYGEN_API_KEY: undefined } };
}

function expectNoKey(result: RunResult): void {
  expect(result.stdout).not.toContain(KEY);
  expect(result.stderr).not.toContain(KEY);
  expect(result.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // no stack trace
}

const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

function meCalls(): number {
  return sb.received.filter((r) => r.path === '/v3/users/me').length;
}

describe('twin auth login', () => {
  it('on a terminal asks with a hidden prompt, checks the key, saves it with mode 0600', async () => {
    const { env, file } = account();
    const prompt = cannedPrompt([{ match: /API key/, answer: `  ${KEY}  ` }]);
    const before = meCalls();
    const result = await runTwin(['auth', 'login'], { env, tty: true, prompt });
    expect(result.code).toBe(0);
    expect(prompt.asked).toHaveLength(1);
    expect(meCalls()).toBe(before + 1);
    expect(result.stdout).toContain(`Logged in to ${sb.url} as sandbox-user (sandbox-user@example.com)`);
    expect(result.stdout).toContain(file);
    expectNoKey(result);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      version: 2,
      hosts: { [sb.url]: { api_key: KEY, saved_at: expect.any(String) } },
    });
    expect((await stat(join(file, '..'))).mode & 0o777).toBe(0o700);
  });

  it('reads the key from a pipe and prints a stable JSON document', async () => {
    const { env, file } = account();
    const result = await runTwin(['auth', 'login', '--json'], { env, stdin: `${KEY}\n` });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      logged_in: true,
      user: { username: 'sandbox-user', email: 'sandbox-user@example.com', name: 'Sandbox User' },
      key_file: file,
      api_base: sb.url,
      env_key_overrides: false,
    });
    expect(result.stderr).toBe('');
    expectNoKey(result);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('--with-token reads stdin even on a terminal, without prompting', async () => {
    const { env, file } = account();
    const prompt = cannedPrompt([]);
    const result = await runTwin(['auth', 'login', '--with-token', '--quiet'], { env, tty: true, prompt, stdin: KEY });
    expect(result.code).toBe(0);
    expect(prompt.asked).toEqual([]);
    expect(result.stdout).toBe('sandbox-user\n');
    expect(existsSync(file)).toBe(true);
  });

  it('a key the API rejects exits 3 and saves nothing', async () => {
    const { env, file } = account();
    const wrong = 'sk_test_WRONG_key_9999';
    const result = await runTwin(['auth', 'login'], { env, stdin: wrong });
    expect(result.code).toBe(3);
    // The API's own words, once: the endpoint is on the details line, not in the sentence.
    expect(result.stderr).toMatch(/^Error: HeyGen rejected this API key \((?!GET )[^\n]+\); nothing was saved\.$/m);
    expect(result.stderr).toMatch(/endpoint: GET \/v3\/users\/me/);
    expect(result.stderr).not.toContain(wrong);
    expectNoKey(result);
    expect(existsSync(file)).toBe(false);
  });

  it('a key with a space is refused before it is sent: exit 3, nothing saved', async () => {
    const { env, file } = account();
    const before = meCalls();
    const result = await runTwin(['auth', 'login'], { env, stdin: 'sk_has space' });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('spaces');
    expect(meCalls()).toBe(before);
    expect(existsSync(file)).toBe(false);
  });

  it('an unreachable API exits 1 and saves nothing', async () => {
    const { env, file } = account();
    const result = await runTwin(['auth', 'login'], { env: { ...env, HEYGEN_API_BASE: 'http://127.0.0.1:9' }, stdin: KEY, sleep: noSleep });
    expect(result.code).toBe(1);
    expectNoKey(result);
    expect(existsSync(file)).toBe(false);
  });

  it.each([
    ['empty stdin', '', /No API key on stdin/],
    ['several lines', `${KEY}\nsomething else\n`, /2 lines/],
  ])('refuses %s with exit 2 naming --with-token', async (_name, stdin, message) => {
    const { env, file } = account();
    const before = meCalls();
    const result = await runTwin(['auth', 'login', '--with-token'], { env, stdin });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('--with-token');
    expect(meCalls()).toBe(before);
    expect(existsSync(file)).toBe(false);
  });

  it('on a terminal with --no-input it does not hang on stdin: exit 2 naming --with-token', async () => {
    const { env } = account();
    const result = await runTwin(['auth', 'login', '--no-input'], { env, tty: true, prompt: cannedPrompt([]) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--with-token');
  });

  it('warns that HEYGEN_API_KEY wins when it is also set', async () => {
    const { env } = account();
    const result = await runTwin(['auth', 'login', '--json'], { env: { ...env, HEYGEN_API_KEY: 'sk_other_env_key' }, stdin: KEY });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).env_key_overrides).toBe(true);
    expect(result.stderr).toContain('HEYGEN_API_KEY is also set');
  });
});

describe('as a real process (bin/twin.js, built)', () => {
  it('login from a pipe, status, logout', async () => {
    const { env, file } = account();
    const login = await spawnTwin(['auth', 'login'], { env, stdin: `${KEY}\n` });
    expect(login.code).toBe(0);
    expectNoKey(login);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const status = await spawnTwin(['auth', 'status', '--json'], { env });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).key).toEqual({ source: 'stored', where: file });
    expectNoKey(status);
    expect((await spawnTwin(['auth', 'logout', '-q'], { env })).code).toBe(0);
    expect((await spawnTwin(['auth', 'status'], { env })).code).toBe(3);
  });
});

describe('twin auth status', () => {
  it('shows who, the balance and that the key comes from the environment (JSON)', async () => {
    const result = await runTwin(['auth', 'status', '--json'], { sandbox: sb });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      logged_in: true,
      user: { username: 'sandbox-user', email: 'sandbox-user@example.com', name: 'Sandbox User' },
      billing: { type: 'wallet', remaining: 250, unit: 'usd', summary: '$250.00 prepaid (wallet)' },
      key: { source: 'env', where: 'HEYGEN_API_KEY environment variable' },
      api_base: sb.url,
      hosts: [],
    });
    expectNoKey(result);
  });

  it('after login, names the saved key file; human output on a terminal and in a pipe', async () => {
    const { env, file } = account();
    expect((await runTwin(['auth', 'login'], { env, stdin: KEY })).code).toBe(0);
    for (const [tty, extra, coloured] of [
      [true, {}, true],
      [true, { NO_COLOR: '1' }, false],
      [false, {}, false],
    ] as const) {
      const result = await runTwin(['auth', 'status'], { env: { ...env, ...extra }, tty });
      expect(result.code).toBe(0);
      expect(result.stdout.includes('\u001b[')).toBe(coloured);
      const text = stripAnsi(result.stdout);
      expect(text).toMatch(/Logged in as\s+sandbox-user \(sandbox-user@example.com\)/);
      expect(text).toMatch(/Balance\s+\$250\.00 prepaid/);
      expect(text).toContain(`saved key, ${file}`);
      expectNoKey(result);
    }
    expect((await runTwin(['auth', 'status', '-q'], { env })).stdout).toBe('sandbox-user\n');
  });

  it('without any key is a status, not an error: "not logged in to …; run twin auth login", exit 3', async () => {
    const { env } = account();
    const result = await runTwin(['auth', 'status'], { env });
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(`Not logged in to ${sb.url}; run twin auth login --base ${sb.url}`);
    expect(result.stderr).not.toContain('Error');
    const json = await runTwin(['auth', 'status', '--json'], { env });
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toEqual({ logged_in: false, api_base: sb.url, hosts: [] });
    const real = await runTwin(['auth', 'status'], { env: { ...env, HEYGEN_API_BASE: undefined } });
    expect(real.stdout).toContain('Not logged in to https://api.heygen.com; run twin auth login ');
  });

  it('a rejected environment key exits 3 and says where the key came from', async () => {
    const result = await runTwin(['auth', 'status'], { env: { HEYGEN_API_BASE: sb.url, HEYGEN_API_KEY: 'sk_bad_env_key_0000' } });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^Error: HeyGen rejected the API key from HEYGEN_API_KEY environment variable \((?!GET )[^\n]+\)\.$/m);
    expect(result.stderr).not.toContain('sk_bad_env_key_0000');
  });

  it('an API failure (500 on users/me) exits 1', async () => {
    sb.faults.rate5xx = 1;
    try {
      const result = await runTwin(['auth', 'status'], { sandbox: sb, sleep: noSleep });
      expect(result.code).toBe(1);
      expectNoKey(result);
    } finally {
      sb.faults.rate5xx = 0;
    }
  });
});

describe('twin auth logout', () => {
  it('removes the saved key; a second logout has nothing to remove', async () => {
    const { env, file } = account();
    expect((await runTwin(['auth', 'login'], { env, stdin: KEY })).code).toBe(0);
    const first = await runTwin(['auth', 'logout', '--json'], { env });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ removed: true, api_base: sb.url, key_file: file, env_key_remains: false, saved_hosts: [] });
    expect(JSON.parse(await readFile(file, 'utf8')).hosts).toEqual({});
    const second = await runTwin(['auth', 'logout'], { env, tty: true });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('No saved key');
    expect((await runTwin(['auth', 'status'], { env })).code).toBe(3);
  });

  it('says so when HEYGEN_API_KEY still provides a key', async () => {
    const result = await runTwin(['auth', 'logout'], { sandbox: sb });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('HEYGEN_API_KEY is still set');
  });
});

describe('keys per API host', () => {
  const OTHER = 'sk_test_OTHER_host_key_7777';

  it('a key saved for one host is never sent to another; status lists every saved host', async () => {
    const { env } = account();
    expect((await runTwin(['auth', 'login'], { env, stdin: KEY })).code).toBe(0);
    // The same folder, pointed at another base: no key for it, and nothing is sent with the sandbox's key.
    const elsewhere = { ...env, HEYGEN_API_BASE: 'http://127.0.0.1:9' };
    const before = sb.received.length;
    const looks = await runTwin(['looks', 'list'], { env: elsewhere, sleep: noSleep });
    expect(looks.code).toBe(3);
    expect(looks.stderr).toContain('No HeyGen API key for http://127.0.0.1:9');
    expect(looks.stderr).toContain(`Saved keys are for ${sb.url} only`);
    expect(sb.received.length).toBe(before);
    const status = await runTwin(['auth', 'status', '--json'], { env: elsewhere });
    expect(status.code).toBe(3);
    expect(JSON.parse(status.stdout)).toEqual({
      logged_in: false,
      api_base: 'http://127.0.0.1:9',
      hosts: [{ api_base: sb.url, current: false }],
    });
    // Back on the sandbox: logged in, and the list marks it current.
    const ok = JSON.parse((await runTwin(['auth', 'status', '--json'], { env })).stdout);
    expect(ok.hosts).toEqual([{ api_base: sb.url, current: true }]);
  });

  it('login --base saves for that base only; logout --base removes only that one', async () => {
    const { env, file } = account();
    const real = { ...env, HEYGEN_API_BASE: undefined };
    // --base names the host to check the key with (the sandbox here), whatever HEYGEN_API_BASE says.
    const login = await runTwin(['auth', 'login', '--base', `${sb.url}/`, '--json'], { env: real, stdin: KEY });
    expect(login.code).toBe(0);
    expect(JSON.parse(login.stdout).api_base).toBe(sb.url);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(Object.keys(saved.hosts)).toEqual([sb.url]);
    const human = await runTwin(['auth', 'status'], { env: real });
    expect(human.code).toBe(3);
    expect(human.stdout).toContain(`Saved keys: ${sb.url}`);
    const logout = await runTwin(['auth', 'logout', '--base', sb.url, '--json'], { env: real });
    expect(JSON.parse(logout.stdout)).toMatchObject({ removed: true, api_base: sb.url });
    const bad = await runTwin(['auth', 'login', '--base', 'http://example.com'], { env: real, stdin: OTHER });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--base uses plain http to example.com');
  });

  it('moves an old single-key file to api.heygen.com once, with a one-line notice', async () => {
    const { env, file, dir } = account();
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify({ api_key: OTHER }), { mode: 0o600 });
    const real = { ...env, HEYGEN_API_BASE: undefined };
    const first = await runTwin(['auth', 'status', '--json'], { env: { ...real, HEYGEN_API_BASE: sb.url } });
    // The sandbox is not api.heygen.com: the old key is not sent there.
    expect(first.code).toBe(3);
    expect(JSON.parse(first.stdout).hosts).toEqual([{ api_base: 'https://api.heygen.com', current: false }]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 2, hosts: { 'https://api.heygen.com': { api_key: OTHER } } });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // A command that looks for the key says it once, on stderr; the next one has nothing to say.
    writeFileSync(file, JSON.stringify({ api_key: OTHER }), { mode: 0o600 });
    const before = sb.received.length;
    const first2 = await runTwin(['looks', 'list'], { env: { ...real, HEYGEN_API_BASE: sb.url } });
    expect(first2.code).toBe(3);
    expect(first2.stderr.match(/Moved your saved API key to https:\/\/api\.heygen\.com/g)).toHaveLength(1);
    expect(first2.stderr).not.toContain(OTHER);
    expect(sb.received.length).toBe(before);
    const again = await runTwin(['looks', 'list'], { env: { ...real, HEYGEN_API_BASE: sb.url } });
    expect(again.stderr).not.toContain('Moved your saved API key');
  });
});

describe('balance summary', () => {
  const base = { username: 'u', email: null, first_name: null, last_name: null };
  it.each([
    [
      {
        billing_type: 'subscription',
        subscription: {
          plan: 'pro',
          credits: { premium_credits: { remaining: 120, resets_at: '2026-08-01' }, add_on_credits: { remaining: 30 } },
        },
      },
      { type: 'subscription', remaining: 150, unit: 'credits', summary: '120 premium (resets 2026-08-01) + 30 add-on credits (pro plan)' },
    ],
    [
      {
        billing_type: 'usage_based',
        usage_based: { included_credits: 100, remaining_credits: 40, spending_cap_usd: 50, spending_current_usd: 12.5 },
      },
      {
        type: 'usage_based',
        remaining: 40,
        unit: 'credits',
        summary: '40 of 100 credits left, $12.50 spent of a $50.00 cap (usage-based)',
      },
    ],
    [
      { billing_type: null, wallet: { currency: 'credits', remaining_balance: 1200, auto_reload: { enabled: true, threshold_usd: 5 } } },
      { type: 'wallet', remaining: 1200, unit: 'credits', summary: '1,200 credits (wallet, auto-reload on below $5.00)' },
    ],
    [{ billing_type: null }, { type: null, remaining: null, unit: null, summary: 'no billing information from the API' }],
  ])('%j', (fields, expected) => {
    expect(describeBilling(User().parse({ ...base, ...fields }))).toEqual(expected);
  });
});
