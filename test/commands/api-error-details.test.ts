// Contract §1.4: `download_failed` is an API error (400 at create, HeyGen could not fetch a
// user-supplied URL) shown with its param and advice; the error's optional `errors[]` details are
// shown in human output and kept in --json; twin's own download failures have their own code.
import { describe, expect, it } from 'vitest';
import { runTwin } from '../helpers/harness.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ renderMs: 50 }, { resetEach: true });
const LOOK = ['--look', 'lk_alex_office'];

describe('download_failed at create', () => {
  it('--json keeps the code, param, errors[] and the advice; nothing is rendered', async () => {
    const res = await runTwin(['video', 'create', ...LOOK, '--audio-url', 'https://files.example.invalid/voice.mp3', '--json'], {
      sandbox,
    });
    expect(res.code).toBe(1);
    const { error } = JSON.parse(res.stderr);
    expect(error).toMatchObject({
      code: 'download_failed',
      param: 'audio_url',
      status: 400,
      errors: [{ code: 'download_failed', path: 'audio_url', message: expect.stringContaining('files.example.invalid') }],
    });
    expect(error.suggestion).toContain('--audio-url');
    expect(error.suggestion).toMatch(/public URL/);
    expect(sandbox.counters.rendered).toBe(0);
  });

  it('human output names the field, lists each detail and says what to do', async () => {
    const res = await runTwin(['video', 'create', ...LOOK, '--script', 'Hi.', '--background', 'https://img.example.invalid/bg.png'], {
      sandbox,
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('code: download_failed');
    expect(res.stderr).toContain('param: background.url');
    expect(res.stderr).toMatch(/- background\.url: could not resolve host img\.example\.invalid \(download_failed\)/);
    expect(res.stderr).toMatch(/→ HeyGen could not download the file given as "background\.url" \(--background\)/);
    expect(sandbox.counters.rendered).toBe(0);
  });
});

describe("twin's own download failures", () => {
  it('are file_download_failed, not the API code download_failed', async () => {
    const created = await runTwin(['video', 'create', ...LOOK, '--script', 'Hi.', '--wait', '--quiet'], { sandbox });
    expect(created.code).toBe(0);
    const id = created.stdout.trim();
    sandbox.inject({ kind: 'truncate', at: 10, times: 20 });
    const res = await runTwin(['video', 'download', id, '-o', `${id}.mp4`, '--json'], {
      sandbox,
      sleep: async () => {},
      clientOptions: { maxRetries: 0 },
    });
    sandbox.clearFaults();
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stderr).error.code).toBe('file_download_failed');
  });
});
