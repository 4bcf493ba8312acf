// Debian's Chromium through playwright-core, as every browser test launches it: headless, a fresh
// profile per run, no network beyond 127.0.0.1, Vietnamese locale. Screenshots go to ARTIFACTS.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where screenshots are kept (git-ignored test artefacts). */
export const ARTIFACTS = 'test-artifacts/browser';

/** A launched browser and its temporary profile. */
export interface TestBrowser {
  readonly context: BrowserContext;
  /** A new page whose requests outside 127.0.0.1 are aborted (the hub runs on closed networks). */
  newLocalPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Launches /usr/bin/chromium with the CI flags and a fresh profile. */
export async function launchChromium(
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<TestBrowser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'kntc-chromium-'));
  // Playwright passes the profile as --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
    locale: 'vi-VN',
    viewport,
  });
  return {
    context,
    async newLocalPage() {
      const page = await context.newPage();
      await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
