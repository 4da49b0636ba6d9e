// A developer works in the function editor: autocomplete offers the Toolbelt clients with their
// descriptions, a syntax error typed in is marked on its line before saving, Ctrl+S saves, the
// side panel's width is dragged and remembered; the review before deploying shows a
// side-by-side diff against the serving code that marks the changed line and stays inside its
// panel; the test page edits its input as JSON, shows progress while invoking and offers the
// last input again when reopened.

import assert from 'node:assert/strict';
import { browserSuite } from './lib/harness.mjs';
import { ADMIN, createAndDeploy, fillSetup, pathOf, replaceCode, submit, visit } from './lib/flows.mjs';

const TEST = 'editor';
const CODE = `function lambda(input, callback) {
  const name = input.payload.name;
  callback(null, { greeting: "Hello " + name });
}
`;
const BROKEN = `function lambda(input, callback) {
  const name = input.payload.name;
  callback(null, { greeting: "Hello " + name ;
}
`;
const CHANGED = CODE.replace('"Hello "', '"Good morning "');
const INPUT = '{"headers": [], "payload": {"name": "Grace"}}';

const editor = (page) => page.locator('.lambdabox-editor .cm-content');
/** The page is no wider than the window (nothing overflows sideways). */
const noSidewaysOverflow = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

