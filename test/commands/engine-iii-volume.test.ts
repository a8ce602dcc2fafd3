// --engine avatar_iii (contract §4.2: Digital Twin on digital_twin/studio looks, 4K capable; no
// motion_prompt or expressiveness; must be in supported_api_engines) and --voice-volume (0–1),
// as flags, in pre-flight, and as batch columns; audio_url with audio_asset_id is refused (§4.3).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTwin, tempDir } from '../helpers/harness.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ renderMs: 40, videoBytes: 2048 }, { resetEach: true });
const lastCreate = () => sandbox.received.filter((r) => r.method === 'POST' && r.path === '/v3/videos').at(-1)?.body as Record<string, any>;

describe('--engine avatar_iii and --voice-volume on video create', () => {
  it('sends engine {type: avatar_iii}, 4k and voice_settings.volume for a look that supports it', async () => {
    const res = await runTwin(
      [
        'video',
        'create',
        '--look',
        'lk_alex_studio',
        '--engine',
        'avatar_iii',
        '--resolution',
        '4k',
        '--voice-volume',
        '0.4',
        '--voice-speed',
        '1.1',
        '--script',
        'Hello.',
        '--json',
      ],
      { sandbox },
    );
    expect(res.code, res.stderr).toBe(0);
    expect(sandbox.counters.rendered).toBe(1);
    expect(lastCreate()).toMatchObject({ engine: { type: 'avatar_iii' }, resolution: '4k', voice_settings: { speed: 1.1, volume: 0.4 } });
  });

  it.each([
    [['--look', 'lk_alex_office', '--engine', 'avatar_iii'], /--engine.*does not support avatar_iii/],
    [['--look', 'lk_alex_studio', '--engine', 'avatar_iii', '--motion-prompt', 'wave'], /--motion-prompt.*not supported on avatar_iii/],
    [['--look', 'lk_alex_studio', '--engine', 'avatar_iii', '--expressiveness', 'high'], /--expressiveness.*Avatar IV only/],
    [
      ['--look', 'lk_photo_max', '--engine', 'avatar_iii', '--resolution', '4k'],
      /--resolution.*4k is not available for a photo avatar on avatar_iii/,
    ],
    [['--look', 'lk_alex_studio', '--voice-volume', '1.5'], /--voice-volume.*0 to 1/],
    [['--look', 'lk_alex_studio', '--voice-volume', '-0.1'], /--voice-volume.*0 to 1/],
  ])('pre-flight refuses %j with exit 2, nothing sent', async (args, message) => {
    const res = await runTwin(['video', 'create', ...args, '--script', 'Hello.'], { sandbox });
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(sandbox.counters.requests['POST /v3/videos'] ?? 0).toBe(0);
  });

  it('refuses audio_url together with audio_asset_id (the contract leaves it open: reject both), exit 2', async () => {
    const res = await runTwin(
      ['video', 'create', '--look', 'lk_alex_studio', '--audio-url', 'https://example.com/a.mp3', '-d', '{"audio_asset_id":"as_1"}'],
      { sandbox },
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--audio-url: cannot be combined with audio_asset_id/);
    expect(sandbox.counters.requests['POST /v3/videos'] ?? 0).toBe(0);
  });
});

describe('batch columns follow the flags', () => {
  it('engine=avatar_iii and voice-volume columns reach the request; a bad volume cell is refused by line and column', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'videos.csv'),
      'id,look,script,engine,voice_volume\na,lk_alex_studio,Hi there.,avatar_iii,0.25\nb,lk_alex_studio,Row b speaks.,,\n',
    );
    const res = await runTwin(['batch', 'run', 'videos.csv', '--out', 'out', '--json'], { sandbox, cwd: dir });
    expect(res.code, res.stderr).toBe(0);
    const bodies = sandbox.received.filter((r) => r.method === 'POST' && r.path === '/v3/videos').map((r) => r.body as Record<string, any>);
    const a = bodies.find((b) => b.script === 'Hi there.');
    const b = bodies.find((x) => x.script === 'Row b speaks.');
    expect(a).toMatchObject({ engine: { type: 'avatar_iii' }, voice_settings: { volume: 0.25 } });
    expect(b?.engine?.type ?? 'avatar_iv').toBe('avatar_iv'); // empty cells take the defaults
    expect(b?.voice_settings?.volume).toBeUndefined();

    const bad = tempDir();
    writeFileSync(join(bad, 'videos.csv'), 'id,look,script,voice-volume\na,lk_alex_studio,Hi.,2\n');
    const refused = await runTwin(['batch', 'run', 'videos.csv', '--out', 'out'], { sandbox, cwd: bad });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/line 2.*voice-volume.*0 to 1/s);
  });
});
