// Step 3: the engine. Only what the look lists in supported_api_engines is offered, so the
// wizard can never build the request the API rejects with "does not support avatar_v".
import { UsageError } from '../shared/errors.js';
import type { Look } from '../api/schemas.js';
import type { Context } from '../ui/context-types.js';
import type { Choice } from '../ui/prompt.js';
import { dropIncompatible, shouldAsk, type Engine, type StepOutcome, type WizardState } from './state.js';
import { ENGINE_INFO, hinted, offeredEngines, say } from './ui.js';
import { DEFAULT_ENGINE } from '../shared/video-facts.js';

export async function chooseEngine(ctx: Context, state: WizardState): Promise<StepOutcome> {
  const look = state.look!;
  const offered = offeredEngines(look);
  const current = state.input.engine;
  if (!shouldAsk(state, 'engine', 'engine')) {
    if (!offered.includes(current!)) {
      throw new UsageError(`--engine ${current}: look ${look.id} supports ${offered.join(', ') || 'no engine twin knows'}.`, {
        flag: '--engine',
        suggestion: offered[0] ? `Use --engine ${offered[0]}, or leave --engine out to choose here.` : 'Pick another look.',
      });
    }
  } else if (offered.length === 1) {
    state.input.engine = offered[0];
    // Said as a prompt's answer would be, so the transcript reads the same either way.
    say(ctx, `${ctx.out.style.green('✔')} Engine: ${ENGINE_INFO[offered[0]!].label} (the only one this look supports)`);
  } else {
    state.input.engine = await ctx.prompt.select<Engine>({
      message: 'Engine:',
      choices: engineChoices(look),
      default: current && offered.includes(current) ? current : DEFAULT_ENGINE,
    });
  }
  for (const line of dropIncompatible(state)) say(ctx, ctx.out.style.yellow(`! ${line}`));
}

/** One choice per engine the look supports, with what it gives. */
export function engineChoices(look: Pick<Look, 'supported_api_engines'>): Array<Choice<Engine>> {
  return hinted(offeredEngines(look).map((engine) => [engine, ENGINE_INFO[engine].label, ENGINE_INFO[engine].gives]));
}
