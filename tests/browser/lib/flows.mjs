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

/**
 * Replaces all the code in the page's CodeMirror editor the way pasting does: select all, then
 * a paste event carrying the text. (Typing key by key would get brackets auto-closed and lines
 * auto-indented; Chromium's own text insertion writes inline styles the page's CSP refuses.)
 */
export async function replaceCode(page, code) {
  const content = page.locator('.lambdabox-editor .cm-content');
  await content.click();
  await page.keyboard.press('ControlOrMeta+A');
  await content.evaluate((el, text) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  }, code);
}

/**
 * Creates a No Event function from `template` with the wizard, optionally replaces its code in
 * the editor and saves it, then approves its deployment on the review page; resolves to the
 * function's uuid.
 */
export async function createAndDeploy(page, name, { template = 'greeting', code } = {}) {
  await visit(page, '/functions/new');
  await page.locator(`#create-form input[name=template][value=${template}]`).check();
  await page.locator('#create-form input[name=name]').fill(name);
  await submit(page, page.locator('#create-submit'));
  const id = new URL(page.url()).pathname.split('/')[2];
  if (code !== undefined) {
    await replaceCode(page, code);
    await submit(page, page.locator('#save'));
    assert.equal(pathOf(page), `/functions/${id}/edit?notice=lambda-saved`, `${name} is saved`);
  }
  await visit(page, `/deployments/${id}/review`);
  await submit(page, page.locator('#approve-deploy'));
  assert.equal(pathOf(page), '/deployments?notice=deployed', `${name} is deployed`);
  return id;
}

/**
 * On /users (as an administrator): creates the profile `profile` holding `permissions`, then
 * the user `username` with it.
 */
export async function createUser(page, { profile, permissions, username, password }) {
  await visit(page, '/users');
  const profileForm = page.locator('#new-profile-form');
  await profileForm.locator('input[name=name]').fill(profile);
  for (const permission of permissions) {
    await profileForm.locator(`input[name=permission][value=${permission}]`).check();
  }
  await submit(page, profileForm.locator('button[type=submit]'));
  assert.equal(pathOf(page), '/users?notice=profile-created');
  const userForm = page.locator('#new-user-form');
  await userForm.locator('input[name=username]').fill(username);
  await userForm.locator('input[name=password]').fill(password);
  await userForm.locator('select[name=profile_id]').selectOption({ label: profile });
  await submit(page, userForm.locator('button[type=submit]'));
  assert.equal(pathOf(page), '/users?notice=user-created');
}
