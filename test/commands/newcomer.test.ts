// Small things a newcomer hits first (issue 14, point 8): each message says what to do.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { runTwin } from '../helpers/harness.js';

const sb = useSandbox({ renderMs: 50 });

describe('first mistakes', () => {
  it('`twin video create "Hello"` says the script goes in --script', async () => {
    const r = await runTwin(['video', 'create', 'Hello'], { sandbox: sb });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pass it with --script "Hello"');
    const json = await runTwin(['video', 'create', 'Hello', '--json'], { sandbox: sb });
    expect(JSON.parse(json.stderr).error.suggestion).toContain('--script');
  });

  it('a busy port names --port, not "flag: port"', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const r = await runTwin(['sandbox', '--port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('flag: --port');
      expect(r.stderr).not.toMatch(/flag: port\b/);
    } finally {
      server.close();
    }
  });

  it('`config set foo bar` suggests no unrelated key, and lists the real ones', async () => {
    const r = await runTwin(['config', 'set', 'foo', 'bar']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('Did you mean');
    expect(r.stderr).toMatch(/Valid keys: look, voice, engine/);
    const typo = await runTwin(['config', 'set', 'outptu-dir', 'x']);
    expect(typo.stderr).toContain('Did you mean "output-dir"?');
  });

  it('a 404 starts with what was not found; the endpoint is on the details line', async () => {
    for (const [argv, start] of [
      [['looks', 'get', 'lk_nope'], 'Error: Look lk_nope not found'],
      [['video', 'get', 'vid_nope'], 'Error: Video vid_nope not found'],
    ] as const) {
      const r = await runTwin([...argv], { sandbox: sb });
      expect(r.code).toBe(1);
      expect(r.stderr.startsWith(start), r.stderr).toBe(true);
      expect(r.stderr).toMatch(/endpoint: GET \/v3\//);
    }
  });
});
