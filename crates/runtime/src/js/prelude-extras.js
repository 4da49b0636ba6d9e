// The part of the prelude set up on first use (see prelude.js): timers, host operations,
// require() with the bundled modules, the module-backed globals and `process`. Loaded as the
// internal module `lambdabox:runtime`; its export receives what it shares with the prelude.
// Lambda code has run by then and may have replaced any built-in: `host` is only ever passed
// to the bundled modules' factories, through the `apply` the prelude captured.
module.exports = function (core) {
  'use strict';
  const { stringify, parse, PromiseCtor, ErrorCtor, apply, StringCtor, startsWith, settleThrown } = core;

  // Timers: callbacks live here; the host only keeps ids and due times.
  // Plain dictionaries, not Maps: Map is installed only when a lambda uses it.
  const timers = { __proto__: null };
  let nextTimer = 1;
  function addTimer(fn, ms, args, repeat) {
    if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function');
    const id = nextTimer++;
    const delay = Math.max(0, Math.min(Number(ms) || 0, 2147483647));
    timers[id] = { fn, args, repeat: repeat ? Math.max(1, delay) : -1 };
    host.timerStart(id, delay);
    return id;
  }
  function clearTimer(id) {
    const key = Number(id);
    if (key in timers) {
      delete timers[key];
      host.timerClear(key);
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
    if (timer.repeat >= 0) host.timerStart(id, timer.repeat);
    else delete timers[id];
    try {
      apply(timer.fn, undefined, timer.args);
    } catch (e) {
      settleThrown(e);
    }
  }

  // Host operations (HTTP, secrets, orchestrator): a promise per op, settled by opDone.
  const ops = { __proto__: null };
  function op(name, args) {
    return new PromiseCtor((resolve, reject) => {
      ops[host.op(name, stringify(args))] = { resolve, reject };
    });
  }
  function opDone(id, ok, json) {
    const pending = ops[id];
    if (!pending) return;
    delete ops[id];
    const value = parse(json);
    if (ok) pending.resolve(value);
    else pending.reject(Object.assign(new ErrorCtor(value.message), value));
  }

  // Native helpers (digests, encodings, URL parsing…) are installed on first use.
  let nativesReady = false;
  function natives() {
    if (!nativesReady) {
      host.installNatives(host);
      nativesReady = true;
    }
    return host;
  }

  // require(): bundled and native modules only, cached per invocation. `lambdabox:*` names
  // are internals (Buffer, URL, fetch…), loadable by bundled modules but not by lambdas.
  const modules = { __proto__: null };
  function require(name) {
    // Built-ins the prelude captured: lambda code may have replaced String or startsWith.
    name = StringCtor(name);
    if (apply(startsWith, name, ['lambdabox:'])) throw new ErrorCtor('module ' + name + ' is not available');
    return load(name);
  }
  function load(name) {
    const cached = modules[name];
    if (cached) return cached.exports;
    const module = { exports: {} };
    const factory = host.loadModule(name);
    modules[name] = module;
    apply(factory, module.exports, [module, module.exports, load, natives(), op]);
    return module.exports;
  }
  // Globals backed by bundled modules are loaded on first use.
  const LAZY = {
    __proto__: null,
    Buffer: 'lambdabox:buffer', atob: 'lambdabox:encoding', btoa: 'lambdabox:encoding',
    TextEncoder: 'lambdabox:encoding', TextDecoder: 'lambdabox:encoding', URL: 'lambdabox:url',
    URLSearchParams: 'lambdabox:url', fetch: 'lambdabox:fetch', Headers: 'lambdabox:fetch',
    Request: 'lambdabox:fetch', Response: 'lambdabox:fetch',
  };

  // A literal, not assignments: lambda code may have put setters on Object.prototype.
  const process = {
    env: parse(core.envJson()),
    version: 'v20.0.0',
    versions: {},
    platform: 'linux',
    nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)),
  };

  // The engine puts each of these names (the timers', `process` and LAZY's) on the global
  // object as a lazy global (JS_DefineLazyGlobals; the lists in crates/runtime/src/lazy.rs
  // must match) whose first access calls this, through the prelude.
  function lazyGlobal(name) {
    name = String(name);
    const timer = TIMERS[name];
    if (timer) return timer;
    if (name === 'process') return process;
    const module = LAZY[name];
    if (!module) throw new ReferenceError(name + ' is not defined');
    return load(module)[name];
  }

  return { fireTimer, opDone, require, lazyGlobal };
};
