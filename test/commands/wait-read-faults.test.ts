// Status reads that go wrong during `video create --wait --download` (issue 23, 3): one 200 cut
// short or not JSON, and 404s on the first reads right after the create (the API's
// read-after-write lag), are waited out inside --timeout; a 404 that persists ends the wait with
// the resume command. Against the sandbox on an injected clock.
import { readdirSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { useFakeClockSandbox } from '../helpers/fake-clock.js';
import { runTwin, tempDir } from '../helpers/harness.js';

const fake = useFakeClockSandbox({ renderMs: 20_000 });
const { now, sleep } = fake;
beforeEach(() => fake.sandbox.resetCounters());

const create = (dir: string, extra: string[] = []) =>
  runTwin(
    [
      'video',
      'create',
      '--look',
      'lk_alex_office',
      '--voice',
      'v_en_m_01',
      '--script',
      'Hello there.',
      '--wait',
      '--download',
      `${dir}/`,
      ...extra,
    ],
    { sandbox: fake.sandbox, now, sleep, cwd: dir },
  );
const reads = () => fake.sandbox.counters.requests['GET /v3/videos/:id'] ?? 0;

describe('a status read that fails during the wait', () => {
  it.each([
    ['a 200 cut in half', 'garbled'],
    ['a 200 that is not JSON', 'not-json'],
  ] as const)('%s is read again, and the video is downloaded', async (_what, kind) => {
    const dir = tempDir();
    fake.sandbox.inject({ kind, route: 'GET /v3/videos/:id' });
    const r = await create(dir);
    expect(r.stderr).not.toContain('Error');
    expect(r.code).toBe(0);
    expect(reads()).toBeGreaterThanOrEqual(2);
    expect(readdirSync(dir).filter((f) => f.endsWith('.mp4'))).toHaveLength(1);
  });

  it('404s on the first reads after the create (read-after-write lag) are waited out', async () => {
    const dir = tempDir();
    fake.sandbox.inject({ kind: 'lag-404', route: 'GET /v3/videos/:id', times: 3 });
    const r = await create(dir);
    expect(r.code).toBe(0);
    const id = /Created video (vid_\w+)/.exec(r.stderr)![1]!;
    expect(readdirSync(dir).filter((f) => f.endsWith(`${id}.mp4`))).toHaveLength(1);
  });

  it('a 404 that persists ends the wait, with the command that resumes it', async () => {
    const dir = tempDir();
    fake.sandbox.inject({ kind: 'lag-404', route: 'GET /v3/videos/:id', times: 50 });
    const r = await create(dir);
    expect(r.code).toBe(1);
    const id = /Created video (vid_\w+)/.exec(r.stderr)![1]!;
    expect(r.stderr).toContain(`twin video wait ${id} --download`);
    expect(reads()).toBeLessThan(10); // bounded
  });
});
