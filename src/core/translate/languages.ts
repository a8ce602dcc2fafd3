// Output languages are checked here, before anything is paid for (contract §10.2): each name the
// user typed is matched case-insensitively against the API's own list and sent in the list's
// exact spelling. A near miss or a code ("es") gets the names it probably meant; an unknown one is
// a UsageError (exit 2) naming it.
import { UsageError } from '../../shared/errors.js';
import { closest } from '../../shared/spelling.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

/** ISO 639-1 codes → the English language word the list's names begin with ("es" → "Spanish"). */
const CODE_WORDS: Record<string, string> = {
  ar: 'Arabic',
  bg: 'Bulgarian',
  cs: 'Czech',
  da: 'Danish',
  de: 'German',
  el: 'Greek',
  en: 'English',
  es: 'Spanish',
  fi: 'Finnish',
  fil: 'Filipino',
  fr: 'French',
  he: 'Hebrew',
  hi: 'Hindi',
  hu: 'Hungarian',
  id: 'Indonesian',
  it: 'Italian',
  ja: 'Japanese',
  ko: 'Korean',
  ms: 'Malay',
  nl: 'Dutch',
  no: 'Norwegian',
  pl: 'Polish',
  pt: 'Portuguese',
  ro: 'Romanian',
  ru: 'Russian',
  sk: 'Slovak',
  sv: 'Swedish',
  ta: 'Tamil',
  th: 'Thai',
  tr: 'Turkish',
  uk: 'Ukrainian',
  vi: 'Vietnamese',
  zh: 'Chinese',
};

const MAX_SUGGESTIONS = 4;

/** `--to "Spanish (Spain),French (France)" --to German` → each name once, trimmed, in order. */
export function splitLanguages(values: readonly string[]): string[] {
  // A comma inside parentheses ("Chinese (Mandarin, Simplified)") belongs to the name.
  const out: string[] = [];
  for (const value of values) {
    let depth = 0;
    let current = '';
    for (const ch of value) {
      if (ch === '(') depth += 1;
      if (ch === ')') depth = Math.max(0, depth - 1);
      if (ch === ',' && depth === 0) {
        out.push(current);
        current = '';
      } else current += ch;
    }
    out.push(current);
  }
  return [...new Set(out.map((s) => s.trim()).filter(Boolean))];
}

/** The list's names this typed word probably meant: a code's language, a bare word, a typo. */
export function suggestLanguages(typed: string, known: readonly string[]): string[] {
  const lower = typed.trim().toLowerCase();
  const base = lower.split(/[-_]/)[0] ?? lower;
  const word = (CODE_WORDS[base] ?? (lower.length > 0 ? lower : '')).toLowerCase();
  const region = lower.includes('-') || lower.includes('_') ? lower.split(/[-_]/)[1] : undefined;
  let hits = word === '' ? [] : known.filter((name) => name.toLowerCase().startsWith(word));
  // "es-MX": prefer names whose region matches, when the code carried one.
  if (region && hits.length > 1) {
    const byRegion = hits.filter((name) => regionMatches(name, region));
    if (byRegion.length > 0) hits = byRegion;
  }
  if (hits.length === 0) {
    const near = closest(typed, known) ?? closest(typed, [...new Set(known.map((n) => n.split(' (')[0] ?? n))]);
    if (near) hits = known.filter((name) => name === near || name.startsWith(`${near} (`) || name === near);
  }
  return hits.slice(0, MAX_SUGGESTIONS);
}

const REGION_WORDS: Record<string, string> = {
  es: 'spain',
  mx: 'mexico',
  us: 'united states',
  gb: 'united kingdom',
  uk: 'united kingdom',
  fr: 'france',
  ca: 'canada',
  de: 'germany',
  br: 'brazil',
  pt: 'portugal',
  jp: 'japan',
  in: 'india',
  cn: 'simplified',
  tw: 'traditional',
};

function regionMatches(name: string, region: string): boolean {
  const word = REGION_WORDS[region.toLowerCase()];
  return word !== undefined && name.toLowerCase().includes(word);
}

/**
 * Each typed name resolved to the list's spelling; throws a UsageError naming every unknown one
 * with its suggestions (exit 2), before anything is sent.
 */
export function resolveLanguages(typed: readonly string[], known: readonly string[]): string[] {
  if (typed.length === 0)
    throw new UsageError('Name at least one output language with --to.', {
      suggestion: `See \`${twinInvocation()} translations languages\`.`,
    });
  const byLower = new Map(known.map((name) => [name.toLowerCase(), name]));
  const resolved: string[] = [];
  const unknown: Array<{ typed: string; suggestions: string[] }> = [];
  for (const name of typed) {
    const exact = byLower.get(name.trim().toLowerCase());
    if (exact) resolved.push(exact);
    else unknown.push({ typed: name, suggestions: suggestLanguages(name, known) });
  }
  if (unknown.length > 0) {
    const lines = unknown.map((u) =>
      u.suggestions.length > 0
        ? `"${u.typed}" is not a language name the API accepts; did you mean ${u.suggestions.map((s) => `"${s}"`).join(', ')}?`
        : `"${u.typed}" is not a language name the API accepts.`,
    );
    throw new UsageError(lines.join('\n'), {
      suggestion: `Run \`${twinInvocation()} translations languages\` for the full list.`,
      details: { unknown_languages: unknown.map((u) => ({ language: u.typed, suggestions: u.suggestions })) },
    });
  }
  return [...new Set(resolved)];
}

/** Whether an id's reported output_language is this requested name: the name itself, or a code of it (§10.3). */
export function languageMatches(reported: string | null | undefined, name: string): boolean {
  if (!reported) return false;
  const r = reported.trim().toLowerCase();
  if (r === name.toLowerCase()) return true;
  const [base, region] = r.split(/[-_]/);
  const word = base === undefined ? undefined : CODE_WORDS[base];
  if (!word || !name.toLowerCase().startsWith(word.toLowerCase())) return false;
  // A region twin knows must agree ("es-MX" is not "Spanish (Spain)"); an unknown one cannot tell.
  if (region === undefined || REGION_WORDS[region] === undefined) return true;
  return regionMatches(name, region) || !/\(/.test(name);
}

/** "Spanish (Spain)" → "spanish-spain": the language part of an output file name. */
export function languageSlug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'language'
  );
}
