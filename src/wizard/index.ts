// The interactive path (issue 5): an ordered list of small steps over the Context, as
// create-astro builds its wizard. Each step reads and fills the shared state and can be
// run alone in a test with a canned prompt; the summary may send the user back to a step.
import { UsageError } from '../shared/errors.js';
import { inputFromSettings, type VideoInput } from '../core/video/request.js';
import type { ResolvedSettings } from '../config/load.js';
import type { Context } from '../ui/context-types.js';
import { ensureKey } from './key.js';
import { chooseLook } from './look.js';
import { chooseEngine } from './engine.js';
import { chooseVoice } from './voice.js';
import { chooseScript } from './script.js';
import { chooseOptions } from './options.js';
import { showSummary } from './summary.js';
import { render } from './render.js';
import { createState, STEP_NAMES, type Step, type StepName, type WizardOptions } from './state.js';
import { say } from './ui.js';
import { twinInvocation } from '../shared/twin-invocation.js';

const STEPS: Record<StepName, Step> = {
  key: ensureKey,
  look: chooseLook,
  engine: chooseEngine,
  voice: chooseVoice,
  script: chooseScript,
  options: chooseOptions,
  summary: showSummary,
  render,
};

/** Without a person to answer, the wizard never starts: exit 2, pointing at the flags. */
export function assertTerminal(ctx: Pick<Context, 'io'>): void {
  if (ctx.io.canPrompt) return;
  throw new UsageError('The wizard asks questions, so it needs a terminal (not a pipe, CI or --no-input).', {
    suggestion: `In scripts pass every value as a flag: ${twinInvocation()} video create --look ID --voice ID --script "..." (see \`${twinInvocation()} video create --help\`).`,
  });
}

export async function runWizard(ctx: Context, options: WizardOptions = {}): Promise<number> {
  assertTerminal(ctx);
  const state = createState(savedDefaults(await ctx.settings()), options);
  say(ctx, ctx.out.style.dim('Nothing is sent until you confirm at the summary. Ctrl-C stops at any question.'));
  let index = 0;
  while (index < STEP_NAMES.length) {
    const name = STEP_NAMES[index]!;
    const outcome = await STEPS[name](ctx, state);
    const revisited = state.revisit === name;
    if (revisited) state.revisit = undefined;
    if (outcome && 'exit' in outcome) return outcome.exit;
    if (outcome && 'goto' in outcome) {
      state.revisit = outcome.goto;
      index = STEP_NAMES.indexOf(outcome.goto);
      continue;
    }
    // Back from the summary, one changed answer leads straight back to it; a new look is the
    // exception: engines, the default voice and the suggested frame all follow from it.
    index = revisited && name !== 'look' ? STEP_NAMES.indexOf('summary') : index + 1;
  }
  return 0;
}

/**
 * Defaults the user chose (.heygenrc, user settings, TWIN_*), not the built-in ones: the
 * wizard has better suggestions of its own (the aspect ratio follows the look).
 */
function savedDefaults(settings: ResolvedSettings): Partial<VideoInput> {
  const values = Object.fromEntries(
    Object.entries(settings.values).filter(([key]) => settings.sources[key as keyof ResolvedSettings['sources']] !== 'default'),
  );
  return inputFromSettings({ values: values as ResolvedSettings['values'] });
}
