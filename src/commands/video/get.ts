// twin video get <id>: status, URLs (presigned, short-lived) and failure details of one video.
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { showOne } from '../listing.js';
import { videoFields } from '../../ui/views/video.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export async function run(ctx: Context, { args }: CommandInput): Promise<void> {
  await showOne(
    ctx,
    args[0],
    { name: 'video', list: `${twinInvocation()} video list` },
    (api, id) => api.getVideo(id),
    videoFields,
    (v) => v.id,
  );
}
