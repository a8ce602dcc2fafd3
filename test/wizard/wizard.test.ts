// The whole wizard through `twin wizard` (and `twin video create` missing values), in
// process, with canned answers against the sandbox: one run to a downloaded MP4, the summary's
// command line replayed as-is, Ctrl-C at every question, no terminal, going back, saving
// defaults.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { InterruptedError } from '../../src/shared/errors.js';
import { runTwin, tempDir } from '../helpers/harness.js';
import { advancedAnswers, recordingPrompt, shellWords } from './helpers.js';

const sandbox = useSandbox({ renderMs: 60 });
beforeEach(() => {
  sandbox.received.length = 0;
});

// TERM=dumb: plain progress lines, since the harness's fake terminal has no cursor control for the spinner.
const fast = { env: { TWIN_INTERVAL: '20ms', TERM: 'dumb' } };
const posts = () => sandbox.received.filter((r) => r.method === 'POST' && r.path === '/v3/videos');

/** The questions of a plain run, in order: Maya (portrait), Avatar V, her default voice, a typed script. */
function plainAnswers(script = 'Hello from my twin.') {
  return [
    { match: /^Look/, answer: 'lk_maya_portrait' },
    { match: /^Engine/, answer: 'avatar_v' },
    { match: /^Voice:/, answer: 'v_en_f_01' },
    { match: /^Script: how/, answer: 'type' },
    { match: /^Script text/, answer: script },
    { match: /^Resolution/, answer: '720p' },
    { match: /^Aspect ratio/, answer: '9:16' },
    { match: /^Advanced options/, answer: false },
    { match: /^Next/, answer: 'create' },
  ];
}

const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** The command under the summary's "paste into a script" line (it spans lines when the script does). */
function commandFrom(stderr: string): string {
  const text = plain(stderr);
  const start = text.indexOf('(paste into a script):\n');
  if (start < 0) throw new Error(`no command line in:\n${text}`);
  return text
    .slice(start + '(paste into a script):\n'.length)
    .split('\n\n')[0]!
    .trimStart();
}

