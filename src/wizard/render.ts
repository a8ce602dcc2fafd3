// Step 8: create → wait (spinner) → download, through the very function the
// non-interactive `twin video create` uses, so both paths send and follow identically.
import { createVideoFlow } from '../ui/create-video.js';
import type { Context } from '../ui/context-types.js';
import type { StepOutcome, WizardState } from './state.js';

export async function render(ctx: Context, state: WizardState): Promise<StepOutcome> {
  const { data, idempotencyKey, follow } = state.options;
  // Captions may have been chosen in the wizard: then the .srt is saved beside the video too.
  const captions = follow && { ...follow, captions: state.input.captions ?? follow.captions };
  return {
    exit: await createVideoFlow(ctx, state.input, { data, idempotencyKey, follow: captions, preflightCache: state.preflightCache }),
  };
}
