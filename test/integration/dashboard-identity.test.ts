// No page or API answer shows a protected identity to a role that may not see it. Identities are
// planted in the seed (a protected denouncer, an ordinary complainant, a rejected CCCD); every
// GET route of the app is fetched as every role, as HTML and as JSON, and the answers scanned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/roles.ts';
import { listAudit } from '../../src/store/audit-repo.ts';
import { PLANTED, signIn, startDashboard, type DashboardFixture } from './dashboard-fixture.ts';

let f: DashboardFixture;
beforeAll(async () => {
  f = await startDashboard();
});
afterAll(async () => {
  await f.close();
});

type Person = { name: string; cccd: string; phone: string };
/** The forms an identity could leak in. */
function needles(p: Person): string[] {
  return [p.name, p.name.toUpperCase(), p.cccd, p.phone, p.phone.slice(1)];
}

/** Every GET page and API with each petition id and the run id filled in. */
function urls(): string[] {
  const out = new Set<string>();
  for (const r of f.routes) {
    if (r.method !== 'GET' || r.url.startsWith('/docs') || r.url.startsWith('/admin/queues'))
      continue;
    for (const hubId of [f.protectedHubId, f.openHubId]) {
      out.add(r.url.replace(':hubId', hubId).replace(':id', f.runId));
    }
  }
  out.add('/petitions?source=quynhon-web&record=QN-1');
  return [...out];
}

async function bodiesAs(role: Role): Promise<string> {
  const { cookie } = await signIn(f.app, role);
  const parts: string[] = [];
  for (const url of urls()) {
    for (const accept of ['text/html', 'application/json']) {
      const res = await f.app.inject({ url, headers: { cookie, accept } });
      parts.push(`${url} ${res.statusCode}\n${res.body}`);
    }
  }
  return parts.join('\n');
}

describe('protected identities', () => {
  it('never shows the protected denouncer, to any role, without a reveal', async () => {
    for (const role of ['viewer', 'inspector', 'admin'] as const) {
      const all = await bodiesAs(role);
      expect(all.length).toBeGreaterThan(10_000);
      for (const n of needles(PLANTED.protected)) expect(all, `${role}: ${n}`).not.toContain(n);
    }
  });

  it('hides ordinary petitioners from viewers only', async () => {
    const viewer = await bodiesAs('viewer');
    for (const n of needles(PLANTED.open)) expect(viewer, n).not.toContain(n);
    const inspector = await bodiesAs('inspector');
    expect(inspector).toContain(PLANTED.open.name); // the scan can see a leak when there is one
  });

  it('lets an inspector reveal with a reason, audited; refuses admins and viewers', async () => {
    const url = `/petitions/${f.protectedHubId}/reveal`;
    const reason = 'Xác minh nội dung tố cáo theo Quyết định 12/QĐ-TTr';
    for (const role of ['admin', 'viewer'] as const) {
      const s = await signIn(f.app, role);
      const res = await f.app.inject({
        method: 'POST',
        url,
        headers: { cookie: s.cookie, 'csrf-token': s.csrf, accept: 'text/html' },
        payload: { reason },
      });
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(PLANTED.protected.name);
    }
    const s = await signIn(f.app, 'inspector');
    const short = await f.app.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, 'csrf-token': s.csrf },
      payload: { reason: 'xem' },
    });
    expect(short.statusCode).toBe(400);
    const res = await f.app.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, 'csrf-token': s.csrf, accept: 'text/html' },
      payload: { reason },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(PLANTED.protected.name);
    expect(res.headers['cache-control']).toContain('no-store');
    const audit = await listAudit(f.pool, { action: 'identity.revealed' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'inspector', targetId: f.protectedHubId, reason });
    expect(JSON.stringify(audit)).not.toContain(PLANTED.protected.name);
  });
});
