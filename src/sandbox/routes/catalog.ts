// Read-only catalogue: looks, avatar groups, voices and the current user (contract §2, §3, §7).
import { invalidParameter, notFound } from '../errors.js';
import { viewGroup } from '../avatars.js';
import { findLook, groupIds, groupOwnership, lookView } from '../data/looks.js';
import { voiceListView } from '../data/voices.js';
import { lookUpVoice, settleClones, voiceDetail } from '../voices.js';
import { HOSTILE_VOICES, hostileLooks } from '../data/hostile.js';
import { listBody } from '../pagination.js';
import { data, type Route } from '../router.js';
import type { SandboxBilling } from '../types.js';

const AVATAR_TYPES = ['studio_avatar', 'digital_twin', 'photo_avatar'];

function enumQuery(query: Record<string, string>, name: string, values: string[], hint = ''): string | undefined {
  const v = query[name];
  if (v === undefined || v === '') return undefined;
  if (!values.includes(v)) throw invalidParameter(name, `${name} must be one of ${values.join(', ')}${hint}`);
  return v;
}

export const catalogRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v3/avatars/looks',
    query: ['group_id', 'avatar_type', 'ownership', 'limit', 'token'],
    handler: ({ state, query }) => {
      // `video_avatar` is the older name (contract §10.1); the sandbox rejects it rather than mapping it.
      const avatarType = enumQuery(
        query,
        'avatar_type',
        AVATAR_TYPES,
        query['avatar_type'] === 'video_avatar' ? ' (video_avatar is now digital_twin)' : '',
      );
      const ownership = enumQuery(query, 'ownership', ['public', 'private']);
      const groupId = query['group_id'] || undefined;
      const all = state.options.hostileIds ? [...hostileLooks(), ...state.looks] : state.looks;
      const looks = all.filter(
        (l) =>
          (!avatarType || l.avatarType === avatarType) && (!ownership || l.ownership === ownership) && (!groupId || l.groupId === groupId),
      );
      return {
        body: listBody(
          looks,
          query,
          { fallback: 20, max: 50 },
          (l) => l.seq,
          'looks',
          (l) => lookView(l, state.baseUrl),
        ),
      };
    },
  },
  {
    method: 'GET',
    pattern: '/v3/avatars/looks/:id',
    handler: ({ state, params }) => {
      const look = findLook(params['id'] ?? '', state.looks);
      if (!look) throw notFound('avatar_not_found', `look ${params['id']} not found`);
      return data(lookView(look, state.baseUrl));
    },
  },
  {
    method: 'GET',
    pattern: '/v3/avatars',
    query: ['ownership', 'limit', 'token'],
    handler: ({ state, query }) => {
      const ownership = enumQuery(query, 'ownership', ['public', 'private']);
      const ids = groupIds(state.looks).filter((id) => !ownership || groupOwnership(id, state.looks) === ownership);
      const view = (id: string) => viewGroup(state, id);
      // A group sorts by its oldest look, so a cursor survives groups created or deleted between pages.
      const key = (id: string) => state.looks.find((l) => l.groupId === id)?.seq ?? 0;
      return { body: listBody(ids, query, { fallback: 20, max: 50 }, key, `groups:${ownership ?? ''}`, view) };
    },
  },
  {
    method: 'GET',
    pattern: '/v3/avatars/:id',
    handler: ({ state, params }) => {
      const group = viewGroup(state, params['id'] ?? '');
      if (!group) throw notFound('avatar_not_found', `avatar group ${params['id']} not found`);
      return data(group);
    },
  },
  {
    method: 'GET',
    pattern: '/v3/voices',
    query: ['type', 'engine', 'language', 'gender', 'limit', 'token'],
    handler: ({ state, query }) => {
      const type = enumQuery(query, 'type', ['public', 'private']) ?? 'public';
      const gender = enumQuery(query, 'gender', ['male', 'female']);
      const language = query['language']?.toLowerCase() || undefined;
      const engine = query['engine'] || undefined;
      settleClones(state);
      // A clone still processing is listed under type=private (unconfirmed, §11.3; see README).
      const voices = (state.options.hostileIds ? [...HOSTILE_VOICES, ...state.voices] : state.voices).filter(
        (v) =>
          v.type === type &&
          (!gender || v.gender === gender) &&
          (!language || v.language.toLowerCase() === language) &&
          (!engine || (v.engines as string[]).includes(engine)),
      );
      return {
        body: listBody(
          voices,
          query,
          { fallback: 20, max: 100 },
          (v) => v.seq,
          'voices',
          (v) => voiceListView(v, state.baseUrl),
        ),
      };
    },
  },
  {
    method: 'GET',
    pattern: '/v3/voices/:id',
    handler: ({ state, params }) => {
      const voice = lookUpVoice(state, params['id'] ?? '');
      if (!voice) throw notFound('voice_not_found', `voice ${params['id']} not found`);
      return data(voiceDetail(state, voice));
    },
  },
  {
    method: 'GET',
    pattern: '/v3/users/me',
    handler: ({ state }) => {
      // Exactly one of wallet / subscription / usage_based is populated, the others null (§7).
      const billing = state.options.billing ?? DEFAULT_BILLING;
      return data({
        username: 'sandbox-user',
        email: 'sandbox-user@example.com',
        first_name: 'Sandbox',
        last_name: 'User',
        billing_type: billing.billing_type,
        wallet: 'wallet' in billing ? billing.wallet : null,
        subscription: 'subscription' in billing ? billing.subscription : null,
        usage_based: 'usage_based' in billing ? billing.usage_based : null,
      });
    },
  },
];

const DEFAULT_BILLING: SandboxBilling = {
  billing_type: 'wallet',
  wallet: { currency: 'usd', remaining_balance: 250, auto_reload: { enabled: false } },
};
