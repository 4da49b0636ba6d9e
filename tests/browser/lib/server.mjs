// Starts the real lambdabox binary on a free loopback port with a fresh data dir, and stops it.
// The port is read from the server's own "listening on http(s)://127.x.y.z:PORT" log line: no
// fixed ports (unless a test asks for one with `bind`), no sleeps. Every wait is bounded.

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** Every server started by this process, so a crashed test run still stops them. */
const running = new Set();
process.on('exit', () => {
  for (const child of running) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

/** The binary under test, from LAMBDABOX_BIN (an absolute path, as scripts/test.sh sets it). */
export function binaryPath() {
  const bin = process.env.LAMBDABOX_BIN;
  if (!bin) {
    throw new Error('LAMBDABOX_BIN is not set: point it at target/debug/lambdabox (see scripts/test.sh)');
  }
  if (!existsSync(bin)) {
    throw new Error(`LAMBDABOX_BIN=${bin} does not exist: run 'cargo build --bin lambdabox' first`);
  }
  return bin;
}

/**
 * Starts `lambdabox serve` on `bind` (a loopback address, 127.0.0.1:0 unless told) with a fresh
 * data dir; `args` are appended to the command line (e.g. the --oidc-* or --tls-* options),
 * `env` is added to the environment.
 * Resolves to { url, dataDir, logs(), stop() } once the server says where it listens.
 */
export async function startServer({ args = [], env = {}, bind = '127.0.0.1:0' } = {}) {
  const bin = binaryPath();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'lambdabox-browser-'));
  const child = spawn(bin, ['serve', '--data-dir', dataDir, '--bind', bind, ...args], {
    env: { ...process.env, LAMBDABOX_LOG_FORMAT: 'text', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const collect = (chunk) => {
    output += chunk.toString('utf8').replace(ANSI, '');
    // Keep memory bounded on a chatty server: the tail is what helps when a test fails.
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', collect);

  let exited = false;
  const exitedPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      running.delete(child);
      resolve({ code, signal });
    });
  });

  let url;
  try {
    url = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`lambdabox did not report its address within ${START_TIMEOUT_MS} ms:\n${output}`)),
        START_TIMEOUT_MS,
      );
      const onData = (chunk) => {
        collect(chunk);
        const m = output.match(/listening on (https?:\/\/127(?:\.\d{1,3}){3}:\d+)/);
        if (m) {
          clearTimeout(timer);
          child.stderr.off('data', onData);
          child.stderr.on('data', collect);
          resolve(m[1]);
        }
      };
      child.stderr.on('data', onData);
      child.once('error', (err) => { clearTimeout(timer); reject(err); });
      exitedPromise.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`lambdabox exited (code ${code}, signal ${signal}) before listening:\n${output}`));
      });
    });
  } catch (err) {
    await stopChild(child, exitedPromise, () => exited);
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }

  return {
    url,
    dataDir,
    /** The server's log so far (ANSI colours stripped). */
    logs: () => output,
    /** SIGTERM (SIGKILL after a bounded wait), then removes the data dir. */
    async stop() {
      await stopChild(child, exitedPromise, () => exited);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function stopChild(child, exitedPromise, hasExited) {
  if (hasExited()) return;
  child.kill('SIGTERM');
  const timedOut = Symbol('timeout');
  let timer;
  const result = await Promise.race([
    exitedPromise,
    new Promise((resolve) => { timer = setTimeout(() => resolve(timedOut), STOP_TIMEOUT_MS); }),
  ]);
  clearTimeout(timer);
  if (result === timedOut && !hasExited()) {
    child.kill('SIGKILL');
    await Promise.race([exitedPromise, new Promise((r) => setTimeout(r, STOP_TIMEOUT_MS))]);
  }
}
