// Installed into every fresh context before the lambda runs. The script's value is a function
// that receives the native `host` bindings; nothing of `host` is reachable from lambda code
// except through the functions defined here. See natives.rs (crates/runtime/src) for the host side.
(function (host) {
  'use strict';
  const g = globalThis;
  // Captured before lambda code runs, so a lambda that replaces them cannot break its own
  // outcome reporting.
  const { stringify, parse } = JSON;
  const PromiseCtor = Promise;
  const then = Promise.prototype.then;
  // Captured too: module code is called through it, never through a `call` or `apply` lambda
  // code may have replaced (which would see the arguments, among them `host`).
  const apply = Reflect.apply;
  const StringCtor = String;
  const startsWith = String.prototype.startsWith;
  const ErrorCtor = Error;

  // Formatting (messages of non-Error values, log extras), system warnings and `console` are
  // made on first use: a lambda that neither logs nor fails with an odd value never needs
  // them, and making their closures for every invocation was a twentieth of its cost.
  let formatReady = null;
  const format = () => formatReady || (formatReady = makeFormat());
  function makeFormat() {
    function replacer(_key, value) {
      if (value instanceof ErrorCtor) return { name: value.name, message: value.message, stack: value.stack };
      if (typeof value === 'bigint') return value.toString();
      return value;
    }
    function toJson(value) {
      try {
        const text = stringify(value, replacer);
        return text === undefined ? 'null' : text;
      } catch (e) {
        return stringify(StringCtor(value));
      }
    }
    function extrasJson(extras) {
      let text = '[';
      for (let i = 0; i < extras.length; i++) text += (i ? ',' : '') + toJson(extras[i]);
      return text + ']';
    }
    function messageOf(value) {
      if (typeof value === 'string') return value;
      if (value === undefined) return 'undefined';
      if (value instanceof ErrorCtor) return StringCtor(value);
      return toJson(value);
    }
    // console.*: log = info. The host counts entries and characters and stops the run at
    // the limit.
    function makeConsole() {
      const logAt = (level) =>
        function (message, ...extras) {
          host.log(level, messageOf(message), extrasJson(extras), false);
        };
      return { debug: logAt(0), info: logAt(1), log: logAt(1), warn: logAt(2), error: logAt(3) };
    }
    const warnSystem = (message) => host.log(2, message, '[]', true);
    return { makeConsole, messageOf, warnSystem };
  }

  // Outcome: the first settlement wins; later callback calls only warn.
  let settled = false;
  function settle(kind, payload) {
    if (settled) {
      format().warnSystem('callback was called more than once; later calls are ignored');
      return;
    }
    settled = true;
    host.settle(kind, payload);
  }
  function settleThrown(e) {
    settle('runtime', e instanceof ErrorCtor ? StringCtor(e) : 'Uncaught ' + format().messageOf(e));
  }
  function settleOk(result) {
    if (result === undefined) return settle('ok', 'null');
    let json;
    try {
      json = stringify(result);
    } catch (e) {
      return settle('runtime', 'the result is not JSON-serialisable: ' + StringCtor(e));
    }
    if (json === undefined) return settle('runtime', 'the result (a ' + typeof result + ') is not JSON-serialisable');
    settle('ok', json);
  }
  function callback(err, result) {
    if (err === null || err === undefined) return settleOk(result);
    if (err instanceof ErrorCtor) {
      const name = err.name;
      const runtime = name === 'TypeError' || name === 'ReferenceError' || name === 'SyntaxError';
      return settle(runtime ? 'runtime' : 'custom', StringCtor(runtime ? err : err.message));
    }
    const { warnSystem, messageOf } = format();
    if (!settled) warnSystem('error in an incorrect format, please pass an Error object');
    settle('custom', err !== null && typeof err === 'object' && typeof err.message === 'string' ? err.message : messageOf(err));
  }

  // Timers, host operations, require() and process live in `lambdabox:runtime`
  // (prelude-extras.js), evaluated on first use: most invocations need none of them, and
  // setting them up was an eighth of an invocation's cost. Their globals are auto-init
  // properties like the module-backed ones below (vendor/rquickjs-sys, JS_AddLazyIntrinsics).
  let extrasReady = null;
  let envJson = '{}';
  function extras() {
    if (extrasReady === null) {
      const module = { exports: {} };
      apply(host.loadModule('lambdabox:runtime'), undefined, [module, module.exports, undefined, host, undefined]);
      extrasReady = module.exports({
        stringify, parse, PromiseCtor, ErrorCtor, apply, StringCtor, startsWith, settleThrown, envJson: () => envJson,
      });
    }
    return extrasReady;
  }
  function require(name) {
    return extras().require(name);
  }
  g.require = require;
  g.global = g;
  // The engine puts each lazy name on the global object as an auto-init property that calls
  // this on first access (lazy.rs lists the names: console here, and the TIMERS and LAZY
  // tables and process in prelude-extras.js). The host registers it with the engine: it is
  // this script's result.
  const lazyGlobal = (name) => (name === 'console' ? format().makeConsole() : extras().lazyGlobal(name));
  const fireTimer = (id) => extras().fireTimer(id);
  const opDone = (id, ok, json) => extras().opDone(id, ok, json);

  function run(wrapper, inputJson, style, env) {
    envJson = env;
    try {
      const module = { exports: {} };
      const lambda = wrapper(module, module.exports, require);
      if (typeof lambda !== 'function') throw new TypeError('lambda is not a function');
      const input = parse(inputJson);
      if (style === 1) {
        apply(then, PromiseCtor.resolve(lambda(input)), [settleOk, settleThrown]);
      } else {
        const returned = lambda(input, callback);
        if (returned instanceof PromiseCtor) apply(then, returned, [undefined, settleThrown]);
        else if (returned && typeof returned.then === 'function') returned.then(undefined, settleThrown);
      }
    } catch (e) {
      settleThrown(e);
    }
  }

  Object.defineProperty(g, '__lambdabox', {
    value: Object.freeze({ run, fireTimer, opDone, lazyGlobal }),
    enumerable: false,
    writable: false,
    configurable: false,
  });
  return lazyGlobal;
})
