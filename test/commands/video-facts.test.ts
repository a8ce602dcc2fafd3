// One home per fact: every list of allowed values in shared/video-facts.ts is exactly what the
// flags offer (commander .choices()), what a setting accepts, what a flag value and a -d body
// field accept, what the wizard offers, and what the sandbox accepts. A list edited in one place
// only would fail here.
import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/program.js';
import { settingsSchema, type SettingKey } from '../../src/config/schema.js';
import { parseSettingValue } from '../../src/config/user-store.js';
import { checkLocalRules, partialVideoInputSchema, type CreateVideoBody, type VideoInput } from '../../src/core/video/request.js';
import { validateCreate } from '../../src/sandbox/validate.js';
import { aspectRatioChoices } from '../../src/wizard/options.js';
import { ASPECT_HINTS, EXPRESSIVENESS_HINTS, FIT_HINTS, FORMAT_HINTS, RESOLUTION_HINTS } from '../../src/wizard/option-hints.js';
import {
  ASPECT_RATIOS,
  ENGINES,
  EXPRESSIVENESS_LEVELS,
  FITS,
  OUTPUT_FORMATS,
  RESOLUTIONS,
  SCRIPT_MAX_CHARS,
  VOICE_PITCH,
  VOICE_SPEED,
  VOICE_VOLUME,
} from '../../src/shared/video-facts.js';

/** Each enum with its flag, setting key, VideoInput field and body field. */
const ENUMS = [
  { flag: '--engine', setting: 'engine', input: 'engine', values: ENGINES, body: (v: string) => ({ engine: { type: v } }) },
  { flag: '--resolution', setting: 'resolution', input: 'resolution', values: RESOLUTIONS, body: (v: string) => ({ resolution: v }) },
  {
    flag: '--aspect-ratio',
    setting: 'aspect-ratio',
    input: 'aspectRatio',
    values: ASPECT_RATIOS,
    body: (v: string) => ({ aspect_ratio: v }),
  },
  { flag: '--fit', setting: 'fit', input: 'fit', values: FITS, body: (v: string) => ({ fit: v }) },
  {
    flag: '--output-format',
    setting: 'output-format',
    input: 'outputFormat',
    values: OUTPUT_FORMATS,
    body: (v: string) => ({ output_format: v }),
  },
  {
    flag: '--expressiveness',
    setting: 'expressiveness',
    input: 'expressiveness',
    values: EXPRESSIVENESS_LEVELS,
    body: (v: string) => ({ expressiveness: v }),
  },
] as const satisfies ReadonlyArray<{
  flag: string;
  setting: SettingKey;
  input: keyof VideoInput;
  values: readonly string[];
  body: (v: string) => Record<string, unknown>;
}>;

const OUTSIDE = 'not-a-value';

function allOptions(command: Command, path = 'twin'): Array<{ path: string; option: Option }> {
  return [
    ...command.options.map((option) => ({ path, option })),
    ...command.commands.flatMap((sub) => allOptions(sub, `${path} ${sub.name()}`)),
  ];
}

function sandboxError(body: Record<string, unknown>): { param?: string; message: string } | undefined {
  try {
    validateCreate({ type: 'avatar', avatar_id: 'lk_alex_office', script: 'Hello.', ...body });
    return undefined;
  } catch (error) {
    return error as { param?: string; message: string };
  }
}

