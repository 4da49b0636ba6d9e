// "How do I call it?" and "what happened?": a developer copies a function's curl command from
// its invocations page and runs it in a shell with a real token; the history then lists that
// invocation and one made by an external system, with the failure's error code and message
// and a link to its logs; the chart counts them; the live log shows a line logged after the
// page opened; the API page renders the description with the binary's version.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { browserSuite } from './lib/harness.mjs';
import { createApiToken, invokeLambda } from './lib/api.mjs';
import { ADMIN, createAndDeploy, fillSetup, pathOf, submit, visit } from './lib/flows.mjs';

const run = promisify(execFile);
const TEST = 'workbench';
const NAME = 'greeter';
const CODE = `function lambda(input, callback) {
  if (!input.payload.name) {
    callback(new Error("a name is required"));
    return;
  }
  console.info("greeting " + input.payload.name);
  callback(null, { hello: input.payload.name });
}
`;

browserSuite(TEST, (step) => {
  let id;
  let token;
  let clientId;
  let clientSecret;

  step('a developer deploys a function and creates API credentials', async ({ page, server }) => {
    await visit(page, '/');
    await fillSetup(page, ADMIN, { acceptTerms: true });
    id = await createAndDeploy(page, NAME, { template: 'greeting', code: CODE });
    token = await createApiToken(page, server.url);
    // createApiToken left the new credentials on the page, with copy buttons.
    clientId = await page.locator('#client-id').innerText();
    clientSecret = await page.locator('#client-secret').innerText();
    assert.equal(await page.locator('button[data-copy=client-secret]').count(), 1, 'the secret has a copy button');
    assert.match(await page.locator('#token-curl').innerText(), new RegExp(`client_id=${clientId}`));
  });

  step('an external system invokes it once successfully and once without a name', async ({ server }) => {
    const call = (payload, requestId) => invokeLambda(server.url, { token, accountId: ADMIN.accountId, lambdaId: id, payload, requestId });
    assert.equal((await call({ name: 'Ada' }, 'req-ok-1')).status, 200);
    assert.equal((await call({}, 'req-fail-1')).status, 901);
  });

  step('the curl command on the invocations page invokes the function when run', async ({ page, shot }) => {
    await visit(page, `/functions/${id}/invocations`);
    const tokenCurl = await page.locator('#invoke-token-curl').innerText();
    const curl = await page.locator('#invoke-curl').innerText();
    assert.match(curl, new RegExp(`/api/account/${ADMIN.accountId}/lambdas/${id}/invoke\\?v=1&externalSystem=curl`));
    assert.equal(await page.locator('button[data-copy=invoke-curl]').innerText(), 'Copy as curl');
    const script = `set -e\n${tokenCurl.replace('YOUR_CLIENT_ID', clientId).replace('YOUR_CLIENT_SECRET', clientSecret)}\n${curl.replace('-X POST', '-s -X POST')}\n`;
    const { stdout } = await run('sh', ['-c', script], { timeout: 20_000 });
    assert.deepEqual(JSON.parse(stdout), { hello: 'lambdabox' }, 'the sample input greets lambdabox');
    await shot('invocations-invoke-panel');
  });

  step('the history lists the three invocations, the failure with its error and logs link', async ({ page, shot }) => {
    await visit(page, `/functions/${id}/invocations`);
    const rows = page.locator('#invocations-table tbody tr');
    assert.equal(await rows.count(), 3);
    const failed = page.locator('#invocations-table tr[data-request-id=req-fail-1]');
    assert.equal(await failed.getAttribute('data-outcome'), 'failed');
    assert.match(await failed.innerText(), /com\.liveperson\.faas\.handler\.custom-failure: a name is required/);
    assert.match(await page.locator('#invocations-table tr[data-request-id=req-ok-1]').innerText(), /api \(browser-test\)/);
    assert.equal(await page.locator('#invocation-totals').innerText(), '3 invocations, 1 failed.');
    await page.locator('#invocation-chart-panel canvas').first().waitFor({ state: 'visible' });
    await shot('invocations');
    await submit(page, page.locator('#invocations-table tr[data-request-id=req-ok-1] a.logs-link'));
    assert.equal(pathOf(page), `/logs?lambda=${id}&requestId=req-ok-1`);
    assert.deepEqual(await page.locator('#log-results .log-entry summary').allInnerTexts(), ['greeting Ada']);
    assert.match(await page.locator('#request-summary').innerText(), /greeter · .* UTC · Succeeded in/);
  });

  step('the live log shows a line logged after the page opened', async ({ page, server, shot }) => {
    await visit(page, `/functions/${id}/invocations`);
    await page.locator('#follow-logs').click();
    await page.locator('[data-live-status]').filter({ hasText: 'Following' }).waitFor({ timeout: 10_000 });
    const res = await invokeLambda(server.url, { token, accountId: ADMIN.accountId, lambdaId: id, payload: { name: 'Grace' }, requestId: 'req-live-1' });
    assert.equal(res.status, 200);
    const live = page.locator('#live-log-entries tr[data-request-id=req-live-1]');
    await live.waitFor({ timeout: 10_000 });
    assert.match(await live.innerText(), /greeting Grace/);
    await shot('live-log');
    await page.locator('#follow-logs').click();
    assert.equal(await page.locator('#follow-logs').innerText(), 'Follow its log live');
  });

  step('Home charts the invocations; the API page shows the description', async ({ page, shot }) => {
    await visit(page, '/');
    assert.equal(await page.locator('#invocation-totals').innerText(), '4 invocations, 1 failed (UTC, per hour).');
    await page.locator('#invocation-chart-panel canvas').first().waitFor({ state: 'visible' });
    await shot('home-chart');
    await submit(page, page.locator('a[href="/api-docs"]'));
    await page.locator('#swagger-ui .opblock').first().waitFor({ timeout: 15_000 });
    assert.ok(await page.locator('#swagger-ui .opblock').count() > 30, 'every operation is listed');
    await shot('api-docs');
  });
});
