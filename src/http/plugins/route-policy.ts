/**
 * Who may call each route. Dashboard routes declare it in their options
 * (`config: { roles: [...] }`); routes registered elsewhere (health, metrics, the sources API,
 * bull-board, the OpenAPI pages) are declared in ROUTE_POLICY below, one line each. A route
 * declared nowhere is refused to everyone (fail closed), and the route × role test lists it.
 */
import { ADMIN_ONLY, ANY_ROLE, STAFF, type RouteRoles } from '../../auth/roles.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route. */
    roles?: RouteRoles;
    /** false for routes that check their origin another way (bull-board's own JSON calls). */
    csrf?: boolean;
  }
}

/** A policy line: "METHOD /url" exactly as the route is declared, or "/prefix*" for any method. */
export interface PolicyLine {
  readonly match: string;
  readonly roles: RouteRoles;
  readonly csrf?: boolean;
}

/** Routes declared outside the dashboard. Add a line when a route is added elsewhere. */
export const ROUTE_POLICY: readonly PolicyLine[] = [
  { match: 'GET /health', roles: 'public' },
  { match: 'GET /ready', roles: 'public' },
  // Prometheus scrapes without a session; the metrics carry counts and source ids only.
  { match: 'GET /metrics', roles: 'public' },
  { match: 'GET /openapi.json', roles: 'public' },
  { match: '/docs*', roles: 'public' },
  { match: 'GET /api/v1/sources', roles: ANY_ROLE },
  { match: 'POST /api/v1/sources/:id/sync', roles: ADMIN_ONLY },
  // National submissions (src/http/routes/submissions.ts): figures for all, re-sending for IT.
  { match: 'GET /api/v1/submissions/summary', roles: ANY_ROLE },
  { match: 'GET /api/v1/submissions/window', roles: ANY_ROLE },
  { match: 'GET /api/v1/submissions', roles: ANY_ROLE },
  { match: 'POST /api/v1/submissions/:id/resend', roles: ADMIN_ONLY },
  // Duplicate review (src/http/routes/review.ts): side-by-side personal data, so staff only.
  { match: 'GET /api/v1/review/pairs', roles: STAFF },
  { match: 'POST /api/v1/review/pairs/:id/decision', roles: STAFF },
  { match: 'POST /api/v1/review/links', roles: STAFF },
  { match: 'POST /api/v1/review/decisions/:id/undo', roles: STAFF },
  { match: 'GET /api/v1/review/decisions', roles: STAFF },
  // bull-board's UI calls its JSON API without our CSRF token: same-origin is checked instead.
  { match: '/admin/queues*', roles: ADMIN_ONLY, csrf: false },
];

/** What a route requires. */
export interface RoutePolicy {
  readonly roles: RouteRoles;
  readonly csrf: boolean;
}

/** The policy of a route, or null when it declares none. HEAD follows GET. */
export function policyOf(
  method: string,
  url: string,
  config: { roles?: RouteRoles; csrf?: boolean },
): RoutePolicy | null {
  if (config.roles !== undefined) return { roles: config.roles, csrf: config.csrf ?? true };
  const m = method === 'HEAD' ? 'GET' : method;
  for (const line of ROUTE_POLICY) {
    const hit = line.match.endsWith('*')
      ? url.startsWith(line.match.slice(0, -1))
      : line.match === `${m} ${url}`;
    if (hit) return { roles: line.roles, csrf: line.csrf ?? true };
  }
  return null;
}

/** True for methods that change something (CSRF-checked). */
export function isUnsafeMethod(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}