browserSuite(TEST, (step) => {
  let id;

  step('the administrator sets up the appliance and deploys a function', async ({ page }) => {
    await visit(page, '/');
    await fillSetup(page, ADMIN, { acceptTerms: true });
    id = await createAndDeploy(page, 'editor_story', { code: CODE });
    await visit(page, `/functions/${id}/edit`);
    await editor(page).waitFor({ state: 'visible' });
  });

  step('autocomplete offers the Toolbelt clients, with their descriptions', async ({ page, shot }) => {
    await editor(page).click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Toolbelt.');
    const list = page.locator('.lambdabox-editor .cm-tooltip-autocomplete');
    await list.waitFor({ state: 'visible' });
    const labels = await list.locator('li .cm-completionLabel').allInnerTexts();
    for (const client of ['HTTPClient', 'SecretClient', 'OrchestratorClient', 'ConversationUtil', 'SDEUtil', 'LpClient']) {
      assert.ok(labels.includes(client), `${client} is offered (got ${labels.join(', ')})`);
    }
    await page.keyboard.type('Secr');
    // The list narrows to what matches, best first.
    const selected = list.locator('li[aria-selected]', { has: page.locator('.cm-completionLabel', { hasText: /^SecretClient$/ }) });
    await selected.waitFor({ state: 'visible' });
    assert.equal(await list.locator('li').count(), 1, 'only SecretClient matches "Secr"');
    assert.match(await selected.locator('.cm-completionDetail').innerText(), /readSecret, updateSecret/);
    assert.match(await page.locator('.lambdabox-editor .cm-completionInfo').innerText(), /secrets/);
    await shot('autocomplete');
    await page.keyboard.press('Escape');
  });

  step('a syntax error typed in is marked on its line within seconds, without saving', async ({ page, shot }) => {
    await replaceCode(page, BROKEN);
    const marker = page.locator('.lambdabox-editor .cm-gutter-lint .cm-lint-marker-error');
    await marker.waitFor({ state: 'visible', timeout: 5_000 });
    // The marker sits beside line 3, where the object literal breaks.
    const markerTop = (await marker.boundingBox()).y;
    const line3 = (await page.locator('.lambdabox-editor .cm-lineNumbers .cm-gutterElement', { hasText: /^3$/ }).boundingBox()).y;
    assert.ok(Math.abs(markerTop - line3) < 4, `the marker is on line 3 (marker at ${markerTop}, line 3 at ${line3})`);
    assert.equal(pathOf(page), `/functions/${id}/edit`, 'nothing was submitted');
    assert.equal(await page.locator('#unsaved-marker').isVisible(), true);
    await shot('live-lint');

    // Fixed, the marker goes away.
    await replaceCode(page, CHANGED);
    await marker.waitFor({ state: 'detached', timeout: 5_000 });
  });

  step('Ctrl+S saves the code', async ({ page, shot }) => {
    assert.match(await page.locator('.editor-bar').innerText(), /version 2/);
    await editor(page).click();
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('ControlOrMeta+S')]);
    assert.equal(pathOf(page), `/functions/${id}/edit?notice=lambda-saved`);
    assert.equal(await page.locator('.notice.ok').innerText(), 'Saved.');
    assert.match(await page.locator('.editor-bar').innerText(), /version 3/);
    assert.match(await editor(page).innerText(), /Good morning/);
    await shot('saved-with-ctrl-s');
  });

  step('the side panel is resized by dragging and keeps its width', async ({ page, shot }) => {
    const side = page.locator('#editor-side');
    const before = (await side.boundingBox()).width;
    const handle = (await page.locator('#split-handle').boundingBox());
    await page.mouse.move(handle.x + handle.width / 2, handle.y + 40);
    await page.mouse.down();
    await page.mouse.move(handle.x - 120, handle.y + 40, { steps: 5 });
    await page.mouse.up();
    const after = (await side.boundingBox()).width;
    assert.ok(after > before + 100, `the side panel grew (${before} → ${after})`);
    await visit(page, `/functions/${id}/edit`);
    assert.ok(Math.abs((await side.boundingBox()).width - after) < 2, 'the width is remembered');
    assert.ok(await noSidewaysOverflow(page));
    await shot('split-resized');
  });

  step('the review shows a side-by-side diff against the serving code, inside its panel', async ({ page, shot }) => {
    await submit(page, page.locator('#deploy'));
    assert.equal(pathOf(page), `/deployments/${id}/review`);
    const diff = page.locator('#review-diff .lambdabox-merge');
    await diff.locator('.cm-mergeView').waitFor({ state: 'visible' });
    const changed = await diff.locator('.cm-merge-b .cm-changedLine').allInnerTexts();
    assert.deepEqual(changed, ['  callback(null, { greeting: "Good morning " + name });']);
    assert.deepEqual(
      await diff.locator('.cm-merge-a .cm-changedLine').allInnerTexts(),
      ['  callback(null, { greeting: "Hello " + name });'],
    );
    const panel = await page.locator('section.panel').first().boundingBox();
    const box = await diff.boundingBox();
    assert.ok(box.x + box.width <= panel.x + panel.width, 'the diff stays inside the panel');
    assert.ok(await noSidewaysOverflow(page));
    await shot('review-diff');
    await submit(page, page.locator('#approve-deploy'));
    assert.equal(pathOf(page), '/deployments?notice=deployed');
  });

  step("the history's Compare diffs a deployment against the saved or the serving code", async ({ page, shot }) => {
    await visit(page, `/functions/${id}/edit`);
    await submit(page, page.locator('#history-table tbody tr', { hasText: /^v2/ }).getByRole('link', { name: 'Compare' }));
    const diff = page.locator('#compare-diff .lambdabox-merge');
    await diff.locator('.cm-mergeView').waitFor({ state: 'visible' });
    assert.deepEqual(
      await diff.locator('.cm-merge-b .cm-changedLine').allInnerTexts(),
      ['  callback(null, { greeting: "Good morning " + name });'],
      'version 2 against the saved code',
    );
    await page.locator('#compare-with').selectOption('serving');
    await diff.locator('.cm-merge-b .cm-changedLine').first().waitFor({ state: 'visible' });
    assert.match(await page.locator('#compare-with option:checked').innerText(), /serving code \(version 3\)/);
    assert.ok(await noSidewaysOverflow(page));
    await shot('compare-diff');
  });

  step('the test page edits JSON, shows progress while invoking and remembers the input', async ({ page, shot }) => {
    await visit(page, `/functions/${id}/test`);
    await editor(page).waitFor({ state: 'visible' });
    assert.equal(await page.locator('.recent-inputs').isVisible(), false, 'nothing ran yet');
    await replaceCode(page, INPUT);
    assert.equal(await page.locator('#test-form textarea[name=input]').inputValue(), INPUT);

    // Hold the invocation for a moment; the page notes (in sessionStorage, which outlives the
    // navigation) what it shows while the request runs.
    await page.route(`**/functions/${id}/test`, async (route) => {
      if (route.request().method() === 'POST') await new Promise((resolve) => setTimeout(resolve, 3000));
      await route.continue();
    });
    await page.evaluate(() => window.addEventListener('submit', () => setTimeout(() => {
      sessionStorage.setItem('busy', JSON.stringify({
        disabled: document.querySelector('#invoke').disabled,
        indicator: document.querySelector('#test-form .busy-indicator')?.textContent,
        ariaBusy: document.querySelector('#test-form').getAttribute('aria-busy'),
      }));
    }, 100)));
    await submit(page, page.locator('#invoke'));
    const busy = JSON.parse(await page.evaluate(() => sessionStorage.getItem('busy')));
    assert.deepEqual(busy, { disabled: true, indicator: 'Invoking…', ariaBusy: 'true' }, 'progress shown, Invoke disabled');
    await page.unroute(`**/functions/${id}/test`);
    assert.deepEqual(JSON.parse(await page.locator('#test-result').innerText()), { greeting: 'Good morning Grace' });

    await visit(page, `/functions/${id}/test`);
    await editor(page).waitFor({ state: 'visible' });
    assert.equal(await page.locator('#test-form textarea[name=input]').inputValue(), INPUT, 'the last input is back');
    assert.equal(await editor(page).innerText(), INPUT);
    await page.locator('.recent-inputs').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#recent-inputs option').count(), 2, 'a placeholder and the one input');
    assert.ok(await noSidewaysOverflow(page));
    await shot('test-remembered-input');
  });

  step('a long single-line error wraps inside the test page; narrow screens stack the editor', async ({ page, shot }) => {
    await visit(page, `/functions/${id}/edit`);
    const long = `${'x'.repeat(200)} ${'y'.repeat(400)}`;
    await replaceCode(page, `function lambda(input, callback) {\n  console.error("${long}");\n  callback(new Error("${long}"));\n}\n`);
    await submit(page, page.locator('#save'));
    await visit(page, `/functions/${id}/test`);
    await submit(page, page.locator('#invoke'));
    assert.match(await page.locator('#test-result').innerText(), /xxxx/);
    const panel = await page.locator('#test-output').boundingBox();
    const result = await page.locator('#test-result').boundingBox();
    assert.ok(result.x + result.width <= panel.x + panel.width, 'the error stays inside its panel');
    const logs = await page.locator('#test-logs').boundingBox();
    assert.ok(logs.x + logs.width <= panel.x + panel.width, 'the logged line stays inside the panel');
    assert.ok(await noSidewaysOverflow(page));
    await shot('test-long-error');

    await page.setViewportSize({ width: 1024, height: 900 });
    await visit(page, `/functions/${id}/edit`);
    assert.equal(await page.locator('#split-handle').isVisible(), false, 'no split handle when stacked');
    const main = await page.locator('#editor-form').boundingBox();
    const side = await page.locator('#editor-side').boundingBox();
    assert.ok(side.y >= main.y + main.height, 'the side panel is below the editor');
    assert.ok(await noSidewaysOverflow(page));
    await shot('editor-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
