// How every page looks: at 390×844 (a phone) and at 1280 px no page scrolls sideways, and on the
// phone the sidebar is a menu; in dark mode (the OS preference, or the theme switch) every page is
// dark, in light mode light.
// Each page leaves three screenshots: look-<page>-mobile, look-<page>-dark and look-<page>-light.

import assert from 'node:assert/strict';
import { browserSuite } from './lib/harness.mjs';
import { newPage, shot as shotOf } from './lib/browser.mjs';
import { ADMIN, createAndDeploy, fillSetup, openUserMenu, pathOf, replaceCode, signIn, submit, visit } from './lib/flows.mjs';

const TEST = 'look';
const FUNCTION = 'look_greeting';
const BROKEN = 'look_broken';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Relative luminance (WCAG) of the body's computed background colour. */
async function bodyLuminance(page) {
  const colour = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = colour.match(/[\d.]+/g).slice(0, 3).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return { colour, luminance: 0.2126 * r + 0.7152 * g + 0.0722 * b };
}

/**
 * Switches the emulated OS preference and waits for the page to follow it (theme.js reacts to
 * the media change event, which comes a moment later); the page's own choice must be System.
 */
async function osScheme(page, scheme) {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((s) => document.documentElement.getAttribute('data-theme') === s, scheme);
}

/** The page's width beyond the viewport, and the outermost elements that stick out. */
function overflow(page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const clipped = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (p === document.body || p === document.documentElement) break;
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    const offenders = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !clipped(el))
      .filter((el, _, all) => !all.includes(el.parentElement))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, offenders };
  });
}

