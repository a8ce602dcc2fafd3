// twin looks consent <group_id>: asks HeyGen for the consent page of a group and prints its URL.
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { parseId } from '../listing.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export async function run(ctx: Context, { args }: CommandInput): Promise<void> {
  const groupId = parseId(args[0], 'group', `${twinInvocation()} groups list`, '<group-id>');
  const consent = await (await ctx.api()).requestConsent(groupId);
  const doc = {
    group_id: groupId,
    consent_url: consent.url ?? null,
    consent_status: consent.avatar_group?.consent_status ?? null,
    idempotency_key: consent.idempotencyKey,
  };
  ctx.out.result(doc, {
    human: (d) => d.consent_url ?? '',
    quiet: (d) => (d.consent_url ? [d.consent_url] : []),
  });
  if (doc.consent_url)
    ctx.out.info(
      `The person in the footage opens this page to consent; training starts after that. Then: ${twinInvocation()} looks wait ${groupId}`,
    );
  else ctx.out.info('No consent page was returned (consent may already be given).');
}
