// twin voices search "<prompt>": up to three existing voices matching a description, with preview
// URLs (contract §11.4, "design"). It creates nothing; --seed 1 gives the next three.
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { UsageError } from '../../shared/errors.js';
import { DESIGN_PROMPT_MAX_CHARS, type DesignBody } from '../../api/voice-body.js';
import { VOICE_COLUMNS } from '../../ui/views/voices.js';
import { renderTable } from '../../ui/table.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const optionsSchema = z.object({
  gender: z.optional(z.enum(['male', 'female'], { error: (iss) => `must be male or female (got ${JSON.stringify(iss.input)})` })),
  locale: z.optional(z.string().check(z.trim(), z.minLength(2, 'must be a locale such as en-US'))),
  seed: z.optional(z.coerce.number().check(z.int('must be a whole number ≥ 0'), z.gte(0, 'must be a whole number ≥ 0'))),
});

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<void> {
  const o = parseOptions(optionsSchema, opts);
  const prompt = String(args[0] ?? '').trim();
  if (prompt === '') throw new UsageError(`Describe the voice: ${twinInvocation()} voices search "warm, calm, middle-aged male narrator".`);
  if ([...prompt].length > DESIGN_PROMPT_MAX_CHARS) {
    throw new UsageError(`The description is ${[...prompt].length} characters; the API takes at most ${DESIGN_PROMPT_MAX_CHARS}.`);
  }
  const body: DesignBody = {
    prompt,
    ...(o.gender ? { gender: o.gender } : {}),
    ...(o.locale ? { locale: o.locale } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
  };
  const found = await (await ctx.api()).designVoices(body);
  const seed = found.seed ?? o.seed ?? 0;
  ctx.out.result(
    { seed, voices: found.voices },
    {
      human: (r, style) =>
        r.voices.length === 0
          ? 'No voices match.'
          : `${renderTable(r.voices, VOICE_COLUMNS, { tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, header: style.bold })}\nMore: ${twinInvocation()} voices search ${JSON.stringify(prompt)} --seed ${seed + 1}\nThese may not all speak through twin say: check with ${twinInvocation()} voices list --engine starfish`,
      quiet: (r) => r.voices.map((v) => v.voice_id),
    },
  );
}
