// What the wizard knows so far. Answers live in `input`, the same VideoInput the
// non-interactive `video create` builds from flags, so the summary's command line and the
// request body both come from one object.
import type { Context } from '../ui/context-types.js';
import type { Look } from '../api/schemas.js';
import type { VideoInput } from '../core/video/request.js';
import type { FollowOptions } from '../flows/video.js';
import type { PreflightCache } from '../core/video/preflight.js';
import { DEFAULT_ENGINE } from '../shared/video-facts.js';

export const STEP_NAMES = ['key', 'look', 'engine', 'voice', 'script', 'options', 'summary', 'render'] as const;
export type StepName = (typeof STEP_NAMES)[number];

export type Engine = NonNullable<VideoInput['engine']>;

export interface WizardOptions {
  /** Answers given as flags: their questions are not asked (unless the user goes back to them). */
  preset?: Partial<VideoInput>;
  /** Stop after the summary: print the command line, create nothing. */
  dryRun?: boolean;
  /** Create at the summary without asking. */
  yes?: boolean;
  /** What happens after the create (wizard default: wait and download). */
  follow?: FollowOptions;
  idempotencyKey?: string;
  /** A -d JSON body the flags are merged over (from `video create`). */
  data?: Record<string, unknown>;
  /** --script-file as typed, so the summary's command line can say it again. */
  scriptFile?: string;
}

export interface ChosenVoice {
  id: string;
  name?: string | null;
  language?: string | null;
  gender?: string | null;
  previewUrl?: string | null;
  supportLocale?: boolean;
}

export interface WizardState {
  input: Partial<VideoInput>;
  /** What the settings (.heygenrc, user settings, TWIN_*) said before any question. */
  defaults: Partial<VideoInput>;
  /** Fields given by flags; the steps that ask for them are skipped. */
  preset: ReadonlySet<keyof VideoInput>;
  options: WizardOptions;
  look?: Look;
  voice?: ChosenVoice;
  /** The file the script was read from, as typed (relative to the working folder). */
  scriptFile?: string;
  /** Set when the user goes back from the summary: that step asks even for preset fields. */
  revisit?: StepName;
  /** The looks and voices the summary's pre-flight fetched, so the create checks them without asking again. */
  preflightCache?: PreflightCache;
}

/** Returned by a step: go on (nothing), jump to another step, or finish with an exit code. */
export type StepOutcome = void | { goto: StepName } | { exit: number };
export type Step = (ctx: Context, state: WizardState) => Promise<StepOutcome>;

export function createState(defaults: Partial<VideoInput>, options: WizardOptions): WizardState {
  const preset = options.preset ?? {};
  const given = Object.keys(preset).filter((k) => preset[k as keyof VideoInput] !== undefined) as Array<keyof VideoInput>;
  const scriptFile = options.scriptFile !== undefined && options.scriptFile !== '-' ? options.scriptFile : undefined;
  return { input: { ...defaults, ...preset }, defaults, preset: new Set(given), options, ...(scriptFile ? { scriptFile } : {}) };
}

/** Whether a step should ask for `field`: not when a flag answered it, unless revisiting. */
export function shouldAsk(state: WizardState, step: StepName, field: keyof VideoInput): boolean {
  return state.revisit === step || !state.preset.has(field);
}

/** Motion prompts: photo avatars on either engine, every other look only on Avatar V (contract §4.3 rule 4). */
export function allowsMotionPrompt(look: Pick<Look, 'avatar_type'> | undefined, engine: Engine | undefined): boolean {
  if (engine === 'avatar_iii') return false; // not supported on Avatar III (§4.2)
  return look?.avatar_type === 'photo_avatar' || engine === 'avatar_v';
}

/** Expressiveness is an Avatar IV parameter (seed 000; contract §4.3 rule 3). */
export function allowsExpressiveness(engine: Engine | undefined): boolean {
  return (engine ?? DEFAULT_ENGINE) === 'avatar_iv';
}

/**
 * After the engine or look changes, drops answers the new combination would reject, unless
 * a flag asked for them (then pre-flight reports the conflict by flag instead).
 * Returns a line per dropped answer so the user sees why.
 */
export function dropIncompatible(state: WizardState): string[] {
  const dropped: string[] = [];
  const { input } = state;
  const drop = (field: keyof VideoInput, why: string) => {
    if (input[field] === undefined || state.preset.has(field)) return;
    delete input[field];
    dropped.push(why);
  };
  if (!allowsExpressiveness(input.engine)) drop('expressiveness', 'Expressiveness was dropped: it is Avatar IV only.');
  if (!allowsMotionPrompt(state.look, input.engine)) {
    drop(
      'motionPrompt',
      input.engine === 'avatar_iii'
        ? 'The motion prompt was dropped: Avatar III does not support it.'
        : 'The motion prompt was dropped: for this look it needs Avatar V.',
    );
  }
  if (input.engine !== 'avatar_v') drop('referenceLook', 'The reference look was dropped: it is Avatar V only.');
  return dropped;
}
