// Bad input of every kind: the right exit code, a message that names the flag, file or key,
// no stack trace, and no create request (so no credits) ever reaching the sandbox.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { runTwin, tempDir } from '../helpers/harness.js';

const sandbox = useSandbox({ renderMs: 30 }, { resetEach: true });

interface Case {
  name: string;
  argv: string[];
  /** What the message must name (a flag, a file, a key). */
  names: RegExp;
  code?: number;
  stdin?: string;
  /** Files written into the working folder first. */
  files?: Record<string, string>;
  env?: Record<string, string | undefined>;
  /** Run without the sandbox's key (or with a wrong one). */
  key?: 'none' | 'wrong';
}

const LOOK = 'lk_alex_office';
const create = (...extra: string[]) => ['video', 'create', '--look', LOOK, '--script', 'Hello', ...extra];
const bare = (...extra: string[]) => ['video', 'create', ...extra];
const long = 'x'.repeat(5001);

const cases: Case[] = [
  // enums
  { name: 'resolution 8k', argv: create('--resolution', '8k'), names: /--resolution/ },
  { name: 'aspect ratio 2:1', argv: create('--aspect-ratio', '2:1'), names: /--aspect-ratio/ },
  { name: 'engine avatar_vi', argv: create('--engine', 'avatar_vi'), names: /--engine/ },
  {
    name: 'engine avatar_iii on a look that does not list it',
    argv: create('--engine', 'avatar_iii'),
    names: /--engine.*does not support avatar_iii/,
  },
  { name: 'voice volume 1.5', argv: create('--voice-volume', '1.5'), names: /--voice-volume.*0 to 1/ },
  { name: 'voice volume loud', argv: create('--voice-volume', 'loud'), names: /--voice-volume.*\(got "loud"\)/ },
  {
    name: 'audio_url with audio_asset_id (-d)',
    argv: ['video', 'create', '--look', 'lk_alex_office', '--audio-url', 'https://example.com/a.mp3', '-d', '{"audio_asset_id":"as_1"}'],
    names: /--audio-url.*audio_asset_id/,
  },
  { name: 'expressiveness extreme', argv: create('--expressiveness', 'extreme'), names: /--expressiveness/ },
  { name: 'fit stretch', argv: create('--fit', 'stretch'), names: /--fit/ },
  { name: 'output format mov', argv: create('--output-format', 'mov'), names: /--output-format/ },
  // numbers out of range or not numbers
  { name: 'voice speed 2', argv: create('--voice-speed', '2'), names: /--voice-speed.*0\.5 to 1\.5/ },
  { name: 'voice speed 0.1', argv: create('--voice-speed', '0.1'), names: /--voice-speed/ },
  { name: 'voice speed "fast"', argv: create('--voice-speed', 'fast'), names: /--voice-speed/ },
  { name: 'voice speed empty', argv: create('--voice-speed', ''), names: /--voice-speed/ },
  { name: 'voice pitch 51', argv: create('--voice-pitch', '51'), names: /--voice-pitch.*-50 to 50/ },
  { name: 'voice pitch -51', argv: create('--voice-pitch=-51'), names: /--voice-pitch/ },
  { name: 'voice pitch "abc"', argv: create('--voice-pitch', 'abc'), names: /--voice-pitch/ },
  { name: 'voice locale with symbols', argv: create('--voice-locale', 'english!'), names: /--voice-locale/ },
  // text values
  { name: 'background "blue"', argv: create('--background', 'blue'), names: /--background/ },
  { name: 'background 5-digit hex', argv: create('--background', '#12345'), names: /--background/ },
  { name: 'background over plain http', argv: create('--background', 'http://cdn.test/bg.png'), names: /--background/ },
  { name: 'background asset: with no id', argv: create('--background', 'asset:'), names: /--background/ },
  { name: 'audio url over ftp', argv: bare('--look', LOOK, '--audio-url', 'ftp://a.test/a.mp3'), names: /--audio-url/ },
  { name: 'audio url not a url', argv: bare('--look', LOOK, '--audio-url', 'voice.mp3'), names: /--audio-url/ },
  { name: 'callback url not a url', argv: create('--callback-url', 'my-server'), names: /--callback-url/ },
  { name: 'empty title', argv: create('--title', ''), names: /--title/ },
  { name: 'empty motion prompt', argv: create('--motion-prompt', ' '), names: /--motion-prompt/ },
  { name: 'empty look', argv: bare('--look', '', '--script', 'Hi'), names: /--look/ },
  // the script
  { name: 'empty script', argv: bare('--look', LOOK, '--script', ''), names: /--script/ },
  { name: 'blank script', argv: bare('--look', LOOK, '--script', '   '), names: /--script/ },
  { name: '5001-character script', argv: bare('--look', LOOK, '--script', long), names: /--script.*5001 characters; the limit is 5000/ },
  {
    name: '5001-character script file',
    argv: bare('--look', LOOK, '--script-file', 'long.txt'),
    files: { 'long.txt': long },
    names: /--script.*5001/,
  },
  { name: 'missing script', argv: bare('--look', LOOK), names: /--script: is required/ },
  { name: 'missing look', argv: bare('--script', 'Hi'), names: /--look: is required/ },
  // conflicting flags
  { name: 'script and audio url', argv: create('--audio-url', 'https://a.test/a.mp3'), names: /--audio-url/ },
  { name: 'script and script file', argv: create('--script-file', 'a.txt'), files: { 'a.txt': 'Hi' }, names: /--script-file/ },
  { name: 'script file and data both on stdin', argv: bare('--script-file', '-', '-d', '-'), names: /--script-file/ },
  { name: 'two download paths', argv: create('--download', 'a.mp4', '-o', 'b.mp4'), names: /--output/ },
  {
    name: 'expressiveness with avatar_v',
    argv: create('--engine', 'avatar_v', '--expressiveness', 'high'),
    names: /--expressiveness.*Avatar IV only/,
  },
  { name: 'webm with a background', argv: create('--output-format', 'webm', '--background', '#000000'), names: /--background.*webm/ },
  {
    name: 'reference look with avatar_iv',
    argv: create('--engine', 'avatar_iv', '--reference-look', 'lk_alex_instant'),
    names: /--reference-look.*avatar_v/,
  },
  // the look, the voice, the engine (need the API, still no create)
  { name: 'unknown look', argv: bare('--look', 'lk_nope', '--script', 'Hi'), names: /--look.*lk_nope/ },
  { name: 'look still training', argv: bare('--look', 'lk_jordan_new', '--script', 'Hi'), names: /--look.*processing/ },
  { name: 'look failed training', argv: bare('--look', 'lk_riley_failed', '--script', 'Hi'), names: /--look.*failed/ },
  {
    name: 'avatar_v on an ineligible look',
    argv: bare('--look', 'lk_alex_studio', '--script', 'Hi', '--engine', 'avatar_v'),
    names: /--engine.*does not support avatar_v/,
  },
  { name: 'motion prompt on a twin with avatar_iv', argv: create('--motion-prompt', 'wave'), names: /--motion-prompt.*avatar_v/ },
  {
    name: 'reference look of another avatar',
    argv: create('--engine', 'avatar_v', '--reference-look', 'lk_maya_instant'),
    names: /--reference-look/,
  },
  { name: 'unknown reference look', argv: create('--reference-look', 'lk_gone'), names: /--reference-look.*lk_gone/ },
  { name: 'no voice and no default voice', argv: bare('--look', 'lk_sam_desk', '--script', 'Hi'), names: /--voice.*no default voice/ },
  { name: 'unknown voice', argv: create('--voice', 'v_nope'), names: /--voice.*v_nope/ },
  { name: 'voice still cloning', argv: create('--voice', 'v_clone_jordan'), names: /--voice.*processing/ },
  // -d bodies
  { name: '-d not JSON', argv: create('-d', '{title: x}'), names: /--data.*not valid JSON/ },
  { name: '-d an array', argv: create('-d', '[1,2]'), names: /--data.*JSON object/ },
  { name: '-d a string', argv: create('-d', '"hello"'), names: /--data.*JSON object/ },
  { name: '-d @missing file', argv: create('-d', '@missing.json'), names: /--data.*missing\.json/ },
  { name: '-d @file with bad JSON', argv: create('-d', '@body.json'), files: { 'body.json': '{"title": }' }, names: /--data.*body\.json/ },
  { name: '-d - with bad JSON on stdin', argv: create('-d', '-'), stdin: 'nope', names: /--data.*stdin/ },
  { name: '-d unknown field', argv: create('-d', '{"avatarid":"lk_1"}'), names: /--data.*avatarid/ },
  { name: '-d bad resolution', argv: create('-d', '{"resolution":"8k"}'), names: /--resolution/ },
  { name: '-d volume out of range', argv: create('-d', '{"voice_settings":{"volume":3}}'), names: /--voice-volume.*0 to 1 \(got 3\)/ },
  { name: '-d another video type', argv: create('-d', '{"type":"image"}'), names: /--data.*type/ },
  {
    name: '-d bad background colour',
    argv: create('-d', '{"background":{"type":"color","value":"red"}}'),
    names: /--background.*background\.value/,
  },
  {
    name: '-d expressiveness with avatar_v',
    argv: create('-d', '{"engine":{"type":"avatar_v"},"expressiveness":"low"}'),
    names: /--expressiveness/,
  },
  { name: '-d script and audio asset', argv: create('-d', '{"audio_asset_id":"a1"}'), names: /--data.*audio_asset_id/ },
  { name: '-d caption style', argv: create('--captions', '-d', '{"caption":{"style":"fancy"}}'), names: /--captions/ },
  // files and other flags
  { name: 'script file missing', argv: bare('--look', LOOK, '--script-file', 'nope.txt'), names: /--script-file.*nope\.txt.*no such file/ },
  {
    name: 'script file is a folder',
    argv: bare('--look', LOOK, '--script-file', 'folder'),
    files: { 'folder/': '' },
    names: /--script-file.*folder/,
  },
  {
    name: 'script file empty',
    argv: bare('--look', LOOK, '--script-file', 'empty.txt'),
    files: { 'empty.txt': '\n\n' },
    names: /--script-file.*empty/,
  },
  { name: 'idempotency key with spaces', argv: create('--idempotency-key', 'has spaces'), names: /--idempotency-key/ },
  { name: 'idempotency key too long', argv: create('--idempotency-key', 'k'.repeat(256)), names: /--idempotency-key/ },
  { name: 'timeout "soon"', argv: create('--wait', '--timeout', 'soon'), names: /--timeout/ },
  { name: 'interval 0', argv: create('--wait', '--interval', '0'), names: /--interval/ },
  // absurd durations: refused, never a timer overflow or a busy loop
  {
    name: 'interval 9999999h',
    argv: create('--wait', '--interval', '9999999h'),
    names: /--interval: "9999999h" is too long; at most 168h/,
  },
  { name: 'timeout 1e30s', argv: create('--wait', '--timeout', '1e30s'), names: /--timeout: "1e30s" is not a duration/ },
  { name: 'timeout of 20 digits', argv: create('--wait', '--timeout', '99999999999999999999'), names: /--timeout: .* is too long/ },
  { name: 'interval under 1 ms', argv: create('--wait', '--interval', '0.0001ms'), names: /--interval: .* shorter than a millisecond/ },
  { name: 'video wait --timeout 9999999h', argv: ['video', 'wait', 'vid_1', '--timeout', '9999999h'], names: /--timeout: .* too long/ },
  { name: 'video wait --interval 9999999h', argv: ['video', 'wait', 'vid_1', '--interval', '9999999h'], names: /--interval: .* too long/ },
  {
    name: 'batch run --timeout 9999999h',
    argv: ['batch', 'run', 'v.csv', '--timeout', '9999999h'],
    files: { 'v.csv': 'script\nHi\n' },
    names: /--timeout: .* too long/,
  },
  { name: 'unknown flag', argv: create('--colour', 'red'), names: /--colour/ },
  // settings files and environment
  { name: 'broken .heygenrc', argv: create(), files: { '.heygenrc': '{ "look": ' }, names: /\.heygenrc.*not valid JSON/ },
  { name: '.heygenrc unknown key', argv: create(), files: { '.heygenrc': '{"resolutoin":"4k"}' }, names: /\.heygenrc.*resolutoin/ },
  { name: '.heygenrc bad value', argv: create(), files: { '.heygenrc': '{"resolution":"8k"}' }, names: /\.heygenrc.*resolution/ },
  { name: 'API key inside .heygenrc', argv: create(), files: { '.heygenrc': '{"api-key":"sk_live_123"}' }, names: /\.heygenrc.*api-key/ },
  {
    name: '.heygenrc in a parent folder',
    argv: create(),
    files: { '../.heygenrc': '{"voice-speed":9}' },
    names: /\.heygenrc.*voice-speed/,
  },
  { name: 'TWIN_RESOLUTION=8k', argv: create(), env: { TWIN_RESOLUTION: '8k' }, names: /TWIN_RESOLUTION/ },
  // keys
  { name: 'no API key', argv: create(), key: 'none', code: 3, names: /API key/ },
  { name: 'a wrong API key', argv: create(), key: 'wrong', code: 3, names: /unauthorized|key/i },
  // other commands of this issue
  { name: 'looks list --limit 0', argv: ['looks', 'list', '--limit', '0'], names: /--limit/ },
  { name: 'looks list --type robot', argv: ['looks', 'list', '--type', 'robot'], names: /--type/ },
  { name: 'voices list --language xx', argv: ['voices', 'list', '--language', 'xx'], names: /--language/ },
  { name: 'voices list --gender other', argv: ['voices', 'list', '--gender', 'other'], names: /--gender/ },
  { name: 'video list --limit -3', argv: ['video', 'list', '--limit=-3'], names: /--limit/ },
  { name: 'video delete without --yes in a pipe', argv: ['video', 'delete', 'vid_x'], names: /--yes/ },
  { name: 'looks get with a blank id', argv: ['looks', 'get', ' '], names: /look-id/ },
];

describe('bad input', () => {
  it('has at least 60 cases', () => expect(cases.length).toBeGreaterThanOrEqual(60));

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const root = tempDir();
    const cwd = join(root, 'project');
    mkdirSync(cwd);
    for (const [name, text] of Object.entries(c.files ?? {})) {
      if (name.endsWith('/')) mkdirSync(join(cwd, name));
      else writeFileSync(join(cwd, name), text);
    }
    const key = c.key === 'none' ? undefined : c.key === 'wrong' ? 'wrong-key' : sandbox.apiKey;
    const { code, stdout, stderr } = await runTwin(c.argv, {
      cwd,
      stdin: c.stdin,
      env: { HEYGEN_API_BASE: sandbox.url, HEYGEN_API_KEY: key, NO_COLOR: '1', ...c.env },
    });
    expect(code, stderr).toBe(c.code ?? 2);
    expect(stderr).toMatch(c.names);
    expect(stderr).not.toMatch(/^\s+at /m); // no stack trace
    expect(stdout).toBe('');
    expect(sandbox.counters.requests['POST /v3/videos'] ?? 0).toBe(0);
    expect(sandbox.counters.requests['DELETE /v3/videos/:id'] ?? 0).toBe(0);
  });
});
