// The machine side, as an external system uses it: API credentials created in the UI,
// exchanged for an access token, and invocations over HTTP with that token.

import assert from 'node:assert/strict';
import { submit, visit } from './flows.mjs';

/** Creates API credentials on /account/credentials and exchanges them for an access token. */
export async function createApiToken(page, baseURL) {
  await visit(page, '/account/credentials');
  const form = page.locator('#new-credential-form');
  await form.locator('input[name=name]').fill('browser-test');
  await submit(page, form.locator('button[type=submit]'));
  const clientId = await page.locator('#client-id').innerText();
  const clientSecret = await page.locator('#client-secret').innerText();
  const res = await fetch(new URL('/oauth/token', baseURL), {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  assert.equal(res.status, 200, 'the credentials buy a token');
  return (await res.json()).access_token;
}

/**
 * Invokes a deployed lambda through the LivePerson V1 API with `requestId` as X-Request-ID;
 * resolves to { status, body }.
 */
export async function invokeLambda(baseURL, { token, accountId, lambdaId, payload, requestId }) {
  const url = new URL(`/api/account/${accountId}/lambdas/${lambdaId}/invoke?v=1&externalSystem=browser-test`, baseURL);
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify({ timestamp: Date.now(), headers: [], payload }),
  });
  return { status: res.status, body: await res.json() };
}
