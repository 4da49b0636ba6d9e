//! The host stays out of a lambda's reach: whatever the lambda reshapes (prototypes, built-ins,
//! globals, `Error.prepareStackTrace`), the host bindings, the module natives and the
//! runtime's internal functions never become values it holds, the log limit holds for every
//! entry, and the runtime keeps working.

use crate::helpers::{ok, run, sandbox};
use lambdabox_runtime::{LogEntry, RunResult};
use serde_json::json;

/// JS helpers shared by the attacks. `leaks` collects what the lambda got hold of; `loot`
/// tries to use a captured value as the host (system log entries bypassed the log limit);
/// `probe(where)` walks the current stack with the V8 call-site API and records every internal
/// frame (not `lambda.js`) that gives out its function or receiver.
const PROBE: &str = r#"
  const leaks = [];
  const seen = {};
  const HOST_NAMES = ['log', 'settle', 'op', 'loadModule', 'installNatives', 'timerStart', 'timerClear',
    'digest', 'hmac', 'randomBytes', 'randomUUID', 'utf8Encode', 'utf8Decode', 'base64Encode', 'base64Decode',
    'jwsSign', 'jwsVerify', 'parseUrl', 'fireTimer', 'opDone', 'lazyGlobal', 'run'];
  function loot(x) {
    try {
      if (x && typeof x.log === 'function') for (let i = 0; i < 50; i++) x.log(3, 'system spam ' + i + ' ' + 'x'.repeat(1000), '[]', true);
    } catch (e) {}
    try {
      if (x && typeof x.settle === 'function') x.settle('ok', '"forged"');
    } catch (e) {}
  }
  function harvest(where, sites) {
    seen[where] = seen[where] || 0;
    if (!Array.isArray(sites)) { leaks.push(where + ': no call sites'); return; }
    for (const site of sites) {
      if (site.getFileName() === 'lambda.js') continue;
      seen[where]++;
      const fn = site.getFunction();
      const self = typeof site.getThis === 'function' ? site.getThis() : undefined;
      if (fn !== undefined) { leaks.push(where + ': function ' + site.getFunctionName()); loot(fn); }
      if (self !== undefined) { leaks.push(where + ': receiver of ' + site.getFunctionName()); loot(self); }
    }
  }
  function probe(where, capture) {
    const saved = Error.prepareStackTrace;
    Error.prepareStackTrace = (e, sites) => sites;
    let sites;
    if (capture) { const holder = {}; Error.captureStackTrace(holder); sites = holder.stack; }
    else sites = new Error('probe').stack;
    Error.prepareStackTrace = saved;
    harvest(where, sites);
  }
  function isHost(value) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    try {
      for (const name of ['loadModule', 'installNatives', 'timerStart', 'settle', 'digest', 'utf8Encode', 'parseUrl', 'jwsSign']) {
        if (Object.prototype.hasOwnProperty.call(value, name)) return true;
      }
      return typeof value === 'function' && ['op', 'load', 'natives', 'extras', 'addTimer', 'fireTimer', 'opDone', 'loadModule', 'installNatives', 'settle', 'log'].includes(value.name);
    } catch (e) {
      return false;
    }
  }
"#;

fn lambda(body: &str) -> String {
    format!("function lambda(input, callback) {{\n{PROBE}\n{body}\n}}")
}

/// No entry the lambda forged as a system entry, and no more entries than the log limit allows
/// (10 by default, plus the runtime's few warnings).
fn assert_logs_bounded(result: &RunResult) {
    let spam = result.logs.iter().filter(|l: &&LogEntry| l.message.contains("system spam")).count();
    assert_eq!(spam, 0, "forged system entries: {:?}", result.logs.first());
    assert!(result.logs.len() <= 12, "{} entries", result.logs.len());
}

