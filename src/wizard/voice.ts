// Step 4: the voice. The look's own default voice comes first, then the saved default (or
// the answer before going back); any other voice is one language pick and a filterable list away. Every voice shows its
// preview URL, so it can be heard before credits are spent on it.
import { ApiError } from '../shared/errors.js';
import { collectAll } from '../api/paginate.js';
import type { HeyGenClient, ListVoicesParams } from '../api/index.js';
import type { VoiceListItem } from '../api/schemas.js';
import type { Context } from '../ui/context-types.js';
import type { Choice } from '../ui/prompt.js';
import { previewUrl } from '../ui/views/voices.js';
import { shouldAsk, type ChosenVoice, type StepOutcome, type WizardState } from './state.js';
import { columns, filterChoices, say } from './ui.js';

const BROWSE = '\u0000browse';
const CHANGE_LANGUAGE = '\u0000language';
const ALL_LANGUAGES = '\u0000all';
/** Enough to browse; `twin voices list --all` shows the rest. */
const MAX_VOICES = 2000;

export async function chooseVoice(ctx: Context, state: WizardState): Promise<StepOutcome> {
  // Lip-sync to an audio file needs no voice.
  if ((state.input.audioUrl !== undefined || state.input.audio !== undefined) && state.input.script === undefined) return;
  const api = await ctx.api();
  if (!shouldAsk(state, 'voice', 'voice')) {
    state.voice = (await fetchVoice(api, state.input.voice!)) ?? { id: state.input.voice! };
    say(ctx, `${ctx.out.style.green('✔')} Voice: ${voiceLabel(state.voice)} ${ctx.out.style.dim('from --voice')}`);
    return;
  }
  const defaults = await defaultVoices(api, state);
  if (defaults.length > 0) {
    const choice = await ctx.prompt.select<string>({
      message: 'Voice:',
      choices: [
        ...defaults.map(({ voice, why }) => ({
          value: voice.id,
          name: `${voiceLabel(voice)}  (${why})`,
          short: voiceLabel(voice),
          description: previewLine(voice),
        })),
        { value: BROWSE, name: '… choose another voice by language', short: 'another voice' },
      ],
      default: state.input.voice,
    });
    const picked = defaults.find((d) => d.voice.id === choice);
    if (picked) {
      setVoice(ctx, state, picked.voice);
      return;
    }
  }
  setVoice(ctx, state, await browseVoices(ctx, api, defaults[0]?.voice.language ?? undefined));
}

function setVoice(ctx: Context, state: WizardState, voice: ChosenVoice): void {
  state.voice = voice;
  state.input.voice = voice.id;
  // The prompt already echoed the name; add what it could not show: where to listen.
  say(ctx, ctx.out.style.dim(`  ${previewLine(voice)}`));
}

/** The look's default voice and the current one (saved default or last answer), when they exist. */
async function defaultVoices(api: HeyGenClient, state: WizardState): Promise<Array<{ voice: ChosenVoice; why: string }>> {
  const out: Array<{ voice: ChosenVoice; why: string }> = [];
  const lookDefault = state.look?.default_voice_id ?? undefined;
  const current = state.input.voice;
  const ids: Array<[string | undefined, string]> = [
    [lookDefault, "this look's default voice"],
    [current, current === state.defaults.voice ? 'your default voice' : 'your last choice'],
  ];
  for (const [id, why] of ids) {
    if (!id || out.some((o) => o.voice.id === id)) continue;
    const voice = await fetchVoice(api, id);
    if (voice) out.push({ voice, why });
  }
  return out;
}

async function fetchVoice(api: HeyGenClient, id: string): Promise<ChosenVoice | undefined> {
  try {
    const v = await api.getVoice(id);
    return { id: v.voice_id, name: v.name, language: v.language, gender: v.gender, previewUrl: v.preview_audio_url };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

async function browseVoices(ctx: Context, api: HeyGenClient, preferredLanguage: string | undefined): Promise<ChosenVoice> {
  const [mine, publicVoices] = await Promise.all([
    collectAll<VoiceListItem, ListVoicesParams>(api.listVoices, { type: 'private', limit: 100 }, { max: MAX_VOICES }),
    collectAll<VoiceListItem, ListVoicesParams>(api.listVoices, { type: 'public', limit: 100 }, { max: MAX_VOICES }),
  ]);
  const voices = [...mine, ...publicVoices];
  for (;;) {
    const language = await ctx.prompt.select<string>({
      message: 'Voice language:',
      choices: languageChoices(voices),
      default: voices.some((v) => v.language === preferredLanguage) ? preferredLanguage : ALL_LANGUAGES,
      pageSize: 12,
    });
    const shown = language === ALL_LANGUAGES ? voices : voices.filter((v) => v.language === language);
    const choices = voiceChoices(shown);
    const id = await ctx.prompt.search<string>({
      message: `Voice (${language === ALL_LANGUAGES ? 'all languages' : language}; type to filter):`,
      source: (term) => [
        ...filterChoices(choices, term),
        { value: CHANGE_LANGUAGE, name: '… pick another language', short: 'another language' },
      ],
      pageSize: 12,
    });
    const voice = voices.find((v) => v.voice_id === id);
    if (voice) return fromListItem(voice);
  }
}

/** "All languages" first, then each language with its count, most voices first. */
function languageChoices(voices: VoiceListItem[]): Array<Choice<string>> {
  const counts = new Map<string, number>();
  for (const v of voices) counts.set(v.language, (counts.get(v.language) ?? 0) + 1);
  const languages = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return [
    { value: ALL_LANGUAGES, name: `All languages (${voices.length})`, short: 'all languages' },
    ...languages.map(([language, n]) => ({ value: language, name: `${language} (${n})`, short: language })),
  ];
}

/** Private (cloned) voices first; each row says name, gender, language; the description is the preview URL. */
function voiceChoices(voices: VoiceListItem[]): Array<Choice<string>> {
  const sorted = [...voices].sort((a, b) => Number(a.type !== 'private') - Number(b.type !== 'private'));
  const text = columns(sorted.map((v) => [v.name, v.gender, v.language, v.type === 'private' ? 'your voice' : '']));
  return sorted.map((v, i) => ({
    value: v.voice_id,
    name: text[i]!.trimEnd(),
    short: `${v.name} (${v.voice_id})`,
    description: previewLine(fromListItem(v)),
  }));
}

function fromListItem(v: VoiceListItem): ChosenVoice {
  return {
    id: v.voice_id,
    name: v.name,
    language: v.language,
    gender: v.gender,
    previewUrl: v.preview_audio_url,
    supportLocale: v.support_locale,
  };
}

export function voiceLabel(v: ChosenVoice): string {
  const facts = [v.language, v.gender].filter(Boolean).join(', ');
  return `${v.name ?? v.id}${facts ? ` (${facts})` : ''}`;
}

function previewLine(v: ChosenVoice): string {
  const url = previewUrl(v.previewUrl);
  return url ? `preview: ${url}` : 'no preview available';
}
