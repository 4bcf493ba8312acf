// The duplicates review in Debian's Chromium (playwright-core, headless, no network beyond
// 127.0.0.1): an inspector opens the queue, looks at a pair side by side, accepts it with a note
// and finds the decision under recent decisions; a protected pair stays masked. Screenshots of
// the review, deadlines and overview pages go to test-artifacts/browser/ for people to look at.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium, type TestBrowser } from './chromium.ts';
import {
  PASSWORDS,
  PLANTED,
  startDashboard,
  type DashboardFixture,
} from '../integration/dashboard-fixture.ts';
import { seedReviewPairs, type ReviewSeed } from '../integration/dashboard-review-seed.ts';

let f: DashboardFixture;
let seed: ReviewSeed;
let browser: TestBrowser;

beforeAll(async () => {
  f = await startDashboard({ listen: true });
  seed = await seedReviewPairs(f.pool);
  browser = await launchChromium({ width: 1280, height: 800 });
});
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

async function signedIn(): Promise<Page> {
  await browser.context.clearCookies();
  const page = await browser.newLocalPage();
  await page.goto(`${f.url}/`);
  await page.fill('input[name=username]', 'inspector');
  await page.fill('input[name=password]', PASSWORDS.inspector);
  await page.click('button[type=submit]');
  await page.waitForURL(`${f.url}/`);
  return page;
}

describe('duplicates review in Chromium', () => {
  it('lets an inspector accept a pair and see it among the recent decisions', async () => {
    const page = await signedIn();
    await page.click('nav a[href="/review"]');
    expect(await page.textContent('h1')).toBe('Rà soát đơn và người trùng');
    expect(await page.locator('#queue tr[data-pair]').count()).toBe(3);
    await page.screenshot({ path: `${ARTIFACTS}/review-queue.png`, fullPage: true });

    await page.click(`tr[data-pair="${seed.openPersonPair}"] a`);
    expect(await page.textContent('#sides')).toContain(PLANTED.open.name);
    expect(await page.getAttribute('#reasons tr[data-field=name]', 'data-level')).toBe('exact');
    await page.screenshot({ path: `${ARTIFACTS}/review-pair.png`, fullPage: true });
    await page.fill('textarea[name=note]', 'Cùng CCCD và số điện thoại');
    await page.click('button[data-verdict=accept]');
    await page.waitForURL(/\/review\?done=decided/);

    expect(await page.textContent('[role=status]')).toContain('Đã ghi quyết định');
    expect(await page.locator(`tr[data-pair="${seed.openPersonPair}"]`).count()).toBe(0);
    const decision = page.locator('#decisions tr[data-action=merge]');
    expect(await decision.count()).toBe(1);
    expect(await decision.textContent()).toContain('inspector');
    expect(await decision.locator('button[data-action=undo]').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/review-decided.png`, fullPage: true });
    await page.close();
  });

  it('keeps a pair touching a protected denouncer masked', async () => {
    const page = await signedIn();
    await page.goto(`${f.url}/review/${seed.protectedPersonPair}`);
    const content = await page.content();
    expect(content).not.toContain(PLANTED.protected.name);
    expect(content).not.toContain(PLANTED.protected.cccd);
    expect(await page.locator('[data-masked]').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/review-protected.png`, fullPage: true });
    await page.close();
  });

  it('shows the deadlines page and the overview window panel', async () => {
    const page = await signedIn();
    await page.click('nav a[href="/deadlines"]');
    expect(await page.locator('#deadlines tr[data-status=overdue]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/deadlines.png`, fullPage: true });
    await page.goto(`${f.url}/`);
    expect(await page.locator('#windows tr[data-period]').count()).toBeGreaterThan(1);
    await page.screenshot({ path: `${ARTIFACTS}/overview-windows.png`, fullPage: true });
    await page.close();
  });
});
