// Sign-in, sessions, CSRF, rate limiting, audited console actions, language and page weight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/store/audit-repo.ts';
import {
  cookieOf,
  PASSWORDS,
  signIn,
  startDashboard,
  type DashboardFixture,
} from './dashboard-fixture.ts';

let f: DashboardFixture;
beforeAll(async () => {
  f = await startDashboard();
});
afterAll(async () => {
  await f.close();
});

async function loginForm(username: string, password: string, ip = '10.0.0.1', next = '/runs') {
  const page = await f.app.inject({ url: '/login', headers: { accept: 'text/html' } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return f.app.inject({
    method: 'POST',
    url: '/login',
    remoteAddress: ip,
    headers: {
      cookie: cookieOf(page.headers['set-cookie']),
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: new URLSearchParams({ username, password, next, _csrf: csrf }).toString(),
  });
}

describe('sign-in', () => {
  it('signs in with the form, sets a hardened cookie and audits it', async () => {
    const res = await loginForm('admin', PASSWORDS.admin);
    expect(res.statusCode).toBe(303);
    expect(res.headers['location']).toBe('/runs');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/kntc_sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const audit = await listAudit(f.pool, { action: 'login.succeeded' });
    expect(audit.some((a) => a.actor === 'admin')).toBe(true);
  });

  it('refuses a wrong password with the same answer as an unknown account', async () => {
    const wrong = await loginForm('viewer', 'not-the-password', '10.0.0.2');
    const unknown = await loginForm('nobody', 'not-the-password', '10.0.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toContain('Sai tên đăng nhập hoặc mật khẩu.');
    expect(unknown.body).toContain('Sai tên đăng nhập hoặc mật khẩu.');
  });

  it('blocks an account after 5 failures, even with the right password', async () => {
    for (let i = 0; i < 5; i += 1) await loginForm('inspector', 'wrong-password', `10.1.0.${i}`);
    const res = await loginForm('inspector', PASSWORDS.inspector, '10.1.1.1');
    expect(res.statusCode).toBe(429);
    const audit = await listAudit(f.pool, { action: 'login.rate-limited' });
    expect(audit.length).toBeGreaterThan(0);
    await f.pool.query("DELETE FROM login_attempts WHERE username = 'inspector'");
  });

  it('never redirects outside the hub after sign-in', async () => {
    const res = await loginForm('admin', PASSWORDS.admin, '10.0.0.3', '//evil.example/x');
    expect(res.headers['location']).toBe('/');
  });

  it('refuses a form without its CSRF token', async () => {
    const s = await signIn(f.app, 'admin');
    const res = await f.app.inject({
      method: 'POST',
      url: '/sources/quynhon-web/pause',
      headers: { cookie: s.cookie },
      payload: {},
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'KNTC_CSRF' });
  });

  it('ends the session on sign-out and when the account is disabled', async () => {
    const s = await signIn(f.app, 'viewer');
    const ok = await f.app.inject({
      url: '/api/v1/dashboard/overview',
      headers: { cookie: s.cookie },
    });
    expect(ok.statusCode).toBe(200);
    await f.pool.query("UPDATE users SET disabled = true WHERE username = 'viewer'");
    const off = await f.app.inject({
      url: '/api/v1/dashboard/overview',
      headers: { cookie: s.cookie },
    });
    expect(off.statusCode).toBe(401);
    await f.pool.query("UPDATE users SET disabled = false WHERE username = 'viewer'");
    await f.app.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie: s.cookie, 'csrf-token': s.csrf },
    });
    const after = await f.app.inject({
      url: '/api/v1/dashboard/overview',
      headers: { cookie: s.cookie },
    });
    expect(after.statusCode).toBe(401);
  });
});

describe('sources console', () => {
  it('pauses, resumes and runs a source now, each audited', async () => {
    const s = await signIn(f.app, 'admin');
    const post = (url: string) =>
      f.app.inject({
        method: 'POST',
        url,
        headers: { cookie: s.cookie, 'csrf-token': s.csrf },
        payload: {},
      });
    expect((await post('/sources/quynhon-web/pause')).statusCode).toBe(303);
    const { rows } = await f.pool.query<{ paused: boolean }>(
      "SELECT paused FROM sources WHERE id = 'quynhon-web'",
    );
    expect(rows[0]?.paused).toBe(true);
    expect((await post('/sources/quynhon-web/resume')).statusCode).toBe(303);
    expect((await post('/sources/quynhon-web/run')).headers['location']).toBe(
      '/sources?done=queued',
    );
    expect(f.synced).toContain('quynhon-web');
    expect((await post('/sources/nope/run')).statusCode).toBe(404);
    const actions = (await listAudit(f.pool, { targetType: 'source' })).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['source.paused', 'source.resumed', 'source.sync-requested']),
    );
  });
});

describe('pages', () => {
  it('are Vietnamese by default, English on ?lang=en (remembered), and under 200 KB', async () => {
    const s = await signIn(f.app, 'admin');
    const pages = [
      '/',
      '/runs',
      `/runs/${f.runId}`,
      '/petitions',
      `/petitions/${f.openHubId}`,
      '/sources',
      '/ops/health',
      '/login',
    ];
    for (const url of pages) {
      const res = await f.app.inject({ url, headers: { cookie: s.cookie, accept: 'text/html' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('lang="vi"');
      expect(res.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)/);
      const css = 4096;
      expect(Buffer.byteLength(res.body) + css, url).toBeLessThan(200 * 1024);
    }
    const en = await f.app.inject({
      url: '/?lang=en',
      headers: { cookie: s.cookie, accept: 'text/html' },
    });
    expect(en.body).toContain('Overview');
    const lang = cookieOf(en.headers['set-cookie']);
    const again = await f.app.inject({
      url: '/runs',
      headers: { cookie: `${s.cookie}; ${lang}`, accept: 'text/html' },
    });
    expect(again.body).toContain('Sync history');
    const css = await f.app.inject({ url: '/assets/dashboard.css' });
    expect(Buffer.byteLength(css.body)).toBeLessThan(4096);
  });

  it('shows today’s counts from the daily read model', async () => {
    const s = await signIn(f.app, 'viewer');
    const res = await f.app.inject({
      url: '/api/v1/dashboard/overview',
      headers: { cookie: s.cookie },
    });
    const body = res.json<{
      sources: {
        id: string;
        today: { pulled: number; rejected: number; acknowledged: number; pushed: number };
        last30: unknown[];
      }[];
    }>();
    const qn = body.sources.find((x) => x.id === 'quynhon-web');
    expect(qn?.today).toMatchObject({ pulled: 3, rejected: 1, acknowledged: 1, pushed: 1 });
    expect(qn?.last30).toHaveLength(30);
  });
});
