// An appliance run with --oidc-only: the sign-in page offers only "Sign in with SSO", yet the
// administrator from setup can still sign in with a password at /login?local=1 (break-glass,
// for when the IdP is down or misconfigured), and people still sign in through the IdP.

import assert from 'node:assert/strict';
import { after } from 'node:test';
import { browserSuite } from './lib/harness.mjs';
import { ADMIN, fillSetup, openUserMenu, pathOf, signIn, signOut, submit, visit } from './lib/flows.mjs';
import { startOidcProvider } from './lib/oidc_provider.mjs';
import { callbackUrl, oidcServerArgs, ssoSignIn } from './lib/sso.mjs';

const TEST = 'sso_only';
const PROFILE = 'Developers';
const GROUP_PROFILES = `developers=${PROFILE},admins=Administrator`;
const ACCOUNTS = {
  dave: { preferred_username: 'dave', email: 'dave@example.test', groups: ['developers'] },
};

let idp;

browserSuite(TEST, (step) => {
  after(async () => { await idp?.stop(); });

  step('the administrator sets up the appliance and signs out', async ({ server, page }) => {
    idp.register(callbackUrl(server.url));
    await visit(page, '/');
    assert.equal(pathOf(page), '/setup');
    await fillSetup(page, ADMIN, { acceptTerms: true });
    assert.equal(new URL(page.url()).pathname, '/');
    await signOut(page);
  });

  step('the sign-in page offers only "Sign in with SSO"', async ({ page, shot }) => {
    const res = await visit(page, '/login');
    assert.equal(res.status(), 200);
    const sso = page.locator('#sso-login');
    await sso.waitFor({ state: 'visible' });
    assert.equal((await sso.innerText()).trim(), 'Sign in with SSO');
    assert.equal(await page.locator('input[name=password]').count(), 0, 'no password field');
    await shot('login-sso-only');
  });

  step(`break-glass: at /login?local=1 ${ADMIN.username} signs in with the password and creates ${PROFILE}`, async ({ page, shot }) => {
    const login = await visit(page, '/login?local=1');
    assert.equal(login.status(), 200);
    await page.locator('#login-form input[name=password]').waitFor({ state: 'visible' });
    await shot('login-local');
    const res = await signIn(page, ADMIN.username, ADMIN.password);
    assert.equal(res.status(), 200);
    assert.equal(pathOf(page), '/');
    const menu = await openUserMenu(page);
    assert.match(await menu.locator('.menu-head').innerText(), new RegExp(ADMIN.username));
    await shot('admin-home');

    await visit(page, '/users');
    const form = page.locator('#new-profile-form');
    await form.locator('input[name=name]').fill(PROFILE);
    await form.locator('input[name=permission][value=FaaS-Developer]').check();
    await submit(page, form.locator('button[type=submit]'));
    assert.equal(pathOf(page), '/users?notice=profile-created');
    await signOut(page);
  });

  step('dave signs in through the IdP', async ({ page, shot }) => {
    await visit(page, '/login');
    const res = await ssoSignIn(page, 'dave');
    assert.equal(res.status(), 200);
    assert.equal(pathOf(page), '/');
    const menu = await openUserMenu(page);
    assert.match(await menu.locator('.menu-head').innerText(), new RegExp(`dave[\\s\\S]*${PROFILE}`));
    await shot('dave-home');
    await signOut(page);
  });
}, {
  serverArgs: async () => {
    idp = await startOidcProvider({ accounts: ACCOUNTS });
    return oidcServerArgs(idp, GROUP_PROFILES, ['--oidc-only']);
  },
});
