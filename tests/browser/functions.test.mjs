// A developer's whole function flow: the Create-a-Function wizard (template with its live
// preview, allowlist domains, name) opens the editor; the code is changed there and saved,
// reviewed and deployed (Productive), tried on the test page (pretty result, duration, outcome,
// console logs with debug), changed again (Modified), then broken: the failed deployment shows
// its cause while the previous one keeps serving; code declared below its first line is refused
// and one click moves the declaration up. A FaaS-Developer without FaaS-Admin finds the
// wizard's allowlist step read-only.

import assert from 'node:assert/strict';
import { browserSuite } from './lib/harness.mjs';
import { ADMIN, createUser, fillSetup, pathOf, replaceCode, signIn, signOut, submit, visit } from './lib/flows.mjs';

const TEST = 'functions';
const FUNCTION = 'greet_customer';
const DEVELOPER = { username: 'dev', password: 'dev-secret-passphrase' };

const CODE = `function lambda(input, callback) {
  console.debug("debug details", { step: "start" });
  console.info("greeting " + input.payload.name);
  callback(null, { greeting: "Hello " + input.payload.name, items: [1, 2] });
}
`;
const BROKEN = `function lambda(input, callback) {
  callback(null, { oops: 1 ;
}
`;

/** The state badge in the page heading (editor). */
const headingState = (page) => page.locator('.topbar h1 .state').innerText();

