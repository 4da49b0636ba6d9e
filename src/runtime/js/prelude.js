// Installed into every fresh context before the lambda runs. The script's value is a function
// that receives the native `host` bindings; nothing of `host` is reachable from lambda code
// except through the functions defined here. See src/runtime/natives.rs for the host side.
(function (host) {
  'use strict';
  const g = globalThis;
  // Captured before lambda code runs, so a lambda that replaces them cannot break its own
  // outcome reporting.
  const { stringify, parse } = JSON;
  const PromiseCtor = Promise;
  const then = Promise.prototype.then;
  const resolved = (value) => PromiseCtor.resolve(value);
  const onSettle = (promise, ok, err) => Reflect.apply(then, promise, [ok, err]);
  const ErrorCtor = Error;
  const includes = (list, item) => list.indexOf(item) !== -1;

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
      return stringify(String(value));
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
    if (value instanceof ErrorCtor) return String(value);
    return toJson(value);
  }

  // console.*: log = info. The host counts entries and characters and stops the run at the limit.
  const logAt = (level) =>
    function (message, ...extras) {
      host.log(level, messageOf(message), extrasJson(extras), false);
    };
  // Plain assignments (enumerable, as in Node) are cheaper than defineProperty per context.
  g.console = { debug: logAt(0), info: logAt(1), log: logAt(1), warn: logAt(2), error: logAt(3) };
  const warnSystem = (message) => host.log(2, message, '[]', true);

  // Timers: callbacks live here; the host only keeps ids and due times.
  // Plain dictionaries, not Maps: Map is installed only when a lambda uses it.
  const timers = Object.create(null);
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
  g.setTimeout = (fn, ms, ...args) => addTimer(fn, ms, args, false);
  g.setInterval = (fn, ms, ...args) => addTimer(fn, ms, args, true);
  g.setImmediate = (fn, ...args) => addTimer(fn, 0, args, false);
  g.clearTimeout = clearTimer;
  g.clearInterval = clearTimer;
  g.clearImmediate = clearTimer;
  function fireTimer(id) {
    const timer = timers[id];
    if (!timer) return;
    if (timer.repeat >= 0) host.timerStart(id, timer.repeat);
    else delete timers[id];
    try {
      timer.fn.apply(undefined, timer.args);
    } catch (e) {
      settleThrown(e);
    }
  }

  // Host operations (HTTP, secrets, orchestrator): a promise per op, settled by opDone.
  const ops = Object.create(null);
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

  // Outcome: the first settlement wins; later callback calls only warn.
  let settled = false;
  function settle(kind, payload) {
    if (settled) {
      warnSystem('callback was called more than once; later calls are ignored');
      return;
    }
    settled = true;
    host.settle(kind, payload);
  }
  function settleThrown(e) {
    settle('runtime', e instanceof ErrorCtor ? String(e) : 'Uncaught ' + messageOf(e));
  }
  function settleOk(result) {
    if (result === undefined) return settle('ok', 'null');
    let json;
    try {
      json = stringify(result);
    } catch (e) {
      return settle('runtime', 'the result is not JSON-serialisable: ' + String(e));
    }
    if (json === undefined) return settle('runtime', 'the result (a ' + typeof result + ') is not JSON-serialisable');
    settle('ok', json);
  }
  const RUNTIME_ERRORS = ['TypeError', 'ReferenceError', 'SyntaxError'];
  function callback(err, result) {
    if (err === null || err === undefined) return settleOk(result);
    if (err instanceof ErrorCtor && includes(RUNTIME_ERRORS, err.name)) return settle('runtime', String(err));
    if (err instanceof ErrorCtor) return settle('custom', String(err.message));
    if (!settled) warnSystem('error in an incorrect format, please pass an Error object');
    settle('custom', err !== null && typeof err === 'object' && typeof err.message === 'string' ? err.message : messageOf(err));
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
  const modules = Object.create(null);
  function require(name) {
    name = String(name);
    if (name.startsWith('lambdabox:')) throw new Error('module ' + name + ' is not available');
    return load(name);
  }
  function load(name) {
    const cached = modules[name];
    if (cached) return cached.exports;
    const module = { exports: {} };
    const factory = host.loadModule(name);
    modules[name] = module;
    factory.call(module.exports, module, module.exports, load, natives(), op);
    return module.exports;
  }
  g.require = require;
  // Globals backed by bundled modules are loaded on first use.
  const LAZY = {
    __proto__: null,
    Buffer: 'lambdabox:buffer', atob: 'lambdabox:encoding', btoa: 'lambdabox:encoding',
    TextEncoder: 'lambdabox:encoding', TextDecoder: 'lambdabox:encoding', URL: 'lambdabox:url',
    URLSearchParams: 'lambdabox:url', fetch: 'lambdabox:fetch', Headers: 'lambdabox:fetch',
    Request: 'lambdabox:fetch', Response: 'lambdabox:fetch',
  };
  // The engine puts each of these names on the global object as an auto-init property
  // (vendor/rquickjs-sys, JS_AddLazyIntrinsics, whose list must match) that calls this on
  // first access.
  function lazyGlobal(name) {
    const module = LAZY[String(name)];
    if (!module) throw new ReferenceError(name + ' is not defined');
    return load(module)[name];
  }
  g.global = g;

  const process = { env: {}, version: 'v20.0.0', versions: {}, platform: 'linux' };
  process.nextTick = (fn, ...args) => queueMicrotask(() => fn(...args));
  g.process = process;

  function run(wrapper, inputJson, style, envJson) {
    process.env = parse(envJson);
    try {
      const module = { exports: {} };
      const lambda = wrapper(module, module.exports, require);
      if (typeof lambda !== 'function') throw new TypeError('lambda is not a function');
      const input = parse(inputJson);
      if (style === 1) {
        onSettle(resolved(lambda(input)), settleOk, settleThrown);
      } else {
        const returned = lambda(input, callback);
        if (returned instanceof PromiseCtor) onSettle(returned, undefined, settleThrown);
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
})
