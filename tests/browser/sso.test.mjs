// Single sign-on with OpenID Connect against a real identity provider on loopback
// (lib/oidc_provider.mjs): people sign in through "Sign in with SSO" and get the profile their
// IdP groups map to; someone whose groups map to nothing, a tampered state or nonce, an expired
// code and a disabled account are all refused without a session; the sign-ins are in the
// activity log; and an unreachable IdP gives a clear error page without taking lambdabox down.

import assert from 'node:assert/strict';
import net from 'node:net';
import { after } from 'node:test';
import { browserSuite } from './lib/harness.mjs';
import { newPage, shot as shotOf } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { ADMIN, fillSetup, openUserMenu, pathOf, signOut, submit, visit } from './lib/flows.mjs';
import { startOidcProvider } from './lib/oidc_provider.mjs';
import { alterAuthorizationRequest, alterCallback, callbackUrl, oidcServerArgs, ssoSignIn } from './lib/sso.mjs';

const TEST = 'sso';
const PROFILE = 'Developers';
const GROUP_PROFILES = `developers=${PROFILE},admins=Administrator`;
const ACCOUNTS = {
  alice: { preferred_username: 'alice', email: 'alice@example.test', groups: ['developers'] },
  root: { preferred_username: 'root', email: 'root@example.test', groups: ['admins'] },
  bob: { preferred_username: 'bob', email: 'bob@example.test', groups: ['marketing'] },
  dave: { preferred_username: 'dave', email: 'dave@example.test', groups: ['developers'] },
};
const CODE_TTL_SECONDS = 60;
const NOT_COMPLETED = /The sign-in could not be completed/;

/** The page's visible text. */
const textOf = (page) => page.locator('body').innerText();

/** Checks nobody is signed in: the home page sends the browser to /login. */
async function assertSignedOut(page) {
  await visit(page, '/');
  assert.equal(pathOf(page), '/login', 'no session: / leads to the sign-in page');
}

