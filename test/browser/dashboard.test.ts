// The dashboard in Debian's Chromium (playwright-core, headless, no network beyond 127.0.0.1):
// sign-in, the overview, a denied page, the sources console and a protected-identity reveal.
// Screenshots go to test-artifacts/ (git-ignored) for people to look at.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium, type TestBrowser } from './chromium.ts';
import type { Role } from '../../src/auth/roles.ts';
import {
  PASSWORDS,
  PLANTED,
  startDashboard,
  type DashboardFixture,
} from '../integration/dashboard-fixture.ts';

let f: DashboardFixture;
let browser: TestBrowser;

beforeAll(async () => {
  f = await startDashboard({ listen: true });
  browser = await launchChromium({ width: 1280, height: 800 });
});
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

/** A new tab with no session (the profile is shared, so cookies are cleared first). */
async function freshPage(): Promise<{ ctx: { close(): Promise<void> }; page: Page }> {
  await browser.context.clearCookies();
  const page = await browser.newLocalPage();
  return { ctx: { close: () => page.close() }, page };
}

async function signedIn(role: Role): Promise<{ ctx: { close(): Promise<void> }; page: Page }> {
  const { ctx, page } = await freshPage();
  await page.goto(`${f.url}/`);
  expect(page.url()).toContain('/login');
  await page.fill('input[name=username]', role);
  await page.fill('input[name=password]', PASSWORDS[role]);
  await page.click('button[type=submit]');
  await page.waitForURL(`${f.url}/`);
  return { ctx, page };
}

describe('dashboard in Chromium', () => {
  it('refuses a wrong password, then signs in and shows the overview', async () => {
    const { ctx, page } = await freshPage();
    await page.goto(`${f.url}/login`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'wrong-password');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('[role=alert]')).toContain('Sai tên đăng nhập');
    await page.screenshot({ path: `${ARTIFACTS}/login-failed.png` });
    await ctx.close();

    const { ctx: c2, page: p2 } = await signedIn('inspector');
    expect(await p2.textContent('h1')).toBe('Tổng quan');
    const row = p2.locator('tr[data-source=quynhon-web]');
    expect(await row.locator('.badge').getAttribute('data-state')).toMatch(/healthy|late/);
    expect(await p2.locator('svg.chart').count()).toBe(2);
    await p2.screenshot({ path: `${ARTIFACTS}/overview.png`, fullPage: true });
    await p2.click('text=EN');
    expect(await p2.textContent('h1')).toBe('Overview');
    await c2.close();
  });

  it('shows a viewer the access-denied page for the sources console', async () => {
    const { ctx, page } = await signedIn('viewer');
    expect(await page.locator('nav a[href="/sources"]').count()).toBe(0);
    const res = await page.goto(`${f.url}/sources`);
    expect(res?.status()).toBe(403);
    expect(await page.textContent('[data-code]')).toContain('Vai trò của bạn không được phép');
    await page.screenshot({ path: `${ARTIFACTS}/denied.png` });
    await ctx.close();
  });

  it('lets an admin pause, resume and run a source from the console', async () => {
    const { ctx, page } = await signedIn('admin');
    await page.click('nav a[href="/sources"]');
    const row = page.locator('tr[data-source=quynhon-web]');
    await row.locator('button[data-action=pause]').click();
    expect(await row.locator('.badge').getAttribute('data-state')).toBe('paused');
    await row.locator('button[data-action=resume]').click();
    await row.locator('button[data-action=run]').click();
    expect(await page.textContent('[role=status]')).toContain('Đã xếp lượt đồng bộ');
    expect(f.synced).toContain('quynhon-web');
    await page.screenshot({ path: `${ARTIFACTS}/sources-console.png`, fullPage: true });
    await ctx.close();
  });

  it('masks a protected denouncer until an inspector gives a reason', async () => {
    const { ctx, page } = await signedIn('inspector');
    await page.goto(`${f.url}/petitions/${f.protectedHubId}`);
    expect(await page.content()).not.toContain(PLANTED.protected.name);
    await page.fill('input[name=reason]', 'Xác minh tố cáo theo kế hoạch thanh tra số 7');
    await page.click('text=Xem danh tính');
    await page.waitForSelector('[data-revealed]');
    expect(await page.content()).toContain(PLANTED.protected.name);
    await page.screenshot({ path: `${ARTIFACTS}/petition-revealed.png`, fullPage: true });
    await ctx.close();
  });
});
