// What a person does over and over: submit a form and wait for the next page, set up the
// appliance, sign in, sign out. Assertions stay in the tests; these only drive the UI.

import assert from 'node:assert/strict';

export const ADMIN = { accountId: '12345678', username: 'admin', password: 'correct horse battery' };

/** Path of the page's current URL (no origin). */
export function pathOf(page) {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

/**
 * Clicks `button` (a submit button) and waits until the page it leads to has loaded; resolves
 * to the main document's response (after redirects), so callers can check its status.
 */
export async function submit(page, button) {
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    button.click(),
  ]);
  return response;
}

/** Opens `path` and waits for it to load; resolves to the response. */
export async function visit(page, path) {
  return page.goto(path, { waitUntil: 'load' });
}

/** Fills the setup form (the page must be /setup); `acceptTerms` ticks the checkbox. */
export async function fillSetup(page, { accountId, username, password }, { acceptTerms }) {
  const form = page.locator('#setup-form');
  await form.locator('input[name=account_id]').fill(accountId);
  await form.locator('input[name=username]').fill(username);
  await form.locator('input[name=password]').fill(password);
  await form.locator('input[name=password_confirm]').fill(password);
  await form.locator('input[name=accept_terms]').setChecked(acceptTerms);
  return submit(page, form.locator('button[type=submit]'));
}

/** Signs in through #login-form (the page must be /login); resolves to the response. */
export async function signIn(page, username, password) {
  const form = page.locator('#login-form');
  await form.locator('input[name=username]').fill(username);
  await form.locator('input[name=password]').fill(password);
  return submit(page, form.locator('button[type=submit]'));
}

/** Opens the user menu (top right) if it is closed. */
export async function openUserMenu(page) {
  const menu = page.locator('details.user-menu');
  if ((await menu.getAttribute('open')) === null) {
    await menu.locator('summary').click();
  }
  await menu.locator('.menu').waitFor({ state: 'visible' });
  return menu;
}

/** Signs out through the user menu and checks that the browser lands on /login. */
export async function signOut(page) {
  const menu = await openUserMenu(page);
  await submit(page, menu.locator('#logout'));
  assert.equal(pathOf(page), '/login', 'signing out leads to the sign-in page');
}
