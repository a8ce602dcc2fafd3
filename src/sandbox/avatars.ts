// The Digital Twin's life (contract §2.4, §2.5): footage in, consent, training on the render clock,
// then rename and delete. A new group waits in `pending_consent` until its consent page is approved;
// a look added to a group that already has consent starts training at once.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { GroupFacts, SeedLook } from './data/look-types.js';
import { findLook, groupView, lookView } from './data/looks.js';
import { ApiError, invalidParameter, notFound } from './errors.js';
import { takeScripted } from './faults.js';
import { checkAssetInput } from './avatars-input.js';
import { onlyFields } from './strict.js';
import { Fields, isObject } from './validate-fields.js';
import { newId, nextSeq, type State } from './state.js';

const DEFAULT_TRAINING_FAILURE = { code: 'training_failed', message: 'Sandbox: training failed (injected fault).' };

function groupFacts(state: State, groupId: string): GroupFacts | undefined {
  return state.groups.get(groupId);
}

export function viewGroup(state: State, groupId: string): Record<string, unknown> | undefined {
  return groupView(groupId, state.baseUrl, state.looks, groupFacts(state, groupId));
}

function privateLook(state: State, id: string, action: string): SeedLook {
  const look = findLook(id, state.looks);
  if (!look) throw notFound('avatar_not_found', `look ${id} not found`);
  if (look.ownership !== 'private')
    throw new ApiError(403, 'forbidden', `look ${id} is a public preset: only your own looks can be ${action}`);
  return look;
}

function privateGroup(state: State, groupId: string): SeedLook[] {
  const looks = state.looks.filter((l) => l.groupId === groupId);
  if (looks.length === 0) throw notFound('avatar_not_found', `avatar group ${groupId} not found`);
  if (looks[0]!.ownership !== 'private')
    throw new ApiError(403, 'forbidden', `avatar group ${groupId} is public: only your own groups can be changed`);
  return looks;
}

/** POST /v3/avatars, `type: "digital_twin"`. */
export function createTwin(state: State, body: unknown): { avatar_group: unknown; avatar_item: unknown } {
  if (!isObject(body)) throw invalidParameter(undefined, 'request body must be a JSON object');
  const f: Fields = new Fields(body, '');
  const type = f.str('type');
  if (type === null) f.fail('type', 'type is required (digital_twin, photo or prompt)');
  if (type !== 'digital_twin') f.fail('type', `the sandbox creates digital_twin avatars only (got ${JSON.stringify(type)})`);
  onlyFields(body, ['type', 'name', 'file', 'avatar_group_id'], '');
  const name = f.str('name');
  if (name === null || name.trim() === '') f.fail('name', 'name is required');
  const file = f.obj('file');
  if (file === null) f.fail('file', 'file is required: the training footage as an AssetInput');
  checkAssetInput(state, f, file, 'file', 'video');
  const groupId = f.str('avatar_group_id');
  let group: SeedLook | undefined;
  if (groupId !== null) {
    group = state.looks.find((l) => l.groupId === groupId);
    if (!group || group.ownership !== 'private' || group.avatarType !== 'digital_twin') {
      f.fail('avatar_group_id', `avatar_group_id ${groupId} is not one of your Digital Twin groups`);
    }
  }

  const now = state.now();
  const gid = group?.groupId ?? newId('grp');
  if (!group) state.groups.set(gid, { id: gid, createdAt: Math.floor(now / 1000), consentStatus: 'pending', rerouteUrl: null });
  const consented = (groupFacts(state, gid)?.consentStatus ?? 'approved') === 'approved';
  const failure = takeScripted(state, 'fail-training');
  const look: SeedLook = {
    seq: 1000 + nextSeq(state),
    id: newId('lk'),
    name: name.trim(),
    avatarType: 'digital_twin',
    ownership: 'private',
    groupId: gid,
    groupName: group?.groupName ?? name.trim(),
    gender: group?.gender ?? null,
    defaultVoiceId: group?.defaultVoiceId ?? null,
    tags: [],
    engines: ['avatar_iv', 'avatar_v'],
    orientation: 'landscape',
    status: consented ? 'processing' : 'pending_consent',
    error: null,
    matting: true,
    createdAt: Math.floor(now / 1000),
  };
  state.looks.push(look);
  state.training.set(look.id, {
    lookId: look.id,
    groupId: gid,
    trainMs: state.options.renderMs,
    startedAt: consented ? now : null,
    failure: failure
      ? { code: failure.failureCode ?? DEFAULT_TRAINING_FAILURE.code, message: failure.failureMessage ?? DEFAULT_TRAINING_FAILURE.message }
      : null,
  });
  return { avatar_group: viewGroup(state, gid), avatar_item: lookView(look, state.baseUrl) };
}

