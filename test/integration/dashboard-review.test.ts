// The duplicates review pages on the dashboard fixture: the queue (paged, oldest first), one pair
// side by side with its reasons, accept / reject / undo recorded under the signed-in account and
// audited, the reveal of a protected pair, and who may do what. Protected identities planted in
// the seed must never reach a page for a role that may not see them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/roles.ts';
import { listAudit } from '../../src/store/audit-repo.ts';
import { PLANTED, signIn, startDashboard, type DashboardFixture } from './dashboard-fixture.ts';
import { seedReviewPairs, type ReviewSeed } from './dashboard-review-seed.ts';

let f: DashboardFixture;
let seed: ReviewSeed;
const sessions = new Map<Role, { cookie: string; csrf: string }>();

beforeAll(async () => {
  f = await startDashboard();
  seed = await seedReviewPairs(f.pool);
  for (const role of ['admin', 'inspector', 'viewer'] as const) {
    sessions.set(role, await signIn(f.app, role));
  }
});
afterAll(async () => f.close());

function session(role: Role) {
  const s = sessions.get(role);
  if (s === undefined) throw new Error(`no session for ${role}`);
  return s;
}

function page(role: Role, url: string) {
  return f.app.inject({ url, headers: { cookie: session(role).cookie, accept: 'text/html' } });
}

function post(role: Role, url: string, fields: Record<string, string> = {}, csrf = true) {
  const s = session(role);
  return f.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: s.cookie,
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: new URLSearchParams({ ...(csrf ? { _csrf: s.csrf } : {}), ...fields }).toString(),
  });
}

/** Every planted protected value, as written and as a source might write it. */
const SECRETS = [
  PLANTED.protected.name,
  PLANTED.protected.name.toUpperCase(),
  PLANTED.protected.cccd,
  PLANTED.protected.phone,
  PLANTED.protected.phone.slice(1),
];

async function personOf(hubId: string): Promise<string> {
  const { rows } = await f.pool.query<{ person_id: string }>(
    'SELECT person_id::text AS person_id FROM dedup_person_records WHERE hub_id = $1 AND idx = 0',
    [hubId],
  );
  return rows[0]?.person_id ?? '';
}

describe('review queue', () => {
  it('lists the open pairs oldest first, with sources and agreeing fields but no identity', async () => {
    const res = await page('inspector', '/review');
    expect(res.statusCode).toBe(200);
    const ids = [...res.body.matchAll(/data-pair="(\d+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([seed.openPersonPair, seed.protectedPersonPair, seed.protectedCasePair]);
    expect(res.body).toContain('review-src / R-O2');
    expect(res.body).toContain('Họ tên: Trùng khớp');
    for (const s of [...SECRETS, PLANTED.open.name, PLANTED.open.cccd]) {
      expect(res.body).not.toContain(s);
    }
    expect(res.body).toContain('href="/review"');
  });

  it('speaks English on ?lang=en', async () => {
    const res = await page('admin', '/review?lang=en');
    expect(res.body).toContain('<h1>Duplicates review</h1>');
    expect(res.body).toContain('Recent decisions');
    const pair = await page('admin', `/review/${seed.openPersonPair}?lang=en`);
    expect(pair.body).toContain('Accept: the same');
  });

  it('refuses viewers the pages and the decisions, and hides the link from them', async () => {
    expect((await page('viewer', '/review')).statusCode).toBe(403);
    expect((await page('viewer', `/review/${seed.openPersonPair}`)).statusCode).toBe(403);
    expect((await post('viewer', `/review/${seed.openPersonPair}/accept`)).statusCode).toBe(403);
    const overview = await page('viewer', '/');
    expect(overview.body).not.toContain('href="/review"');
    const { rows } = await f.pool.query('SELECT 1 FROM dedup_decisions');
    expect(rows).toHaveLength(0);
  });

  it('pages the queue by id', async () => {
    const extra = Array.from({ length: 55 }, () => [`${randomUUID()}:0`, `${randomUUID()}:0`]);
    await f.pool.query(
      `INSERT INTO dedup_reviews (kind, left_ref, right_ref, score, reasons)
       SELECT 'person', l, r, 12.1, '{}'::jsonb FROM unnest($1::text[], $2::text[]) AS x(l, r)`,
      [extra.map((e) => e[0]), extra.map((e) => e[1])],
    );
    const first = await page('admin', '/review?kind=person');
    const firstIds = [...first.body.matchAll(/data-pair="(\d+)"/g)].map((m) => Number(m[1]));
    expect(firstIds).toHaveLength(50);
    expect(firstIds).toEqual([...firstIds].sort((a, b) => a - b));
    const next = /rel="next" href="([^"]+)"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toBe(`/review?after=${firstIds.at(-1)}&kind=person`);
    const second = await page('admin', next ?? '');
    const secondIds = [...second.body.matchAll(/data-pair="(\d+)"/g)].map((m) => Number(m[1]));
    expect(secondIds).toHaveLength(2 + 55 - 50);
    expect(Math.min(...secondIds)).toBeGreaterThan(Math.max(...firstIds));
    expect(second.body).not.toContain('rel="next"');
    await f.pool.query(`DELETE FROM dedup_reviews WHERE left_ref = ANY($1::text[])`, [
      extra.map((e) => e[0]),
    ]);
  });
});

