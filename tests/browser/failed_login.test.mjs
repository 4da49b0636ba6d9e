// Someone keeps typing the wrong password: each attempt says so without telling whether the
// user exists, and after the lockout threshold (5 failures per user name by default) the
// sign-in page refuses even the right password for a while.

import assert from 'node:assert/strict';
import { browserSuite } from './lib/harness.mjs';
import { ADMIN, fillSetup, pathOf, signIn, signOut, visit } from './lib/flows.mjs';

const TEST = 'failed_login';
const LOCKOUT_THRESHOLD = 5; // Config::max_login_failures_per_user's default
const WRONG_PASSWORD_ERROR = /wrong user name or password/i;

browserSuite(TEST, (step) => {
  step('the administrator sets up the appliance and signs out', async ({ page }) => {
    await visit(page, '/');
    await fillSetup(page, ADMIN, { acceptTerms: true });
    assert.equal(new URL(page.url()).pathname, '/');
    await signOut(page);
  });

  step('a wrong password is refused with an error, and the name typed is kept', async ({ page, shot }) => {
    const res = await signIn(page, ADMIN.username, 'not the password');
    assert.equal(res.status(), 401);
    assert.equal(pathOf(page), '/login', 'still on the sign-in page');
    const error = page.locator('.notice.error[role=alert]');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.innerText(), WRONG_PASSWORD_ERROR);
    assert.equal(await page.locator('#login-form input[name=username]').inputValue(), ADMIN.username);
    assert.equal(await page.locator('#login-form input[name=password]').inputValue(), '', 'the password is not echoed');
    await shot('wrong-password');
  });

  step('an unknown user gets the very same answer', async ({ page }) => {
    const res = await signIn(page, 'nobody-here', 'whatever-password');
    assert.equal(res.status(), 401);
    assert.match(await page.locator('.notice.error').innerText(), WRONG_PASSWORD_ERROR);
  });

  step(`after ${LOCKOUT_THRESHOLD} failures the user is locked out, even with the right password`, async ({ page, shot }) => {
    // One failure so far for this user; the rest up to the threshold still get the plain error.
    for (let attempt = 2; attempt <= LOCKOUT_THRESHOLD; attempt += 1) {
      const res = await signIn(page, ADMIN.username, `wrong-${attempt}`);
      assert.equal(res.status(), 401, `attempt ${attempt} is an ordinary failure`);
      assert.match(await page.locator('.notice.error').innerText(), WRONG_PASSWORD_ERROR);
    }
    const res = await signIn(page, ADMIN.username, ADMIN.password);
    assert.equal(res.status(), 429, 'locked: even the right password is refused');
    assert.ok(Number(res.headers()['retry-after']) > 0, 'Retry-After tells when to come back');
    assert.match(await page.locator('.error-message').innerText(), /too many failed sign-in attempts; try again in \d+ minute/i);
    assert.equal(await page.locator('h1.error-title').innerText(), '429 · Too Many Requests');
    await shot('locked-out');

    // Still locked when the person goes back to the form and tries again.
    await visit(page, '/login');
    const again = await signIn(page, ADMIN.username, ADMIN.password);
    assert.equal(again.status(), 429);
    assert.match(await page.locator('body').innerText(), /too many failed sign-in attempts/i);
    await visit(page, '/');
    assert.equal(pathOf(page), '/login', 'not signed in');
  });
});
