// Webhook endpoints, event types and delivered-event history (contract §6).
import { randomBytes } from 'node:crypto';
import { invalidParameter, notFound } from '../errors.js';
import { EVENT_TYPES, EVENT_TYPE_NAMES } from '../data/event-types.js';
import { listBody, newestFirst } from '../pagination.js';
import { data, type Route } from '../router.js';
import type { EndpointRecord } from '../records.js';
import { newId, nextSeq, type State } from '../state.js';
import { onlyFields } from '../strict.js';
import { isObject, type Json } from '../validate-fields.js';
import { eventBody, isLoopbackUrl } from '../webhook-delivery.js';

function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

/** The secret is shown only on create and rotate (contract §6.1). */
function endpointView(ep: EndpointRecord, withSecret: boolean): Record<string, unknown> {
  return {
    endpoint_id: ep.id,
    url: ep.url,
    status: ep.status,
    created_at: ep.createdAt,
    events: ep.events,
    secret: withSecret ? ep.secret : null,
  };
}

/** Public HTTPS only, except plain http to a loopback host so tests can run local receivers. */
function checkUrl(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw invalidParameter('url', 'url is required');
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw invalidParameter('url', 'url must be an absolute URL');
  }
  if (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackUrl(value))) return value;
  throw invalidParameter('url', 'url must use https (the sandbox also accepts http to loopback hosts)');
}

function checkEvents(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw invalidParameter('events', 'events must be an array of event types or null');
  value.forEach((e, i) => {
    if (typeof e !== 'string' || !EVENT_TYPE_NAMES.has(e)) {
      throw invalidParameter(`events[${i}]`, `unknown event type ${JSON.stringify(e)}; see GET /v3/webhooks/event-types`);
    }
  });
  return [...new Set(value as string[])];
}

function requireBody(body: unknown, allowed: readonly string[]): Json {
  if (body === undefined) return {};
  if (!isObject(body)) throw invalidParameter(undefined, 'request body must be a JSON object');
  onlyFields(body, allowed);
  return body;
}

function getEndpoint(state: State, id: string): EndpointRecord {
  const ep = state.endpoints.get(id);
  if (!ep) throw notFound('not_found', `webhook endpoint ${id} not found`);
  return ep;
}

export const webhookRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v3/webhooks/endpoints',
    idempotent: true,
    handler: ({ state, body }) => {
      const b = requireBody(body, ['url', 'events', 'entity_id']);
      const url = checkUrl(b['url']);
      const events = checkEvents(b['events']);
      const entityId = b['entity_id'];
      if (entityId !== undefined && entityId !== null && typeof entityId !== 'string') {
        throw invalidParameter('entity_id', 'entity_id must be a string');
      }
      const ep: EndpointRecord = {
        id: newId('ep'),
        seq: nextSeq(state),
        url,
        events,
        entityId: typeof entityId === 'string' ? entityId : null,
        secret: newSecret(),
        status: 'enabled',
        createdAt: new Date(state.now()).toISOString(),
      };
      state.endpoints.set(ep.id, ep);
      return data(endpointView(ep, true));
    },
  },
  {
    method: 'GET',
    pattern: '/v3/webhooks/endpoints',
    query: ['limit', 'token'],
    handler: ({ state, query }) => {
      const eps = [...state.endpoints.values()].sort((a, b) => a.seq - b.seq);
      return {
        body: listBody(
          eps,
          query,
          { fallback: 10, max: 100 },
          (e) => e.seq,
          'endpoints',
          (e) => endpointView(e, false),
        ),
      };
    },
  },
  {
    method: 'PATCH',
    pattern: '/v3/webhooks/endpoints/:id',
    handler: ({ state, params, body }) => {
      const ep = getEndpoint(state, params['id'] ?? '');
      // The official PATCH takes url and events only (no status: §6.2).
      const b = requireBody(body, ['url', 'events']);
      const url = b['url'] === undefined ? ep.url : checkUrl(b['url']);
      // `events` replaces the whole list. The contract documents null = all for create only; the
      // sandbox reads an explicit null here the same way (the client sends the full list instead).
      const events = 'events' in b ? checkEvents(b['events']) : ep.events;
      ep.url = url;
      ep.events = events;
      return data(endpointView(ep, false));
    },
  },
  {
    method: 'DELETE',
    pattern: '/v3/webhooks/endpoints/:id',
    handler: ({ state, params }) => {
      const ep = getEndpoint(state, params['id'] ?? '');
      state.endpoints.delete(ep.id);
      return data({});
    },
  },
  {
    method: 'POST',
    pattern: '/v3/webhooks/endpoints/:id/rotate-secret',
    idempotent: true,
    handler: ({ state, params, body }) => {
      requireBody(body, []); // no body fields (an empty object is tolerated)
      const ep = getEndpoint(state, params['id'] ?? '');
      ep.secret = newSecret();
      return data({ endpoint_id: ep.id, secret: ep.secret });
    },
  },
  {
    method: 'GET',
    pattern: '/v3/webhooks/event-types',
    handler: () => ({ body: { data: EVENT_TYPES, has_more: false, next_token: null } }),
  },
  {
    method: 'GET',
    pattern: '/v3/webhooks/events',
    query: ['event_type', 'entity_id', 'limit', 'token'],
    handler: ({ state, query }) => {
      const type = query['event_type'] || undefined;
      if (type !== undefined && !EVENT_TYPE_NAMES.has(type)) {
        throw invalidParameter('event_type', `unknown event type ${JSON.stringify(type)}`);
      }
      const entity = query['entity_id'] || undefined;
      const events = state.events.filter((e) => (!type || e.type === type) && (!entity || e.entityId === entity));
      return { body: newestFirst(events, query, 'events', eventBody) };
    },
  },
];
