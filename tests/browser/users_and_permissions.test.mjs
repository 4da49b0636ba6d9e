// An administrator gives a colleague only the right to invoke: a custom profile, a user with it.
// The colleague then sees no Users section, is refused /users with the permission named, and
// creates API credentials whose secret is shown exactly once.

import assert from 'node:assert/strict';
import { browserSuite } from './lib/harness.mjs';
import { ADMIN, fillSetup, openUserMenu, pathOf, signIn, signOut, submit, visit } from './lib/flows.mjs';

const TEST = 'users_and_permissions';
const PROFILE = 'Invokers';
const INVOKER = { username: 'ivy', password: 'ivy-secret-passphrase' };

browserSuite(TEST, (step) => {
  step('the administrator sets up the appliance', async ({ page }) => {
    await visit(page, '/');
    assert.equal(pathOf(page), '/setup');
    await fillSetup(page, ADMIN, { acceptTerms: true });
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(await page.locator('.topbar h1').innerText(), 'Home');
  });

  step(`the administrator creates the profile ${PROFILE} with FaaS-Invocation only`, async ({ page, shot }) => {
    await submit(page, page.locator('a[data-nav=users]'));
    assert.equal(pathOf(page), '/users');
    const form = page.locator('#new-profile-form');
    await form.locator('input[name=name]').fill(PROFILE);
    await form.locator('input[name=permission][value=FaaS-Invocation]').check();
    const res = await submit(page, form.locator('button[type=submit]'));
    assert.equal(res.status(), 200);
    assert.equal(pathOf(page), '/users?notice=profile-created');
    assert.equal(await page.locator('.notice.ok').innerText(), 'Profile created.');
    const row = page.locator(`#profiles-table tr[data-profile=${PROFILE}]`);
    await row.waitFor({ state: 'visible' });
    assert.deepEqual(await row.locator('.perm').allInnerTexts(), ['FaaS-Invocation']);
    assert.equal((await row.locator('td').nth(2).innerText()).trim(), '0', 'nobody has it yet');
    await shot('profile-created');
  });

  step(`the administrator adds ${INVOKER.username} with that profile`, async ({ page, shot }) => {
    const form = page.locator('#new-user-form');
    await form.locator('input[name=username]').fill(INVOKER.username);
    await form.locator('input[name=password]').fill(INVOKER.password);
    await form.locator('select[name=profile_id]').selectOption({ label: PROFILE });
    const res = await submit(page, form.locator('button[type=submit]'));
    assert.equal(res.status(), 200);
    assert.equal(pathOf(page), '/users?notice=user-created');
    assert.equal(await page.locator('.notice.ok').innerText(), 'User created.');
    const row = page.locator(`#users-table tr[data-user=${INVOKER.username}]`);
    await row.waitFor({ state: 'visible' });
    const selected = await row.locator('select[name=profile_id]').evaluate((s) => s.options[s.selectedIndex].text);
    assert.equal(selected, PROFILE, 'the new user has the chosen profile');
    assert.equal(await row.locator('.state').innerText(), 'Active');
    assert.equal(
      (await page.locator(`#profiles-table tr[data-profile=${PROFILE}] td`).nth(2).innerText()).trim(), '1',
      'the profile now counts one user',
    );
    await shot('user-created');
    await signOut(page);
  });

  step(`${INVOKER.username} signs in and sees no Users section`, async ({ page, shot }) => {
    const res = await signIn(page, INVOKER.username, INVOKER.password);
    assert.equal(res.status(), 200);
    assert.equal(pathOf(page), '/');
    assert.equal(await page.locator('.topbar h1').innerText(), 'Home');
    const keys = await page.locator('nav a[data-nav]').evaluateAll((els) => els.map((e) => e.getAttribute('data-nav')));
    assert.deepEqual(keys, ['home', 'functions', 'deployments', 'schedules', 'logs', 'settings']);
    assert.equal(await page.locator('a[data-nav=users]').count(), 0, 'no Users link');
    const menu = await openUserMenu(page);
    assert.match(await menu.locator('.menu-head').innerText(), new RegExp(`${INVOKER.username}[\\s\\S]*${PROFILE}`));
    await shot('invoker-home');
  });

  step('/users answers 403 and names the FaaS-Admin permission', async ({ page, shot }) => {
    const res = await visit(page, '/users');
    assert.equal(res.status(), 403);
    assert.equal(pathOf(page), '/users');
    assert.equal(await page.locator('h1.error-title').innerText(), '403 · Forbidden');
    assert.match(await page.locator('.error-message').innerText(), /FaaS-Admin/);
    assert.match(await page.locator('code').first().innerText(), /^[0-9a-f-]{36}$/, 'the request id is quoted');
    assert.equal(await page.locator('#users-table').count(), 0, 'no user list leaks');
    await shot('users-forbidden');
    await submit(page, page.getByRole('link', { name: 'Back to lambdabox' }));
    assert.equal(pathOf(page), '/');
  });

  step(`${INVOKER.username} creates API credentials and sees the secret once`, async ({ page, shot }) => {
    const menu = await openUserMenu(page);
    await submit(page, menu.getByRole('link', { name: 'API credentials' }));
    assert.equal(pathOf(page), '/account/credentials');
    assert.match(await page.locator('main').innerText(), new RegExp(`act with your permissions \\(${PROFILE}\\)`));
    await page.locator('#no-credentials').waitFor({ state: 'visible' });

    const form = page.locator('#new-credential-form');
    await form.locator('input[name=name]').fill('crm-integration');
    const res = await submit(page, form.locator('button[type=submit]'));
    assert.equal(res.status(), 200);
    const clientId = (await page.locator('#client-id').innerText()).trim();
    const secret = (await page.locator('#client-secret').innerText()).trim();
    assert.ok(await page.locator('#client-secret').isVisible(), 'the secret is on screen');
    assert.ok(clientId.length >= 8, `client id looks real: ${clientId}`);
    assert.ok(secret.length >= 20, 'the secret is long');
    assert.notEqual(secret, clientId);
    assert.match(await page.locator('#new-credential').innerText(), /shown only once/);
    const row = page.locator('#credentials-table tbody tr', { hasText: 'crm-integration' });
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), new RegExp(clientId));
    await shot('credentials-created');

    // Reload: nothing is created again, and the secret is gone for good.
    await page.reload({ waitUntil: 'load' });
    assert.equal(await page.locator('#client-secret').count(), 0, 'no secret on a later visit');
    assert.equal(await page.locator('#new-credential').count(), 0);
    assert.ok(!(await page.content()).includes(secret), 'the secret is nowhere in the page');
    const again = page.locator('#credentials-table tbody tr', { hasText: 'crm-integration' });
    assert.equal(await again.count(), 1, 'exactly one credential was created');
    assert.match(await again.innerText(), new RegExp(clientId));
    assert.equal(await again.locator('.state').innerText(), 'Active');
    await shot('credentials-later');
  });
});
