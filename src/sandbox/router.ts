// Route table plumbing. Route keys use `:id` placeholders and double as counter keys and fault filters.
import type { IncomingHttpHeaders } from 'node:http';
import type { State } from './state.js';

export interface RouteContext {
  state: State;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  headers: IncomingHttpHeaders;
}

export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  pattern: string;
  /** 'multipart': the body is multipart/form-data (up to 32 MB), handed over as its parts. */
  body?: 'multipart';
  /** The query parameters the official schema lists; any other answers 400 (see strict.ts). */
  query?: readonly string[];
  /** HeyGen honours Idempotency-Key here (contract §1.6); elsewhere the header is ignored. */
  idempotent?: boolean;
  handler: (ctx: RouteContext) => Reply | Promise<Reply>;
}

export function routeKey(route: Pick<Route, 'method' | 'pattern'>): string {
  return `${route.method} ${route.pattern}`;
}

/** First match wins, so literal paths (/v3/videos/statuses) must be listed before /v3/videos/:id. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  const segments = path.split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const parts = route.pattern.split('/');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const part = parts[i] ?? '';
      const seg = segments[i] ?? '';
      if (part.startsWith(':')) {
        if (seg === '') ok = false;
        else params[part.slice(1)] = safeDecode(seg);
      } else if (part !== seg) ok = false;
    }
    if (ok) return { route, params };
  }
  return undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The route key a request counts under, also for paths no route knows. */
export function keyForPath(method: string, path: string): string {
  if (path.startsWith('/download/')) return `${method} /download/:id`;
  if (path.startsWith('/static/')) return `${method} /static/:file`;
  if (path.startsWith('/upload/')) return `${method} /upload/:id`;
  return `${method} ${path}`;
}

export function data(body: unknown, status = 200): Reply {
  return { status, body: { data: body } };
}
