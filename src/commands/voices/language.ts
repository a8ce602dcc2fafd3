// GET /v3/voices filters by language *name* ("English"), not by code (contract §3.1).
// People type codes, so map ISO 639 codes (en, pt-BR, fil) to the English names the API uses.
import { UsageError } from '../../shared/errors.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

const CODE = /^([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*$/i;

export function languageName(value: string): string {
  const text = value.trim();
  const code = CODE.exec(text);
  // Three-letter words could be names; only treat them as codes when ICU knows them.
  if (code && (text.length <= 3 || text.includes('-') || text.includes('_'))) {
    const base = code[1]!.toLowerCase();
    const name = displayName(base);
    if (name) return name;
    if (base.length === 2 || text.length > 3) {
      throw new UsageError(`--language: "${value}" is not a language code I know; use a name such as English or a code such as en.`, {
        flag: '--language',
        suggestion: `See the languages available with \`${twinInvocation()} voices list --all\` (the LANGUAGE column).`,
      });
    }
  }
  // "english" → "English", "brazilian portuguese" → "Brazilian Portuguese"
  return text.replace(/\p{L}+/gu, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase());
}

function displayName(code: string): string | undefined {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
    return name && name.toLowerCase() !== code ? name : undefined;
  } catch {
    return undefined;
  }
}