browserSuite(TEST, (step) => {
  let id;

  step('the administrator sets up the appliance and opens the wizard', async ({ page }) => {
    await visit(page, '/');
    await fillSetup(page, ADMIN, { acceptTerms: true });
    await submit(page, page.locator('a[data-nav=functions]'));
    await submit(page, page.locator('#create-function'));
    assert.equal(pathOf(page), '/functions/new');
    assert.equal(await page.locator('.topbar h1').innerText(), 'Create a Function');
  });

  step('step 1: the template list previews the code of the chosen template', async ({ page, shot }) => {
    const preview = page.locator('.template-preview pre:not([hidden])');
    assert.equal(await page.locator('select[name=event]').inputValue(), 'no_event');
    assert.equal(await page.locator('#create-form input[name=template]:checked').getAttribute('value'), 'greeting');
    assert.match(await preview.innerText(), /Hello \$\{name\}/);
    await page.locator('.template-choice', { hasText: 'Logging' }).click();
    assert.equal(await page.locator('.template-preview pre:not([hidden])').count(), 1, 'one preview at a time');
    assert.equal(await preview.getAttribute('id'), 'preview-logging');
    assert.match(await preview.innerText(), /console\.debug/);
    await shot('wizard-template-preview');

    // Another event offers its own template; back on No Event, the general ones return.
    await Promise.all([
      page.waitForURL(/event=controllerbot_messaging_conversation_end/),
      page.locator('select[name=event]').selectOption('controllerbot_messaging_conversation_end'),
    ]);
    assert.deepEqual(
      await page.locator('#create-form input[name=template]').evaluateAll((els) => els.map((e) => e.value)),
      ['conversation_end'],
    );
    assert.match(await page.locator('#event-form .hint').innerText(), /At most 1 function/);
    await Promise.all([
      page.waitForURL(/event=no_event/),
      page.locator('select[name=event]').selectOption('no_event'),
    ]);
    await page.locator('.template-choice', { hasText: 'Logging' }).click();
  });

  step('step 2: an invalid domain is explained inline and nothing typed is lost', async ({ page, shot }) => {
    assert.match(await page.locator('#wizard-allowlist-empty').innerText(), /allowlist is empty/);
    await page.locator('#create-form input[name=name]').fill(FUNCTION);
    await page.locator('#domains').fill('api.example.com\nhttps://hooks.example.org/in');
    const res = await submit(page, page.locator('#add-domains'));
    assert.equal(res.status(), 400);
    assert.match(await page.locator('#domain-errors').innerText(), /looks like a URL; enter only the host/);
    assert.equal(await page.locator('#domains').inputValue(), 'api.example.com\nhttps://hooks.example.org/in');
    assert.equal(await page.locator('#create-form input[name=name]').inputValue(), FUNCTION);
    assert.equal(await page.locator('#create-form input[name=template]:checked').getAttribute('value'), 'logging');
    assert.equal(await page.locator('#wizard-allowlist-empty').count(), 1, 'nothing was added');
    await shot('wizard-domain-error');
  });

  step('step 2: valid domains are added, one already listed is skipped with a note', async ({ page, shot }) => {
    await page.locator('#domains').fill('api.example.com');
    assert.equal((await submit(page, page.locator('#add-domains'))).status(), 200);
    await page.locator('#domains').fill('API.example.com, hooks.example.org');
    assert.equal((await submit(page, page.locator('#add-domains'))).status(), 200);
    const note = page.locator('#domain-note');
    assert.match(await note.innerText(), /Added to the allowlist: hooks\.example\.org\./);
    assert.match(await page.locator('#domain-skipped').innerText(), /Already on the allowlist, skipped: api\.example\.com/);
    assert.deepEqual(
      await page.locator('#wizard-allowlist li').evaluateAll((els) => els.map((e) => e.dataset.entry)),
      ['api.example.com', 'hooks.example.org'],
    );
    assert.equal(await page.locator('#domains').inputValue(), '', 'the field is empty again');
    assert.equal(await page.locator('#create-form input[name=name]').inputValue(), FUNCTION);
    await shot('wizard-domains-added');
  });

  step('step 3: name and description create the function and open the editor', async ({ page, shot }) => {
    const description = page.locator('#create-form input[name=description]');
    await description.fill('Greets the customer by name');
    // Enter creates (the form's default button), though "Add to allowlist" comes first on the page.
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), description.press('Enter')]);
    const url = new URL(page.url());
    assert.match(url.pathname, /^\/functions\/[0-9a-f-]{36}\/edit$/);
    id = url.pathname.split('/')[2];
    assert.match(await page.locator('.notice.ok').innerText(), /Function created/);
    assert.equal(await headingState(page), 'Draft');
    // CodeMirror 6, with line numbers, holding the Logging template.
    await page.locator('.lambdabox-editor .cm-editor').waitFor({ state: 'visible' });
    assert.ok(await page.locator('.lambdabox-editor .cm-lineNumbers').isVisible(), 'line numbers');
    assert.match(await page.locator('.lambdabox-editor .cm-content').innerText(), /console\.debug\("only visible on the test page"/);
    assert.equal(await page.locator('.editor-side dl.kv dd').first().innerText(), 'No Event');
    await shot('editor');
  });

  step('editing marks the code unsaved and warns before leaving; Save clears it', async ({ page, shot }) => {
    const marker = page.locator('#unsaved-marker');
    assert.equal(await marker.isVisible(), false);
    await replaceCode(page, CODE);
    await marker.waitFor({ state: 'visible' });
    assert.equal(await page.locator('body').getAttribute('data-unsaved'), 'true');
    await shot('editor-unsaved');

    // Leaving asks first; staying keeps the edits.
    const asked = new Promise((resolve) => {
      page.once('dialog', async (dialog) => {
        resolve(dialog.type());
        await dialog.dismiss();
      });
    });
    await page.locator('a[data-nav=deployments]').click();
    assert.equal(await asked, 'beforeunload');
    assert.equal(new URL(page.url()).pathname, `/functions/${id}/edit`);
    assert.equal(await page.locator('textarea[name=code]').inputValue(), CODE);

    await submit(page, page.locator('#save'));
    assert.equal(pathOf(page), `/functions/${id}/edit?notice=lambda-saved`);
    assert.equal(await page.locator('.notice.ok').innerText(), 'Saved.');
    assert.equal(await marker.isVisible(), false);
    assert.match(await page.locator('.editor-bar').innerText(), /version 2/);
    assert.equal(await page.locator('textarea[name=code]').inputValue(), CODE);
  });

  step('Deploy opens the review of the saved code; Approve & Deploy makes it Productive', async ({ page, shot }) => {
    await submit(page, page.locator('#deploy'));
    assert.equal(pathOf(page), `/deployments/${id}/review`);
    await page.locator('.lambdabox-editor .cm-editor').waitFor({ state: 'visible' });
    assert.match(await page.locator('.lambdabox-editor .cm-content').innerText(), /debug details/);
    assert.equal(await page.locator('.lambdabox-editor .cm-content').getAttribute('aria-readonly'), 'true', 'read-only');
    await shot('deploy-review');
    await submit(page, page.locator('#approve-deploy'));
    assert.equal(pathOf(page), '/deployments?notice=deployed');
    const row = page.locator(`#deployments-table tr[data-function=${FUNCTION}]`);
    assert.equal(await row.locator('[data-state]').innerText(), 'Productive');
    assert.match(await row.innerText(), /by admin/);
    assert.match(await row.locator('td').nth(3).innerText(), /none/, 'no pending changes');
    await shot('deployments-productive');
  });

  step('the test page invokes with edited input and shows result, duration, outcome and logs', async ({ page, shot }) => {
    const row = page.locator(`#deployments-table tr[data-function=${FUNCTION}]`);
    await submit(page, row.getByRole('link', { name: 'Test' }));
    assert.equal(pathOf(page), `/functions/${id}/test`);
    const input = page.locator('#test-form textarea[name=input]');
    assert.deepEqual(JSON.parse(await input.inputValue()).payload, { name: 'lambdabox' }, 'prefilled from the sample');
    await input.fill('{"headers": [], "payload": {"name": "Ada"}}');
    await submit(page, page.locator('#invoke'));

    assert.equal(await page.locator('#test-outcome').innerText(), 'SUCCEEDED');
    assert.match(await page.locator('#test-duration').innerText(), /^\d+(\.\d)? ms$/);
    const result = await page.locator('#test-result').innerText();
    assert.deepEqual(JSON.parse(result), { greeting: 'Hello Ada', items: [1, 2] });
    assert.match(result, /^\{\n {2}"greeting": "Hello Ada",\n/, 'pretty-printed');
    const logs = await page.locator('#test-logs tbody tr').evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].slice(1).map((td) => td.innerText)));
    assert.deepEqual(logs.map(([level, message]) => [level, message]), [
      ['Debug', 'debug details'],
      ['Info', 'greeting Ada'],
    ]);
    assert.match(logs[0][2], /"step":"start"/, 'extras of the debug entry');
    assert.equal(await page.locator('#test-form textarea[name=input]').inputValue(), '{"headers": [], "payload": {"name": "Ada"}}');
    await shot('test-page-result');
  });

  step('a saved change makes the deployed function Modified', async ({ page, shot }) => {
    await submit(page, page.getByRole('link', { name: 'Edit code' }));
    await page.locator('.lambdabox-editor .cm-editor').waitFor({ state: 'visible' });
    await replaceCode(page, CODE.replace('Hello ', 'Hi '));
    await submit(page, page.locator('#save'));
    assert.equal(await headingState(page), 'Modified');
    await submit(page, page.locator('a[data-nav=deployments]'));
    const row = page.locator(`#deployments-table tr[data-function=${FUNCTION}]`);
    assert.equal(await row.locator('[data-state]').innerText(), 'Modified');
    assert.equal(await row.locator('.badge.warn').innerText(), 'saved changes not deployed');
    assert.equal(await row.getByRole('link', { name: 'Deploy changes' }).count(), 1);
    await shot('deployments-modified');
  });

  step('code that does not parse is saved with a warning on its line', async ({ page, shot }) => {
    await visit(page, `/functions/${id}/edit`);
    await page.locator('.lambdabox-editor .cm-editor').waitFor({ state: 'visible' });
    await replaceCode(page, BROKEN);
    await submit(page, page.locator('#save'));
    assert.match(await page.locator('.notice.error').innerText(), /Saved, but it cannot be deployed yet: syntax error on line 2/);
    // The editor marks line 2 with the message.
    await page.locator('.lambdabox-editor .cm-lint-marker-error').waitFor({ state: 'visible' });
    await shot('editor-syntax-warning');
  });

  step('deploying it fails with the cause shown; the previous deployment keeps serving', async ({ page, shot }) => {
    await submit(page, page.locator('#deploy'));
    await submit(page, page.locator('#approve-deploy'));
    assert.equal(pathOf(page), `/functions/${id}/edit?notice=deploy-failed`);
    assert.equal(await headingState(page), 'Build Error');
    assert.match(await page.locator('#failure-cause').innerText(), /syntax error on line 2/);

    // Deploying the same failed version again: the review says so and asks first.
    await submit(page, page.locator('#deploy'));
    assert.match(await page.locator('#failed-before').innerText(), /already failed to deploy: syntax error on line 2/);
    const asked = new Promise((resolve) => {
      page.once('dialog', async (dialog) => {
        resolve(dialog.message());
        await dialog.dismiss();
      });
    });
    await page.locator('#approve-deploy').click();
    assert.match(await asked, /already failed to deploy\. Deploy it again anyway\?/);
    assert.match(pathOf(page), /\/deployments\/[^/]+\/review$/, 'dismissed: nothing was deployed');
    await visit(page, `/functions/${id}/edit`);

    await submit(page, page.locator('a[data-nav=deployments]'));
    const row = page.locator(`#deployments-table tr[data-function=${FUNCTION}]`);
    const state = row.locator('[data-state]');
    assert.equal(await state.innerText(), 'Build Error');
    assert.match(await state.getAttribute('title'), /syntax error on line 2/, 'the cause on hover');
    assert.match(await row.locator('.cause').innerText(), /syntax error on line 2/, 'and in the row');
    await state.hover();
    await shot('deployments-build-error');

    // The editor's history lists the failed attempt, and version 2 still serving.
    await visit(page, `/functions/${id}/edit`);
    const history = await page.locator('#history-table tbody tr').allInnerTexts();
    assert.equal(history.length, 2);
    assert.match(history[0], /^v4\s+Build Error/);
    assert.match(history[1], /^v2 serving\s+Succeeded/);
  });

  step('code declared below its first line is refused; one click moves the declaration up', async ({ page, shot }) => {
    await visit(page, `/functions/${id}/edit`);
    await page.locator('.lambdabox-editor .cm-editor').waitFor({ state: 'visible' });
    await replaceCode(page, `const PREFIX = "Hello ";\n\n${CODE.replace('"Hello " + ', 'PREFIX + ')}`);
    const refused = await submit(page, page.locator('#save'));
    assert.equal(refused.status(), 400);
    assert.match(await page.locator('.notice.error:not(#failure-cause)').innerText(), /declared on line 3/);
    await shot('editor-declaration-below');
    const moved = await submit(page, page.locator('#fix-declaration'));
    assert.equal(moved.status(), 200);
    const lines = (await page.locator('.lambdabox-editor .cm-content').innerText()).split('\n');
    assert.equal(lines[0], 'function lambda(input, callback) {');
    assert.ok(lines.includes('const PREFIX = "Hello ";'), 'the rest stays below');
    assert.equal(await page.locator('#unsaved-marker').isVisible(), true, 'not saved yet');
    await shot('editor-declaration-moved');
    await submit(page, page.locator('#save'));
    assert.equal(pathOf(page), `/functions/${id}/edit?notice=lambda-saved`);
  });

  step('a FaaS-Developer sees the allowlist step read-only and still creates a function', async ({ page, shot }) => {
    await createUser(page, { profile: 'Developers', permissions: ['FaaS-Developer'], ...DEVELOPER });
    await signOut(page);
    await signIn(page, DEVELOPER.username, DEVELOPER.password);
    await visit(page, '/functions/new');
    assert.match(await page.locator('#allowlist-readonly').innerText(), /cannot change the allowlist \(that needs FaaS-Admin\)/);
    assert.deepEqual(
      await page.locator('#wizard-allowlist li').evaluateAll((els) => els.map((e) => e.dataset.entry)),
      ['api.example.com', 'hooks.example.org'],
      'the current list is shown',
    );
    assert.equal(await page.locator('#domains, #add-domains').count(), 0, 'nothing to add with');
    await shot('wizard-developer');
    await page.locator('#create-form input[name=name]').fill('dev_function');
    await submit(page, page.locator('#create-submit'));
    assert.match(pathOf(page), /^\/functions\/[0-9a-f-]{36}\/edit\?notice=lambda-created$/);
    assert.match(await page.locator('.notice.ok').innerText(), /Function created/);
  });
});