describe('video facts have one home', () => {
  const options = allOptions(buildProgram(() => async () => {}));

  it.each(ENUMS)('$flag: every flag of that name offers exactly the fact list as its choices', ({ flag, values }) => {
    // `voices list --engine` filters by voice engine (starfish…), a different fact with the same flag name.
    const found = options.filter(({ path, option }) => option.long === flag && !(path === 'twin voices list' && flag === '--engine'));
    expect(found.length).toBeGreaterThan(0);
    for (const { path, option } of found) expect({ path, choices: option.argChoices }).toEqual({ path, choices: [...values] });
  });

  it.each(ENUMS)('$setting: the setting accepts exactly the fact list', ({ setting, values }) => {
    const schema = settingsSchema().shape[setting]._zod.def.innerType._zod.def as unknown as { entries: Record<string, string> };
    expect(Object.values(schema.entries)).toEqual([...values]);
    for (const value of values) expect(parseSettingValue(setting, value)).toBe(value);
    expect(() => parseSettingValue(setting, OUTSIDE)).toThrow(/must be one of/);
  });

  it.each(ENUMS)(
    '$input: a flag value and a -d body field accept the fact list and refuse anything else',
    ({ input, flag, values, body }) => {
      for (const value of values) expect(partialVideoInputSchema.safeParse({ [input]: value }).success).toBe(true);
      expect(partialVideoInputSchema.safeParse({ [input]: OUTSIDE }).success).toBe(false);
      const check = (value: string) =>
        checkLocalRules({ type: 'avatar', avatar_id: 'lk_1', script: 'Hi', ...body(value) } as unknown as CreateVideoBody).filter((p) =>
          /must be one of/.test(p.message),
        );
      for (const value of values) expect(check(value)).toEqual([]);
      expect(check(OUTSIDE)).toEqual([{ flag, message: `must be one of ${values.join(', ')} (got "${OUTSIDE}")` }]);
    },
  );

  it.each(ENUMS)('$flag: the sandbox refuses a value outside the fact list and knows every value in it', ({ values, body }) => {
    const outside = sandboxError(body(OUTSIDE));
    expect(outside?.message).toMatch(new RegExp(`must be one of ${values.join(', ')}$`));
    // A value of the list may still be refused by a cross-field rule (webm needs matting...), never as unknown.
    for (const value of values) expect(sandboxError(body(value))?.message ?? '').not.toMatch(/must be one of/);
  });

  it('the wizard offers every value of each list, with words for each', () => {
    expect(aspectRatioChoices(undefined, 'auto').map((c) => c.value)).toEqual([...ASPECT_RATIOS]);
    expect(Object.keys(ASPECT_HINTS)).toEqual([...ASPECT_RATIOS]);
    expect(Object.keys(RESOLUTION_HINTS)).toEqual([...RESOLUTIONS]);
    expect(Object.keys(FORMAT_HINTS)).toEqual([...OUTPUT_FORMATS]);
    expect(Object.keys(FIT_HINTS)).toEqual([...FITS]);
    expect(Object.keys(EXPRESSIVENESS_HINTS).sort()).toEqual([...EXPRESSIVENESS_LEVELS].sort());
  });

  it('limits: the script length and the voice ranges hold at their edges in the flags, the settings and the sandbox', () => {
    const script = (n: number) => ({ script: 'a'.repeat(n) });
    expect(partialVideoInputSchema.safeParse(script(SCRIPT_MAX_CHARS)).success).toBe(true);
    expect(partialVideoInputSchema.safeParse(script(SCRIPT_MAX_CHARS + 1)).success).toBe(false);
    expect(sandboxError(script(SCRIPT_MAX_CHARS))).toBeUndefined();
    expect(sandboxError(script(SCRIPT_MAX_CHARS + 1))?.param).toBe('script');

    const ranges = [
      ['voiceSpeed', 'voice-speed', 'speed', VOICE_SPEED],
      ['voicePitch', 'voice-pitch', 'pitch', VOICE_PITCH],
      ['voiceVolume', 'voice-volume', 'volume', VOICE_VOLUME],
    ] as const;
    for (const [input, setting, field, { min, max }] of ranges) {
      for (const [value, ok] of [
        [min, true],
        [max, true],
        [min - 0.01, false],
        [max + 0.01, false],
      ] as const) {
        expect(partialVideoInputSchema.safeParse({ [input]: value }).success, `${input} ${value}`).toBe(ok);
        expect(settingsSchema().safeParse({ [setting]: value }).success, `${setting} ${value}`).toBe(ok);
        expect(sandboxError({ voice_settings: { [field]: value } }) === undefined, `voice_settings.${field} ${value}`).toBe(ok);
      }
    }
  });
});
