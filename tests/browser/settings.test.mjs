// An administrator configures the account in Settings: the domain allowlist (a bad entry is
// explained), a secret whose value is never shown again, and email reports whose "send test
// email" button reports what a real SMTP server on 127.0.0.1 answered, or why none did.

import assert from 'node:assert/strict';
import { after } from 'node:test';
import { browserSuite } from './lib/harness.mjs';
import { ADMIN, fillSetup, pathOf, submit, visit } from './lib/flows.mjs';
import { deadPort, startSmtpSink } from './lib/smtp_sink.mjs';

const TEST = 'settings';
const SECRET = { name: 'crm_api_key', value: 'sk-live-7f3a9c1e5b' };

/** Patterns listed in the allowlist table. */
const entries = (page) => page.locator('#allowlist-table tr[data-entry]').evaluateAll((rows) => rows.map((r) => r.dataset.entry));

browserSuite(TEST, (step) => {
  let sink;
  after(() => sink?.stop());

  step('the administrator sets up the appliance and opens Settings', async ({ page, shot }) => {
    await visit(page, '/');
    await fillSetup(page, ADMIN, { acceptTerms: true });
    await submit(page, page.locator('a[data-nav=settings]'));
    assert.equal(pathOf(page), '/settings');
    assert.equal(await page.locator('#tab-allowlist').getAttribute('class'), 'tab active', 'the allowlist tab comes first');
    await page.locator('#allowlist-empty').waitFor({ state: 'visible' });
    await shot('allowlist-empty');
  });

  step('domains are added to the allowlist; an invalid one and a duplicate are explained', async ({ page, shot }) => {
    const domain = page.locator('#allowlist-form input[name=domain]');
    const add = page.locator('#allowlist-form button[type=submit]');
    for (const entry of ['api.example.com', '*.cdn.example.net:8443']) {
      await domain.fill(entry);
      await submit(page, add);
      assert.equal(pathOf(page), '/settings?tab=allowlist&notice=allowlist-added');
      assert.match(await page.locator('.notice.ok').innerText(), /Added to the allowlist/);
    }
    assert.deepEqual(await entries(page), ['*.cdn.example.net:8443', 'api.example.com']);

    await domain.fill('https://hooks.example.org/in');
    assert.equal((await submit(page, add)).status(), 400);
    assert.match(await page.locator('.notice.error[role=alert]').innerText(), /looks like a URL; enter only the host, e\.g\. api\.example\.com/);
    await shot('allowlist-invalid');
    await domain.fill('API.Example.com');
    assert.equal((await submit(page, add)).status(), 409);
    // (textContent: the page's CSS capitalizes the first letter of each message.)
    assert.match(await page.locator('.notice.error').textContent(), /'api\.example\.com' is already on the allowlist/);
    assert.deepEqual(await entries(page), ['*.cdn.example.net:8443', 'api.example.com'], 'nothing changed');
  });

  step('an entry is removed after confirming', async ({ page, shot }) => {
    page.once('dialog', (dialog) => dialog.accept());
    await submit(page, page.locator('#allowlist-table tr[data-entry="*.cdn.example.net:8443"] button', { hasText: 'Remove' }));
    assert.equal(pathOf(page), '/settings?tab=allowlist&notice=allowlist-removed');
    assert.deepEqual(await entries(page), ['api.example.com']);
    await shot('allowlist');
  });

  step('a secret is created and its value is never shown again', async ({ page, shot }) => {
    await submit(page, page.locator('#tab-secrets'));
    await page.locator('#secrets-empty').waitFor({ state: 'visible' });
    const form = page.locator('#secret-form');
    await form.locator('input[name=name]').fill(SECRET.name);
    await form.locator('textarea[name=value]').fill(SECRET.value);
    await submit(page, form.locator('button[type=submit]'));
    assert.equal(pathOf(page), '/settings?tab=secrets&notice=secret-saved');
    assert.equal(await page.locator('.notice.ok').innerText(), 'Secret saved. Its value will not be shown again.');
    const row = page.locator(`#secrets-table tr[data-secret=${SECRET.name}]`);
    assert.equal(await row.locator('td').nth(1).innerText(), 'string');
    assert.equal(await row.locator('td').nth(2).innerText(), '••••••••');
    assert.ok(!(await page.content()).includes(SECRET.value), 'the value is nowhere on the page');
    await shot('secret-created');
  });

  step('a JSON secret that is not JSON is refused; a replaced value stays hidden', async ({ page }) => {
    const form = page.locator('#secret-form');
    await form.locator('input[name=name]').fill('routing_table');
    await form.locator('select[name=kind]').selectOption('json');
    await form.locator('textarea[name=value]').fill('{"queue": ');
    assert.equal((await submit(page, form.locator('button[type=submit]'))).status(), 400);
    assert.match(await page.locator('.notice.error').innerText(), /JSON/);
    assert.equal(await page.locator('#secrets-table tr[data-secret=routing_table]').count(), 0);

    const row = page.locator(`#secrets-table tr[data-secret=${SECRET.name}]`);
    await row.locator('summary', { hasText: 'Replace' }).click();
    await row.locator('input[name=value]').fill('sk-live-rotated-42');
    await submit(page, row.locator('button', { hasText: 'Save' }));
    assert.equal(pathOf(page), '/settings?tab=secrets&notice=secret-saved');
    const html = await page.content();
    assert.ok(!html.includes('sk-live-rotated-42') && !html.includes(SECRET.value), 'neither value is shown');
  });

  step('email report settings are saved and a recipient added', async ({ page, shot }) => {
    sink = await startSmtpSink();
    await submit(page, page.locator('#tab-reporting'));
    assert.equal(pathOf(page), '/settings/reporting');
    assert.equal(await page.locator('#test-email-form').count(), 0, 'no test email before the settings exist');
    const form = page.locator('#report-settings-form');
    await form.locator('input[name=host]').fill('127.0.0.1');
    await form.locator('input[name=port]').fill(String(sink.port));
    await form.locator('select[name=security]').selectOption('none');
    await form.locator('input[name=from]').fill('lambdabox@example.com');
    await form.locator('input[name=frequency][value=daily]').check();
    await submit(page, form.locator('button[type=submit]'));
    assert.equal(pathOf(page), '/settings/reporting?notice=report-settings-saved');
    assert.equal(await page.locator('.notice.ok').innerText(), 'Email report settings saved.');
    assert.equal(await form.locator('input[name=port]').inputValue(), String(sink.port));
    assert.equal(await form.locator('input[name=frequency][value=daily]').isChecked(), true);
    assert.match(await page.locator('[data-section=reporting-status]').innerText(), /every day, for the previous UTC day/);

    const recipient = page.locator('#add-recipient-form');
    await recipient.locator('input[name=email]').fill('ops@example.com');
    await submit(page, recipient.locator('button[type=submit]'));
    assert.equal(await page.locator('.notice.ok').innerText(), 'Recipient added.');
    assert.deepEqual(await page.locator('#recipients-table tr[data-recipient]').evaluateAll((r) => r.map((e) => e.dataset.recipient)), ['ops@example.com']);
    await shot('reporting-configured');
  });

  step('"Send test email" shows what the SMTP server answered', async ({ page, shot }) => {
    await submit(page, page.locator('#test-email-form button[type=submit]'));
    const result = page.locator('#test-result');
    assert.equal(await result.getAttribute('data-sent'), 'true');
    assert.match(await result.innerText(), /The SMTP server answered: 250 2\.0\.0 Ok: queued as 1/);
    assert.equal(sink.mails.length, 1);
    assert.deepEqual(sink.mails[0].to, ['ops@example.com']);
    assert.equal(sink.mails[0].from, 'lambdabox@example.com');
    assert.match(sink.mails[0].data, new RegExp(`^Subject: .*test email for account ${ADMIN.accountId}`, 'm'));
    await shot('test-email-sent');
  });

  step('with no SMTP server listening, the test email reports why it was not sent', async ({ page, shot }) => {
    const form = page.locator('#report-settings-form');
    await form.locator('input[name=port]').fill(String(await deadPort()));
    await submit(page, form.locator('button[type=submit]'));
    await submit(page, page.locator('#test-email-form button[type=submit]'));
    const result = page.locator('#test-result');
    assert.equal(await result.getAttribute('data-sent'), 'false');
    assert.match(await result.innerText(), /The test email was not sent: .*refused/i);
    assert.equal(sink.mails.length, 1, 'nothing more arrived');
    await shot('test-email-failed');
  });
});
