// A developer schedules a deployed function: the form's script previews the next runs while the
// cron expression is typed (and explains a bad one with examples), the schedule is created,
// paused and resumed from the list.

import assert from 'node:assert/strict';
import { browserSuite } from './lib/harness.mjs';
import { ADMIN, fillSetup, pathOf, submit, visit } from './lib/flows.mjs';

const TEST = 'schedules';
const FUNCTION = 'nightly_report';

browserSuite(TEST, (step) => {
  step('the administrator sets up the appliance and deploys a function', async ({ page }) => {
    await visit(page, '/');
    await fillSetup(page, ADMIN, { acceptTerms: true });
    await visit(page, '/functions/new');
    await page.locator('#create-form input[name=name]').fill(FUNCTION);
    await submit(page, page.locator('#create-submit'));
    const id = new URL(page.url()).pathname.split('/')[2];
    await visit(page, `/deployments/${id}/review`);
    await submit(page, page.locator('#approve-deploy'));
    assert.equal(pathOf(page), '/deployments?notice=deployed');
  });

  step('the schedules page starts empty', async ({ page, shot }) => {
    await submit(page, page.locator('a[data-nav=schedules]'));
    assert.equal(pathOf(page), '/schedules');
    await page.locator('[data-section=schedules] .empty').waitFor({ state: 'visible' });
    await shot('empty');
  });

  step('the form previews the next five runs while the cron expression is typed', async ({ page, shot }) => {
    await submit(page, page.locator('#create-schedule'));
    assert.equal(pathOf(page), '/schedules/new');
    await page.locator('select[name=lambda]').selectOption({ label: `${FUNCTION} (Productive)` });
    await page.locator('#cron').fill('* * * * * *');
    await page.locator('#cron-error').filter({ hasText: 'Examples' }).waitFor({ state: 'visible' });
    assert.equal(await page.locator('#next-runs li').count(), 0);
    await page.locator('button[data-cron-example="0 9 * * 1-5"]').click();
    await page.locator('#next-runs li').nth(4).waitFor({ state: 'visible' });
    const runs = await page.locator('#next-runs li').allInnerTexts();
    assert.equal(runs.length, 5);
    assert.ok(runs.every((t) => / 09:00 UTC$/.test(t)), runs.join(', '));
    assert.equal(await page.locator('#cron-error').innerText(), '');
    await page.locator('#payload').fill('{"report": "daily"}');
    await shot('form-preview');
  });

  step('the schedule is created and listed as active with its next run', async ({ page, shot }) => {
    await submit(page, page.locator('#schedule-save'));
    assert.equal(pathOf(page), '/schedules?notice=schedule-created');
    const row = page.locator(`#schedules-table tr[data-function=${FUNCTION}]`);
    await row.waitFor({ state: 'visible' });
    assert.equal(await row.locator('code.cron').innerText(), '0 9 * * 1-5');
    assert.equal(await row.locator('[data-status]').innerText(), 'Active');
    assert.match(await row.locator('[data-next-run]').innerText(), / 09:00 UTC$/);
    await shot('list');
  });

  step('the schedule is paused and resumed', async ({ page }) => {
    const row = page.locator(`#schedules-table tr[data-function=${FUNCTION}]`);
    await submit(page, row.locator('button', { hasText: 'Pause' }));
    assert.equal(await row.locator('[data-status]').innerText(), 'Paused');
    assert.equal(await row.locator('[data-next-run]').innerText(), '-');
    await submit(page, row.locator('button', { hasText: 'Resume' }));
    assert.equal(await row.locator('[data-status]').innerText(), 'Active');
  });
});
