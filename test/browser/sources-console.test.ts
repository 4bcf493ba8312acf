// The sources console in Debian's Chromium, end to end over the real console service: an admin
// creates a rest-json source from the generated form, pointed at a Quy Nhơn simulator on
// 127.0.0.1 with an API key (a first try without the key is refused on its field, the form keeps
// the rest), finds it in the list, runs "test connection", which passes, previews its mapping
// (a POST form, asked again for fewer records) and sets its cursor. The key never comes back in any page. Screenshots go to
// test-artifacts/browser/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium, type TestBrowser } from './chromium.ts';
import {
  buildQuyNhonSimulator,
  type QuyNhonSimulator,
} from '../../src/simulators/quynhon/index.ts';
import {
  PASSWORDS,
  startDashboard,
  type DashboardFixture,
} from '../integration/dashboard-fixture.ts';

const API_KEY = 'khoa-api-quynhon-browser-5521';
let f: DashboardFixture;
let sim: QuyNhonSimulator;
let simUrl: string;
let browser: TestBrowser;
const seen: string[] = [];

beforeAll(async () => {
  sim = buildQuyNhonSimulator({ apiKey: API_KEY, seed: 11, initialRecords: 40 });
  simUrl = await sim.listen({ host: '127.0.0.1', port: 0 });
  f = await startDashboard({ listen: true });
  browser = await launchChromium({ width: 1280, height: 900 });
});
afterAll(async () => {
  await browser?.close();
  await f?.close();
  await sim?.close();
});

async function adminPage(): Promise<Page> {
  await browser.context.clearCookies();
  const page = await browser.newLocalPage();
  page.on('response', (res) => {
    if ((res.headers()['content-type'] ?? '').includes('text/html')) {
      void res.text().then(
        (body) => seen.push(body),
        () => undefined,
      );
    }
  });
  await page.goto(`${f.url}/login`);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', PASSWORDS.admin);
  await page.click('button[type=submit]');
  await page.waitForURL(`${f.url}/`);
  return page;
}

/** Fills the rest-json form for the simulator, without the API key. */
async function fillRestJson(page: Page): Promise<void> {
  const fill = (name: string, value: string) => page.fill(`[name="${name}"]`, value);
  await fill('id', 'phuong-nhon-binh');
  await fill('name', 'Phường Nhơn Bình (thử nghiệm)');
  await page.selectOption('select[name=mapping]', 'mappings/quynhon-web.yaml');
  await fill('schedule', '*/30 * * * *');
  await fill('config.baseUrl', simUrl);
  await fill('config.checkPath', '/api/v1/ping');
  await fill('config.listPath', '/api/v1/don-thu');
  await fill('config.auth#apiKey.header', 'X-Api-Key');
  await fill('config.params.page', 'trang');
  await fill('config.params.pageSize', 'soBanGhi');
  await fill('config.params.modifiedSince', 'capNhatTu');
  await fill('config.params.afterId', 'sauMaDon');
  await fill('config.response.items', 'duLieu');
  await fill('config.response.totalPages', 'tongSoTrang');
  await fill('config.record.id', 'maDon');
  await fill('config.record.modified', 'ngayCapNhat');
  await fill('config.pageSize', '50');
}

describe('sources console in Chromium', () => {
  it('creates a rest-json source from the form, lists it and passes its connection test', async () => {
    const page = await adminPage();
    await page.click('nav a[href="/sources"]');
    await page.click('[data-action=new-source]');
    await page.click('[data-adapter=rest-json]');
    // The variant script runs at the end of the page: wait for it before looking.
    await page.waitForURL(/\/sources\/new\?adapter=rest-json/, { waitUntil: 'domcontentloaded' });
    expect(await page.textContent('h1')).toContain('rest-json');

    // Only the chosen authentication's fields show (the others are in the page for no-script use).
    const basic = page.locator('fieldset[data-variant=basic]');
    expect(await basic.isVisible()).toBe(false);
    await page.selectOption('select[name="config.auth#"]', 'basic');
    expect(await basic.isVisible()).toBe(true);
    await page.selectOption('select[name="config.auth#"]', 'apiKey');
    expect(await page.locator('fieldset[data-variant=apiKey]').isVisible()).toBe(true);

    await fillRestJson(page);
    await page.click('[data-action=save]');
    await page.waitForSelector('.problems');
    const keyField = page.locator('.field[data-field="config.auth.secretEnv"]');
    expect(await keyField.locator('.field-error').count()).toBeGreaterThan(0);
    expect(await page.inputValue('[name="config.baseUrl"]')).toBe(simUrl);
    await page.screenshot({ path: `${ARTIFACTS}/source-form-problems.png`, fullPage: true });

    await page.fill('[name="secret:config.auth#apiKey.secretEnv"]', API_KEY);
    await page.click('[data-action=save]');
    await page.waitForURL(/\/sources\/phuong-nhon-binh\/edit\?done=sourceCreated/);
    expect(await page.textContent('[role=status]')).toContain('Đã tạo nguồn');
    const keyInput = page.locator('[name="secret:config.auth#apiKey.secretEnv"]');
    expect(await keyInput.inputValue()).toBe('');
    expect(await keyInput.getAttribute('placeholder')).toContain('đã lưu');
    await page.screenshot({ path: `${ARTIFACTS}/source-created.png`, fullPage: true });

    await page.click('text=Về danh sách nguồn');
    const row = page.locator('tr[data-source=phuong-nhon-binh]');
    expect(await row.textContent()).toContain('Phường Nhơn Bình (thử nghiệm)');
    await page.screenshot({ path: `${ARTIFACTS}/sources-list-new.png`, fullPage: true });

    await row.locator('button[data-action=test]').click();
    await page.waitForSelector('table.test-steps');
    expect(await page.getAttribute('table.test-steps', 'data-ok')).toBe('true');
    for (const step of ['check', 'sample-page', 'mapping-file']) {
      expect(await page.getAttribute(`tr[data-step=${step}]`, 'data-status'), step).toBe('ok');
    }
    expect(await page.textContent('[role=status]')).toContain('Nguồn dùng được');
    await page.screenshot({ path: `${ARTIFACTS}/source-test-passed.png`, fullPage: true });

    // Preview calls the source with its secret: a POST form with the CSRF token, not a link.
    await page.click('nav.source-actions button[data-action=preview]');
    await page.waitForSelector('.preview-record');
    expect(await page.locator('.preview-record').count()).toBe(10);
    expect(Number(await page.getAttribute('[data-mapped]', 'data-mapped'))).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/source-preview.png`, fullPage: true });
    await page.fill('input[name=limit]', '3');
    await page.click('[data-action=preview-again]');
    await page.waitForSelector('.preview-record');
    expect(await page.locator('.preview-record').count()).toBe(3);

    await page.click('a[data-link=cursor]');
    expect(await page.inputValue('textarea[name=cursor]')).toBe('');
    await page.fill('textarea[name=cursor]', '{"modifiedSince": "2026-01-01T00:00:00+07:00"}');
    await page.click('[data-action=save-cursor]');
    expect(await page.textContent('[role=status]')).toContain('Đã lưu con trỏ');
    expect(await page.inputValue('textarea[name=cursor]')).toContain('2026-01-01T00:00:00+07:00');
    await page.screenshot({ path: `${ARTIFACTS}/source-cursor.png`, fullPage: true });
    await page.close();

    expect(seen.length).toBeGreaterThan(5);
    for (const body of seen) expect(body).not.toContain(API_KEY);
  });
});
