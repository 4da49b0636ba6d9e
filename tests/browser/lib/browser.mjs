// Headless Chromium from Debian (/usr/bin/chromium) driven by playwright-core, which never
// downloads a browser. Screenshots land in <repo>/artifacts/screenshots/<test>-<page>.png.

import { chromium } from 'playwright-core';
import { mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'artifacts', 'screenshots');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ACTION_TIMEOUT_MS = 10_000;
const NAVIGATION_TIMEOUT_MS = 15_000;

/** Launches headless Chromium (playwright gives it a fresh temporary --user-data-dir). */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (scripts/install-test-deps.sh)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh browser context (own cookies) and page, with bounded default timeouts and a record of
 * what went wrong underneath the UI: uncaught page errors, console errors, failed sub-resources
 * (a missing stylesheet or icon), so tests can assert the page loaded cleanly.
 */
export async function newPage(browser, baseURL) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium logs every non-2xx document load ("Failed to load resource: ... 401"); those
    // statuses are what the tests expect on error pages and are asserted separately.
    if (/Failed to load resource: the server responded with a status of (400|401|403|409|429)/.test(msg.text())) return;
    problems.push(`console error: ${msg.text()}`);
  });
  page.on('requestfailed', (req) => {
    // A sub-resource still loading (the favicon) is aborted when the test moves on: not a fault.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${req.method()} ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on('response', (res) => {
    const type = res.request().resourceType();
    if (type !== 'document' && res.status() >= 400) {
      problems.push(`${type} ${res.url()} answered ${res.status()}`);
    }
  });
  return { context, page, problems };
}

/** Saves a full-page screenshot as artifacts/screenshots/<test>-<name>.png; returns its path. */
export async function shot(page, test, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${test}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true, timeout: ACTION_TIMEOUT_MS });
  return file;
}
