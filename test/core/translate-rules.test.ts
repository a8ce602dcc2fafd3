// The pure translation rules: language names, suggestions, pairing by output_language, the
// estimate, file names, the status vocabularies, and the languages cache's day.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateTranslation } from '../../src/core/translate/cost.js';
import { translationTarget } from '../../src/core/translate/file-names.js';
import { loadLanguages } from '../../src/core/translate/language-cache.js';
import { languageMatches, languageSlug, resolveLanguages, splitLanguages, suggestLanguages } from '../../src/core/translate/languages.js';
import { normalizeTranslationStatus } from '../../src/core/translate/status.js';
import { UsageError } from '../../src/shared/errors.js';
import { tempDir } from '../helpers/harness.js';

const KNOWN = [
  'English',
  'Spanish (Spain)',
  'Spanish (Mexico)',
  'German (Germany)',
  'Chinese (Mandarin, Simplified)',
  'Portuguese (Brazil)',
];

describe('languages', () => {
  it('splits on commas outside parentheses and matches case-insensitively to the list spelling', () => {
    expect(splitLanguages(['spanish (spain),Chinese (Mandarin, Simplified)', 'English', 'english'])).toEqual([
      'spanish (spain)',
      'Chinese (Mandarin, Simplified)',
      'English',
      'english',
    ]);
    expect(resolveLanguages(['spanish (spain)', 'ENGLISH', 'English'], KNOWN)).toEqual(['Spanish (Spain)', 'English']);
  });

  it('suggests names for a code, a bare word, a region code and a typo; unknown is a UsageError naming it', () => {
    expect(suggestLanguages('es', KNOWN)).toEqual(['Spanish (Spain)', 'Spanish (Mexico)']);
    expect(suggestLanguages('es-MX', KNOWN)).toEqual(['Spanish (Mexico)']);
    expect(suggestLanguages('german', KNOWN)).toEqual(['German (Germany)']);
    expect(suggestLanguages('Portugese (Brazil)', KNOWN)).toEqual(['Portuguese (Brazil)']);
    let error: unknown;
    try {
      resolveLanguages(['Klingon', 'es'], KNOWN);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toContain('"Klingon" is not a language name');
    expect((error as UsageError).details?.['unknown_languages']).toEqual([
      { language: 'Klingon', suggestions: [] },
      { language: 'es', suggestions: ['Spanish (Spain)', 'Spanish (Mexico)'] },
    ]);
  });

  it('reads output_language as the name or a code of it', () => {
    expect(languageMatches('Spanish (Spain)', 'Spanish (Spain)')).toBe(true);
    expect(languageMatches('es-ES', 'Spanish (Spain)')).toBe(true);
    expect(languageMatches('es-MX', 'Spanish (Spain)')).toBe(false);
    expect(languageMatches('de', 'German (Germany)')).toBe(true);
    expect(languageMatches(null, 'English')).toBe(false);
  });
});

describe('estimate, names, statuses', () => {
  it('prices seconds × languages × the mode rate, cut by start/end, always an estimate', () => {
    expect(estimateTranslation({ sourceSeconds: 60, languages: 3, mode: 'speed', audioOnly: false })).toMatchObject({
      usd: 5.99,
      minutes: 3,
    });
    expect(estimateTranslation({ sourceSeconds: 60, languages: 1, mode: 'speed', audioOnly: true }).rate_usd_per_second).toBe(0.0167);
    expect(estimateTranslation({ sourceSeconds: 60, languages: 2, mode: 'precision', audioOnly: false, start: 10, end: 40 })).toMatchObject(
      {
        seconds: 30,
        usd: 4,
        estimate: true,
      },
    );
    expect(estimateTranslation({ sourceSeconds: null, languages: 2, mode: 'speed', audioOnly: false }).usd).toBeNull();
  });

  it('names files <source>.<slug>.<ext>, into a folder or a pattern', () => {
    expect(languageSlug('Chinese (Mandarin, Simplified)')).toBe('chinese-mandarin-simplified');
    const base = { stem: 'talk', language: 'Spanish (Spain)', id: 'vt_1', cwd: '/w' };
    expect(translationTarget({ ...base, kind: 'video' })).toBe('/w/talk.spanish-spain.mp4');
    expect(translationTarget({ ...base, kind: 'vtt', output: 'out' })).toBe('/w/out/talk.spanish-spain.vtt');
    expect(translationTarget({ ...base, kind: 'srt', output: 'out/{language}/{source}.mp4' })).toBe('/w/out/spanish-spain/talk.srt');
    expect(translationTarget({ ...base, kind: 'audio', output: '{id}.{ext}' })).toBe('/w/vt_1.mp3');
  });

  it('maps the three status vocabularies to one', () => {
    expect(
      ['pending', 'queued', 'running', 'processing', 'completed', 'failed', 'not_found', 'weird'].map(normalizeTranslationStatus),
    ).toEqual(['pending', 'pending', 'running', 'running', 'completed', 'failed', 'not_found', 'unknown']);
  });

  it('keeps the languages list a day per host, then asks again', async () => {
    const env = { TWIN_CONFIG_DIR: join(tempDir(), 'config') };
    let calls = 0;
    let now = 1_000_000;
    const fetch = async () => {
      calls += 1;
      return ['English'];
    };
    const load = () => loadLanguages({ env, baseUrl: 'http://127.0.0.1:4010', fetch, now: () => now });
    expect((await load()).source).toBe('api');
    now += 23 * 3600_000;
    expect((await load()).source).toBe('cache');
    expect(await loadLanguages({ env, baseUrl: 'https://api.heygen.com', fetch, now: () => now })).toMatchObject({ source: 'api' });
    now += 2 * 3600_000;
    expect((await load()).source).toBe('api');
    expect(calls).toBe(3);
  });
});
