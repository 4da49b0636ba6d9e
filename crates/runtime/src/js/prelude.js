// Installed into every fresh context before the lambda runs. The script's value is a function
// that receives the native `host` bindings (natives.rs, crates/runtime/src: a frozen object
// without prototype, so reading it is safe at any time) and returns the host's entry into
// the prelude (engine.rs).
//
// Nothing of `host` may become a value lambda code holds. Lambda code can reshape every
// prototype and replace every built-in before it calls into this code, so its internal paths
// follow three rules:
// - built-ins are captured here, before lambda code runs, and called as captured (through
//   the captured `apply`, never through a `call` or `then` looked up later);
// - internal objects have no prototype (or are literals read only for their own properties),
//   and nothing is added to an object with an assignment an inherited setter could catch;
// - `host` stays in this closure: bundled modules get only the natives and the host-operation
//   function they need (prelude-extras.js), never `host`.
// All of it is strict-mode code, whose frames give lambda code neither their function nor
// their receiver through the V8 stack-trace API (the engine's patch 0014).
(function (host) {
  'use strict';
  const g = globalThis;
  const { stringify, parse } = JSON;
  const PromiseCtor = Promise;
  const then = Promise.prototype.then;
  const promiseResolve = Promise.resolve;
  const apply = Reflect.apply;
  const StringCtor = String;
  const ErrorCtor = Error;
  const TypeErrorCtor = TypeError;
  const ReferenceErrorCtor = ReferenceError;
  const NumberCtor = Number;
  const startsWith = String.prototype.startsWith;
  const assign = Object.assign;
  const enqueue = queueMicrotask;
  // `x instanceof C` would look C[Symbol.hasInstance] up, which lambda code may define.
  const hasInstance = Function.prototype[Symbol.hasInstance];
  const isError = (value) => apply(hasInstance, ErrorCtor, [value]);

  // Formatting (messages of non-Error values, log extras), system warnings and `console` are
  // made on first use: a lambda that neither logs nor fails with an odd value never needs
  // them, and making their closures for every invocation was a twentieth of its cost.
  let formatReady = null;
  const format = () => formatReady || (formatReady = makeFormat());
  function makeFormat() {
    function replacer(_key, value) {
      if (isError(value)) return { name: value.name, message: value.message, stack: value.stack };
      if (typeof value === 'bigint') return StringCtor(value);
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
      if (isError(value)) return StringCtor(value);
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
    // Runtime warnings: the host keeps a few per invocation at most.
    const warnSystem = (message) => host.log(2, message, '[]', true);
    return { __proto__: null, makeConsole, messageOf, warnSystem };
  }

  // Outcome: the first settlement wins; the first later callback call warns.
  let settled = false;
  let warnedAgain = false;
  function repeated() {
    if (!warnedAgain) format().warnSystem('callback was called more than once; later calls are ignored');
    warnedAgain = true;
  }
  function settle(kind, payload) {
    if (settled) return repeated();
    settled = true;
    host.settle(kind, payload);
  }
  // What the lambda throws or rejects with is classified as LivePerson's runner does
  // (rewire.js): like `callback(err)`, so only TypeError, ReferenceError and SyntaxError are
  // runtime exceptions. The sandbox's own limits stay runtime exceptions: the engine throws
  // null when out of memory, InternalError or a RangeError past the stack limit.
  function settleThrown(e) {
    if (e === null || e === undefined) return settleUncaught(e);
    if (isError(e)) {
      const name = e.name;
      if (name === 'InternalError' || (name === 'RangeError' && e.message === 'Maximum call stack size exceeded')) {
        return settleUncaught(e);
      }
    }
    settleError(e);
  }
  // Outside the lambda's own call: module scope, timer callbacks.
  function settleUncaught(e) {
    settle('runtime', isError(e) ? StringCtor(e) : 'Uncaught ' + format().messageOf(e));
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
  // callback(null, thenable): LivePerson's runner resolves its promise with the result, which
  // adopts a thenable; its outcome is the invocation's, and later callbacks are ignored.
  let adopting = false;
  function adopt(result) {
    let then;
    try {
      then = result.then;
    } catch (e) {
      return settleThrown(e);
    }
    if (typeof then !== 'function') return settleOk(result);
    adopting = true;
    const rejected = (e) => {
      if (e !== null && e !== undefined) return settleThrown(e);
      format().warnSystem('error in an incorrect format, please pass an Error object');
      settle('custom', format().messageOf(e));
    };
    try {
      apply(then, result, [settleOk, rejected]);
    } catch (e) {
      settleThrown(e);
    }
  }
  function callback(err, result) {
    if (adopting) return repeated();
    if (err === null || err === undefined) {
      if (result !== null && (typeof result === 'object' || typeof result === 'function')) return adopt(result);
      return settleOk(result);
    }
    settleError(err);
  }
  // A failure, classified (see settleThrown).
  function settleError(err) {
    if (isError(err)) {
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
  // It gets what it needs from here, captured before lambda code ran.
  let extrasReady = null;
  let envJson = '{}';
  function extras() {
    if (extrasReady === null) {
      const module = { __proto__: null, exports: null };
      apply(host.loadModule('lambdabox:runtime'), undefined, [module, undefined, undefined, undefined, undefined]);
      extrasReady = module.exports({
        __proto__: null,
        stringify, parse, PromiseCtor, ErrorCtor, TypeErrorCtor, ReferenceErrorCtor, NumberCtor, StringCtor, apply,
        startsWith, assign, enqueue, settleUncaught, env: envJson,
        warnSystem: (message) => format().warnSystem(message),
        timerStart: host.timerStart, timerClear: host.timerClear, hostOp: host.op, loadModule: host.loadModule,
        installNatives: host.installNatives,
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
  // tables and process in prelude-extras.js).
  const lazyGlobal = (name) => (name === 'console' ? format().makeConsole() : extras().lazyGlobal(name));
  const fireTimer = (id) => extras().fireTimer(id);
  const opDone = (id, ok, json) => extras().opDone(id, ok, json);

  function run(wrapper, inputJson, style, env) {
    envJson = env;
    let lambda;
    try {
      const module = { exports: {} };
      lambda = wrapper(module, module.exports, require);
      if (typeof lambda !== 'function') throw new TypeErrorCtor('lambda is not a function');
    } catch (e) {
      return settleUncaught(e);
    }
    try {
      const input = parse(inputJson);
      if (style === 1) {
        apply(then, apply(promiseResolve, PromiseCtor, [lambda(input)]), [settleOk, settleThrown]);
      } else {
        const returned = lambda(input, callback);
        if (apply(hasInstance, PromiseCtor, [returned])) apply(then, returned, [undefined, settleThrown]);
        else if (returned && typeof returned.then === 'function') returned.then(undefined, settleThrown);
      }
    } catch (e) {
      settleThrown(e);
    }
  }

  // The host's one entry: the engine calls it with a lazy global's name (the host registers
  // it as the engine's lazy-global handler) or, when a locale-sensitive built-in such as
  // Date.prototype.toLocaleString is called, with the engine's locale kind (0-4; the host
  // registers it as the engine's locale handler), the host with a number from 10 for what to
  // do (engine.rs, `Entry`). Not on the global object: lambda code cannot call it.
  return function enter(what, a, b, c, d) {
    switch (what) {
      case 10: return run(a, b, c, d);
      case 11: return fireTimer(a);
      case 12: return opDone(a, b, c);
      default: return typeof what === 'number' ? extras().locale(what, a, b, c, d) : lazyGlobal(what);
    }
  };
})
