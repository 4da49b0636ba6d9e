// LivePerson's own Node client (npm `liveperson-functions-client`, unmodified) against lambdabox
// serving HTTPS itself, with the client's default protocol (https) and its own token grant.
//
// What the client fixes, and so what this test has to meet (read from its source):
// - Every FaaS URL is built as `{protocol}://{domain}/{path}` from a host name with no port
//   (url.format wraps a "host:port" in IPv6 brackets), so lambdabox listens on port 443, on a
//   random 127.x.y.z so that it meets nothing else bound there. That needs root or
//   CAP_NET_BIND_SERVICE (or net.ipv4.ip_unprivileged_port_start <= 443).
// - Hosts come from CSDS, whose address is hard-wired to LivePerson's
//   (http://adminlogin.liveperson.net/api/account/{accountId}/service/baseURI.json?version=1.0),
//   so the client is given lambdabox's address through its documented second constructor
//   argument, `tooling.getCsdsEntry(accountId, service)`, for the services `sentinel` (token),
//   `faasGW` (invoke, isImplemented) and `faasUI` (getLambdas). See lib/lp_client_runner.mjs.
// - The token comes from POST https://{sentinel}/sentinel/api/account/{accountId}/app/token?v=2.0
//   (form: grant_type=client_credentials, scope=, client_id, client_secret; a JSON answer whose
//   access_token is a JWT, the client reads its exp).
// - The server's certificate is trusted through NODE_EXTRA_CA_CERTS, set when the client's
//   process starts, as a customer with a private CA would.
//
// The story: a throwaway CA and a certificate for the address; lambdabox serves HTTPS with them;
// the CLI provisions the account and API credentials; a lambda on an event is created and
// deployed over the HTTPS API (and one that always fails); then the client invokes them by UUID
// and by event, asks whether events are implemented, lists the lambdas, and is refused with a
// wrong secret.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { binaryPath, startServer } from './lib/server.mjs';
import { makeTestPki } from './lib/tls.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RUNNER = path.join(HERE, 'lib', 'lp_client_runner.mjs');
const ACCOUNT = '12345678';
const ADMIN = 'admin';
const EVENT = 'controllerbot_messaging_new_conversation';
const OTHER_EVENT = 'controllerbot_messaging_conversation_end';
const EXTERNAL_SYSTEM = 'lp-client-test';
const CHILD_TIMEOUT_MS = 60_000;
const CODE = `function lambda(input, callback) {
  callback(null, { hello: input.payload.name, headerCount: input.headers.length });
}
`;
const FAILING_CODE = `function lambda(input, callback) {
  callback(new Error('no ' + input.payload.name));
}
`;

/** A random loopback address other than 127.0.0.1 (no .0 or .255 octets). */
function randomLoopback() {
  const octet = () => 1 + Math.floor(Math.random() * 254);
  return `127.${octet()}.${octet()}.${octet()}`;
}

