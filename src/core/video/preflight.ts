// Pre-flight: everything we can learn before a credit is spent. It reads (the look, the
// voice, the reference look) but never creates. Rules that depend on the look come from
// contract §2.1 and §4.3; the ones that need no network live in video-rules.ts.
import type { HeyGenClient } from '../../api/index.js';
import type { Look } from '../../api/schemas.js';
import type { CreateVideoBody } from '../../api/video-body.js';
import { ApiError, UsageError } from '../../shared/errors.js';
import { checkLocalRules, type Problem } from './rules.js';
import { orderBody } from './request.js';
import { DEFAULT_ENGINE } from '../../shared/video-facts.js';
import { toField } from '../../shared/flag-names.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export interface PreflightVerdict {
  ok: boolean;
  problems: Problem[];
  /** Things worth knowing that do not stop the request (a default voice filled in, ...). */
  notes: string[];
  look?: Look;
  /** The body to send: the input body plus what pre-flight filled in (the default voice). */
  body: CreateVideoBody;
}

/** Lets a batch check many rows against the same looks and voices with one GET each. */
export interface PreflightCache {
  looks: Map<string, Promise<Look | undefined>>;
  voices: Map<string, Promise<{ status?: string | null } | undefined>>;
}

export function createPreflightCache(): PreflightCache {
  return { looks: new Map(), voices: new Map() };
}

type Api = Pick<HeyGenClient, 'getLook' | 'getVoice'>;

export async function preflight(
  api: Api,
  input: CreateVideoBody,
  cache: PreflightCache = createPreflightCache(),
): Promise<PreflightVerdict> {
  const body: CreateVideoBody = structuredClone(input);
  const problems = checkLocalRules(body);
  const notes: string[] = [];
  const verdict = (look?: Look): PreflightVerdict => ({
    ok: problems.length === 0,
    problems,
    notes,
    look,
    body: orderBody(body as unknown as Record<string, unknown>) as unknown as CreateVideoBody,
  });
  if (typeof body.avatar_id !== 'string' || body.avatar_id.trim() === '') return verdict();

  const look = await fetchOnce(cache.looks, body.avatar_id, () => api.getLook(body.avatar_id));
  if (!look) {
    problems.push({
      flag: '--look',
      message: `no look "${body.avatar_id}" exists for this account (see \`${twinInvocation()} looks list --type all --ownership all\`)`,
    });
    return verdict();
  }

  checkLookStatus(look, problems);
  const engine = checkEngine(look, body, problems, notes);
  if (body.motion_prompt != null && engine !== 'avatar_iii' && look.avatar_type !== 'photo_avatar' && engine !== 'avatar_v') {
    // Contract §4.3 rule 4 (the schema wins over the seed, which says "IV and V").
    problems.push({
      flag: '--motion-prompt',
      message: `needs \`engine\` avatar_v for a ${look.avatar_type} look (only photo avatars may use it on ${engine})`,
    });
  }
  // §4.3 rule 7: Avatar III renders a photo avatar as Photo Avatar, which has no 4K.
  if (engine === 'avatar_iii' && body.resolution === '4k' && look.avatar_type === 'photo_avatar') {
    problems.push({ flag: '--resolution', message: '4k is not available for a photo avatar on avatar_iii; use 1080p, or another engine' });
  }
  if (body.expressiveness != null && look.avatar_type !== 'photo_avatar' && engine === 'avatar_iv') {
    notes.push(`expressiveness is documented for photo avatars; for a ${look.avatar_type} look the API may ignore it.`);
  }
  if (body.output_format === 'webm' || body.remove_background) {
    notes.push(
      'webm and `removeBackground` need a look trained with matting; the API does not expose that, so a render may fail if it was not.',
    );
  }
  await checkVoice(api, cache, look, body, problems, notes);
  await checkReferenceLook(api, cache, look, body, engine, problems, notes);
  return verdict(look);
}

/** Throws one usage error (exit 2) that lists every problem by flag. */
export function assertPreflight(verdict: Pick<PreflightVerdict, 'ok' | 'problems'>): void {
  if (verdict.ok && verdict.problems.length === 0) return;
  // Worded for the library (`voiceSpeed`); the command line shows flags (ui/report-error.ts).
  const problems = verdict.problems.map((p) => ({ ...p, field: toField(p.flag) }));
  const lines = problems.map((p) => `\`${p.field}\`: ${p.message}`);
  const message = lines.length === 1 ? lines[0]! : `${lines.length} problems with this video request:\n  ${lines.join('\n  ')}`;
  throw new UsageError(message, {
    // The first flag, so every flag error names one (`problems` lists them all).
    flag: verdict.problems[0]?.flag,
    suggestion: 'Nothing was sent and no credits were spent; fix what is listed above and try again.',
    details: { problems },
  });
}

