// Step 2: the look. The user's own Digital Twin looks first (ready ones on top; training or
// failed ones shown but disabled with the reason), then a way into HeyGen's public studio
// looks, which are offered straight away when the user has no twin of their own.
import { ApiError, UsageError } from '../shared/errors.js';
import { collectAll } from '../api/paginate.js';
import type { HeyGenClient, ListLooksParams } from '../api/index.js';
import type { Look } from '../api/schemas.js';
import type { Context } from '../ui/context-types.js';
import type { Choice } from '../ui/prompt.js';
import { shortEngines } from '../ui/fields.js';
import { fitCells } from '../ui/table.js';
import { dropIncompatible, shouldAsk, type StepOutcome, type WizardState } from './state.js';
import { filterChoices, offeredEngines, say, unusableReason } from './ui.js';
import { twinInvocation } from '../shared/twin-invocation.js';

const BROWSE_PUBLIC = '\u0000public';
/** Enough public looks to browse; the full catalogue is `twin looks list --ownership public --all`. */
const MAX_PUBLIC_LOOKS = 500;

export async function chooseLook(ctx: Context, state: WizardState): Promise<StepOutcome> {
  const api = await ctx.api();
  if (!shouldAsk(state, 'look', 'look')) {
    state.look = await presetLook(api, state.input.look!);
    say(ctx, `${ctx.out.style.green('✔')} Look: ${state.look.name} (${state.look.id}) ${ctx.out.style.dim('from --look')}`);
  } else {
    const current = state.input.look;
    state.look = await pickLook(
      ctx,
      api,
      current === undefined ? undefined : { id: current, label: current === state.defaults.look ? 'your default' : 'your last choice' },
    );
    state.input.look = state.look.id;
  }
  for (const line of dropIncompatible(state)) say(ctx, ctx.out.style.yellow(`! ${line}`));
}

/** The look chosen before (a saved default, or the answer before going back), shown on top. */
type Current = { id: string; label: string } | undefined;

async function pickLook(ctx: Context, api: HeyGenClient, current: Current): Promise<Look> {
  const mine = await collectAll<Look, ListLooksParams>(api.listLooks, { avatar_type: 'digital_twin', ownership: 'private', limit: 50 });
  if (mine.length > 0) {
    const picked = await askLook(ctx, 'Look (type to filter your Digital Twins):', mine, current, true);
    if (picked) return picked;
  } else {
    say(ctx, "You have no Digital Twin looks yet (create one at app.heygen.com); here are HeyGen's public studio looks.");
  }
  const publicLooks: ListLooksParams = { avatar_type: 'studio_avatar', ownership: 'public', limit: 50 };
  const studio = await collectAll<Look, ListLooksParams>(api.listLooks, publicLooks, { max: MAX_PUBLIC_LOOKS });
  if (studio.length === 0) {
    throw new UsageError('There are no looks to choose from on this account.', {
      flag: '--look',
      suggestion: `Create a Digital Twin at app.heygen.com, then run \`${twinInvocation()} looks list\` to check.`,
    });
  }
  return (await askLook(ctx, 'Public studio look (type to filter):', studio, current, false))!;
}

/** Undefined when the user chose to browse the public looks instead. */
async function askLook(ctx: Context, message: string, looks: Look[], current: Current, offerPublic: boolean): Promise<Look | undefined> {
  const choices: Array<Choice<string>> = lookChoices(looks, current, ctx.io.columns);
  if (offerPublic) choices.push({ value: BROWSE_PUBLIC, name: "… browse HeyGen's public studio looks", short: 'public looks' });
  const id = await ctx.prompt.search<string>({ message, source: (term) => filterChoices(choices, term), pageSize: 12 });
  if (id === BROWSE_PUBLIC) return undefined;
  const look = looks.find((l) => l.id === id);
  // A real prompt cannot return a disabled choice; a scripted one (or a stale list) might.
  const why = look ? unusableReason(look) : 'not in the list';
  if (!look || why) throw new UsageError(`Look ${id} cannot be used: ${why}.`, { flag: '--look' });
  return look;
}

/**
 * One row per look (name, orientation, engines, status); usable ones first, the default on top.
 * Rows fit `width` terminal columns like every table: orientation and engines go first, long
 * names and reasons are shortened in the middle, so no row wraps.
 */
export function lookChoices(looks: Look[], current?: Current, width = 80): Array<Choice<string>> {
  const rank = (r: { look: Look; why?: string }) => (r.why ? 2 : r.look.id === current?.id ? 0 : 1);
  const rows = looks.map((look) => ({ look, why: unusableReason(look) })).sort((a, b) => rank(a) - rank(b));
  const cells = fitCells(
    rows.map(({ look, why }) => [
      look.name,
      look.preferred_orientation ?? '-',
      // "Avatar IV, V": whole, never cut in the middle ("Avatar …atar V" reads wrong).
      offeredEngines(look).length ? `Avatar ${shortEngines(offeredEngines(look))}` : shortEngines(look.supported_api_engines),
      why ?? (look.id === current?.id ? `ready · ${current.label}` : 'ready'),
    ]),
    [
      { shrink: true, minWidth: 16, priority: 1 },
      { priority: 4 },
      { whole: true, priority: 3 },
      { shrink: true, minWidth: 16, priority: 1 },
    ],
    // The prompt puts two characters before each row ("❯ ", "- "); the last column stays free.
    Math.max(20, width - 3),
    0,
  );
  return rows.map(({ look, why }, i) => {
    const [status, ...rest] = [...cells[i]!].reverse();
    const lead = rest.reverse().join('  ');
    return {
      value: look.id,
      // The prompt prints a disabled row's reason after one space: this puts it in the status column.
      name: why ? `${lead} ` : `${lead}  ${status}`,
      short: `${look.name} (${look.id})`,
      description: look.id,
      ...(why ? { disabled: status } : {}),
    };
  });
}

/** A look given as a flag: fetched for its engines, orientation and default voice. */
async function presetLook(api: HeyGenClient, id: string): Promise<Look> {
  const look = await api.getLook(id).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 404) {
      throw new UsageError(`--look ${id}: no such look on this account.`, {
        flag: '--look',
        suggestion: `See \`${twinInvocation()} looks list\`.`,
      });
    }
    throw error;
  });
  const why = unusableReason(look);
  if (why) {
    throw new UsageError(`--look ${id}: this look cannot be used (${why}).`, {
      flag: '--look',
      suggestion: `Pick a ready look with \`${twinInvocation()} looks list\`, or leave out --look to choose one here.`,
    });
  }
  return look;
}