function consentSignature(state: State, groupId: string): Buffer {
  return createHmac('sha256', state.urlSecret).update(`consent\n${groupId}`).digest();
}

export function consentSigned(state: State, groupId: string, sig: string): boolean {
  const expected = consentSignature(state, groupId);
  const given = /^[0-9a-f]{64}$/.test(sig) ? Buffer.from(sig, 'hex') : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected) && state.looks.some((l) => l.groupId === groupId);
}

/** POST /v3/avatars/{group_id}/consent */
export function requestConsent(state: State, groupId: string, body: unknown): Record<string, unknown> {
  privateGroup(state, groupId);
  if (body !== undefined && !isObject(body)) throw invalidParameter(undefined, 'request body must be a JSON object');
  const fields = body ?? {};
  onlyFields(fields, ['reroute_url', 'consent_text', 'consent_video'], '');
  const f: Fields = new Fields(fields, '');
  const reroute = f.str('reroute_url');
  f.httpUrl('reroute_url', reroute);
  const text = f.str('consent_text');
  const video = f.obj('consent_video');
  if (video !== null && (reroute !== null || text !== null))
    f.fail('consent_video', 'consent_video cannot be combined with reroute_url or consent_text');
  const record = state.groups.get(groupId);
  if (record && reroute !== null) record.rerouteUrl = reroute;
  if (video !== null) {
    checkAssetInput(state, f, video, 'consent_video', 'video');
    approveConsent(state, groupId);
    return { avatar_group: viewGroup(state, groupId) };
  }
  const url = `${state.baseUrl}/consent/${encodeURIComponent(groupId)}?sig=${consentSignature(state, groupId).toString('hex')}`;
  return { avatar_group: viewGroup(state, groupId), url };
}

/** The person approved on the consent page (or a consent video came in): training starts. */
export function approveConsent(state: State, groupId: string): string | null {
  const record = state.groups.get(groupId);
  if (record) record.consentStatus = 'approved';
  const now = state.now();
  for (const t of state.training.values()) {
    if (t.groupId !== groupId || t.startedAt !== null) continue;
    t.startedAt = now;
    const look = findLook(t.lookId, state.looks);
    if (look) look.status = 'processing';
  }
  return record?.rerouteUrl ?? null;
}

/** Called by the lifecycle tick: looks whose training time is over become completed or failed. */
export function advanceTraining(state: State): void {
  const now = state.now();
  for (const t of state.training.values()) {
    if (t.startedAt === null || now < t.startedAt + t.trainMs) continue;
    state.training.delete(t.lookId);
    const look = findLook(t.lookId, state.looks);
    if (!look) continue;
    look.status = t.failure ? 'failed' : 'completed';
    look.error = t.failure;
  }
}

/** PATCH /v3/avatars/looks/{id} */
export function renameLook(state: State, id: string, body: unknown): SeedLook {
  const look = privateLook(state, id, 'renamed');
  if (look.avatarType === 'studio_avatar') throw new ApiError(403, 'forbidden', 'studio avatars cannot be renamed');
  if (!isObject(body)) throw invalidParameter(undefined, 'request body must be a JSON object');
  onlyFields(body, ['name'], '');
  const name = new Fields(body, '').str('name');
  if (name !== null) {
    if (name.trim() === '') throw invalidParameter('name', 'name must not be empty');
    look.name = name.trim();
  }
  return look;
}

/** DELETE /v3/avatars/looks/{id}: the last look takes its group with it. */
export function deleteLook(state: State, id: string): { id: string } {
  const look = privateLook(state, id, 'deleted');
  state.looks.splice(state.looks.indexOf(look), 1);
  state.training.delete(id);
  if (!state.looks.some((l) => l.groupId === look.groupId)) state.groups.delete(look.groupId);
  return { id };
}

/** DELETE /v3/avatars/{group_id} */
export function deleteGroup(state: State, groupId: string): { id: string } {
  for (const look of privateGroup(state, groupId)) deleteLook(state, look.id);
  state.groups.delete(groupId);
  return { id: groupId };
}
