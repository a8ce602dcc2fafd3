// Every problem with the flags in one run (issue 23, 9): a value outside a flag's choices no
// longer stops the other checks, a dry-run still reads the look when a local rule fails, and
// every flag error in --json names a `flag` (commander's own errors too).
import { describe, expect, it } from 'vitest';
import { runTwin, tempDir } from '../helpers/harness.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ renderMs: 30 }, { resetEach: true });
const create = (...more: string[]) => ['video', 'create', '--look', 'lk_sam_desk', '--script', 'Hi', ...more];
const jsonError = (stderr: string) => JSON.parse(stderr).error as { flag?: string; problems?: Array<{ flag: string }> };

describe('flag problems, all at once', () => {
  it('a bad --aspect-ratio, a bad --voice-speed and a bad --timeout: all three named (and what the look says), nothing sent', async () => {
    const r = await runTwin(create('--aspect-ratio', '3:2', '--voice-speed', '9', '--timeout', 'soon', '--json'), { sandbox });
    expect(r.code, r.stderr).toBe(2);
    const error = jsonError(r.stderr);
    // lk_sam_desk has no default voice: the pre-flight says so in the same run.
    expect(error.problems?.map((p) => p.flag)).toEqual(['--aspect-ratio', '--voice-speed', '--timeout', '--voice']);
    expect(error.flag).toBe('--aspect-ratio');
    expect(sandbox.counters.requests['POST /v3/videos'] ?? 0).toBe(0);
  });

  it('a dry-run with a local rule broken still says the look does not support Avatar V', async () => {
    const r = await runTwin(create('--engine', 'avatar_v', '--expressiveness', 'high', '--dry-run'), { sandbox });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--expressiveness: /);
    expect(r.stderr).toMatch(/--engine: look lk_sam_desk does not support avatar_v/);
  });

  it.each([[[]], [['--dry-run']]])(
    'a bad flag value does not hide that the look lacks the engine (%j): one run, every problem, nothing sent',
    async (more) => {
      const argv = create('--voice', 'v_en_m_01', '--voice-speed', '9', '--aspect-ratio', '5:5', '--engine', 'avatar_v', ...more);
      const r = await runTwin([...argv, '--json'], { sandbox });
      expect(r.code, r.stderr).toBe(2);
      const error = jsonError(r.stderr.slice(r.stderr.indexOf('{"error"')));
      expect(error.problems?.map((p) => p.flag)).toEqual(['--aspect-ratio', '--voice-speed', '--engine']);
      expect(error.problems?.every((p) => typeof p.flag === 'string')).toBe(true);
      const human = await runTwin(argv, { sandbox });
      expect(human.code).toBe(2);
      expect(human.stderr).toMatch(/3 problems[\s\S]*--voice-speed: [\s\S]*--engine: look lk_sam_desk does not support avatar_v/);
      expect(sandbox.counters.requests['POST /v3/videos'] ?? 0).toBe(0);
    },
  );

  it('a script file that cannot be read is listed with the bad flags, not instead of them', async () => {
    const r = await runTwin(['video', 'create', '--look', 'lk_sam_desk', '--script-file', 'nope.txt', '--voice-speed', '9', '--json'], {
      sandbox,
    });
    expect(r.code).toBe(2);
    expect(jsonError(r.stderr).problems?.map((p) => p.flag)).toEqual(expect.arrayContaining(['--voice-speed', '--script-file']));
  });

  it('a flag error raised by a command itself names the flag in --json too', async () => {
    const r = await runTwin(['batch', 'status', tempDir(), '--shard', '1/2', '--json'], { sandbox });
    expect(r.code).toBe(2);
    expect(jsonError(r.stderr).flag).toBe('--shard');
  });

  it.each([
    [['--lok', 'lk_1'], '--lok'],
    [['--fit'], '--fit'],
  ])('commander errors in --json name the flag: %j', async (more, flag) => {
    const r = await runTwin(['video', 'create', ...more, '--json'], { sandbox });
    expect(r.code).toBe(2);
    expect(jsonError(r.stderr).flag).toBe(flag);
  });
});
