// The part of the prelude set up on first use (see prelude.js): timers, host operations,
// require() with the bundled modules, the module-backed globals and `process`. Loaded as the
// internal module `lambdabox:runtime`; its export receives what it shares with the prelude.
// Lambda code has run by then and may have replaced any built-in or prototype: this code uses
// only what `core` hands it (captured before lambda code ran), follows prelude.js's rules, and
// gives each bundled module only the natives and host operations it needs.
module.exports = function (core) {
  'use strict';
  const {
    stringify, parse, PromiseCtor, ErrorCtor, TypeErrorCtor, ReferenceErrorCtor, NumberCtor, StringCtor, apply,
    startsWith, assign, enqueue, settleUncaught, env, timerStart, timerClear, hostOp, loadModule, installNatives,
    warnSystem,
  } = core;

  // Timers: callbacks live here; the host only keeps ids and due times.
  // Plain dictionaries, not Maps: Map is installed only when a lambda uses it.
  const timers = { __proto__: null };
  let nextTimer = 1;
  function addTimer(fn, ms, args, repeat) {
    if (typeof fn !== 'function') throw new TypeErrorCtor('The "callback" argument must be of type function');
    const id = nextTimer++;
    let delay = NumberCtor(ms) || 0;
    if (delay < 0) delay = 0;
    else if (delay > 2147483647) delay = 2147483647;
    timers[id] = { __proto__: null, fn, args, repeat: repeat ? (delay < 1 ? 1 : delay) : -1 };
    timerStart(id, delay);
    return id;
  }
  function clearTimer(id) {
    const key = NumberCtor(id);
    if (key in timers) {
      delete timers[key];
      timerClear(key);
    }
  }
  const TIMERS = {
    __proto__: null,
    setTimeout: (fn, ms, ...args) => addTimer(fn, ms, args, false),
    setInterval: (fn, ms, ...args) => addTimer(fn, ms, args, true),
    setImmediate: (fn, ...args) => addTimer(fn, 0, args, false),
    clearTimeout: clearTimer,
    clearInterval: clearTimer,
    clearImmediate: clearTimer,
  };
  function fireTimer(id) {
    const timer = timers[id];
    if (!timer) return;
    if (timer.repeat >= 0) timerStart(id, timer.repeat);
    else delete timers[id];
    try {
      apply(timer.fn, undefined, timer.args);
    } catch (e) {
      settleUncaught(e);
    }
  }

  // Host operations (HTTP, secrets, orchestrator): a promise per op, settled by opDone.
  const ops = { __proto__: null };
  function op(name, args) {
    return new PromiseCtor((resolve, reject) => {
      ops[hostOp(name, stringify(args))] = { __proto__: null, resolve, reject };
    });
  }
  function opDone(id, ok, json) {
    const pending = ops[id];
    if (!pending) return;
    delete ops[id];
    const value = parse(json);
    if (ok) return pending.resolve(value);
    // Why the platform refused (the allowlist, say) goes to the log; the error itself reads
    // exactly as on LivePerson Functions.
    if (typeof value.explanation === 'string') {
      warnSystem(value.explanation);
      delete value.explanation;
    }
    pending.reject(assign(new ErrorCtor(value.message), value));
  }

  // Native helpers (digests, encodings, URL parsing…) are made on first use.
  let nativesReady = null;
  const natives = () => nativesReady || (nativesReady = installNatives());

  // What each bundled module gets besides `module` and `exports`: NATIVES the native helpers,
  // OP the host operations, INTERNAL a require() that also loads the `lambdabox:*` modules.
  // The vendored npm packages (lodash, luxon, oauth-1.0a, Node's built-ins) get the lambda's
  // require() only, except where our code is appended to them (buffer, url).
  const NATIVES = 1;
  const OP = 2;
  const INTERNAL = 4;
  const GRANTS = {
    __proto__: null,
    crypto: NATIVES | INTERNAL, jsonwebtoken: NATIVES | INTERNAL, 'lp-faas-toolbelt': OP | INTERNAL,
    buffer: NATIVES | INTERNAL, url: INTERNAL, http: INTERNAL, https: INTERNAL,
    'lambdabox:base64': NATIVES, 'lambdabox:encoding': NATIVES, 'lambdabox:url': NATIVES,
    'lambdabox:fetch': OP | INTERNAL, 'lambdabox:http': OP | INTERNAL, 'lambdabox:intl': NATIVES,
    'lambdabox:toolbelt-more': OP,
  };
  // Node's built-ins answer to their `node:` names too (the same module object).
  const NODE_BUILTINS = {
    __proto__: null,
    'node:assert': 'assert', 'node:buffer': 'buffer', 'node:crypto': 'crypto', 'node:events': 'events',
    'node:http': 'http', 'node:https': 'https', 'node:path': 'path', 'node:querystring': 'querystring',
    'node:string_decoder': 'string_decoder', 'node:timers': 'timers', 'node:timers/promises': 'timers/promises',
    'node:url': 'url', 'node:util': 'util',
  };

  // require(): bundled and native modules only, cached per invocation. `lambdabox:*` names
  // are internals (Buffer, URL, fetch…), loadable by bundled modules but not by lambdas.
  const modules = { __proto__: null };
  function require(name) {
    name = StringCtor(name);
    if (apply(startsWith, name, ['lambdabox:'])) throw new ErrorCtor('module ' + name + ' is not available');
    return load(NODE_BUILTINS[name] || name);
  }
  function load(name) {
    const cached = modules[name];
    if (cached) return cached.exports;
    const factory = loadModule(name);
    const module = { exports: {} };
    modules[name] = module;
    const grant = GRANTS[name] | 0;
    apply(factory, module.exports, [
      module,
      module.exports,
      grant & INTERNAL ? load : require,
      grant & NATIVES ? natives() : undefined,
      grant & OP ? op : undefined,
    ]);
    return module.exports;
  }
  // Globals backed by bundled modules are loaded on first use.
  const LAZY = {
    __proto__: null,
    Buffer: 'lambdabox:buffer', atob: 'lambdabox:encoding', btoa: 'lambdabox:encoding',
    TextEncoder: 'lambdabox:encoding', TextDecoder: 'lambdabox:encoding', URL: 'lambdabox:url',
    URLSearchParams: 'lambdabox:url', fetch: 'lambdabox:fetch', Headers: 'lambdabox:fetch',
    Request: 'lambdabox:fetch', Response: 'lambdabox:fetch',
    Intl: 'lambdabox:intl',
  };

  // A literal, not assignments: lambda code may have put setters on Object.prototype.
  const process = {
    env: parse(env),
    version: 'v20.0.0',
    versions: {},
    platform: 'linux',
    cwd: () => '/',
    nextTick: (fn, ...args) => enqueue(() => apply(fn, undefined, args)),
  };

  // The engine puts each of these names (the timers', `process` and LAZY's) on the global
  // object as a lazy global (JS_DefineLazyGlobals; the lists in crates/runtime/src/lazy.rs
  // must match) whose first access calls this, through the prelude.
  function lazyGlobal(name) {
    name = StringCtor(name);
    const timer = TIMERS[name];
    if (timer) return timer;
    if (name === 'process') return process;
    const module = LAZY[name];
    if (!module) throw new ReferenceErrorCtor(name + ' is not defined');
    return load(module)[name];
  }

  // The engine's locale-sensitive built-ins (Date.prototype.toLocaleString and friends,
  // Number.prototype.toLocaleString, String.prototype.localeCompare) are served by Intl.
  const locale = (kind, value, a, b, c) => load('lambdabox:intl').builtin(kind, value, a, b, c);

  return { __proto__: null, fireTimer, opDone, require, lazyGlobal, locale };
};