#[tokio::test]
async fn setters_on_object_prototype_never_see_the_host() {
    let sandbox = sandbox();
    let code = lambda(
        r#"
  const fired = [];
  for (const name of HOST_NAMES.concat(['exports', 'natives', 'then', 'constructor'])) {
    const old = Object.getOwnPropertyDescriptor(Object.prototype, name);
    Object.defineProperty(Object.prototype, name, {
      configurable: true,
      get: old ? old.get || (() => old.value) : undefined,
      set(value) {
        if (isHost(this) || isHost(value)) { fired.push(name); loot(this); }
        Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }
  for (const proto of [Function.prototype, Array.prototype, Promise.prototype]) {
    for (const name of HOST_NAMES) {
      Object.defineProperty(proto, name, {
        configurable: true,
        set(value) { if (isHost(this) || isHost(value)) { fired.push(name); loot(this); } Object.defineProperty(this, name, { value, writable: true, configurable: true }); },
      });
    }
  }
  const crypto = require('crypto');
  const sha = crypto.createHash('sha256').update('abc').digest('hex');
  const hmac = crypto.createHmac('sha256', 'k').update('abc').digest('base64');
  const { Toolbelt } = require('lp-faas-toolbelt');
  const b64 = Buffer.from('hi').toString('base64');
  const url = new URL('https://a.example/p?q=1').searchParams.get('q');
  const jwt = require('jsonwebtoken');
  const claims = jwt.verify(jwt.sign({ a: 1 }, 'secret'), 'secret');
  const text = new TextDecoder().decode(new TextEncoder().encode('h\u00e9'));
  console.log('still logs', { n: 1 });
  setTimeout((a) => {
    callback(null, { fired, sha, hmac, b64, url, a: claims.a, text, http: typeof Toolbelt.HTTPClient(), env: process.env.GREETING, timerArg: a });
  }, 1, 'arg');
"#,
    );
    let result = run(&sandbox, &code).await;
    assert_eq!(
        ok(&result),
        json!({ "fired": [], "sha": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "hmac": "NC5RnOCtbAOja5jus/HRMNtIE7nfTRFg7aSI1xLceO4=", "b64": "aGk=", "url": "1", "a": 1,
                "text": "h\u{e9}", "http": "function", "env": "hi", "timerArg": "arg" })
    );
    assert_logs_bounded(&result);
    assert!(result.logs.iter().any(|l| l.message == "still logs"));
}

#[tokio::test]
async fn runtime_warnings_do_not_bypass_the_log_limit() {
    let sandbox = sandbox();
    // Every later callback call used to add a "system" warning, which the limit did not count.
    let code = "function lambda(input, callback) {\n  for (let i = 0; i < 20000; i++) callback(null, i);\n  for (let i = 0; i < 20000; i++) callback('not an error ' + i);\n}";
    let result = run(&sandbox, code).await;
    assert_eq!(ok(&result), json!(0));
    assert!(result.logs.len() <= 3, "{} entries, first {:?}", result.logs.len(), result.logs.first());
    assert!(result.logs.iter().any(|l| l.message.contains("more than once")));
}

#[tokio::test]
async fn internal_frames_hide_their_functions_and_receivers() {
    let sandbox = sandbox();
    // Lambda code that the runtime calls back from its own frames: a thenable's `then`, a
    // getter while console formats, a name's toString in require(), prepareStackTrace for an
    // error the runtime makes, a nextTick job, a timer callback (captureStackTrace there) and
    // a toJSON while the result is serialised. Internal frames must give `undefined`.
    let code = lambda(
        r#"
  console.log('x', { get a() { probe('console'); return 1; } });
  const crypto = require({ toString() { probe('require'); return 'crypto'; } });
  Error.prepareStackTrace = (e, sites) => { harvest('prepare', sites); return 'stack'; };
  try { require('lambdabox:buffer'); } catch (e) {}
  Error.prepareStackTrace = undefined;
  process.nextTick(() => probe('nextTick'));
  setTimeout(() => {
    probe('timer', true);
    const hash = crypto.createHash('sha1').update('x').digest('hex');
    callback(null, { toJSON() { probe('toJSON'); return { leaks, seen, hash }; } });
  }, 1);
  return { then() { probe('then'); } };
"#,
    );
    let result = run(&sandbox, &code).await;
    let value = ok(&result);
    assert_eq!(value["leaks"], json!([]), "{value}");
    assert_eq!(value["hash"], json!("11f6ad8ec52a2984abaafd7c3b516503785c2072"));
    for scenario in ["console", "require", "prepare", "nextTick", "timer", "toJSON", "then"] {
        assert!(value["seen"][scenario].as_u64().unwrap_or(0) >= 1, "{scenario} saw no internal frame: {value}");
    }
    assert_logs_bounded(&result);
}

#[tokio::test]
async fn no_runtime_internals_on_the_global_object() {
    let sandbox = sandbox();
    let code = "function lambda(input, callback) {\n  const keys = Reflect.ownKeys(globalThis).map(String).filter((k) => /lambdabox|host|dispatch/i.test(k));\n  let dispatch = 'none';\n  try { dispatch = typeof __lambdabox; } catch (e) {}\n  callback(null, { keys, dispatch });\n}";
    let result = run(&sandbox, code).await;
    assert_eq!(ok(&result), json!({ "keys": [], "dispatch": "undefined" }));
}

#[tokio::test]
async fn replaced_built_ins_never_receive_a_capability() {
    let sandbox = sandbox();
    // Every built-in the runtime or a bundled module might call is wrapped: the wrapper looks
    // at its receiver and arguments for the host, the module natives or an internal function.
    let code = lambda(
        r#"
  const caught = [];
  const RApply = Reflect.apply;
  const RConstruct = Reflect.construct;
  const RGet = Reflect.get;
  let busy = false;
  const sniff = (what, self, args) => {
    if (busy) return;
    busy = true;
    try {
      if (isHost(self)) { caught.push(what + ' this'); loot(self); }
      for (let i = 0; i < args.length; i++) if (isHost(args[i])) { caught.push(what + ' arg ' + i); loot(args[i]); }
    } finally {
      busy = false;
    }
  };
  const wrap = (owner, name, label) => {
    const original = owner[name];
    if (typeof original !== 'function') return;
    const wrapper = function (...args) { sniff(label, this, args); return new.target ? RConstruct(original, args, new.target) : RApply(original, this, args); };
    Object.defineProperty(owner, name, { value: wrapper, writable: true, configurable: true });
  };
  for (const [owner, names, label] of [
    [Function.prototype, ['call', 'apply', 'bind'], 'Function.prototype.'],
    [Reflect, ['apply', 'construct', 'get', 'set', 'defineProperty', 'ownKeys'], 'Reflect.'],
    [JSON, ['stringify', 'parse'], 'JSON.'],
    [Object, ['assign', 'defineProperty', 'defineProperties', 'keys', 'freeze', 'create', 'getOwnPropertyDescriptor', 'setPrototypeOf'], 'Object.'],
    [Array.prototype, ['push', 'map', 'forEach', 'slice', 'concat', 'join', 'includes', 'some'], 'Array.prototype.'],
    [String.prototype, ['startsWith', 'toLowerCase', 'slice', 'replace', 'split', 'toString', 'charCodeAt'], 'String.prototype.'],
    [Promise.prototype, ['then', 'catch', 'finally'], 'Promise.prototype.'],
    [Promise, ['resolve', 'reject', 'all', 'race'], 'Promise.'],
    [Math, ['max', 'min', 'floor'], 'Math.'],
    [globalThis, ['String', 'Number', 'queueMicrotask', 'parseInt', 'encodeURIComponent'], ''],
  ]) for (const name of names) wrap(owner, name, label + name);
  const iterate = Array.prototype[Symbol.iterator];
  Array.prototype[Symbol.iterator] = function () { sniff('Array.prototype[Symbol.iterator]', this, []); return RApply(iterate, this, []); };
  for (const proto of [Object.prototype, Array.prototype]) {
    proto.toJSON = function () { sniff('toJSON', this, []); return this; };
    proto[Symbol.toPrimitive] = function (hint) { sniff('toPrimitive', this, []); return hint === 'number' ? NaN : '[object]'; };
  }
  delete Object.prototype.toJSON;
  delete Object.prototype[Symbol.toPrimitive];
  const proxied = new Proxy(globalThis, { get(target, key, receiver) { sniff('global', undefined, [receiver]); return RGet(target, key); } });
  Object.setPrototypeOf(globalThis, proxied);

  const crypto = require('crypto');
  const digest = crypto.createHash('md5').update('a').digest('hex');
  const uuid = crypto.randomUUID().length;
  const { Toolbelt } = require('lp-faas-toolbelt');
  const buf = Buffer.from('hello').toString('hex');
  const url = new URL('https://a.example/x').hostname;
  console.log('logged', [1, 2], { a: 1 });
  process.nextTick((a, b) => {
    Toolbelt.SecretClient().readSecret('missing').catch((e) => e.code).then((code) => {
      setTimeout((x) => callback(null, { caught, digest, uuid, buf, url, code: typeof code, x, a, b }), 1, 'x');
    });
  }, 'a', 'b');
"#,
    );
    let result = run(&sandbox, &code).await;
    assert_eq!(
        ok(&result),
        json!({ "caught": [], "digest": "0cc175b9c0f1b6a831c399e269772661", "uuid": 36, "buf": "68656c6c6f",
                "url": "a.example", "code": "string", "x": "x", "a": "a", "b": "b" })
    );
    assert_logs_bounded(&result);
}

#[tokio::test]
async fn the_runtime_does_not_depend_on_built_ins_a_lambda_replaced() {
    let sandbox = sandbox();
    // After replacing what the runtime's own paths used to look up at call time, timers,
    // nextTick, console, require(), failed host operations and async results still work.
    let code = "async function lambda(input) {\n  const { Toolbelt } = require('lp-faas-toolbelt');\n  const client = Toolbelt.SecretClient();\n  globalThis.String = () => 'x';\n  globalThis.Number = () => NaN;\n  Math.max = Math.min = () => NaN;\n  globalThis.queueMicrotask = () => { throw new Error('replaced queueMicrotask'); };\n  Object.assign = () => { throw new Error('replaced Object.assign'); };\n  Reflect.apply = () => { throw new Error('replaced Reflect.apply'); };\n  Function.prototype.call = Function.prototype.apply = () => { throw new Error('replaced call'); };\n  Array.prototype[Symbol.iterator] = function* () { throw new Error('replaced iterator'); };\n  Object.defineProperty(Error, Symbol.hasInstance, { value: () => { throw new Error('replaced hasInstance'); } });\n  Promise.resolve = () => { throw new Error('replaced Promise.resolve'); };\n  JSON.stringify = JSON.parse = () => { throw new Error('replaced JSON'); };\n  console.log('message', { extra: 1 });\n  const fromTimer = await new Promise((resolve) => setTimeout((a, b) => resolve(a + b), 1, 'a', 'b'));\n  const fromTick = await new Promise((resolve) => process.nextTick((a) => resolve(a), 'tick'));\n  let refused = '';\n  try { require('lambdabox:buffer'); } catch (e) { refused = e.message; }\n  let secret = '';\n  try { await client.readSecret('missing'); } catch (e) { secret = typeof e.code; }\n  return { fromTimer, fromTick, refused, secret, env: process.env.GREETING };\n}";
    let result = run(&sandbox, code).await;
    assert_eq!(
        ok(&result),
        json!({ "fromTimer": "ab", "fromTick": "tick", "refused": "module lambdabox:buffer is not available",
                "secret": "string", "env": "hi" })
    );
    assert!(
        result.logs.iter().any(|l| l.message == "message" && l.extras == vec![json!({ "extra": 1 })]),
        "{:?}",
        result.logs
    );
}
