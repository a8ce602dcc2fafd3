// Step 1 alone: with no key the wizard offers to log in inline, checks the key against
// /v3/users/me and stores it (0600); a refused key is asked again and never stored.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { ensureKey } from '../../src/wizard/key.js';
import { AuthError } from '../../src/shared/errors.js';
import { recordingPrompt, stepHarness } from './helpers.js';

const sandbox = useSandbox({ renderMs: 50 });

const noKey = () => ({ HEYGEN_API_BASE: sandbox.url });

describe('key step', () => {
  it('asks nothing when a key is set', async () => {
    const prompt = recordingPrompt([]);
    const h = stepHarness(sandbox, prompt);
    await ensureKey(h.ctx);
    await h.dispose();
    expect(prompt.asked).toEqual([]);
  });

  it('logs in inline: a refused key is asked again, the accepted one is stored 0600 and used', async () => {
    const prompt = recordingPrompt([
      { match: /^Log in now/, answer: true },
      { match: /^HeyGen API key/, answer: 'not-the-key' },
      { match: /^HeyGen API key/, answer: ` ${sandbox.apiKey} ` },
    ]);
    const h = stepHarness(undefined, prompt, { env: noKey() });
    const before = sandbox.counters.requests['GET /v3/users/me'] ?? 0;
    await ensureKey(h.ctx);
    const key = await h.ctx.apiKey();
    await h.dispose();

    expect(sandbox.counters.requests['GET /v3/users/me']).toBe(before + 2);
    expect(h.stderr()).toContain('HeyGen refused that key (401)');
    expect(h.stderr()).toMatch(/Logged in as \S+.*the key is saved in/);
    expect(key).toMatchObject({ key: sandbox.apiKey, source: 'stored' });
    const file = join(h.env.TWIN_CONFIG_DIR!, 'credentials.json');
    // Saved for the API base it was checked against (the sandbox), and only for it.
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 2,
      hosts: { [sandbox.url]: { api_key: sandbox.apiKey, saved_at: expect.any(String) } },
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // The key itself is never echoed.
    expect(h.stderr()).not.toContain(sandbox.apiKey);
    expect(h.stdout()).toBe('');
  });

  it('declining is an auth error (exit 3) that says how to log in', async () => {
    const prompt = recordingPrompt([{ match: /^Log in now/, answer: false }]);
    const h = stepHarness(undefined, prompt, { env: noKey() });
    const error = await ensureKey(h.ctx).catch((e: unknown) => e);
    await h.dispose();
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).exitCode).toBe(3);
    expect((error as AuthError).suggestion).toMatch(/twin auth login/);
  });
});