browserSuite(TEST, (step, ctx) => {
  const ids = {};
  // Pages that do not pass, gathered so one run names all of them (asserted by the last step).
  const faults = [];

  /**
   * Looks at one page: `open(page)` brings it up (at 390×844, light); then the overflow check and
   * the mobile screenshot, then the same page at desktop size in dark and in light.
   */
  async function look(name, open) {
    const { page, shot } = ctx;
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(PHONE);
    await open(page);
    const o = await overflow(page);
    if (o.scrollWidth > o.innerWidth) {
      faults.push(`${name} (${pathOf(page)}) is ${o.scrollWidth} px wide at ${o.innerWidth} px: ${o.offenders.join(', ')}`);
    }
    await shot(`${name}-mobile`);
    await page.setViewportSize(DESKTOP);
    const wide = await overflow(page);
    if (wide.scrollWidth > wide.innerWidth) {
      faults.push(`${name} is ${wide.scrollWidth} px wide at ${wide.innerWidth} px: ${wide.offenders.join(', ')}`);
    }
    await osScheme(page, 'dark');
    const dark = await bodyLuminance(page);
    if (dark.luminance > 0.05) faults.push(`${name} is not dark in dark mode: body background ${dark.colour}`);
    await shot(`${name}-dark`);
    await osScheme(page, 'light');
    const light = await bodyLuminance(page);
    if (light.luminance < 0.8) faults.push(`${name} is not light in light mode: body background ${light.colour}`);
    await shot(`${name}-light`);
  }

  step('the administrator sets up the appliance, deploys a function and schedules it', async ({ page }) => {
    await visit(page, '/');
    await fillSetup(page, ADMIN, { acceptTerms: true });
    ids.lambda = await createAndDeploy(page, FUNCTION);
    await visit(page, '/schedules/new');
    await page.locator('select[name=lambda]').selectOption({ label: `${FUNCTION} (Productive)` });
    await page.locator('#cron').fill('0 9 * * 1-5');
    await submit(page, page.locator('#schedule-save'));
    assert.equal(pathOf(page), '/schedules?notice=schedule-created');
    ids.schedule = await page.locator(`#schedules-table tr[data-function=${FUNCTION}]`).getAttribute('data-schedule');
    await visit(page, `/functions/${ids.lambda}/edit`);
    const compare = await page.locator('#history-table a', { hasText: 'Compare' }).first().getAttribute('href');
    ids.deployment = compare;
  });

  step('a failed deployment shows a red notice and the Build Error state', async ({ page }) => {
    await visit(page, '/functions/new');
    await page.locator('#create-form input[name=name]').fill(BROKEN);
    await submit(page, page.locator('#create-submit'));
    ids.broken = new URL(page.url()).pathname.split('/')[2];
    await page.locator('.lambdabox-editor .cm-editor').waitFor({ state: 'visible' });
    await replaceCode(page, 'function lambda(input, callback) {\n  callback(null, "a" +);\n}\n');
    await submit(page, page.locator('#save'));
    await visit(page, `/deployments/${ids.broken}/review`);
    await submit(page, page.locator('#approve-deploy'));
    assert.equal(pathOf(page), `/functions/${ids.broken}/edit?notice=deploy-failed`);
    const notice = page.locator('.main > .notice');
    assert.match(await notice.innerText(), /Deployment failed/);
    assert.deepEqual(await notice.evaluate((el) => [...el.classList]), ['notice', 'error'], 'a failure notice is red');
    assert.equal(await page.locator('.topbar h1 [data-state]').innerText(), 'Build Error');
  });

  step('the wizard\'s template radios are full size', async ({ page }) => {
    await visit(page, '/functions/new');
    const widths = await page.locator('#create-form input[name=template]').evaluateAll(
      (els) => els.map((el) => el.getBoundingClientRect().width),
    );
    assert.ok(widths.length >= 2, 'the wizard offers templates');
    assert.ok(widths.every((w) => w >= 14), `radio widths ${widths.join(', ')} px`);
  });

  // Every page of the signed-in UI.
  const PAGES = [
    ['home', '/'],
    ['functions', '/functions'],
    ['function-new', '/functions/new'],
    ['function-edit', () => `/functions/${ids.lambda}/edit`],
    ['function-build-error', () => `/functions/${ids.broken}/edit?notice=deploy-failed`],
    ['function-invocations', () => `/functions/${ids.lambda}/invocations`],
    ['deployment', () => ids.deployment],
    ['deployments', '/deployments'],
    ['deployment-review', () => `/deployments/${ids.lambda}/review`],
    ['schedules', '/schedules'],
    ['schedule-new', '/schedules/new'],
    ['schedule-edit', () => `/schedules/${ids.schedule}/edit`],
    ['logs', '/logs'],
    ['settings-allowlist', '/settings?tab=allowlist'],
    ['settings-secrets', '/settings?tab=secrets'],
    ['settings-reporting', '/settings/reporting'],
    ['users', '/users'],
    ['activity', '/activity'],
    ['credentials', '/account/credentials'],
  ];
  for (const [name, path] of PAGES) {
    step(`${name}: fits a phone, and is dark in dark mode`, async () => {
      await look(name, async (page) => {
        const res = await visit(page, typeof path === 'function' ? path() : path);
        assert.equal(res.status(), 200, `${name} answers 200`);
        if (name.startsWith('function-edit')) await page.locator('.lambdabox-editor .cm-editor').waitFor({ state: 'visible' });
      });
    });
  }

  step('test page with a result: fits a phone, and is dark in dark mode', async () => {
    await look('function-test', async (page) => {
      await visit(page, `/functions/${ids.lambda}/test`);
      await submit(page, page.locator('#invoke'));
      await page.locator('#test-outcome').waitFor({ state: 'visible' });
    });
  });

  step('the mobile menu opens the navigation and leads to another section', async ({ page, shot }) => {
    await page.setViewportSize(PHONE);
    await visit(page, '/functions');
    const toggle = page.locator('#nav-toggle');
    const logs = page.locator('.sidebar a[data-nav=logs]');
    assert.equal(await toggle.isVisible(), true, 'the menu button shows on a phone');
    assert.equal(await logs.isVisible(), false, 'the navigation is folded away');
    await toggle.click();
    await logs.waitFor({ state: 'visible' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    // The drawer slides in: wait until it is all in view for the screenshot.
    await page.waitForFunction(() => document.querySelector('.sidebar').getBoundingClientRect().left >= 0);
    await shot('menu-open-mobile');
    await submit(page, logs);
    assert.equal(pathOf(page), '/logs');
    assert.equal(await page.locator('.sidebar a[data-nav=logs]').isVisible(), false, 'the menu is closed on the new page');
    // Escape closes it too.
    await toggle.click();
    await logs.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await logs.waitFor({ state: 'hidden' });
    await page.setViewportSize(DESKTOP);
    assert.equal(await toggle.isVisible(), false, 'no menu button on a wide screen');
    assert.equal(await logs.isVisible(), true, 'the sidebar is always there on a wide screen');
  });

  step('the theme switch picks dark on a light system, and it holds after a reload', async ({ page, shot }) => {
    // Record the theme as <body> starts, to see that it is applied before the first paint.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.body) {
          window.themeAtBody = document.documentElement.getAttribute('data-theme');
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.emulateMedia({ colorScheme: 'light' });
    await visit(page, '/');
    assert.ok((await bodyLuminance(page)).luminance > 0.8, 'light on a light system');
    let menu = await openUserMenu(page);
    assert.equal(await menu.locator('[data-theme-choice=system]').getAttribute('aria-pressed'), 'true');
    await menu.locator('[data-theme-choice=dark]').click();
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
    assert.ok((await bodyLuminance(page)).luminance < 0.05, 'dark at once');
    await shot('theme-menu-dark');
    await page.reload({ waitUntil: 'load' });
    assert.equal(await page.evaluate(() => window.themeAtBody), 'dark', 'dark before the body is parsed');
    assert.ok((await bodyLuminance(page)).luminance < 0.05, 'still dark after a reload');
    menu = await openUserMenu(page);
    assert.equal(await menu.locator('[data-theme-choice=dark]').getAttribute('aria-pressed'), 'true');
    // Light on a dark system holds too; System follows the OS again.
    await page.emulateMedia({ colorScheme: 'dark' });
    await menu.locator('[data-theme-choice=light]').click();
    await page.reload({ waitUntil: 'load' });
    assert.ok((await bodyLuminance(page)).luminance > 0.8, 'light on a dark system');
    menu = await openUserMenu(page);
    await menu.locator('[data-theme-choice=system]').click();
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark', 'System follows the dark OS');
    assert.ok((await bodyLuminance(page)).luminance < 0.05, 'System follows the dark OS');
    // and follows it live, without a reload.
    await osScheme(page, 'light');
    assert.ok((await bodyLuminance(page)).luminance > 0.8, 'System follows the light OS');
  });

  step('sign-in and error pages: fit a phone, and are dark in dark mode', async ({ browser, server }) => {
    // A second browser without a session, so the sign-in page shows.
    const guest = await newPage(browser, server.url);
    const main = { page: ctx.page, shot: ctx.shot };
    try {
      // `look` works on ctx.page: point it (and its screenshots) at the guest for now.
      ctx.page = guest.page;
      ctx.shot = (name) => shotOf(guest.page, TEST, name);
      await look('sign-in', async (page) => {
        await visit(page, '/login');
        await page.locator('#login-form').waitFor({ state: 'visible' });
      });
      await look('error', async (page) => {
        const res = await visit(page, '/no/such/page');
        assert.equal(res.status(), 404);
      });
      // The theme switch of the bare pages.
      await guest.page.locator('.bare-foot [data-theme-choice=dark]').click();
      assert.ok((await bodyLuminance(guest.page)).luminance < 0.05, 'the sign-in page turns dark');
      await visit(guest.page, '/login');
      const res = await signIn(guest.page, ADMIN.username, ADMIN.password);
      assert.equal(res.status(), 200);
      assert.ok((await bodyLuminance(guest.page)).luminance < 0.05, 'and the choice carries into the app');
      // Chromium reports the 404 document load as a console error: expected here.
      const unexpected = guest.problems.filter((p) => !/status of 404/.test(p));
      assert.deepEqual(unexpected, [], 'the guest pages loaded cleanly');
    } finally {
      ctx.page = main.page;
      ctx.shot = main.shot;
      await guest.context.close();
    }
  });

  step('no page scrolls sideways at 390 px, and every page follows the colour scheme', async () => {
    assert.deepEqual(faults, [], faults.join('\n'));
  });
});
