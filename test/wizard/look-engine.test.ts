// Steps 2 and 3 alone: which looks and engines the wizard offers, against the sandbox's seed
// looks (ready, training and failed twins; looks with and without Avatar V).
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { chooseLook, lookChoices } from '../../src/wizard/look.js';
import { displayWidth } from '../../src/ui/table.js';
import { chooseEngine, engineChoices } from '../../src/wizard/engine.js';
import { UsageError } from '../../src/shared/errors.js';
import { recordingPrompt, stepHarness } from './helpers.js';

const sandbox = useSandbox({ renderMs: 50 });

describe('look step', () => {
  it('lists the private Digital Twins, ready ones first, training and failed ones disabled with the reason', async () => {
    const prompt = recordingPrompt([{ match: /^Look/, answer: 'lk_maya_portrait' }]);
    const h = stepHarness(sandbox, prompt);
    await chooseLook(h.ctx, h.state);
    await h.dispose();

    expect(h.state.input.look).toBe('lk_maya_portrait');
    expect(h.state.look?.preferred_orientation).toBe('portrait');
    const choices = await prompt.choices(/^Look/);
    const byId = Object.fromEntries(choices.map((c) => [c.value, c]));
    // Only the user's digital twins (no photo avatars, no public looks), then the way to the public ones.
    expect(choices.map((c) => c.value).filter((v) => String(v).startsWith('lk_'))).toEqual([
      'lk_alex_office',
      'lk_alex_studio',
      'lk_alex_instant',
      'lk_maya_portrait',
      'lk_maya_square',
      'lk_maya_instant',
      'lk_sam_desk',
      'lk_jordan_new',
      'lk_riley_failed',
    ]);
    expect(byId.lk_jordan_new!.disabled).toBe('still training');
    // Long reasons are shortened in the middle so the row fits: the start and the advice stay.
    expect(byId.lk_riley_failed!.disabled).toMatch(/^training failed: The face could.*even light\.$/);
    expect(byId.lk_alex_office!.disabled).toBeUndefined();
    // Each row: name, orientation, engines, status.
    expect(byId.lk_alex_office!.name).toMatch(/Alex – office\s+landscape\s+Avatar IV, V\s+ready/);
    expect(byId.lk_sam_desk!.name).toMatch(/Sam – desk\s+landscape\s+Avatar IV\s+ready/);
    expect(choices.at(-1)!.name).toMatch(/public studio looks/);
    // Typing narrows the list.
    const maya = await prompt.choices(/^Look/, 'maya');
    expect(maya.map((c) => c.value)).toEqual(['lk_maya_portrait', 'lk_maya_square', 'lk_maya_instant']);
  });

  it('every row, a disabled one with its reason too, fits the terminal (80 columns and narrower)', async () => {
    const prompt = recordingPrompt([{ match: /^Look/, answer: 'lk_maya_portrait' }]);
    const h = stepHarness(sandbox, prompt);
    const { data } = await (await h.ctx.api()).listLooks({ avatar_type: 'digital_twin', ownership: 'private', limit: 50 });
    await h.dispose();
    for (const width of [120, 80, 60, 40]) {
      for (const choice of lookChoices(data, undefined, width)) {
        // The prompt draws "❯ name" or "- name reason".
        const line = choice.disabled ? `- ${choice.name} ${String(choice.disabled)}` : `❯ ${choice.name}`;
        expect(displayWidth(line), `${width}: ${line}`).toBeLessThan(width);
      }
    }
    const wide = lookChoices(data, undefined, 200).find((c) => c.value === 'lk_riley_failed')!;
    expect(wide.disabled).toBe('training failed: The face could not be tracked in the footage: record again in even light.');
  });

  it('a training look cannot be picked: a scripted answer naming it is refused', async () => {
    const prompt = recordingPrompt([{ match: /^Look/, answer: 'lk_jordan_new' }]);
    const h = stepHarness(sandbox, prompt);
    const error = await chooseLook(h.ctx, h.state).catch((e: unknown) => e);
    await h.dispose();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe('Look lk_jordan_new cannot be used: still training.');
    expect(h.state.input.look).toBeUndefined();
  });

  it('puts the saved default look (or the answer before going back) on top, so Enter keeps it', async () => {
    const prompt = recordingPrompt([{ match: /^Look/, answer: 'lk_sam_desk' }]);
    const h = stepHarness(sandbox, prompt, { defaults: { look: 'lk_sam_desk' } });
    await chooseLook(h.ctx, h.state);
    await h.dispose();
    const [first] = await prompt.choices(/^Look/);
    expect(first!.value).toBe('lk_sam_desk');
    expect(first!.name).toMatch(/ready · your default$/);

    const again = recordingPrompt([{ match: /^Look/, answer: 'lk_maya_square' }]);
    const back = stepHarness(sandbox, again, { input: { look: 'lk_maya_square' } });
    await chooseLook(back.ctx, back.state);
    await back.dispose();
    const [top] = await again.choices(/^Look/);
    expect(top!.value).toBe('lk_maya_square');
    expect(top!.name).toMatch(/ready · your last choice$/);
  });

  it('offers the public studio looks when the user has no Digital Twin of their own', async () => {
    const prompt = recordingPrompt([{ match: /^Public studio look/, answer: 'lk_studio_dana' }]);
    const h = stepHarness(sandbox, prompt);
    const client = await h.ctx.api();
    // An account without private looks: the private listing comes back empty.
    const api = {
      ...client,
      listLooks: async (p: Parameters<typeof client.listLooks>[0] = {}) =>
        p.ownership === 'private' ? { data: [], has_more: false, next_token: null } : client.listLooks(p),
    };
    const ctx = { ...h.ctx, api: async () => api };
    await chooseLook(ctx, h.state);
    await h.dispose();

    expect(h.stderr()).toContain('You have no Digital Twin looks yet');
    expect(h.state.input.look).toBe('lk_studio_dana');
    const choices = await prompt.choices(/^Public studio look/);
    expect(choices.map((c) => c.value)).toEqual(['lk_studio_anna', 'lk_studio_ben', 'lk_studio_chen', 'lk_studio_dana', 'lk_studio_eli']);
    expect(prompt.asked.map((a) => a.message)).toEqual(['Public studio look (type to filter):']);
  });

  it('goes on to the public looks when asked from the list of twins', async () => {
    const prompt = recordingPrompt([
      { match: /^Look/, answer: '\u0000public' },
      { match: /^Public studio look/, answer: 'lk_studio_chen' },
    ]);
    const h = stepHarness(sandbox, prompt);
    await chooseLook(h.ctx, h.state);
    await h.dispose();
    expect(h.state.look?.avatar_type).toBe('studio_avatar');
    expect(h.state.input.look).toBe('lk_studio_chen');
  });

  it('a --look flag skips the question but is still checked', async () => {
    const ok = stepHarness(sandbox, recordingPrompt([]), { options: { preset: { look: 'lk_maya_square' } } });
    await chooseLook(ok.ctx, ok.state);
    await ok.dispose();
    expect(ok.state.look?.preferred_orientation).toBe('square');
    expect(ok.stderr()).toBe('✔ Look: Maya – square (lk_maya_square) from --look\n');

    for (const [look, message] of [
      ['lk_riley_failed', /--look lk_riley_failed: this look cannot be used \(training failed: The face/],
      ['lk_nope', /--look lk_nope: no such look/],
    ] as const) {
      const h = stepHarness(sandbox, recordingPrompt([]), { options: { preset: { look } } });
      const error = await chooseLook(h.ctx, h.state).catch((e: unknown) => e);
      await h.dispose();
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toMatch(message);
      expect((error as UsageError).details.flag).toBe('--look');
    }
  });
});

describe('engine step', () => {
  async function lookFor(id: string) {
    const h = stepHarness(sandbox, recordingPrompt([]));
    const look = await (await h.ctx.api()).getLook(id);
    await h.dispose();
    return look;
  }

  it('a look without avatar_v never offers it', async () => {
    const look = await lookFor('lk_maya_square');
    expect(look.supported_api_engines).toEqual(['avatar_iv']);
    expect(engineChoices(look).map((c) => c.value)).toEqual(['avatar_iv']);

    // With one engine left there is nothing to ask: no select at all, Avatar IV chosen.
    const prompt = recordingPrompt([]);
    const h = stepHarness(sandbox, prompt, { input: { look: look.id } });
    h.state.look = look;
    await chooseEngine(h.ctx, h.state);
    await h.dispose();
    expect(prompt.asked).toEqual([]);
    expect(h.state.input.engine).toBe('avatar_iv');
    expect(h.stderr()).toContain('✔ Engine: Avatar IV (the only one this look supports)');
  });

  it('offers exactly the supported engines, Avatar IV first and default, each with what it gives', async () => {
    const look = await lookFor('lk_alex_office');
    const prompt = recordingPrompt([{ match: /^Engine/, answer: 'avatar_v' }]);
    const h = stepHarness(sandbox, prompt, { input: { look: look.id } });
    h.state.look = look;
    await chooseEngine(h.ctx, h.state);
    await h.dispose();
    const q = prompt.question(/^Engine/);
    const choices = q.opts.choices as Array<{ value: string; name: string }>;
    expect(choices.map((c) => c.value)).toEqual(['avatar_iv', 'avatar_v']);
    expect(q.opts.default).toBe('avatar_iv');
    expect(choices[0]!.name).toMatch(/Avatar IV\s+standard quality/);
    expect(choices[1]!.name).toMatch(/Avatar V\s+higher quality, cross-reference-driven animation/);
    expect(h.state.input.engine).toBe('avatar_v');
  });

  it('offers Avatar III where the look supports it, with what it gives, and drops a motion prompt it cannot take', async () => {
    const look = await lookFor('lk_alex_studio'); // a digital twin listing avatar_iv and avatar_iii
    expect(look.supported_api_engines).toEqual(['avatar_iv', 'avatar_iii']);
    const choices = engineChoices(look);
    expect(choices.map((c) => c.value)).toEqual(['avatar_iv', 'avatar_iii']);
    expect(choices[1]!.name).toMatch(/Avatar III\s+Digital Twin engine, 4K capable; no motion prompt or expressiveness/);
    const prompt = recordingPrompt([{ match: /^Engine/, answer: 'avatar_iii' }]);
    const h = stepHarness(sandbox, prompt, { input: { look: look.id, expressiveness: 'high', motionPrompt: 'wave' } });
    h.state.look = look;
    await chooseEngine(h.ctx, h.state);
    await h.dispose();
    expect(h.state.input).toMatchObject({ engine: 'avatar_iii' });
    expect(h.state.input).not.toHaveProperty('expressiveness');
    expect(h.state.input).not.toHaveProperty('motionPrompt');
    expect(h.stderr()).toContain('The motion prompt was dropped: Avatar III does not support it.');
  });

  it('switching to Avatar V drops a saved expressiveness and says so; a flag asking for it is kept for pre-flight', async () => {
    const look = await lookFor('lk_maya_portrait');
    const prompt = recordingPrompt([{ match: /^Engine/, answer: 'avatar_v' }]);
    const h = stepHarness(sandbox, prompt, { input: { look: look.id, expressiveness: 'high' } });
    h.state.look = look;
    await chooseEngine(h.ctx, h.state);
    await h.dispose();
    expect(h.state.input.expressiveness).toBeUndefined();
    expect(h.stderr()).toContain('Expressiveness was dropped: it is Avatar IV only.');

    const flagged = stepHarness(sandbox, recordingPrompt([{ match: /^Engine/, answer: 'avatar_v' }]), {
      options: { preset: { look: look.id, expressiveness: 'high' } },
    });
    flagged.state.look = look;
    await chooseEngine(flagged.ctx, flagged.state);
    await flagged.dispose();
    expect(flagged.state.input.expressiveness).toBe('high');
  });

  it('an --engine flag the look does not support is a usage error naming --engine', async () => {
    const look = await lookFor('lk_sam_desk');
    const h = stepHarness(sandbox, recordingPrompt([]), { options: { preset: { look: look.id, engine: 'avatar_v' } } });
    h.state.look = look;
    const error = await chooseEngine(h.ctx, h.state).catch((e: unknown) => e);
    await h.dispose();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe('--engine avatar_v: look lk_sam_desk supports avatar_iv.');
    expect((error as UsageError).details.flag).toBe('--engine');
  });
});

describe('the look picker at 60 columns', () => {
  it('keeps engines and the reason whole: what goes is the orientation, then the name is shortened', async () => {
    const { lookChoices } = await import('../../src/wizard/look.js');
    const { createClient } = await import('../../src/api/index.js');
    const { startSandbox } = await import('../../src/sandbox/index.js');
    const sandbox = await startSandbox({ renderMs: 50 });
    try {
      const api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
      const looks = (await api.listLooks({ limit: 50 })).data;
      await api.close();
      for (const choice of lookChoices(looks, undefined, 60)) {
        if (choice.value.startsWith('lk_')) expect(choice.name).not.toMatch(/Avatar …|…atar|still …|…ining/);
      }
      const training = lookChoices(looks, undefined, 60).find((c) => c.value === 'lk_jordan_new');
      expect(training?.disabled).toMatch(/^still training/);
    } finally {
      await sandbox.close();
    }
  });
});