describe('twin wizard', () => {
  it('walks every step to a downloaded MP4; prompts and summary stay off stdout', async () => {
    const prompt = recordingPrompt(plainAnswers());
    const cwd = tempDir();
    const r = await runTwin(['wizard'], { sandbox, tty: true, prompt, cwd, ...fast });
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    expect(prompt.unused()).toBe(0);

    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.body).toEqual({
      type: 'avatar',
      avatar_id: 'lk_maya_portrait',
      script: 'Hello from my twin.',
      voice_id: 'v_en_f_01',
      resolution: '720p',
      aspect_ratio: '9:16',
      engine: { type: 'avatar_v' },
    });
    const mp4 = readdirSync(cwd).filter((f) => f.endsWith('.mp4'));
    expect(mp4).toHaveLength(1);
    const bytes = readFileSync(join(cwd, mp4[0]!));
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');

    expect(plain(r.stderr)).toContain('Summary');
    expect(plain(r.stderr)).toContain('Pre-flight: nothing here the API would reject.');
    // The recipe repeats the follow-up too: the wizard waited and downloaded.
    expect(shellWords(commandFrom(r.stderr))).toEqual([
      ...'twin video create --look lk_maya_portrait --voice v_en_f_01 --script'.split(' '),
      'Hello from my twin.',
      ...'--resolution 720p --aspect-ratio 9:16 --engine avatar_v --wait --download'.split(' '),
    ]);
    // stdout holds the result only: no question, no summary, no command line.
    expect(r.stdout).not.toMatch(/Look|Summary|twin video create|Pre-flight/);
  });

  it("the summary command line, run as it is, sends a body identical to the wizard's own", async () => {
    const script = `It's $5 — "really"!\nSecond line with a \\ backslash and \`ticks\`.`;
    const prompt = recordingPrompt([
      ...plainAnswers(script).filter((a) => !/Advanced|Engine|Next/.test(String(a.match))),
      { match: /^Engine/, answer: 'avatar_iv' },
      { match: /^Advanced options/, answer: true },
      ...advancedAnswers({
        title: 'Q3 update: "final"',
        outputFormat: 'mp4',
        background: 'color',
        backgroundColour: '#0a0b0c',
        removeBackground: true,
        fit: 'contain',
        expressiveness: 'medium',
        voiceSpeed: '1.25',
        voicePitch: '-7',
        voiceVolume: '0.8',
        voiceAccent: 'en-GB',
        captions: true,
      }),
      { match: /^Next/, answer: 'create' },
    ]);
    const wizard = await runTwin(['wizard', '--no-wait'], { sandbox, tty: true, prompt, ...fast });
    expect(wizard.code).toBe(0);
    const command = commandFrom(wizard.stderr);
    expect(command).toContain('--voice-pitch=-7');

    const words = shellWords(command);
    expect(words.slice(0, 3)).toEqual(['twin', 'video', 'create']);
    const replay = await runTwin(words.slice(1), { sandbox, ...fast });
    expect(replay.stderr).not.toMatch(/Error/);
    expect(replay.code).toBe(0);

    const [mine, theirs] = posts();
    expect(posts()).toHaveLength(2);
    expect(theirs!.body).toEqual(mine!.body);
    expect(mine!.body).toMatchObject({
      script,
      title: 'Q3 update: "final"',
      background: { type: 'color', value: '#0a0b0c' },
      remove_background: true,
      expressiveness: 'medium',
      voice_settings: { speed: 1.25, pitch: -7, volume: 0.8, locale: 'en-GB' },
      caption: { file_format: 'srt' },
    });
    // Different runs, different idempotency keys: the replay really rendered a second video.
    expect(theirs!.headers['idempotency-key']).not.toBe(mine!.headers['idempotency-key']);
  });

  it('the recipe is the same video: --wait and -o when the wizard waited and saved, printed once, wrapped at 80 columns', async () => {
    const cwd = tempDir();
    const prompt = recordingPrompt(plainAnswers('A script that makes the recipe longer than a line.'));
    const wizard = await runTwin(['wizard', '-o', 'clips/'], { sandbox, tty: true, columns: 80, prompt, cwd, ...fast });
    expect(wizard.code).toBe(0);
    const text = plain(wizard.stderr);
    expect(text.split('(paste into a script)')).toHaveLength(2); // printed once
    const command = commandFrom(wizard.stderr);
    const lines = command.split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(0, -1)) expect(line.endsWith(' \\')).toBe(true);
    // The first line follows a 4-space indent; continuations carry their own.
    lines.forEach((line, i) => expect(line.length + (i === 0 ? 4 : 0), line).toBeLessThanOrEqual(80));
    const words = shellWords(command);
    expect(words).toContain('--wait');
    expect(words.slice(words.indexOf('-o'), words.indexOf('-o') + 2)).toEqual(['-o', 'clips/']);

    // Pasted as is in another folder: the same body, then the same wait and download.
    const elsewhere = tempDir();
    const replay = await runTwin(words.slice(1), { sandbox, cwd: elsewhere, ...fast });
    expect(replay.stderr).not.toMatch(/Error/);
    expect(replay.code).toBe(0);
    const [mine, theirs] = posts();
    expect(theirs!.body).toEqual(mine!.body);
    const saved = (dir: string) =>
      readdirSync(join(dir, 'clips'))
        .map((f) => f.replace(/vid_\w+/, 'ID'))
        .sort();
    expect(saved(elsewhere)).toEqual(saved(cwd));
    expect(saved(cwd).some((f) => f.endsWith('.mp4'))).toBe(true);
  });

  it('Ctrl-C at any question exits 130 and sends no create request', async () => {
    const answers = plainAnswers();
    for (let stop = 0; stop < answers.length; stop++) {
      const prompt = recordingPrompt(
        answers.map((a, i) => (i === stop ? { ...a, answer: new InterruptedError('Cancelled; nothing was sent.') } : a)),
      );
      const r = await runTwin(['wizard'], { sandbox, tty: true, prompt, ...fast });
      expect(r.code, `Ctrl-C at question ${stop} (${String(answers[stop]!.match)})`).toBe(130);
      expect(r.stderr).toContain('Cancelled; nothing was sent.');
      expect(r.stdout).toBe('');
    }
    expect(posts()).toHaveLength(0);
  });

  it('without a terminal it never prompts: exit 2 pointing at `twin video create`', async () => {
    for (const [argv, tty] of [
      [['wizard'], false],
      [['wizard', '--look', 'lk_maya_portrait'], false],
      [['--no-input', 'wizard'], true],
    ] as const) {
      const prompt = recordingPrompt([]);
      const r = await runTwin([...argv], { sandbox, tty, prompt });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/needs a terminal/);
      expect(r.stderr).toMatch(/twin video create --look ID --voice ID --script/);
      expect(prompt.asked).toEqual([]);
    }
    expect(sandbox.received).toHaveLength(0);
  });

  it('--dry-run stops at the summary and prints only the command line on stdout', async () => {
    const prompt = recordingPrompt(plainAnswers().filter((a) => !/Next/.test(String(a.match))));
    const r = await runTwin(['wizard', '--dry-run', '--look', 'lk_maya_portrait'], { sandbox, tty: true, prompt });
    expect(r.code).toBe(0);
    expect(prompt.asked.some((q) => /^Look/.test(q.message))).toBe(false); // --look answered it
    // Once, on stdout (not in the summary too), wrapped for the terminal.
    expect(shellWords(r.stdout)).toEqual([
      ...'twin video create --look lk_maya_portrait --voice v_en_f_01 --script'.split(' '),
      'Hello from my twin.',
      ...'--resolution 720p --aspect-ratio 9:16 --engine avatar_v --wait --download'.split(' '),
    ]);
    expect(plain(r.stderr)).not.toContain('twin video create');
    expect(posts()).toHaveLength(0);
  });

  it('goes back to a step from the summary: that question again, then straight back to the summary', async () => {
    const prompt = recordingPrompt([
      ...plainAnswers().filter((a) => !/Next/.test(String(a.match))),
      { match: /^Next/, answer: 'back' },
      { match: /^Go back to/, answer: 'engine' },
      { match: /^Engine/, answer: 'avatar_iv' },
      { match: /^Next/, answer: 'back' },
      { match: /^Go back to/, answer: 'look' },
      // A new look runs the steps that follow from it; earlier answers are their defaults.
      { match: /^Look/, answer: 'lk_alex_office' },
      { match: /^Engine/, answer: 'avatar_iv' },
      { match: /^Voice:/, answer: 'v_en_f_01' },
      { match: /^Script: how/, answer: 'keep' },
      { match: /^Resolution/, answer: '720p' },
      { match: /^Aspect ratio/, answer: '16:9' },
      { match: /^Advanced options/, answer: false },
      { match: /^Next/, answer: 'create' },
    ]);
    const r = await runTwin(['wizard', '--no-wait'], { sandbox, tty: true, prompt });
    expect(r.code).toBe(0);
    expect(prompt.unused()).toBe(0);
    const asked = prompt.asked.map((q) => q.message.split(/[ :(]/)[0]);
    // After "Engine" the summary came back at once: no voice, script or options questions between.
    expect(asked.slice(9, 13)).toEqual(['Go', 'Engine', 'Next', 'Go']);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.body).toMatchObject({
      avatar_id: 'lk_alex_office',
      engine: { type: 'avatar_iv' },
      aspect_ratio: '16:9',
      script: 'Hello from my twin.',
    });
    // On the way back every earlier answer is the default, so Enter keeps it.
    const engines = prompt.asked.filter((q) => /^Engine/.test(q.message));
    expect(engines[1]!.opts.default).toBe('avatar_v');
    expect(engines[2]!.opts.default).toBe('avatar_iv');
  });

  it('a script read from a file appears as --script-file in the command line, which replays the same body', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'talk.txt'), "Read from a file, it's long.\nSecond line.\n\n");
    const prompt = recordingPrompt([
      ...plainAnswers()
        .filter((a) => !/Script text|Advanced|Next/.test(String(a.match)))
        .map((a) => (/Script: how/.test(String(a.match)) ? { ...a, answer: 'file' } : a)),
      { match: /^Script file path/, answer: ' talk.txt ' },
      { match: /^Advanced options/, answer: true },
      ...advancedAnswers({
        title: '',
        outputFormat: 'mp4',
        background: '',
        removeBackground: false,
        fit: '',
        motionPrompt: '',
        voiceSpeed: '1',
        voicePitch: '0',
        voiceVolume: '1',
        voiceAccent: '',
        captions: true,
      }),
      { match: /^Next/, answer: 'create' },
    ]);
    const wizard = await runTwin(['wizard', '--no-wait'], { sandbox, tty: true, prompt, cwd, ...fast });
    expect(wizard.code, wizard.stderr).toBe(0);
    const command = commandFrom(wizard.stderr);
    expect(shellWords(command).join(' ')).toBe(
      'twin video create --look lk_maya_portrait --voice v_en_f_01 --resolution 720p --aspect-ratio 9:16 --engine avatar_v --captions --script-file talk.txt',
    );
    expect(plain(wizard.stderr)).toMatch(/Script +"Read from a file, it's long\. Second line\." \(41 \/ 5000 characters, from talk\.txt\)/);
    expect(plain(wizard.stderr)).toMatch(/Captions +yes$/m);

    const replay = await runTwin(shellWords(command).slice(1), { sandbox, cwd, ...fast });
    expect(replay.code, replay.stderr).toBe(0);
    const [mine, theirs] = posts();
    expect(posts()).toHaveLength(2);
    expect(theirs!.body).toEqual(mine!.body);
    expect(mine!.body).toMatchObject({ script: "Read from a file, it's long.\nSecond line.", caption: { file_format: 'srt' } });
  });

  it('saves the choices as defaults in ./.heygenrc (merged, never the key) and starts from them next time', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, '.heygenrc'), JSON.stringify({ 'output-dir': 'renders', resolution: '4k' }));
    const prompt = recordingPrompt([
      ...plainAnswers().filter((a) => !/Next/.test(String(a.match))),
      { match: /^Next/, answer: 'save' },
      { match: /^Next/, answer: 'cancel' },
    ]);
    const r = await runTwin(['wizard'], { sandbox, tty: true, prompt, cwd });
    expect(r.code).toBe(130);
    expect(plain(r.stderr)).toMatch(/Saved look, voice, engine, resolution, aspect-ratio to .*\.heygenrc/);
    const saved = JSON.parse(readFileSync(join(cwd, '.heygenrc'), 'utf8'));
    expect(saved).toEqual({
      'output-dir': 'renders',
      resolution: '720p',
      look: 'lk_maya_portrait',
      voice: 'v_en_f_01',
      engine: 'avatar_v',
      'aspect-ratio': '9:16',
    });
    expect(JSON.stringify(saved)).not.toContain(sandbox.apiKey);
    expect(posts()).toHaveLength(0);

    // The next run offers the saved look first and keeps the saved answers as defaults.
    const next = recordingPrompt([{ match: /^Look/, answer: new InterruptedError('Cancelled; nothing was sent.') }]);
    await runTwin(['wizard'], { sandbox, tty: true, prompt: next, cwd });
    const [first] = await next.choices(/^Look/);
    expect(first).toMatchObject({ value: 'lk_maya_portrait' });
    expect(first!.name).toMatch(/your default/);
  });

  it('`video create` with values missing opens the wizard; a pre-flight problem disables "create"', async () => {
    const prompt = recordingPrompt([
      { match: /^Look/, answer: 'lk_alex_office' },
      { match: /^Voice:/, answer: 'v_en_m_01' },
      { match: /^Resolution/, answer: '1080p' },
      { match: /^Aspect ratio/, answer: '16:9' },
      { match: /^Advanced options/, answer: false },
      { match: /^Next/, answer: 'cancel' },
    ]);
    // --engine avatar_v with --expressiveness: the flags contradict each other; the wizard shows it.
    const r = await runTwin(['video', 'create', '--engine', 'avatar_v', '--expressiveness', 'high', '--script', 'Hi there.'], {
      sandbox,
      tty: true,
      prompt,
    });
    expect(r.code).toBe(130);
    expect(prompt.unused()).toBe(0);
    expect(plain(r.stderr)).toContain('✖ --expressiveness: is Avatar IV only');
    const create = (await prompt.choices(/^Next/)).find((c) => c.value === 'create');
    expect(create?.disabled).toBe('fix the problems above first');
    expect(prompt.question(/^Next/).opts.default).toBe('back');
    expect(posts()).toHaveLength(0);
  });

  it('--yes creates at the summary without asking', async () => {
    const prompt = recordingPrompt(plainAnswers().filter((a) => !/Next/.test(String(a.match))));
    const r = await runTwin(['wizard', '--yes', '--no-wait'], { sandbox, tty: true, prompt });
    expect(r.code).toBe(0);
    expect(prompt.asked.some((q) => /^Next/.test(q.message))).toBe(false);
    expect(posts()).toHaveLength(1);
  });
});
