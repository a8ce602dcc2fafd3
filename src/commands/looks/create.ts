// twin looks create --name N --footage <file|url|asset:ID> [--group G]: footage uploaded if local,
// then POST /v3/avatars (digital_twin); the ids printed at once, the consent page if one is needed,
// and with --wait the training followed like a render.
import type { AssetInput } from '../../api/media-client.js';
import type { Context } from '../../ui/context-types.js';
import { UsageError } from '../../shared/errors.js';
import { checkMediaFile } from '../../core/media/media-file.js';
import { parseMediaSource } from '../../core/media/local-media.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { flag } from '../listing.js';
import { createUploader } from '../../ui/media-upload.js';
import { followTraining } from './follow-training.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const optionsSchema = z.object({
  name: z.string({ error: 'is required: what to call the twin' }).check(z.trim(), z.minLength(1, 'must not be empty')),
  footage: z
    .string({ error: 'is required: the training video (a local mp4/webm file, an https URL, or asset:ID)' })
    .check(z.trim(), z.minLength(1, 'must not be empty')),
  group: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs a group id'))),
  idempotencyKey: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9_:.-]{1,255}$/, 'must be 1–255 characters from A-Z a-z 0-9 _ : . - (a UUID works)')),
  ),
  cache: z._default(z.boolean(), true),
  wait: flag,
  timeout: z.optional(z.string()),
  interval: z.optional(z.string()),
});

export async function run(ctx: Context, { opts }: CommandInput): Promise<number> {
  const o = parseOptions(optionsSchema, opts);
  const source = parseMediaSource(o.footage);
  if (!source) throw new UsageError(`--footage: "${o.footage}" is not a video file, an http(s) URL or asset:ID.`, { flag: '--footage' });
  // A local file is checked before anything is sent.
  const local =
    source.kind === 'file'
      ? await checkMediaFile(source.path, { where: '--footage', flag: '--footage', kinds: ['video'], cwd: ctx.cwd })
      : undefined;
  const api = await ctx.api();
  let file: AssetInput;
  if (local) file = { type: 'asset_id', asset_id: (await (await createUploader(ctx, { cache: o.cache })).upload(local)).asset_id };
  else if (source.kind === 'asset') file = { type: 'asset_id', asset_id: source.id };
  else file = { type: 'url', url: (source as { url: string }).url };

  const created = await api.createTwin(
    { type: 'digital_twin', name: o.name, file, ...(o.group ? { avatar_group_id: o.group } : {}) },
    { idempotencyKey: o.idempotencyKey },
  );
  const look = created.avatar_item;
  const groupId = created.avatar_group?.id ?? look?.group_id ?? o.group ?? null;
  const lookId = look?.id ?? null;
  // The ids the moment they exist: whatever happens next, the twin can be found.
  if (ctx.out.mode === 'quiet' && lookId) ctx.out.data(lookId);
  ctx.out.info(
    `${ctx.out.style.green('✔')} Created look ${ctx.out.style.bold(lookId ?? '?')} in group ${ctx.out.style.bold(groupId ?? '?')} (${look?.status ?? 'submitted'}; idempotency key ${created.idempotencyKey})`,
  );

  let consentUrl: string | null = null;
  const needsConsent = look?.status === 'pending_consent' || created.avatar_group?.consent_status === 'pending';
  if (needsConsent && groupId) {
    consentUrl = (await api.requestConsent(groupId)).url ?? null;
    ctx.out.warn(
      `Consent is needed before training starts: the person in the footage opens\n  ${consentUrl ?? `(no consent URL was returned; run \`${twinInvocation()} looks consent ` + groupId + '`)'}`,
    );
    if (!o.wait && lookId) ctx.out.info(`  Then: ${twinInvocation()} looks wait ${lookId}`);
  } else if (!o.wait && lookId) {
    ctx.out.info(ctx.out.style.dim(`  Follow it with: ${twinInvocation()} looks wait ${lookId}`));
  }

  const result: Record<string, unknown> = {
    look_id: lookId,
    group_id: groupId,
    status: look?.status ?? null,
    consent_url: consentUrl,
    idempotency_key: created.idempotencyKey,
    look: look ?? null,
    group: created.avatar_group ?? null,
  };
  if (o.wait && lookId) {
    const [trained] = await followTraining(ctx, [lookId], o, `${twinInvocation()} looks wait ${lookId}`);
    Object.assign(result, { status: trained!.status ?? 'completed', look: trained });
  }
  ctx.out.result(result, { human: (r) => (ctx.io.stdoutIsTTY ? '' : String(r.look_id)), quiet: () => [] });
  return 0;
}
