// First run as an operator lives it: a fresh appliance leads to setup, setup insists on the
// terms, then the administrator lands on Home, opens every section, signs out and back in.

import assert from 'node:assert/strict';
import { browserSuite } from './lib/harness.mjs';
import { ADMIN, fillSetup, openUserMenu, pathOf, signIn, signOut, submit, visit } from './lib/flows.mjs';

const TEST = 'setup_and_navigation';

/** Every nav section of an administrator: its heading and what marks its page. */
const SECTIONS = [
  { key: 'home', path: '/', heading: 'Home', marker: '[data-metric=lambdas]' },
  { key: 'functions', path: '/functions', heading: 'Functions', marker: '[data-section=functions]' },
  { key: 'deployments', path: '/deployments', heading: 'Deployments', marker: '[data-section=deployments]' },
  { key: 'schedules', path: '/schedules', heading: 'Schedules', marker: '[data-section=schedules]' },
  { key: 'logs', path: '/logs', heading: 'Logs', marker: '[data-section=logs]' },
  { key: 'settings', path: '/settings', heading: 'Settings', marker: '[data-section=settings]' },
  { key: 'users', path: '/users', heading: 'Users and profiles', marker: `tr[data-user=${ADMIN.username}]` },
];

browserSuite(TEST, (step) => {
  step('a fresh appliance sends every page to setup', async ({ page, shot }) => {
    for (const path of ['/', '/functions', '/users', '/login']) {
      await visit(page, path);
      assert.equal(pathOf(page), '/setup', `${path} leads to setup before the account exists`);
    }
    await assert.doesNotReject(page.locator('#setup-form').waitFor({ state: 'visible' }));
    assert.equal(await page.locator('h1').innerText(), 'Welcome to lambdabox');
    await shot('setup');
  });

  step('setup refuses to go on until the terms are accepted', async ({ page, shot }) => {
    const res = await fillSetup(page, ADMIN, { acceptTerms: false });
    assert.equal(res.status(), 400);
    assert.equal(pathOf(page), '/setup', 'still on setup');
    const error = page.locator('.notice.error[role=alert]');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.innerText(), /you must accept the terms of use/i);
    // What was typed (except the passwords) is kept, so only the checkbox is missing.
    assert.equal(await page.locator('#setup-form input[name=account_id]').inputValue(), ADMIN.accountId);
    assert.equal(await page.locator('#setup-form input[name=username]').inputValue(), ADMIN.username);
    assert.equal(await page.locator('#setup-form input[name=accept_terms]').isChecked(), false);
    await shot('setup-terms-error');
  });

  step('accepting the terms creates the account and lands the admin on Home', async ({ page, shot }) => {
    const res = await fillSetup(page, ADMIN, { acceptTerms: true });
    assert.equal(res.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/', 'lands on Home');
    assert.equal(await page.locator('.topbar h1').innerText(), 'Home');
    assert.match(await page.locator('.notice.ok[role=status]').innerText(), /Your account is ready/);
    assert.equal(await page.locator('.account-chip strong').innerText(), ADMIN.accountId, 'the sidebar names the account');
    assert.match(await page.locator('details.user-menu summary').innerText(), new RegExp(ADMIN.username));
    const tiles = page.locator('.tiles [data-metric]');
    assert.deepEqual(
      await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-metric'))),
      ['lambdas', 'deployed', 'invocations', 'failures'],
    );
    for (const metric of ['lambdas', 'deployed', 'invocations', 'failures']) {
      assert.equal(
        await page.locator(`[data-metric=${metric}] .tile-value`).innerText(), '0',
        `a new account has no ${metric}`,
      );
    }
    await shot('home');
  });

  step('the nav opens every section with its heading and content', async ({ page, shot }) => {
    const keys = await page.locator('nav a[data-nav]').evaluateAll((els) => els.map((e) => e.getAttribute('data-nav')));
    assert.deepEqual(keys, SECTIONS.map((s) => s.key), 'an administrator sees every section, in order');
    // Visit every section from another one, so each click really navigates; end on Home.
    for (const s of [...SECTIONS.slice(1), SECTIONS[0]]) {
      const link = page.locator(`a[data-nav=${s.key}]`);
      const res = await submit(page, link);
      assert.equal(res.status(), 200, `${s.key} answers 200`);
      assert.equal(new URL(page.url()).pathname, s.path, `${s.key} link leads to ${s.path}`);
      assert.equal(await page.locator('.topbar h1').innerText(), s.heading, `${s.key} heading`);
      assert.equal(await page.title(), `${s.key === 'users' ? 'Users' : s.heading} · lambdabox`);
      await page.locator(s.marker).first().waitFor({ state: 'visible' });
      assert.equal(await page.locator(`a[data-nav=${s.key}]`).getAttribute('aria-current'), 'page', `${s.key} is marked current`);
      assert.equal(await page.locator('a[data-nav][aria-current=page]').count(), 1, 'exactly one current section');
      await shot(`nav-${s.key}`);
    }
  });

  step('the user menu leads to API credentials and signs out', async ({ page, shot }) => {
    const menu = await openUserMenu(page);
    assert.match(await menu.locator('.menu-head').innerText(), /Administrator/, 'the menu shows the profile');
    await shot('user-menu');
    await submit(page, menu.getByRole('link', { name: 'API credentials' }));
    assert.equal(pathOf(page), '/account/credentials');
    assert.equal(await page.locator('.topbar h1').innerText(), 'API credentials');
    await page.locator('#new-credential-form').waitFor({ state: 'visible' });
    await shot('credentials');

    await signOut(page);
    await page.locator('#login-form').waitFor({ state: 'visible' });
    await shot('login');
    // Signed out for real: a section now leads back to sign-in.
    await visit(page, '/functions');
    assert.equal(pathOf(page), '/login', 'after sign-out pages ask to sign in');
  });

  step('signing back in with the password returns to Home', async ({ page, shot }) => {
    const res = await signIn(page, ADMIN.username, ADMIN.password);
    assert.equal(res.status(), 200);
    assert.equal(pathOf(page), '/');
    assert.equal(await page.locator('.topbar h1').innerText(), 'Home');
    assert.equal(await page.locator('.account-chip strong').innerText(), ADMIN.accountId);
    assert.equal(await page.locator('.notice.ok').count(), 0, 'no stale welcome notice');
    await shot('home-after-sign-in');
  });
});
