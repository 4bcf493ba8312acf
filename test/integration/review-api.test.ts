// The review JSON API (src/http/routes/review.ts) as the hub serves it (buildApp with the
// dashboard's access control): decisions are recorded under the signed-in account whatever the
// body says, each one is audited, sides touching a protected denouncer are masked, and without
// an account nothing is decided.
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/auth/users.ts';
import type { Role } from '../../src/auth/roles.ts';
import { buildApp } from '../../src/http/app.ts';
import { errorHandler } from '../../src/http/error-handler.ts';
import { reviewRoutes } from '../../src/http/routes/review.ts';
import { listAudit } from '../../src/store/audit-repo.ts';
import { listSourceStatus } from '../../src/store/index.ts';
import { createTestSchema, type TestSchema } from '../helpers/pg.ts';
import { PASSWORDS, PLANTED, signIn } from './dashboard-fixture.ts';
import { seedReviewPairs, type ReviewSeed } from './dashboard-review-seed.ts';

let db: TestSchema;
let app: FastifyInstance;
let seed: ReviewSeed;
const sessions = new Map<Role, { cookie: string; csrf: string }>();

beforeAll(async () => {
  db = await createTestSchema();
  seed = await seedReviewPairs(db.pool);
  for (const role of ['admin', 'inspector', 'viewer'] as const) {
    await addUser(
      db.pool,
      { username: role, password: PASSWORDS[role], role },
      { cost: { log2N: 10, r: 8, p: 1 } },
    );
  }
  const checks = {
    database: () => Promise.resolve(),
    redis: () => Promise.resolve(),
    pendingMigrations: () => Promise.resolve([]),
  };
  app = await buildApp({
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    checks,
    listSources: () => listSourceStatus(db.pool),
    syncNow: () => Promise.resolve(null),
    review: { pool: db.pool },
    dashboard: { pool: db.pool, syncNow: () => Promise.resolve(null), cookieSecure: false },
  });
  await app.ready();
  for (const role of ['admin', 'inspector', 'viewer'] as const) {
    sessions.set(role, await signIn(app, role));
  }
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

function call(role: Role | null, method: 'GET' | 'POST', url: string, payload?: object) {
  const s = role === null ? undefined : sessions.get(role);
  return app.inject({
    method,
    url,
    headers: {
      accept: 'application/json',
      ...(s === undefined ? {} : { cookie: s.cookie, 'csrf-token': s.csrf }),
    },
    ...(payload === undefined ? {} : { payload }),
  });
}

const SECRETS = [PLANTED.protected.name, PLANTED.protected.cccd, PLANTED.protected.phone];

describe('review API', () => {
  it('masks the sides of pairs touching a protected denouncer, and only those', async () => {
    for (const role of ['admin', 'inspector'] as const) {
      const res = await call(role, 'GET', '/api/v1/review/pairs');
      expect(res.statusCode).toBe(200);
      for (const s of SECRETS) expect(res.body).not.toContain(s);
      const pairs = res.json<{ id: string; masked: boolean; protectedIdentity: boolean }[]>();
      const byId = new Map(pairs.map((p) => [p.id, p]));
      expect(byId.get(seed.protectedPersonPair)).toMatchObject({
        masked: true,
        protectedIdentity: true,
      });
      expect(byId.get(seed.protectedCasePair)).toMatchObject({ masked: true });
      expect(byId.get(seed.openPersonPair)).toMatchObject({
        masked: false,
        protectedIdentity: false,
      });
      expect(res.body).toContain(PLANTED.open.cccd);
    }
    expect((await call('viewer', 'GET', '/api/v1/review/pairs')).statusCode).toBe(403);
  });

  it('decides under the signed-in account, ignoring an actor in the body, and audits', async () => {
    expect(
      (
        await call(null, 'POST', `/api/v1/review/pairs/${seed.openPersonPair}/decision`, {
          verdict: 'accept',
        })
      ).statusCode,
    ).toBe(401);
    const res = await call(
      'inspector',
      'POST',
      `/api/v1/review/pairs/${seed.openPersonPair}/decision`,
      {
        verdict: 'accept',
        actor: 'someone-else',
        note: 'cùng người',
      },
    );
    expect(res.statusCode).toBe(200);
    const decision = res.json<{ id: string; actor: string; action: string }>();
    expect(decision).toMatchObject({ actor: 'inspector', action: 'merge' });
    const audit = await listAudit(db.pool, { action: 'review.decided' });
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'inspector',
        targetType: 'review',
        targetId: seed.openPersonPair,
        details: { decisionId: decision.id, action: 'merge', kind: 'person', undoes: null },
      }),
    ]);

    const undo = await call('admin', 'POST', `/api/v1/review/decisions/${decision.id}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json()).toMatchObject({ actor: 'admin', action: 'undo', undoes: decision.id });

    const link = await call('admin', 'POST', '/api/v1/review/links', {
      kind: 'case',
      action: 'merge',
      leftRef: seed.hubIds.o2,
      rightRef: seed.hubIds.o1,
      actor: 'forged',
    });
    expect(link.statusCode).toBe(200);
    expect(link.json()).toMatchObject({ actor: 'admin', reviewId: null });
    const trail = (await call('admin', 'GET', '/api/v1/review/decisions')).json<
      { action: string; actor: string }[]
    >();
    expect(trail.map((d) => `${d.action}:${d.actor}`)).toEqual([
      'merge:admin',
      'undo:admin',
      'merge:inspector',
    ]);
    const audited = await listAudit(db.pool, { action: 'review.decided' });
    expect(audited.map((a) => `${a.targetType}:${a.actor}`)).toEqual([
      'review-link:admin',
      'review:admin',
      'review:inspector',
    ]);
  });

  it('documents the actor body field as ignored', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json<{
      paths: Record<
        string,
        { post?: { requestBody?: { content: Record<string, { schema: unknown }> } } }
      >;
    }>();
    const body = doc.paths['/api/v1/review/pairs/{id}/decision']?.post?.requestBody;
    expect(body?.content['application/json']?.schema).toMatchObject({
      required: ['verdict'],
      properties: { actor: { deprecated: true } },
    });
  });

  it('refuses to decide in a bare API with no signed-in account', async () => {
    const bare = Fastify();
    bare.setErrorHandler(errorHandler);
    await bare.register(reviewRoutes, { pool: db.pool, prefix: '/api/v1' });
    const res = await bare.inject({
      method: 'POST',
      url: `/api/v1/review/pairs/${seed.protectedPersonPair}/decision`,
      payload: { verdict: 'reject', actor: 'anyone' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'KNTC_AUTH_REQUIRED' });
    const listed = await bare.inject({ url: '/api/v1/review/pairs' });
    for (const s of [...SECRETS, PLANTED.open.name]) expect(listed.body).not.toContain(s);
    await bare.close();
  });
});
