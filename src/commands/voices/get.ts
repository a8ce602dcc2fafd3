// twin voices get <id>: one voice in full.
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { showOne } from '../listing.js';
import { voiceFields } from '../../ui/views/voices.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export async function run(ctx: Context, { args }: CommandInput): Promise<void> {
  await showOne(
    ctx,
    args[0],
    { name: 'voice', list: `${twinInvocation()} voices list` },
    (api, id) => api.getVoice(id),
    voiceFields,
    (v) => v.voice_id,
  );
}
