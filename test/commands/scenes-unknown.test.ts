// `video create --scenes` after the create: an unknown outcome (a garbled answer on every attempt)
// prints the command that re-sends it with the same key (running it renders nothing more), and a
// completed wait is remembered in the render history, as for `video create`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTwin, tempDir } from '../helpers/harness.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ renderMs: 30 }, { resetEach: true });

function project(): string {
  const dir = tempDir('twin-scenes-');
  writeFileSync(join(dir, 'launch.txt'), 'Welcome to the launch.\n---\nAnd thank you for watching.\n');
  return dir;
}

describe('video create --scenes, after the create', () => {
  it('a garbled answer on every attempt: the re-send command with the same key, which renders nothing more', async () => {
    const cwd = project();
    const env = { TWIN_CONFIG_DIR: tempDir('twin-config-') };
    sandbox.inject({ kind: 'garbled', route: 'POST /v3/videos', times: 3 }); // runTwin: 1 + 2 retries
    const argv = ['video', 'create', '--scenes', 'launch.txt', '--look', 'lk_alex_office', '--title', 'Launch'];
    const first = await runTwin(argv, { sandbox, cwd, env });
    expect(first.code, first.stderr).toBe(1);
    const key = /--idempotency-key ([0-9a-f-]{36})/.exec(first.stderr)?.[1];
    expect(key, first.stderr).toBeDefined();
    const line = first.stderr
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.startsWith('twin video create '));
    expect(line).toBe(`twin video create --scenes launch.txt --look lk_alex_office --title Launch --idempotency-key ${key}`);
    expect(sandbox.counters.rendered).toBe(1);

    const again = await runTwin([...argv, '--idempotency-key', key!], { sandbox, cwd, env });
    expect(again.code, again.stderr).toBe(0);
    expect(sandbox.counters.rendered).toBe(1);
  });

  it('a completed wait is remembered in the render history', async () => {
    const cwd = project();
    const config = tempDir('twin-config-');
    const r = await runTwin(['video', 'create', '--scenes', 'launch.txt', '--look', 'lk_alex_office', '--wait'], {
      sandbox,
      cwd,
      env: { TWIN_CONFIG_DIR: config },
    });
    expect(r.code, r.stderr).toBe(0);
    const history = join(config, 'render-times.json');
    expect(existsSync(history)).toBe(true);
    const renders = (JSON.parse(readFileSync(history, 'utf8')) as { renders: Array<{ engine: string; speechMs: number }> }).renders;
    expect(renders).toHaveLength(1);
    expect(renders[0]).toMatchObject({ engine: 'avatar_iv' });
    expect(renders[0]!.speechMs).toBeGreaterThan(0);
  });
});
