// One browser test file = one story on one fresh server: `browserSuite` starts the binary and
// Chromium before the first step and stops both after the last. Steps run in order and build on
// each other, so once one fails the rest are skipped (no cascade of timeouts); a failing step
// leaves a FAILED screenshot and the tail of the server log in the error.

import { describe, it, after } from 'node:test';
import { startServer } from './server.mjs';
import { launchBrowser, newPage, shot } from './browser.mjs';

/**
 * Declares the suite `testName` (also the screenshot prefix). `body(step, ctx)` declares steps;
 * ctx holds { server, browser, context, page, problems, shot(name) } once the suite runs.
 * `serverArgs` (extra `lambdabox serve` arguments) is an array, or an async function called
 * just before the server starts that resolves to one (so what they name, such as an identity
 * provider, can be started first).
 */
export function browserSuite(testName, body, { serverArgs = [] } = {}) {
  describe(testName, () => {
    const ctx = {};
    let failed = false;

    after(async () => {
      try { await ctx.browser?.close(); } catch { /* already gone */ }
      await ctx.server?.stop();
    });

    const step = (name, fn) => it(name, async (t) => {
      if (failed) {
        t.skip('an earlier step failed');
        return;
      }
      try {
        await fn(ctx);
        if (ctx.problems?.length > 0) {
          throw new Error(`the page reported problems:\n  ${ctx.problems.join('\n  ')}`);
        }
      } catch (err) {
        failed = true;
        const slug = name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
        let where = '';
        try {
          if (ctx.page) where = `\nURL at failure: ${ctx.page.url()}\nscreenshot: ${await ctx.shot(`FAILED-${slug}`)}`;
        } catch { /* page unusable */ }
        const logs = ctx.server?.logs() ?? '';
        err.message += `${where}\n--- last server log lines ---\n${logs.split('\n').slice(-25).join('\n')}`;
        throw err;
      } finally {
        if (ctx.problems) ctx.problems.length = 0;
      }
    });

    // Starting is a step of its own rather than a `before` hook: Node 20 leaves a failed hook
    // out of the pass/fail counts, and a broken binary must show up as a failure there.
    step('lambdabox and Chromium start', async () => {
      const args = typeof serverArgs === 'function' ? await serverArgs() : serverArgs;
      ctx.server = await startServer({ args });
      ctx.browser = await launchBrowser();
      Object.assign(ctx, await newPage(ctx.browser, ctx.server.url));
      ctx.shot = (name) => shot(ctx.page, testName, name);
    });

    body(step, ctx);
  });
}
