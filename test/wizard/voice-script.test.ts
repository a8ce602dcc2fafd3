// Steps 4 and 5 alone: the voice (default first, then by language, each with its preview)
// and the script (typed, from $EDITOR, from a file; counted against the 5000 limit).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { chooseVoice } from '../../src/wizard/voice.js';
import { chooseScript } from '../../src/wizard/script.js';
import { recordingPrompt, stepHarness } from './helpers.js';

const sandbox = useSandbox({ renderMs: 50 });

async function withLook(id: string, prompt: ReturnType<typeof recordingPrompt>, input = {}) {
  const h = stepHarness(sandbox, prompt, { input: { look: id, ...input } });
  h.state.look = await (await h.ctx.api()).getLook(id);
  return h;
}

describe('voice step', () => {
  it("offers the look's default voice first, with its preview URL", async () => {
    const prompt = recordingPrompt([{ match: /^Voice:/, answer: 'v_en_f_01' }]);
    const h = await withLook('lk_maya_portrait', prompt);
    await chooseVoice(h.ctx, h.state);
    await h.dispose();
    const choices = await prompt.choices(/^Voice:/);
    expect(choices[0]).toMatchObject({ value: 'v_en_f_01', name: "Ava (English, female)  (this look's default voice)" });
    expect(choices[0]!.description).toMatch(new RegExp(`^preview: ${sandbox.url}/\\S+`));
    expect(choices.at(-1)!.name).toMatch(/choose another voice/);
    expect(h.state.input.voice).toBe('v_en_f_01');
    expect(h.stderr()).toMatch(/^ {2}preview: http:\/\/\S+\/v_en_f_01\.mp3$/m);
  });

  it('narrows the full list by language; every voice shows its preview (or says it has none)', async () => {
    const prompt = recordingPrompt([
      { match: /^Voice:/, answer: '\u0000browse' },
      { match: /^Voice language/, answer: 'Spanish' },
      { match: /^Voice \(Spanish/, answer: 'v_es_m_02' },
    ]);
    const h = await withLook('lk_maya_portrait', prompt);
    await chooseVoice(h.ctx, h.state);
    await h.dispose();

    const languages = await prompt.choices(/^Voice language/);
    expect(languages[0]!.name).toMatch(/^All languages \(\d+\)$/);
    expect(languages.map((c) => c.value)).toContain('Japanese');
    expect(prompt.question(/^Voice language/).opts.default).toBe('English'); // the default voice's language

    const spanish = await prompt.choices(/^Voice \(Spanish/);
    const voices = spanish.filter((c) => String(c.value).startsWith('v_'));
    expect(voices.length).toBe(6);
    expect(voices.every((c) => /Spanish/.test(c.name))).toBe(true);
    expect(voices.every((c) => /^preview: http|^no preview available$/.test(c.description ?? ''))).toBe(true);
    expect(voices.some((c) => /^preview: http/.test(c.description ?? ''))).toBe(true);
    // Typing narrows further.
    expect((await prompt.choices(/^Voice \(Spanish/, 'mateo')).filter((c) => String(c.value).startsWith('v_')).map((c) => c.value)).toEqual(
      ['v_es_m_01'],
    );
    expect(h.state.input.voice).toBe('v_es_m_02');
    expect(h.state.voice?.supportLocale).toBe(true);
  });

  it('a look with no default voice goes straight to the list', async () => {
    const prompt = recordingPrompt([
      { match: /^Voice language/, answer: '\u0000all' },
      { match: /^Voice \(all languages/, answer: 'v_fr_f_01' },
    ]);
    const h = await withLook('lk_sam_desk', prompt);
    await chooseVoice(h.ctx, h.state);
    await h.dispose();
    expect(prompt.asked.map((a) => a.kind)).toEqual(['select', 'search']);
    expect(h.state.input.voice).toBe('v_fr_f_01');
  });

  it('a --voice flag skips the question', async () => {
    const prompt = recordingPrompt([]);
    const h = stepHarness(sandbox, prompt, { options: { preset: { look: 'lk_maya_portrait', voice: 'v_de_m_01' } } });
    await chooseVoice(h.ctx, h.state);
    await h.dispose();
    expect(prompt.asked).toEqual([]);
    expect(h.state.voice).toMatchObject({ id: 'v_de_m_01', language: 'German' });
    expect(h.stderr()).toMatch(/^✔ Voice: \S+ \(German, male\) from --voice\n$/);
  });
});

describe('script step', () => {
  it('typed: shows the count against the 5000 limit', async () => {
    const prompt = recordingPrompt([
      { match: /^Script: how/, answer: 'type' },
      { match: /^Script text/, answer: 'Hello from my twin.' },
    ]);
    const h = stepHarness(sandbox, prompt);
    await chooseScript(h.ctx, h.state);
    await h.dispose();
    expect(h.state.input.script).toBe('Hello from my twin.');
    expect(h.stderr()).toContain('  19 / 5000 characters');
    const validate = prompt.question(/^Script text/).opts.validate as (v: string) => true | string;
    expect(validate('x'.repeat(5000))).toBe(true);
    expect(validate('x'.repeat(5001))).toMatch(/5001 characters; the limit is 5000/);
    expect(validate('   ')).toBe('The script is empty.');
  });

  it('from $EDITOR: the trailing newline is dropped; too long sends the user back to choose again', async () => {
    const prompt = recordingPrompt([
      { match: /^Script: how/, answer: 'editor' },
      { match: /^Script \(opens your editor/, answer: `${'y'.repeat(5001)}\n` },
      { match: /^Script: how/, answer: 'editor' },
      { match: /^Script \(opens your editor/, answer: 'Line one.\nLine two.\n' },
    ]);
    const h = stepHarness(sandbox, prompt, { env: { EDITOR: 'nano' } });
    await chooseScript(h.ctx, h.state);
    await h.dispose();
    expect(h.stderr()).toContain('✖ The script is 5001 characters; the limit is 5000.');
    expect(h.state.input.script).toBe('Line one.\nLine two.');
    expect((prompt.question(/^Script: how/).opts.choices as Array<{ name: string }>).map((c) => c.name)).toContain(
      'Write it in your editor (nano)',
    );
  });

  it('from a file (relative to the working folder); a missing file is reported and asked again', async () => {
    const prompt = recordingPrompt([
      { match: /^Script: how/, answer: 'file' },
      { match: /^Script file path/, answer: 'nope.txt' },
      { match: /^Script: how/, answer: 'file' },
      { match: /^Script file path/, answer: 'talk.txt' },
    ]);
    const h = stepHarness(sandbox, prompt);
    writeFileSync(join(h.cwd, 'talk.txt'), 'Welcome to the quarterly update.\n');
    await chooseScript(h.ctx, h.state);
    await h.dispose();
    expect(h.stderr()).toMatch(/Cannot read .*nope\.txt: ENOENT/);
    expect(h.state.input.script).toBe('Welcome to the quarterly update.');
    expect(h.stderr()).toContain('  32 / 5000 characters');
  });

  it('from a file that is not UTF-8: refused with where the bad byte is, and asked again', async () => {
    const prompt = recordingPrompt([
      { match: /^Script: how/, answer: 'file' },
      { match: /^Script file path/, answer: 'latin1.txt' },
      { match: /^Script: how/, answer: 'file' },
      { match: /^Script file path/, answer: 'utf8.txt' },
    ]);
    const h = stepHarness(sandbox, prompt);
    // "Café" saved as Latin-1: read leniently it would become "Caf\uFFFD" and be rendered.
    writeFileSync(join(h.cwd, 'latin1.txt'), Buffer.from('Bienvenue au Caf\xe9.\n', 'latin1'));
    writeFileSync(join(h.cwd, 'utf8.txt'), 'Bienvenue au Café.\n');
    await chooseScript(h.ctx, h.state);
    await h.dispose();
    expect(h.stderr()).toContain('✖ Script file: latin1.txt is not valid UTF-8 (line 1, column 17); nothing was sent.');
    expect(h.state.input.script).toBe('Bienvenue au Café.');
    expect(h.state.scriptFile).toBe('utf8.txt');
  });

  it('when going back, the current script is kept with one keystroke', async () => {
    const prompt = recordingPrompt([{ match: /^Script: how/, answer: 'keep' }]);
    const h = stepHarness(sandbox, prompt, { input: { script: 'Already written.' } });
    await chooseScript(h.ctx, h.state);
    await h.dispose();
    const [first] = await prompt.choices(/^Script: how/);
    expect(first!.name).toBe('Keep the current script (16 / 5000 characters)');
    expect(h.state.input.script).toBe('Already written.');
  });
});
