// Every registered route × every role (anonymous, viewer, inspector, admin): allowed or refused as
// its declared policy says. The route list comes from Fastify's route table, so a new route is
// tested (and must declare its roles) without touching this file.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/roles.ts';
import { isUnsafeMethod, policyOf } from '../../src/http/plugins/route-policy.ts';
import { createTestPrefix, TEST_REDIS_URL } from '../helpers/redis.ts';
import {
  cookieOf,
  signIn,
  startDashboard,
  type DashboardFixture,
  type RouteInfo,
} from './dashboard-fixture.ts';

type Who = Role | 'anonymous';
const WHO: readonly Who[] = ['anonymous', 'viewer', 'inspector', 'admin'];

let f: DashboardFixture;
let queue: Queue;
let connection: Redis;
const { prefix, cleanup } = createTestPrefix();

beforeAll(async () => {
  connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue('pull', { connection, prefix });
  f = await startDashboard({ queues: [queue] });
});
afterAll(async () => {
  await f.close();
  await queue.close();
  connection.disconnect();
  await cleanup();
});

function concrete(url: string): string {
  return url
    .replace(':hubId', f.openHubId)
    .replace('/runs/:id', `/runs/${f.runId}`)
    .replace(':id', 'quynhon-web')
    .replace(':queueName', 'pull')
    .replace(':queueStatus', 'failed')
    .replace(/:[A-Za-z]+/g, 'x')
    .replace('*', 'index.html');
}

async function session(who: Who): Promise<{ cookie: string; csrf: string }> {
  if (who !== 'anonymous') return signIn(f.app, who);
  const page = await f.app.inject({ url: '/login', headers: { accept: 'text/html' } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { cookie: cookieOf(page.headers['set-cookie']), csrf };
}

async function call(route: RouteInfo, who: Who) {
  const s = await session(who);
  const unsafe = isUnsafeMethod(route.method);
  return f.app.inject({
    method: route.method as 'GET',
    url: concrete(route.url),
    headers: {
      cookie: s.cookie,
      accept: 'application/json',
      ...(unsafe ? { 'csrf-token': s.csrf, origin: 'http://localhost:80' } : {}),
    },
    ...(unsafe ? { payload: { reason: 'Kiểm tra quyền truy cập theo vai trò' } } : {}),
  });
}

function refusedBy(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  method = 'GET',
) {
  // HEAD answers carry no body: the status says it.
  if (method === 'HEAD' && res.statusCode === 401) return 'KNTC_AUTH_REQUIRED';
  if (method === 'HEAD' && res.statusCode === 403) return 'KNTC_FORBIDDEN';
  if (res.statusCode === 303 && String(res.headers['location']).startsWith('/login'))
    return 'login';
  if (res.statusCode !== 401 && res.statusCode !== 403) return null;
  try {
    const code = (JSON.parse(res.body) as { code?: string }).code;
    return code === 'KNTC_AUTH_REQUIRED' || code === 'KNTC_FORBIDDEN' ? code : null;
  } catch {
    return null;
  }
}

describe('route × role matrix', () => {
  it('every route declares who may call it', () => {
    const undeclared = f.routes.filter((r) => policyOf(r.method, r.url, r.config) === null);
    expect(undeclared.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    expect(f.routes.length).toBeGreaterThan(30);
  });

  it('allows exactly the declared roles on every route', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const route of f.routes) {
      if (route.url === '/logout') continue; // tested below with throwaway sessions
      const policy = policyOf(route.method, route.url, route.config);
      for (const who of WHO) {
        const allowed =
          policy !== null &&
          (policy.roles === 'public' || (who !== 'anonymous' && policy.roles.includes(who)));
        const res = await call(route, who);
        const refused = refusedBy(res, route.method);
        checked += 1;
        if (allowed === (refused !== null)) {
          wrong.push(
            `${route.method} ${route.url} as ${who}: ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
        }
        if (!allowed && who !== 'anonymous' && refused !== 'KNTC_FORBIDDEN') {
          wrong.push(
            `${route.method} ${route.url} as ${who}: expected KNTC_FORBIDDEN, got ${refused}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(120);
  });

  it('signs out any role, and refuses sign-out without a session', async () => {
    const logout = f.routes.find((r) => r.url === '/logout' && r.method === 'POST');
    expect(logout).toBeDefined();
    for (const who of WHO) {
      const res = await call(logout as RouteInfo, who);
      if (who === 'anonymous') expect(refusedBy(res)).toBe('KNTC_AUTH_REQUIRED');
      else expect(res.statusCode).toBe(303);
    }
  });

  it('sends a browser without a session to the sign-in page, and shows a role its 403 page', async () => {
    const anon = await f.app.inject({ url: '/sources', headers: { accept: 'text/html' } });
    expect(anon.statusCode).toBe(303);
    expect(anon.headers['location']).toBe('/login?next=%2Fsources');
    const viewer = await signIn(f.app, 'viewer');
    const page = await f.app.inject({
      url: '/sources',
      headers: { accept: 'text/html', cookie: viewer.cookie },
    });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('data-code="KNTC_FORBIDDEN"');
  });
});

describe('declared policy of sensitive routes', () => {
  const rolesOf = (method: string, url: string) => {
    const r = f.routes.find((x) => x.method === method && x.url === url);
    return r === undefined ? undefined : policyOf(method, url, r.config)?.roles;
  };
  it('keeps console, operations and queues to admins, and reveals to inspectors', () => {
    for (const url of [
      '/sources/:id/run',
      '/sources/:id/pause',
      '/sources/:id/resume',
      '/api/v1/sources/:id/sync',
      '/sources',
      '/sources/:id',
      '/sources/:id/test',
      '/sources/:id/preview',
      '/sources/:id/cursor',
    ]) {
      expect(rolesOf('POST', url), url).toEqual(['admin']);
    }
    // What calls a source with its secrets is never a GET (no CSRF check there).
    expect(rolesOf('GET', '/sources/:id/preview')).toBeUndefined();
    expect(rolesOf('GET', '/sources/:id/test')).toBeUndefined();
    for (const url of [
      '/sources',
      '/sources/new',
      '/sources/:id/edit',
      '/sources/:id/cursor',
      '/ops/health',
      '/admin/queues',
      '/admin/queues/api/queues',
    ]) {
      expect(rolesOf('GET', url), url).toEqual(['admin']);
    }
    expect(rolesOf('POST', '/petitions/:hubId/reveal')).toEqual(['inspector']);
    expect(rolesOf('GET', '/')).toEqual(['admin', 'inspector', 'viewer']);
    expect(rolesOf('GET', '/login')).toBe('public');
  });
});

describe('bull-board', () => {
  it('serves admins its page without the external font link', async () => {
    const s = await signIn(f.app, 'admin');
    const res = await f.app.inject({
      url: '/admin/queues',
      headers: { cookie: s.cookie, accept: 'text/html' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('__UI_CONFIG__');
    expect(res.body).not.toContain('fonts.googleapis.com');
  });
});
