// An operator follows a deployed function's console output: an external system invokes it
// through the API with a token; the Logs page, filtered by that function, lists what it wrote
// (never its debug entries), free-text search finds one entry, clicking it shows its full text,
// and the CSV export downloads the same view in LivePerson's format.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { browserSuite } from './lib/harness.mjs';
import { createApiToken, invokeLambda } from './lib/api.mjs';
import { ADMIN, createAndDeploy, fillSetup, pathOf, submit, visit } from './lib/flows.mjs';

const TEST = 'logs';
const ORDERS = 'order_handler';
const OTHER = 'other_logger';

const CODE = `function lambda(input, callback) {
  console.debug("debug entries are never stored", input.payload);
  console.info("order received", { orderId: input.payload.orderId });
  if (input.payload.declined) {
    console.error("payment declined for order " + input.payload.orderId, { reason: "insufficient funds" });
  }
  callback(null, { ok: true });
}
`;

/** Messages of the log entries on the page, newest first. */
const messages = (page) => page.locator('#log-results .log-entry summary').allInnerTexts();

browserSuite(TEST, (step) => {
  let ordersId;
  let otherId;

  step('the administrator deploys two functions that log', async ({ page }) => {
    await visit(page, '/');
    await fillSetup(page, ADMIN, { acceptTerms: true });
    ordersId = await createAndDeploy(page, ORDERS, { template: 'greeting', code: CODE });
    otherId = await createAndDeploy(page, OTHER, { template: 'logging' });
  });

  step('an external system invokes them through the API with a token', async ({ page, server }) => {
    const token = await createApiToken(page, server.url);
    const call = (lambdaId, payload, requestId) =>
      invokeLambda(server.url, { token, accountId: ADMIN.accountId, lambdaId, payload, requestId });
    assert.deepEqual(await call(ordersId, { orderId: 'A-1001' }, 'req-order-1001'), { status: 200, body: { ok: true } });
    const declined = await call(ordersId, { orderId: 'A-1002', declined: true }, 'req-order-1002');
    assert.deepEqual(declined, { status: 200, body: { ok: true } });
    assert.equal((await call(otherId, { from: 'elsewhere' }, 'req-other-1')).status, 200);
  });

  step('the Logs page lists every function; filtered by one, only its entries', async ({ page, shot }) => {
    await visit(page, '/logs');
    assert.deepEqual((await messages(page)).sort(), [
      'invocation received',
      'order received',
      'order received',
      'payment declined for order A-1002',
    ]);
    const select = page.locator('#logs-form select[name=lambda]');
    await select.selectOption({ label: ORDERS });
    await submit(page, page.locator('#logs-form button[type=submit]'));
    assert.equal(new URL(page.url()).searchParams.get('lambda'), ordersId);
    assert.deepEqual(await messages(page), ['payment declined for order A-1002', 'order received', 'order received']);
    const functions = await page.locator('#log-results tbody tr td:nth-child(2)').allInnerTexts();
    assert.deepEqual([...new Set(functions)], [ORDERS]);
    const levels = await page.locator('#log-results tbody tr td:nth-child(3)').allInnerTexts();
    assert.deepEqual(levels, ['Error', 'Info', 'Info'], 'debug entries are not stored');
    await shot('filtered-by-function');
  });

  step('the editor links to its logs, pre-filtered', async ({ page }) => {
    await visit(page, `/functions/${ordersId}/edit`);
    await submit(page, page.locator('.editor-side a', { hasText: 'Logs' }));
    assert.equal(pathOf(page), `/logs?lambda=${ordersId}`);
    assert.equal(await page.locator('#logs-form select[name=lambda]').inputValue(), ordersId);
    assert.equal((await messages(page)).length, 3);
  });

  step('free-text search finds the one entry that mentions it', async ({ page, shot }) => {
    await page.locator('#logs-form input[name=q]').fill('declined');
    await submit(page, page.locator('#logs-form button[type=submit]'));
    assert.equal(new URL(page.url()).searchParams.get('q'), 'declined');
    assert.deepEqual(await messages(page), ['payment declined for order A-1002']);
    await page.locator('#logs-form input[name=q]').fill('insufficient');
    await submit(page, page.locator('#logs-form button[type=submit]'));
    assert.deepEqual(await messages(page), ['payment declined for order A-1002'], 'extras are searched too');
    await shot('search');
  });

  step('clicking an entry shows its full text: request id and extras', async ({ page, shot }) => {
    const entry = page.locator('#log-results details.log-entry').first();
    const body = entry.locator('dl');
    assert.equal(await body.isVisible(), false, 'closed at first');
    await entry.locator('summary').click();
    await body.waitFor({ state: 'visible' });
    assert.equal(await entry.getAttribute('open'), '');
    const text = await body.innerText();
    assert.match(text, /Request id\s+req-order-1002/);
    assert.deepEqual(JSON.parse(await body.locator('pre').innerText()), [{ reason: 'insufficient funds' }]);
    await shot('entry-open');
  });

  step('Export CSV downloads the same view in LivePerson format', async ({ page }) => {
    const link = page.locator('#export-csv');
    const href = new URL(await link.getAttribute('href'), page.url());
    assert.equal(href.pathname, `/api/account/${ADMIN.accountId}/logs/export`);
    assert.equal(href.searchParams.get('lambdaUUID'), ordersId);
    assert.equal(href.searchParams.get('text'), 'insufficient');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'lambdabox-logs.csv');
    const csv = (await readFile(await download.path(), 'utf8')).trim().split(/\r?\n/);
    assert.equal(csv[0], 'lambdaUUID;requestID;timestamp;level;message;extras');
    assert.equal(csv.length, 2, csv.join('\n'));
    const [uuid, requestId, , level, message, extras] = csv[1].split(';');
    assert.deepEqual([uuid, requestId, level, message], [ordersId, 'req-order-1002', 'Error', 'payment declined for order A-1002']);
    assert.match(extras, /insufficient funds/);
  });
});
