// Small shared pieces of the wizard's screens. Everything here goes to stderr: the wizard
// talks to a person, and stdout stays free for data (ids, --dry-run's command line).
import type { Context } from '../ui/context-types.js';
import type { Look } from '../api/schemas.js';
import type { Choice } from '../ui/prompt.js';
import { lookStatusReason } from '../core/video/preflight.js';
import type { Engine } from './state.js';
import { DEFAULT_ENGINE, ENGINES } from '../shared/video-facts.js';

export function say(ctx: Pick<Context, 'io'>, line = ''): void {
  ctx.io.stderr.write(`${line}\n`);
}

/** Seed 000's engine table, one line each. */
export const ENGINE_INFO: Record<Engine, { label: string; gives: string }> = {
  avatar_iv: { label: 'Avatar IV', gives: 'standard quality, widely supported; the default' },
  avatar_v: { label: 'Avatar V', gives: 'higher quality, cross-reference-driven animation' },
  // Contract §4.2: Digital Twin on digital_twin/studio looks (4K capable); no motion prompt or expressiveness.
  avatar_iii: { label: 'Avatar III', gives: 'Digital Twin engine, 4K capable; no motion prompt or expressiveness' },
};

/** The engines the wizard can offer for a look: its supported_api_engines, IV first. */
export function offeredEngines(look: Pick<Look, 'supported_api_engines'>): Engine[] {
  // A look that does not list its engines gets the API's default only (contract §2.1).
  const supported = look.supported_api_engines ?? [DEFAULT_ENGINE];
  return ENGINES.filter((e) => supported.includes(e));
}

/** Why a look cannot be used for a video yet, or undefined when it can. */
export function unusableReason(look: Look): string | undefined {
  if (look.status != null && look.status !== 'completed') return lookStatusReason(look) ?? `not ready (${look.status})`;
  if (offeredEngines(look).length === 0) return 'supports no engine twin knows (Avatar IV, V or III)';
  return undefined;
}

/** Case-insensitive filter over a choice's visible text, for search prompts. */
export function filterChoices<T>(choices: Array<Choice<T>>, term: string | undefined): Array<Choice<T>> {
  const words = (term ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return choices;
  return choices.filter((c) => {
    const text = `${c.name} ${c.description ?? ''} ${String(c.value)}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** Pads the columns of list rows so they line up in a prompt (the last column is not padded). */
export function columns(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}

/**
 * Select choices from [value, label, hint?] rows: the hints line up after the labels, and the
 * label alone is echoed once chosen.
 */
export function hinted<T>(rows: Array<[value: T, label: string, hint?: string]>): Array<Choice<T>> {
  const width = Math.max(0, ...rows.filter(([, , hint]) => hint).map(([, label]) => label.length));
  return rows.map(([value, label, hint]) => ({ value, name: hint ? `${label.padEnd(width)}  ${hint}` : label, short: label }));
}
