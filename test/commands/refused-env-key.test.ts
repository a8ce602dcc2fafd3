// Honest advice about keys (issue 23, 7): a 401 with the key from HEYGEN_API_KEY says that the
// variable's key was refused and that it wins over a saved key; `auth status --json` exits 3
// when not logged in, as its human form does.
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { runTwin } from '../helpers/harness.js';

const sandbox = useSandbox();

describe('a refused key', () => {
  it('from HEYGEN_API_KEY names the variable, not `twin auth login`', async () => {
    const r = await runTwin(['looks', 'list'], { sandbox, env: { HEYGEN_API_KEY: 'sk_refused_by_the_sandbox' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('HEYGEN_API_KEY');
    expect(r.stderr).toMatch(/wins over a saved key/);
    expect(r.stderr).not.toMatch(/→ Run `twin auth login` or set HEYGEN_API_KEY/);
    expect(r.stderr).not.toContain('sk_refused_by_the_sandbox');
  });

  it('--json carries key_source: env', async () => {
    const r = await runTwin(['looks', 'list', '--json'], { sandbox, env: { HEYGEN_API_KEY: 'sk_refused_by_the_sandbox' } });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stderr).error).toMatchObject({ code: 'unauthorized', key_source: 'env' });
  });
});

describe('auth status when not logged in', () => {
  it.each([[[]], [['--json']]])('%j exits 3', async (extra) => {
    const r = await runTwin(['auth', 'status', ...extra], { env: { HEYGEN_API_KEY: undefined } });
    expect(r.code).toBe(3);
  });
});
