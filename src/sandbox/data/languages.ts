// The names GET /v3/video-translations/languages returns (contract §10.3), a representative subset of
// the real list, with the BCP-47 code the `translationLanguageCodes` knob reports as output_language.
export const TRANSLATION_LANGUAGES: ReadonlyArray<readonly [name: string, code: string]> = [
  ['English', 'en'],
  ['English (United States)', 'en-US'],
  ['English (United Kingdom)', 'en-GB'],
  ['Spanish (Spain)', 'es-ES'],
  ['Spanish (Mexico)', 'es-MX'],
  ['French (France)', 'fr-FR'],
  ['French (Canada)', 'fr-CA'],
  ['German (Germany)', 'de-DE'],
  ['Italian (Italy)', 'it-IT'],
  ['Portuguese (Brazil)', 'pt-BR'],
  ['Portuguese (Portugal)', 'pt-PT'],
  ['Japanese (Japan)', 'ja-JP'],
  ['Korean (Korea)', 'ko-KR'],
  ['Chinese (Mandarin, Simplified)', 'zh-CN'],
  ['Hindi (India)', 'hi-IN'],
  ['Arabic (Saudi Arabia)', 'ar-SA'],
  ['Dutch (Netherlands)', 'nl-NL'],
  ['Polish (Poland)', 'pl-PL'],
  ['Turkish (Turkey)', 'tr-TR'],
  ['Russian (Russia)', 'ru-RU'],
];

export function languageCode(name: string): string | undefined {
  return TRANSLATION_LANGUAGES.find(([n]) => n === name)?.[1];
}