describe('one pair', () => {
  it('shows an unprotected pair side by side in clear to staff, with reasons per field', async () => {
    for (const role of ['inspector', 'admin'] as const) {
      const res = await page(role, `/review/${seed.openPersonPair}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(PLANTED.open.name);
      expect(res.body).toContain(`CCCD ${PLANTED.open.cccd}`);
      expect(res.body).toMatch(/data-field="name" data-level="exact"/);
      expect(res.body).toMatch(/data-field="ward" data-level="different"/);
      expect(res.body).toContain('94%');
      expect(res.body).not.toContain('data-masked');
    }
  });

  it('masks both sides of a pair touching a protected denouncer, for every staff role', async () => {
    for (const role of ['inspector', 'admin'] as const) {
      for (const id of [seed.protectedPersonPair, seed.protectedCasePair]) {
        const res = await page(role, `/review/${id}`);
        expect(res.statusCode).toBe(200);
        for (const s of SECRETS) expect(res.body, `${role} ${id}`).not.toContain(s);
        expect(res.body).toContain('data-masked="true"');
        const canReveal = res.body.includes(`action="/review/${id}/reveal"`);
        expect(canReveal).toBe(role === 'inspector');
      }
    }
  });

  it('reveals a protected pair to an inspector who gives a reason, and audits it', async () => {
    const url = `/review/${seed.protectedPersonPair}/reveal`;
    expect((await post('inspector', url, { reason: 'ngắn' })).statusCode).toBe(400);
    expect((await post('admin', url, { reason: 'Kiểm tra hồ sơ theo yêu cầu' })).statusCode).toBe(
      403,
    );
    const res = await post('inspector', url, {
      reason: 'Xác minh nội dung tố cáo theo kế hoạch 12',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(PLANTED.protected.name);
    expect(res.body).toContain('data-revealed="true"');
    const audit = await listAudit(f.pool, { action: 'identity.revealed', targetType: 'review' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'inspector',
      targetId: seed.protectedPersonPair,
      reason: 'Xác minh nội dung tố cáo theo kế hoạch 12',
    });
    const again = await page('inspector', `/review/${seed.protectedPersonPair}`);
    expect(again.body).not.toContain(PLANTED.protected.name);
  });
});

describe('decisions', () => {
  let decisionId = '';

  it('records an accept under the signed-in inspector, whatever the form says, and audits it', async () => {
    const res = await post('inspector', `/review/${seed.openPersonPair}/accept`, {
      note: 'Cùng CCCD, cùng số điện thoại',
      actor: 'admin',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers['location']).toBe('/review?done=decided#recent');
    const { rows } = await f.pool.query<{
      id: string;
      actor: string;
      action: string;
      note: string;
    }>('SELECT id::text AS id, actor, action, note FROM dedup_decisions');
    expect(rows).toEqual([
      expect.objectContaining({
        actor: 'inspector',
        action: 'merge',
        note: 'Cùng CCCD, cùng số điện thoại',
      }),
    ]);
    decisionId = rows[0]?.id ?? '';
    expect(await personOf(seed.hubIds.o2)).toBe(await personOf(seed.hubIds.o1));
    const audit = await listAudit(f.pool, { action: 'review.decided' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'inspector',
      actorRole: 'inspector',
      targetType: 'review',
      targetId: seed.openPersonPair,
      details: { decisionId, action: 'merge', kind: 'person', undoes: null },
    });
    expect(JSON.stringify(audit[0])).not.toContain(PLANTED.open.name);
  });

  it('shows the decision in recent decisions and no longer queues the pair', async () => {
    const res = await page('inspector', '/review?done=decided');
    expect(res.body).toContain('role="status"');
    expect(res.body).not.toContain(`data-pair="${seed.openPersonPair}"`);
    const row = new RegExp(`data-decision="${decisionId}" data-action="merge"[\\s\\S]*?</tr>`).exec(
      res.body,
    )?.[0];
    expect(row).toContain('<td>inspector</td>');
    expect(row).toContain(`action="/review/decisions/${decisionId}/undo"`);
  });

  it('refuses a second decision on the same pair, and a form without its CSRF token', async () => {
    const again = await post('admin', `/review/${seed.openPersonPair}/reject`);
    expect(again.statusCode).toBe(303);
    expect(again.headers['location']).toBe(`/review/${seed.openPersonPair}?done=conflict`);
    const forged = await post('admin', `/review/${seed.protectedCasePair}/reject`, {}, false);
    expect(forged.statusCode).toBe(403);
    const { rows } = await f.pool.query('SELECT 1 FROM dedup_decisions');
    expect(rows).toHaveLength(1);
  });

  it('undoes the decision: the pair is open again, the persons apart, the undo audited', async () => {
    const res = await post('admin', `/review/decisions/${decisionId}/undo`);
    expect(res.statusCode).toBe(303);
    expect(res.headers['location']).toBe('/review?done=undone#recent');
    expect(await personOf(seed.hubIds.o2)).not.toBe(await personOf(seed.hubIds.o1));
    const queue = await page('inspector', '/review');
    expect(queue.body).toContain(`data-pair="${seed.openPersonPair}"`);
    expect(queue.body).toMatch(new RegExp(`data-decision="\\d+" data-action="undo"`));
    expect(queue.body).not.toContain(`action="/review/decisions/${decisionId}/undo"`);
    const audit = await listAudit(f.pool, { action: 'review.decided' });
    expect(audit[0]).toMatchObject({
      actor: 'admin',
      details: { action: 'undo', undoes: decisionId },
    });
    const twice = await post('admin', `/review/decisions/${decisionId}/undo`);
    expect(twice.headers['location']).toBe('/review?done=conflict');
  });

  it('records a reject by an admin as the admin', async () => {
    const res = await post('admin', `/review/${seed.protectedCasePair}/reject`);
    expect(res.statusCode).toBe(303);
    const { rows } = await f.pool.query<{ actor: string; action: string }>(
      `SELECT actor, action FROM dedup_decisions WHERE review_id = $1`,
      [seed.protectedCasePair],
    );
    expect(rows).toEqual([{ actor: 'admin', action: 'split' }]);
    expect((await page('admin', `/review/${seed.protectedCasePair}`)).body).toContain(
      'data-status="rejected"',
    );
  });

  it('answers 404 for an unknown or malformed pair', async () => {
    expect((await page('inspector', '/review/999999')).statusCode).toBe(404);
    expect((await page('inspector', '/review/x')).statusCode).toBe(404);
    expect((await post('inspector', '/review/999999/accept')).statusCode).toBe(404);
  });
});
