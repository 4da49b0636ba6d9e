// Signing in through the test IdP (lib/oidc_provider.mjs) the way a person does: "Sign in with
// SSO" on lambdabox, the IdP's sign-in form, and back. Assertions stay in the tests.

import assert from 'node:assert/strict';
import { submit } from './flows.mjs';
import { IDP_COOKIE_PREFIX } from './oidc_provider.mjs';

/**
 * The `lambdabox serve` arguments pointing it at the test IdP `idp` (from startOidcProvider),
 * with `groupProfiles` as --oidc-group-profiles ("group=Profile,..."), plus `extra`.
 */
export function oidcServerArgs(idp, groupProfiles, extra = []) {
  return [
    '--oidc-issuer', idp.issuer,
    '--oidc-client-id', idp.clientId,
    '--oidc-client-secret', idp.clientSecret,
    '--oidc-group-profiles', groupProfiles,
    // The provider releases the groups claim with the `groups` scope, as Okta and Keycloak do.
    '--oidc-scopes', 'openid profile email groups',
    ...extra,
  ];
}

/** lambdabox's redirect URI for a server at `serverUrl`. */
export function callbackUrl(serverUrl) {
  return `${serverUrl}/login/sso/callback`;
}

/** Any password is accepted by the test IdP; the login is the account id. */
const IDP_PASSWORD = 'any password will do';

/**
 * Forgets the IdP's session in this browser context (as another person at another browser
 * would have none): otherwise the IdP signs the previous account in again without asking.
 */
export async function forgetIdpSession(page) {
  await page.context().clearCookies({ name: new RegExp(`^${IDP_COOKIE_PREFIX}`) });
}

/**
 * Clicks #sso-login on the current lambdabox page (normally /login), checks the browser reached
 * the IdP's sign-in form, signs in there as `login`, and resolves to the response of the page
 * the flow ends on (after lambdabox's callback and its redirects), so callers can check status.
 */
export async function ssoSignIn(page, login) {
  await forgetIdpSession(page);
  await submit(page, page.locator('#sso-login'));
  const form = page.locator('#idp-login-form');
  await form.waitFor({ state: 'visible' });
  await form.locator('input[name=login]').fill(login);
  await form.locator('input[name=password]').fill(IDP_PASSWORD);
  const res = await submit(page, form.locator('button[type=submit]'));
  assert.equal(await page.locator('#idp-login-form').count(), 0, `the IdP accepted ${login}`);
  return res;
}

// Tampering in flight. Playwright's page.route() sees only the first request of a navigation,
// never the hops of a redirect chain, and both interesting hops of the code flow are redirects
// (lambdabox's /login/sso -> the IdP's authorization endpoint; the IdP -> lambdabox's
// callback). So the request that starts each chain is routed instead, its redirects are fetched
// through the browser context (same cookie jar: cookies they set land in the browser), and the
// browser is handed the final redirect with its target changed by the test.

const MAX_HOPS = 5;

function isRedirect(res) {
  return res.status() >= 300 && res.status() < 400 && res.headers().location !== undefined;
}

/**
 * Until `unroute()` is called, when the browser starts the SSO flow at `lambdaboxUrl`, the
 * redirect lambdabox sends to the IdP's authorization endpoint is passed through
 * `alter(url: URL) => URL | Promise<URL>` (e.g. to replace its nonce). Resolves to unroute().
 */
export async function alterAuthorizationRequest(page, { lambdaboxUrl, issuer }, alter) {
  const origin = new URL(lambdaboxUrl).origin;
  const issuerOrigin = new URL(issuer).origin;
  const matcher = (url) => url.origin === origin && url.pathname === '/login/sso';
  const handler = async (route) => {
    const res = await route.fetch({ maxRedirects: 0 });
    const target = isRedirect(res) ? new URL(res.headers().location, route.request().url()) : null;
    if (!target || target.origin !== issuerOrigin) {
      await route.fulfill({ response: res });
      return;
    }
    const altered = await alter(target);
    await route.fulfill({ status: res.status(), headers: { location: altered.href, 'cache-control': 'no-store' } });
  };
  await page.route(matcher, handler);
  return () => page.unroute(matcher, handler);
}

/**
 * Until `unroute()` is called, when the person submits the IdP's sign-in form, the IdP's
 * redirects are followed up to the one leaving the IdP (lambdabox's callback with code and
 * state), which is passed through `alter(url: URL) => URL | Promise<URL>` before the browser
 * follows it: `alter` may change it (a tampered state) or take its time (an expired code).
 * Resolves to unroute().
 */
export async function alterCallback(page, { issuer }, alter) {
  const issuerOrigin = new URL(issuer).origin;
  const matcher = (url) => url.origin === issuerOrigin && /^\/interaction\/[^/]+\/login$/.test(url.pathname);
  const handler = async (route) => {
    let res = await route.fetch({ maxRedirects: 0 });
    let url = route.request().url();
    for (let hop = 0; isRedirect(res) && hop < MAX_HOPS; hop++) {
      const next = new URL(res.headers().location, url);
      if (next.origin !== issuerOrigin) {
        const altered = await alter(next);
        await route.fulfill({ status: 303, headers: { location: altered.href, 'cache-control': 'no-store' } });
        return;
      }
      url = next.href;
      res = await page.context().request.get(url, { maxRedirects: 0 });
    }
    await route.fulfill({ response: res });
  };
  await page.route(matcher, handler);
  return () => page.unroute(matcher, handler);
}