/** Why a look's status keeps it from rendering, in words, for the statuses the contract explains. */
export function lookStatusReason(look: Pick<Look, 'status' | 'error'>): string | undefined {
  switch (look.status) {
    case 'processing':
      return 'still training';
    case 'pending_consent':
      return 'waiting for consent';
    case 'failed':
      return `training failed${look.error?.message ? `: ${look.error.message}` : ''}`;
    default:
      return undefined;
  }
}

function checkLookStatus(look: Look, problems: Problem[]): void {
  const status = look.status;
  if (status == null || status === 'completed') return;
  const why = lookStatusReason(look);
  const reason = why ? `; ${why}` : '';
  problems.push({
    flag: '--look',
    message: `look ${look.id} is not ready for video: its status is "${status}"${reason} (see \`${twinInvocation()} looks get ${look.id}\`)`,
  });
}

function checkEngine(look: Look, body: CreateVideoBody, problems: Problem[], notes: string[]): string {
  const named = body.engine?.type;
  const engine = named ?? DEFAULT_ENGINE;
  const supported = look.supported_api_engines ?? [];
  if (supported.length === 0) {
    notes.push(`look ${look.id} does not list its supported engines; ${engine} could not be checked.`);
  } else if (!supported.includes(engine)) {
    // Stryker disable next-line MethodExpression,ConditionalExpression: the engine is not in the list here, so the filter keeps it all
    const others = supported.filter((e) => e !== engine);
    problems.push({
      flag: '--engine',
      message: named
        ? // Stryker disable next-line StringLiteral: others is never empty here (the list is not, and lacks the engine)
          `look ${look.id} does not support ${engine}; it supports ${supported.join(', ')}${others.length ? ` (try \`engine\` ${others[0]})` : ''}`
        : `look ${look.id} does not support the default engine avatar_iv; set \`engine\` to ${supported.join(' or ')}`,
    });
  }
  return engine;
}

async function checkVoice(
  api: Api,
  cache: PreflightCache,
  look: Look,
  body: CreateVideoBody,
  problems: Problem[],
  notes: string[],
): Promise<void> {
  if (body.voice_id != null) {
    const voice = await fetchOnce(cache.voices, body.voice_id, () => api.getVoice(body.voice_id!));
    if (!voice) problems.push({ flag: '--voice', message: `no voice "${body.voice_id}" exists (see \`${twinInvocation()} voices list\`)` });
    else if (voice.status != null && voice.status !== 'complete' && voice.status !== 'completed') {
      problems.push({ flag: '--voice', message: `voice ${body.voice_id} is not ready: its status is "${voice.status}"` });
    }
    return;
  }
  if (body.script == null) return; // audio drives the lips; no voice is needed
  if (look.default_voice_id) {
    body.voice_id = look.default_voice_id;
    notes.push(`No \`voice\` given: using the look's default voice ${look.default_voice_id}.`);
  } else {
    problems.push({
      flag: '--voice',
      message: `is required: look ${look.id} has no default voice (see \`${twinInvocation()} voices list\`)`,
    });
  }
}

async function checkReferenceLook(
  api: Api,
  cache: PreflightCache,
  look: Look,
  body: CreateVideoBody,
  engine: string,
  problems: Problem[],
  notes: string[],
): Promise<void> {
  const refId = body.engine?.type === 'avatar_v' ? body.engine.reference_look_id : undefined;
  // Stryker disable next-line ConditionalExpression: refId is set only when the engine is avatar_v
  if (refId == null || engine !== 'avatar_v') return;
  const ref = await fetchOnce(cache.looks, refId, () => api.getLook(refId));
  if (!ref) {
    problems.push({ flag: '--reference-look', message: `no look "${refId}" exists` });
    return;
  }
  if (look.group_id && ref.group_id && look.group_id !== ref.group_id) {
    problems.push({
      flag: '--reference-look',
      message: `look ${refId} belongs to another avatar (group ${ref.group_id}, not ${look.group_id})`,
    });
  }
  if (ref.avatar_type === 'studio_avatar' || ref.avatar_type === 'photo_avatar') {
    problems.push({ flag: '--reference-look', message: `must be an instant-avatar look; ${refId} is a ${ref.avatar_type}` });
    // Stryker disable next-line ArrayDeclaration: any stand-in list lacks 'instant_avatar' too
  } else if (ref.avatar_type !== 'instant_avatar' && !(ref.tags ?? []).includes('instant_avatar')) {
    notes.push(`reference look ${refId} is not marked as an instant avatar; the API may reject it.`);
  }
}

/** One GET per id per cache; a 404 is "not found" (undefined), anything else is thrown. */
function fetchOnce<T>(map: Map<string, Promise<T | undefined>>, id: string, load: () => Promise<T>): Promise<T | undefined> {
  let pending = map.get(id);
  if (!pending) {
    pending = load().catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    });
    map.set(id, pending);
  }
  return pending;
}