/** Runs the lambdabox CLI; resolves to stdout, rejects with stderr. */
function cli(args, env = {}) {
  return new Promise((resolve, reject) => {
    execFile(binaryPath(), args, {
      env: { ...process.env, LAMBDABOX_LOG_FORMAT: 'text', NO_COLOR: '1', ...env },
      timeout: CHILD_TIMEOUT_MS,
    }, (err, stdout, stderr) => {
      if (err) reject(new Error(`lambdabox ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** An HTTPS request from this process, trusting `ca`; resolves to { status, body }. */
function request(url, { ca, method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, headers, ca, timeout: CHILD_TIMEOUT_MS }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed = text;
        try { parsed = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, body: parsed });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * Runs one client call in a fresh `node` that trusts the test CA from its start; resolves to
 * the runner's { asked, value } or { asked, error }.
 */
function runClient(ctx, method, args, { clientSecret = ctx.credentials.clientSecret } = {}) {
  const spec = {
    accountId: ACCOUNT,
    clientId: ctx.credentials.clientId,
    clientSecret,
    host: ctx.ip,
    method,
    args,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNNER, JSON.stringify(spec)], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: ctx.caFile, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').pop();
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`the client runner exited (code ${code}, signal ${signal}) without a result:\n${stdout}\n${stderr}`));
      }
    });
  });
}

/** The call's value, or a failure that shows the client's whole error chain. */
function valueOf(outcome, what) {
  if (outcome.error) {
    assert.fail(`${what}: the client threw ${JSON.stringify(outcome.error, null, 2)}`);
  }
  return outcome.value;
}

/** Checks a V1 response object the client returned for a request that must succeed. */
function assertOk(response, what) {
  assert.ok(response.ok === true && response.status === 200,
    `${what}: expected 200, got ${JSON.stringify(response, null, 2)}`);
}

describe('LivePerson Functions client (liveperson-functions-client) over HTTPS', () => {
  const ctx = {};
  let failed = false;

  after(async () => {
    await ctx.server?.stop();
    if (ctx.tmp) await rm(ctx.tmp, { recursive: true, force: true });
  });

  // Steps build on each other: once one fails the rest are skipped, each failure carries the
  // tail of the server log.
  const step = (name, fn) => it(name, async (t) => {
    if (failed) {
      t.skip('an earlier step failed');
      return;
    }
    try {
      await fn();
    } catch (err) {
      failed = true;
      const logs = ctx.server?.logs() ?? '';
      err.message += `\n--- last server log lines ---\n${logs.split('\n').slice(-25).join('\n')}`;
      throw err;
    }
  });

  step('lambdabox serves HTTPS on port 443 with a certificate from a throwaway CA', async () => {
    ctx.ip = randomLoopback();
    ctx.tmp = await mkdtemp(path.join(tmpdir(), 'lambdabox-lp-client-'));
    const { caPem, certPem, keyPem } = await makeTestPki(ctx.ip);
    ctx.ca = caPem;
    ctx.caFile = path.join(ctx.tmp, 'ca.pem');
    const certFile = path.join(ctx.tmp, 'cert.pem');
    const keyFile = path.join(ctx.tmp, 'key.pem');
    await writeFile(ctx.caFile, caPem);
    await writeFile(certFile, certPem);
    await writeFile(keyFile, keyPem, { mode: 0o600 });
    try {
      ctx.server = await startServer({
        bind: `${ctx.ip}:443`,
        args: ['--tls-cert', certFile, '--tls-key', keyFile],
      });
    } catch (err) {
      if (/permission denied|os error 13|in use|os error 98/i.test(err.message)) {
        err.message += '\n(port 443 needs root, CAP_NET_BIND_SERVICE or '
          + 'net.ipv4.ip_unprivileged_port_start <= 443: the client cannot take a port)';
      }
      throw err;
    }
    assert.equal(ctx.server.url, `https://${ctx.ip}:443`, 'the server says it listens on https, port 443');
    const health = await request(`https://${ctx.ip}/healthz`, { ca: ctx.ca });
    assert.equal(health.status, 200, 'the health check answers over HTTPS with the test CA trusted');
  });

  step('the CLI provisions the account, its administrator and API credentials', async () => {
    const dataDir = ctx.server.dataDir;
    await cli(['setup', '--data-dir', dataDir, '--account', ACCOUNT, '--admin', ADMIN],
      { LAMBDABOX_ADMIN_PASSWORD: `lp-client-${Math.random().toString(36).slice(2)}-Aa1!` });
    const out = await cli(['credentials', 'create', '--data-dir', dataDir, '--user', ADMIN, '--name', 'lp-client']);
    ctx.credentials = JSON.parse(out.trim().split('\n').pop());
    assert.ok(ctx.credentials.clientId && ctx.credentials.clientSecret, `credentials printed: ${out}`);
  });

  step('a lambda on an event is created and deployed over the HTTPS API', async () => {
    const token = await request(`https://${ctx.ip}/oauth/token`, {
      ca: ctx.ca,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: ctx.credentials.clientId,
        client_secret: ctx.credentials.clientSecret,
      }).toString(),
    });
    assert.equal(token.status, 200, `POST /oauth/token: ${JSON.stringify(token.body)}`);
    const auth = { authorization: `Bearer ${token.body.access_token}`, 'content-type': 'application/json' };

    const createAndDeploy = async (lambda) => {
      const created = await request(`https://${ctx.ip}/api/account/${ACCOUNT}/lambdas`, {
        ca: ctx.ca,
        method: 'POST',
        headers: auth,
        body: JSON.stringify(lambda),
      });
      assert.equal(created.status, 201, `create ${lambda.name}: ${JSON.stringify(created.body)}`);
      const { uuid } = created.body;
      assert.ok(uuid, 'the created lambda has a uuid');
      const deployed = await request(`https://${ctx.ip}/api/account/${ACCOUNT}/deployments/${uuid}`, {
        ca: ctx.ca,
        method: 'POST',
        headers: auth,
      });
      assert.equal(deployed.status, 200, `deploy ${lambda.name}: ${JSON.stringify(deployed.body)}`);
      return uuid;
    };
    ctx.lambda = await createAndDeploy({ name: 'lp_client', eventId: EVENT, implementation: { code: CODE } });
    ctx.failing = await createAndDeploy({ name: 'lp_client_fails', implementation: { code: FAILING_CODE } });
  });

  step('the client gets a token from the sentinel route and invokes the lambda by UUID', async () => {
    const outcome = await runClient(ctx, 'invoke', {
      lambdaUuid: ctx.lambda,
      externalSystem: EXTERNAL_SYSTEM,
      body: { headers: [{ key: 'x', value: 'y' }], payload: { name: 'LivePerson client' } },
    });
    const response = valueOf(outcome, 'invoke by UUID');
    assertOk(response, 'invoke by UUID');
    assert.deepEqual(response.body, { hello: 'LivePerson client', headerCount: 1 });
    assert.match(response.url, new RegExp(
      `^https://${ctx.ip.replace(/\./g, '\\.')}/api/account/${ACCOUNT}/lambdas/${ctx.lambda}/invoke\\?v=1&`
      + `skillId=&externalSystem=${EXTERNAL_SYSTEM}$`,
    ), 'the client built the LivePerson V1 URL with the default protocol, https');
    const services = outcome.asked.map(([, service]) => service).sort();
    assert.deepEqual(services, ['faasGW', 'sentinel'], 'the client looked up the token and gateway hosts');
  });

  step('a lambda that fails reaches the client as LivePerson\'s 901, without retries', async () => {
    const outcome = await runClient(ctx, 'invoke', {
      lambdaUuid: ctx.failing,
      externalSystem: EXTERNAL_SYSTEM,
      body: { headers: [], payload: { name: 'luck' } },
    });
    // failOnErrorStatusCode is false by default: the client answers the response, not an error.
    const response = valueOf(outcome, 'invoke of a failing lambda');
    assert.equal(response.ok, false);
    assert.equal(response.status, 901, JSON.stringify(response));
    assert.equal(response.body.errorCode, 'com.liveperson.faas.handler.custom-failure');
    assert.match(response.body.errorMsg, /no luck/);
    assert.equal(response.retryCount, 0, 'got retries 5xx on POST; 901 must not be one of them');
  });

  step('the client invokes the event', async () => {
    const outcome = await runClient(ctx, 'invoke', {
      eventId: EVENT,
      externalSystem: EXTERNAL_SYSTEM,
      body: { headers: [], payload: { name: 'event' } },
    });
    const response = valueOf(outcome, 'invoke by event');
    assertOk(response, 'invoke by event');
    assert.ok(Array.isArray(response.body) && response.body.length === 1,
      `one result per serving lambda: ${JSON.stringify(response.body)}`);
    assert.equal(response.body[0].uuid, ctx.lambda);
    assert.deepEqual(response.body[0].result, { hello: 'event', headerCount: 0 });
  });

  step('the client asks whether events are implemented', async () => {
    const yes = await runClient(ctx, 'isImplemented', { eventId: EVENT, externalSystem: EXTERNAL_SYSTEM });
    assert.equal(valueOf(yes, `isImplemented(${EVENT})`), true);
    const no = await runClient(ctx, 'isImplemented', { eventId: OTHER_EVENT, externalSystem: EXTERNAL_SYSTEM });
    assert.equal(valueOf(no, `isImplemented(${OTHER_EVENT})`), false);
  });

  step('the client lists the lambdas, unfiltered and by event and state', async () => {
    const all = await runClient(ctx, 'getLambdas', { externalSystem: EXTERNAL_SYSTEM });
    const response = valueOf(all, 'getLambdas');
    assertOk(response, 'getLambdas');
    assert.deepEqual(all.asked.map(([, s]) => s).sort(), ['faasUI', 'sentinel'], 'the UI host serves the list');
    assert.ok(Array.isArray(response.body), `a list: ${JSON.stringify(response.body)}`);
    const mine = response.body.find((l) => l.uuid === ctx.lambda);
    assert.ok(mine, `the list holds the lambda: ${JSON.stringify(response.body)}`);
    assert.equal(mine.state, 'Productive');
    assert.equal(mine.eventId, EVENT);

    const filtered = valueOf(
      await runClient(ctx, 'getLambdas', { externalSystem: EXTERNAL_SYSTEM, eventId: EVENT, state: 'Productive' }),
      'getLambdas(eventId, state)',
    );
    assertOk(filtered, 'getLambdas(eventId, state)');
    assert.deepEqual(filtered.body.map((l) => l.uuid), [ctx.lambda]);
    const none = valueOf(
      await runClient(ctx, 'getLambdas', { externalSystem: EXTERNAL_SYSTEM, state: 'Draft' }),
      'getLambdas(state=Draft)',
    );
    assertOk(none, 'getLambdas(state=Draft)');
    assert.deepEqual(none.body, []);
  });

  step('with a wrong secret the client gets no token and invokes nothing', async () => {
    const outcome = await runClient(ctx, 'invoke', {
      lambdaUuid: ctx.lambda,
      externalSystem: EXTERNAL_SYSTEM,
      body: { headers: [], payload: { name: 'intruder' } },
    }, { clientSecret: 'not-the-secret' });
    assert.ok(outcome.error, `the call fails: ${JSON.stringify(outcome)}`);
    const names = outcome.error.chain.map((e) => e.name);
    assert.ok(names.includes('FaaSAppJWTAuthenticationError'),
      `the token grant is what fails: ${JSON.stringify(outcome.error, null, 2)}`);
  });
});