/** A loopback port nothing listens on (bound, then released). */
async function deadPort() {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

let idp;

browserSuite(TEST, (step) => {
  after(async () => { await idp?.stop(); });

  step(`the administrator sets up the appliance, creates the profile ${PROFILE} and signs out`, async ({ server, page, shot }) => {
    idp.register(callbackUrl(server.url));
    await visit(page, '/');
    assert.equal(pathOf(page), '/setup');
    await fillSetup(page, ADMIN, { acceptTerms: true });
    assert.equal(new URL(page.url()).pathname, '/');
    await submit(page, page.locator('a[data-nav=users]'));
    const form = page.locator('#new-profile-form');
    await form.locator('input[name=name]').fill(PROFILE);
    await form.locator('input[name=permission][value=FaaS-Developer]').check();
    const res = await submit(page, form.locator('button[type=submit]'));
    assert.equal(res.status(), 200);
    assert.equal(pathOf(page), '/users?notice=profile-created');
    const row = page.locator(`#profiles-table tr[data-profile=${PROFILE}]`);
    await row.waitFor({ state: 'visible' });
    assert.deepEqual(await row.locator('.perm').allInnerTexts(), ['FaaS-Developer']);
    await shot('profile-created');
    await signOut(page);
  });

  step('the sign-in page offers "Sign in with SSO" next to the password form', async ({ page, shot }) => {
    await visit(page, '/login');
    const sso = page.locator('#sso-login');
    await sso.waitFor({ state: 'visible' });
    assert.equal((await sso.innerText()).trim(), 'Sign in with SSO');
    assert.equal(await page.locator('input[name=password]').count(), 1, 'the password form is still there');
    await shot('login-page');
  });

  step('alice signs in through the IdP and gets the Developers profile her group maps to', async ({ page, shot }) => {
    const res = await ssoSignIn(page, 'alice');
    assert.equal(res.status(), 200);
    assert.equal(pathOf(page), '/', 'back at lambdabox, on the home page');
    assert.notEqual(new URL(page.url()).origin, idp.issuer, 'not left at the IdP');
    const menu = await openUserMenu(page);
    assert.match(await menu.locator('.menu-head').innerText(), new RegExp(`alice[\\s\\S]*${PROFILE}`));
    await shot('alice-home');
    assert.equal(await page.locator('a[data-nav=functions]').count(), 1, 'FaaS-Developer sees Functions');
    assert.equal(await page.locator('a[data-nav=users]').count(), 0, 'no Users link');
    const users = await visit(page, '/users');
    assert.equal(users.status(), 403, '/users is refused');
    await shot('alice-users-forbidden');
    await visit(page, '/');
    await signOut(page);
  });

  step('bob, whose group maps to no profile, is refused and gets no session', async ({ page, shot }) => {
    await visit(page, '/login');
    const res = await ssoSignIn(page, 'bob');
    assert.equal(res.status(), 403);
    assert.notEqual(pathOf(page), '/', 'not on the home page');
    assert.match(await textOf(page), /none of your groups is mapped to a profile/);
    await shot('bob-unmapped');
    await assertSignedOut(page);
  });

  step('a callback whose state was tampered with is refused', async ({ page, shot }) => {
    await visit(page, '/login');
    const unroute = await alterCallback(page, { issuer: idp.issuer }, (url) => {
      assert.ok(url.pathname.endsWith('/login/sso/callback'), `the IdP sends the browser to the callback: ${url}`);
      assert.ok(url.searchParams.get('code'), 'with a code');
      url.searchParams.set('state', `${url.searchParams.get('state')}x`);
      return url;
    });
    let res;
    try {
      res = await ssoSignIn(page, 'alice');
    } finally {
      await unroute();
    }
    assert.equal(res.status(), 400);
    assert.match(await textOf(page), NOT_COMPLETED);
    await shot('tampered-state');
    await assertSignedOut(page);
  });

  step('an ID token carrying another nonce than the one lambdabox sent is refused', async ({ server, page, shot }) => {
    await visit(page, '/login');
    let sentNonce;
    const unroute = await alterAuthorizationRequest(page, { lambdaboxUrl: server.url, issuer: idp.issuer }, (url) => {
      assert.equal(url.pathname, '/auth', `lambdabox sends the browser to the authorization endpoint: ${url}`);
      sentNonce = url.searchParams.get('nonce');
      assert.ok(sentNonce, 'lambdabox sends a nonce');
      assert.equal(url.searchParams.get('code_challenge_method'), 'S256', 'with PKCE');
      url.searchParams.set('nonce', `${sentNonce}-other`);
      return url;
    });
    let res;
    try {
      res = await ssoSignIn(page, 'alice');
    } finally {
      await unroute();
    }
    assert.ok(sentNonce, 'the authorization request was intercepted');
    assert.equal(res.status(), 400);
    assert.match(await textOf(page), NOT_COMPLETED);
    await shot('tampered-nonce');
    await assertSignedOut(page);
  });

  step('a code that expired before lambdabox redeemed it is refused', async ({ page, shot }) => {
    await visit(page, '/login');
    idp.settings.codeTtlSeconds = 1;
    const unroute = await alterCallback(page, { issuer: idp.issuer }, async (url) => {
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      return url;
    });
    let res;
    try {
      res = await ssoSignIn(page, 'alice');
    } finally {
      await unroute();
      idp.settings.codeTtlSeconds = CODE_TTL_SECONDS;
    }
    assert.equal(res.status(), 400);
    assert.match(await textOf(page), NOT_COMPLETED);
    await shot('expired-code');
    await assertSignedOut(page);
  });

  step('root, an IdP admin, signs in as Administrator and disables alice', async ({ page, shot }) => {
    await visit(page, '/login');
    const res = await ssoSignIn(page, 'root');
    assert.equal(res.status(), 200);
    assert.equal(pathOf(page), '/');
    const menu = await openUserMenu(page);
    assert.match(await menu.locator('.menu-head').innerText(), /root[\s\S]*Administrator/);
    await submit(page, page.locator('a[data-nav=users]'));
    assert.equal(pathOf(page), '/users');
    const row = page.locator('#users-table tr[data-user=alice]');
    await row.waitFor({ state: 'visible' });
    const profile = await row.locator('select[name=profile_id]').evaluate((s) => s.options[s.selectedIndex].text);
    assert.equal(profile, PROFILE, 'alice was created with the mapped profile');
    assert.equal(await row.locator('.state').innerText(), 'Active');
    const done = await submit(page, row.getByRole('button', { name: 'Disable' }));
    assert.equal(done.status(), 200);
    assert.equal(await page.locator('#users-table tr[data-user=alice] .state').innerText(), 'Disabled');
    await shot('alice-disabled');
    await signOut(page);
  });

  step('alice stays disabled though the IdP still vouches for her; dave, same group, still gets in', async ({ page, shot }) => {
    await visit(page, '/login');
    const res = await ssoSignIn(page, 'alice');
    assert.equal(res.status(), 403);
    assert.match(await textOf(page), /is disabled/);
    await shot('alice-refused');
    await assertSignedOut(page);

    const dave = await ssoSignIn(page, 'dave');
    assert.equal(dave.status(), 200);
    assert.equal(pathOf(page), '/');
    const menu = await openUserMenu(page);
    assert.match(await menu.locator('.menu-head').innerText(), new RegExp(`dave[\\s\\S]*${PROFILE}`));
    await signOut(page);
  });

  step('the activity log lists the SSO sign-ins', async ({ page, shot }) => {
    await visit(page, '/login');
    const res = await ssoSignIn(page, 'root');
    assert.equal(res.status(), 200);
    const activity = await visit(page, '/activity');
    assert.equal(activity.status(), 200);
    const rows = page.locator('#activity-list tbody tr', { hasText: 'signed in with SSO' });
    await rows.first().waitFor({ state: 'visible' });
    const users = new Set(await rows.locator('td:nth-child(2)').allInnerTexts());
    for (const who of ['alice', 'root', 'dave']) {
      assert.ok(users.has(who), `an SSO sign-in of ${who} is listed (users listed: ${[...users].join(', ')})`);
    }
    await shot('activity');
    await signOut(page);
  });

  step('with the IdP unreachable, "Sign in with SSO" gives a 502 page and lambdabox stays up', async ({ browser }) => {
    const port = await deadPort();
    const other = await startServer({
      args: oidcServerArgs({ issuer: `http://127.0.0.1:${port}`, clientId: 'lambdabox', clientSecret: 'unused-secret' }, GROUP_PROFILES),
    });
    const { context, page, problems } = await newPage(browser, other.url);
    try {
      await visit(page, '/');
      assert.equal(pathOf(page), '/setup');
      await fillSetup(page, ADMIN, { acceptTerms: true });
      await signOut(page);
      const res = await submit(page, page.locator('#sso-login'));
      assert.equal(res.status(), 502);
      assert.equal(new URL(page.url()).origin, other.url, 'the error page is lambdabox\'s');
      assert.match(await textOf(page), /cannot reach the identity provider/i);
      await shotOf(page, TEST, 'idp-unreachable');
      assert.equal((await visit(page, '/healthz')).status(), 200, 'lambdabox is still up');
      assert.equal((await visit(page, '/login')).status(), 200);
      // Chromium logs the 502 document load as a console error: that one is expected.
      const unexpected = problems.filter((p) => !/Failed to load resource: the server responded with a status of 502/.test(p));
      assert.deepEqual(unexpected, [], 'the pages reported no other problems');
    } catch (err) {
      err.message += `\n--- last log lines of the server with the unreachable IdP ---\n${other.logs().split('\n').slice(-25).join('\n')}`;
      throw err;
    } finally {
      await context.close();
      await other.stop();
    }
  });
}, {
  serverArgs: async () => {
    idp = await startOidcProvider({ accounts: ACCOUNTS, codeTtlSeconds: CODE_TTL_SECONDS });
    return oidcServerArgs(idp, GROUP_PROFILES);
  },
});
