//! Isolation: an invocation never sees another's globals, prototypes, timers or pending jobs
//! (not of another lambda, not of the same lambda's previous call), and has no host access.

use crate::helpers::{caps, input, ok, run, sandbox, sandbox_with};
use lambdabox_runtime::RunOutcome;
use serde_json::json;

pub const POLLUTER: &str = r#"function lambda(input, callback) {
  globalThis.leaked = 'global';
  Object.prototype.polluted = 'proto';
  Array.prototype.push = function () { return 'hijacked'; };
  JSON.stringify = () => '"hijacked"';
  setTimeout(() => { globalThis.fromTimer = true; }, 1);
  setInterval(() => { globalThis.fromInterval = true; }, 1);
  Promise.resolve().then(function again() { globalThis.fromJob = true; return Promise.resolve().then(again); });
  counter = (typeof counter === 'number' ? counter : 0) + 1;
  callback(null, counter);
}"#;

pub const OBSERVER: &str = r#"function lambda(input, callback) {
  setTimeout(() => {
    const arr = [];
    arr.push(1);
    callback(null, {
      leaked: typeof leaked, polluted: ({}).polluted === undefined, push: arr.length,
      json: JSON.stringify({ a: 1 }), timer: typeof fromTimer, interval: typeof fromInterval,
      job: typeof fromJob,
    });
  }, 20);
}"#;

#[tokio::test]
async fn no_state_crosses_invocations() {
    // One worker, so every run reuses the same thread (and would reuse any shared state).
    let sandbox = sandbox_with(2000, 1);
    let polluter = sandbox.compile(POLLUTER).unwrap();
    let observer = sandbox.compile(OBSERVER).unwrap();
    for _ in 0..3 {
        let first = sandbox.run(&polluter, input(json!({})), caps()).await.unwrap();
        assert_eq!(ok(&first), json!(1), "module-level state of the previous call leaked");
        let seen = sandbox.run(&observer, input(json!({})), caps()).await.unwrap();
        assert_eq!(
            ok(&seen),
            json!({ "leaked": "undefined", "polluted": true, "push": 1, "json": "{\"a\":1}",
                    "timer": "undefined", "interval": "undefined", "job": "undefined" })
        );
    }
}

#[tokio::test]
async fn no_host_escape() {
    let sandbox = sandbox_with(2000, 1);
    let probes = [
        "typeof std",
        "typeof os",
        "typeof require('fs')",
        "typeof require('child_process')",
        "typeof require('net')",
        "typeof process.binding",
        "typeof process.exit",
        "Function('return typeof std + typeof os')()",
        "(0, eval)('typeof scriptArgs')",
    ];
    for probe in probes {
        let code = format!(
            "function lambda(input, callback) {{\n try {{ callback(null, String({probe})); }} catch (e) {{ callback(null, 'threw ' + e.message); }}\n}}"
        );
        let result = run(&sandbox, &code).await;
        let text = match &result.outcome {
            lambdabox_runtime::RunOutcome::Ok(value) => value.to_string(),
            lambdabox_runtime::RunOutcome::Failure { message, .. } => message.clone(),
        };
        assert!(
            text.contains("undefined")
                || text.contains("not available")
                || text.contains("SyntaxError")
                || text.contains("threw"),
            "{probe} gave {text}"
        );
    }
}

/// Settles cleanly (no pending jobs) after changing the lazily installed families (typed
/// arrays, Map/Set) among others: none of it may be visible to the next invocation.
const CLEAN_POLLUTER: &str = r#"function lambda(input, callback) {
  globalThis.leaked = 'global';
  Object.prototype.polluted = 'proto';
  Map.prototype.get = () => 'hijacked';
  Set.prototype.has = () => 'hijacked';
  Uint8Array.prototype.polluted = 'typed';
  ArrayBuffer.prototype.polluted = 'buffer';
  Promise.prototype.polluted = 'promise';
  Date.prototype.polluted = 'date';
  RegExp.prototype.test = () => 'hijacked';
  Object.prototype[Symbol.for('lambdabox.leak')] = 'symbol';
  globalThis.Map = function Fake() {};
  new FinalizationRegistry(() => { const end = Date.now() + 300; while (Date.now() < end) {} })
    .register({}, 'held');
  globalThis.kept = new WeakRef({ big: new Array(1000).fill('x') });
  callback(null, 'polluted');
}"#;

const CLEAN_OBSERVER: &str = r#"function lambda(input, callback) {
  const started = Date.now();
  callback(null, {
    leaked: typeof leaked,
    polluted: ({}).polluted === undefined,
    map: new Map([[1, 'one']]).get(1),
    set: new Set([1]).has(1),
    typed: new Uint8Array(2).polluted === undefined,
    buffer: new ArrayBuffer(2).polluted === undefined,
    promise: Promise.resolve().polluted === undefined,
    date: new Date(0).polluted === undefined,
    regexp: /a/.test('a'),
    symbol: ({})[Symbol.for('lambdabox.leak')] === undefined,
    kept: typeof kept,
    quick: Date.now() - started < 100,
  });
}"#;

#[tokio::test]
async fn lazily_installed_intrinsics_carry_nothing_over() {
    let sandbox = sandbox_with(2000, 1);
    let polluter = sandbox.compile(CLEAN_POLLUTER).unwrap();
    let observer = sandbox.compile(CLEAN_OBSERVER).unwrap();
    for _ in 0..5 {
        let first = sandbox.run(&polluter, input(json!({})), caps()).await.unwrap();
        assert_eq!(ok(&first), json!("polluted"));
        let seen = sandbox.run(&observer, input(json!({})), caps()).await.unwrap();
        assert_eq!(
            ok(&seen),
            json!({ "leaked": "undefined", "polluted": true, "map": "one", "set": true, "typed": true,
                    "buffer": true, "promise": true, "date": true, "regexp": true, "symbol": true,
                    "kept": "undefined", "quick": true })
        );
        assert!(seen.duration < std::time::Duration::from_millis(250), "took {:?}", seen.duration);
    }
}

#[tokio::test]
async fn lazily_installed_typed_arrays_share_array_prototype_to_string() {
    // test262 built-ins/TypedArray/prototype/toString(.js, BigInt/): %TypedArray%.prototype's
    // toString is Array.prototype's own function, whether that was read before the first use
    // of a typed array or not.
    let sandbox = sandbox_with(2000, 1);
    let unread = run(
        &sandbox,
        "function lambda(input, callback) {\n  const TA = Object.getPrototypeOf(Int8Array);\n  callback(null, [TA.prototype.toString === Array.prototype.toString, BigInt64Array.prototype.toString === Array.prototype.toString]);\n}",
    )
    .await;
    assert_eq!(ok(&unread), json!([true, true]));
    let read_first = run(
        &sandbox,
        "function lambda(input, callback) {\n  const f = Array.prototype.toString;\n  callback(null, [Object.getPrototypeOf(Uint8Array).prototype.toString === f, String(new Uint8Array([1, 2]))]);\n}",
    )
    .await;
    assert_eq!(ok(&read_first), json!([true, "1,2"]));
}

#[tokio::test]
async fn garbage_of_earlier_invocations_never_counts_against_the_heap_limit() {
    // 32 MiB heap (see sandbox_with); each call builds ~20 MiB and leaves it on its global.
    // If anything of a previous call stayed in the heap a later call uses (a reused runtime
    // that kept the garbage), the second call would run out of memory.
    let sandbox = sandbox_with(5000, 1);
    let code = r#"function lambda(input, callback) {
  const parts = [];
  for (let i = 0; i < 20; i++) parts.push(String(i).padEnd(1024 * 1024, '.'));
  globalThis.parts = parts;
  callback(null, parts.length);
}"#;
    let compiled = sandbox.compile(code).unwrap();
    for round in 0..10 {
        let result = sandbox.run(&compiled, input(json!({})), caps()).await.unwrap();
        assert_eq!(result.outcome, RunOutcome::Ok(json!(20)), "round {round}");
    }
}

#[tokio::test]
async fn lazily_installed_globals_behave_like_the_engine_s_own() {
    let sandbox = sandbox();
    let code = r#"function lambda(input, callback) {
  const names = ['ArrayBuffer', 'SharedArrayBuffer', 'Uint8ClampedArray', 'Int8Array', 'Uint8Array',
    'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array',
    'Float16Array', 'Float32Array', 'Float64Array', 'DataView', 'Atomics', 'Map', 'Set', 'WeakMap', 'WeakSet'];
  const before = names.every((n) => n in globalThis);
  const types = names.map((n) => typeof globalThis[n]);
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'Uint8Array');
  const bytes = new Uint8Array([1, 2, 3]);
  const view = new DataView(bytes.buffer);
  const m = new Map([['a', 1]]);
  Set = 'replaced';
  callback(null, {
    before, types, data: 'value' in descriptor && descriptor.writable && !descriptor.enumerable,
    view: view.getUint8(2), map: m.get('a'), set: Set, weak: new WeakMap().has({}),
    buffer: Buffer.from('hi').toString('hex'),
  });
}"#;
    let result = run(&sandbox, code).await;
    let value = ok(&result);
    assert_eq!(value["before"], json!(true));
    let mut expected = vec![json!("function"); 15];
    expected.push(json!("object"));
    expected.extend(vec![json!("function"); 4]);
    assert_eq!(value["types"], json!(expected));
    assert_eq!(value["data"], json!(true), "installed globals are plain data properties");
    assert_eq!(
        (value["view"].clone(), value["map"].clone(), value["set"].clone()),
        (json!(3), json!(1), json!("replaced"))
    );
    assert_eq!((value["weak"].clone(), value["buffer"].clone()), (json!(false), json!("6869")));

    // The globals the prelude serves from bundled modules, also set up on first use.
    let served = run(
        &sandbox,
        "function lambda(input, callback) {\n  callback(null, ['Buffer', 'atob', 'btoa', 'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'fetch', 'Headers', 'Request', 'Response'].map((n) => typeof globalThis[n]));\n}",
    )
    .await;
    assert_eq!(ok(&served), json!(vec!["function"; 11]));

    // Buffer and require()d modules pull in typed arrays by themselves.
    let hashed = run(
        &sandbox,
        "function lambda(input, callback) {\n  callback(null, require('crypto').createHash('sha256').update('x').digest('hex').length);\n}",
    )
    .await;
    assert_eq!(ok(&hashed), json!(64));
}

#[tokio::test]
async fn replaced_built_ins_never_see_the_host_bindings() {
    // The prelude's native bindings (`host`: settle, log, op, loadModule, ...) are reachable
    // from its closures only. Lambda code that replaces the built-ins the prelude, its lazily
    // loaded part and the bundled modules might call sees every argument and receiver; none
    // may be `host` (which would let it settle or log as the system, or load internals).
    let sandbox = sandbox();
    let code = r#"function lambda(input, callback) {
  const RA = Reflect.apply;
  const seen = [];
  const isHost = (v) => v !== null && (typeof v === 'object' || typeof v === 'function') &&
    ('loadModule' in v || 'installNatives' in v || 'timerStart' in v || 'settle' in v);
  const check = (where, v) => {
    if (isHost(v)) seen.push(where);
    if (Array.isArray(v)) v.forEach((x) => { if (isHost(x)) seen.push(where + '[]'); });
  };
  const spy = (name, orig) => function (...args) {
    check(name + ' this', this);
    args.forEach((a) => check(name, a));
    return RA(orig, this, args);
  };
  Function.prototype.call = spy('call', Function.prototype.call);
  Function.prototype.apply = spy('apply', Function.prototype.apply);
  Function.prototype.bind = spy('bind', Function.prototype.bind);
  Reflect.apply = spy('Reflect.apply', RA);
  Object.keys = spy('keys', Object.keys);
  Object.assign = spy('assign', Object.assign);
  Object.defineProperty = spy('defineProperty', Object.defineProperty);
  Object.freeze = spy('freeze', Object.freeze);
  Buffer.from('x').toString('base64');
  new URL('http://a.example/?q=1').searchParams.get('q');
  new TextEncoder().encode('x');
  require('crypto').createHash('sha256').update('x').digest('hex');
  require('lp-faas-toolbelt').Toolbelt.HTTPClient();
  require('lodash').chunk([1, 2, 3], 2);
  process.env.LAMBDA_UUID;
  setTimeout(() => callback(null, seen), 1);
}"#;
    let result = run(&sandbox, code).await;
    assert_eq!(ok(&result), json!([]));
}

#[tokio::test]
async fn the_prelude_s_own_module_stays_out_of_reach() {
    let sandbox = sandbox();
    // require()'s check of internal names uses built-ins captured before lambda code runs;
    // the host refuses the prelude's module to anyone after the prelude.
    let code = r#"function lambda(input, callback) {
  String.prototype.startsWith = () => false;
  globalThis.String = (x) => 'lodash';
  const tries = [];
  for (const name of ['lambdabox:runtime', 'lambdabox:buffer']) {
    try { require(name); tries.push(name + ' loaded'); } catch (e) { tries.push(e.message); }
  }
  console.log('still logs');
  callback(null, tries);
}"#;
    let result = run(&sandbox, code).await;
    assert_eq!(
        ok(&result),
        json!(["module lambdabox:runtime is not available", "module lambdabox:buffer is not available"])
    );
    assert_eq!(result.logs.len(), 1, "{:?}", result.logs);
    assert_eq!(result.logs[0].message, "still logs");

    // Setters on Object.prototype never run while the prelude's part loads (they could
    // re-enter it); timers and process work as usual.
    let code = r#"function lambda(input, callback) {
  const seen = [];
  for (const key of ['nextTick', 'env', 'exports', 'platform']) {
    Object.defineProperty(Object.prototype, key, { set(v) { seen.push(key); setTimeout(() => {}, 1); }, configurable: true });
  }
  setTimeout(() => callback(null, [typeof process.nextTick, process.platform, seen]), 5);
}"#;
    let result = run(&sandbox, code).await;
    assert_eq!(ok(&result), json!(["function", "linux", []]));
}

#[tokio::test]
async fn date_and_regexp_are_installed_by_whatever_uses_them_first() {
    let sandbox = sandbox();
    // Each first use on its own, in a fresh context: the global, a literal, a string method,
    // JSON, and a lambda that replaced the global before its first literal.
    let cases = [
        ("typeof Date + typeof RegExp", json!("functionfunction")),
        ("/b+/.exec('abbc')[0]", json!("bb")),
        ("Object.getPrototypeOf(/x/) === RegExp.prototype && /x/ instanceof RegExp", json!(true)),
        ("'a-b-c'.split(/-/).length", json!(3)),
        ("'abc'.match('b').index", json!(1)),
        ("[...'a1b2'.matchAll('[0-9]')].length", json!(2)),
        ("'abc'.search('c')", json!(2)),
        ("'x'.replace(/x/g, 'y')", json!("y")),
        ("new Date(0).toISOString()", json!("1970-01-01T00:00:00.000Z")),
        ("JSON.stringify({ at: new Date(86400000) })", json!("{\"at\":\"1970-01-02T00:00:00.000Z\"}")),
        ("typeof Date.now() === 'number' && Date() !== ''", json!(true)),
        ("(globalThis.RegExp = 1, [/q/.test('q'), RegExp])", json!([true, 1])),
        ("(delete globalThis.RegExp, ['ab'.match('b')[0], typeof RegExp])", json!(["b", "undefined"])),
        (
            "(Object.freeze(globalThis), [/z/.source, new Date(0).getTime(), typeof RegExp])",
            json!(["z", 0, "function"]),
        ),
        ("(globalThis.Date = 'mine', [Date, Object.prototype.toString.call(/d/)])", json!(["mine", "[object RegExp]"])),
    ];
    for (expression, expected) in cases {
        let code = format!("function lambda(input, callback) {{\n  callback(null, {expression});\n}}");
        let result = run(&sandbox, &code).await;
        assert_eq!(ok(&result), expected, "{expression}");
    }
}

#[tokio::test]
async fn redefining_lazy_globals_first_is_harmless() {
    let sandbox = sandbox_with(2000, 1);
    // Lambda code that runs while a lazy global is being set up (here: through a replaced
    // Function.prototype.call, which the prelude's module loader uses) and reshapes the global
    // object meanwhile must not leave the engine writing into moved or freed memory; a getter
    // on Array.prototype.toString (read when typed arrays are set up) is never run.
    const RESHAPE: &str = "for (let i = 0; i < 3000; i++) globalThis['g' + i] = i;";
    let hooked = |also: &str| {
        format!(
            "const call = Function.prototype.call; Function.prototype.call = function (...args) {{ {RESHAPE} {also} return Reflect.apply(call, this, args); }};"
        )
    };
    let cases = [
        ("Object.defineProperty(globalThis, 'Atomics', { value: 1, configurable: false });".to_owned(), "built"),
        ("Object.freeze(globalThis);".to_owned(), "built"),
        ("delete globalThis.Atomics; delete globalThis.ArrayBuffer;".to_owned(), "built"),
        ("globalThis.Map = 1; Object.defineProperty(globalThis, 'Set', { get() { return 2; } });".to_owned(), "built"),
        (
            format!(
                "Object.defineProperty(Array.prototype, 'toString', {{ configurable: true, get() {{ {RESHAPE} delete globalThis.Uint8Array; return () => 'x'; }} }});"
            ),
            "built",
        ),
        (hooked(""), "built"),
        // The module loader no longer calls through a replaceable `call`, but bundled module
        // code may: either way the global stays the lambda's choice or the engine's value.
        (hooked("delete globalThis.Buffer;"), "built"),
    ];
    for (setup, expected) in cases {
        let code = format!(
            "function lambda(input, callback) {{\n  {setup}\n  try {{ new Uint8Array(1); Buffer.from('x'); new URL('http://a.example/'); callback(null, 'built'); }} catch (e) {{ callback(null, e.name + ': ' + e.message); }}\n}}"
        );
        let result = run(&sandbox, &code).await;
        assert_eq!(ok(&result), json!(expected), "{setup}");
    }
    // The prelude's lazy-global hook is the host's to call, not on the global object (it
    // serves its own names only, not inherited ones).
    let hook = run(
        &sandbox,
        "function lambda(input, callback) {\n  Object.prototype.x = 'lambdabox:fetch';\n  try { __lambdabox.lazyGlobal('x'); callback(null, 'loaded'); } catch (e) { callback(null, e.name); }\n}",
    )
    .await;
    assert_eq!(ok(&hook), json!("ReferenceError"));
    // The worker survived and still runs lambdas.
    let after =
        run(&sandbox, "function lambda(input, callback) {\n  callback(null, new Map([[1, 2]]).get(1));\n}").await;
    assert_eq!(ok(&after), json!(2));
}

/// Built-in names (`push`, `length`, `prototype`, ...) are predefined atoms whose strings every
/// runtime of a worker thread shares. Whatever one invocation does with those strings (grow
/// them, use them as keys, register symbols with them, hold well-known symbols weakly),
/// the next one sees them unchanged, with many runtimes alive at once.
const NAME_ABUSER: &str = r#"function lambda(input, callback) {
  let grown = [].push.name;
  for (let i = 0; i < 200; i++) grown += 'x';
  let key = Object.getOwnPropertyNames(Array.prototype).find((n) => n === 'push');
  key += 'ed';
  const names = Object.getOwnPropertyNames(Object.prototype).map((n) => n + '!');
  const registered = Symbol.for('push');
  const weak = new WeakMap([[Symbol.iterator, 'kept'], [Symbol.asyncDispose, 'kept']]);
  const ref = new WeakRef(Symbol.hasInstance);
  globalThis.push = grown; globalThis.length = key;
  setTimeout(() => callback(null, [grown.length, key, names.length > 5, typeof registered,
    weak.get(Symbol.iterator), ref.deref() === Symbol.hasInstance]), 5);
}"#;

const NAME_CHECKER: &str = r#"function lambda(input, callback) {
  callback(null, {
    push: [].push.name, len: 'push'.length, own: Object.getOwnPropertyNames(Array.prototype).includes('push'),
    global: typeof globalThis.push, concat: 'push' + 'ed',
    registered: Symbol.for('push') === Symbol.for('push') && Symbol.keyFor(Symbol.for('push')),
    iterator: Symbol.iterator.description, weak: new WeakMap().has(Symbol.iterator),
    keys: Object.keys({ length: 1, prototype: 2, constructor: 3 }).join(),
  });
}"#;

#[tokio::test]
async fn shared_built_in_names_are_never_changed_by_an_invocation() {
    let sandbox = sandbox_with(2000, 1);
    let abuser = sandbox.compile(NAME_ABUSER).unwrap();
    let checker = sandbox.compile(NAME_CHECKER).unwrap();
    for _ in 0..3 {
        // 40 abusers in flight at once on one worker thread, then the checker.
        let runs = (0..40).map(|_| sandbox.run(&abuser, input(json!({})), caps()));
        for result in futures_util::future::join_all(runs).await {
            assert_eq!(ok(&result.unwrap()), json!([204, "pushed", true, "symbol", "kept", true]));
        }
        let seen = sandbox.run(&checker, input(json!({})), caps()).await.unwrap();
        assert_eq!(
            ok(&seen),
            json!({ "push": "push", "len": 4, "own": true, "global": "undefined", "concat": "pushed",
                    "registered": "push", "iterator": "Symbol.iterator", "weak": false,
                    "keys": "length,prototype,constructor" })
        );
    }
}

#[tokio::test]
async fn console_is_made_on_first_use_and_behaves_as_before() {
    let sandbox = sandbox();
    // Seen from lambda code, console is an enumerable, writable data property of the global
    // object with the five methods, and the first use records the entries.
    let used = run(
        &sandbox,
        r#"function lambda(input, callback) {
  const d = Object.getOwnPropertyDescriptor(globalThis, 'console');
  console.log('one', { a: 1 });
  console.debug('two');
  callback(null, [Object.keys(globalThis).includes('console'), 'value' in d, d.writable, d.enumerable,
    Object.keys(d.value).join(), console === d.value]);
}"#,
    )
    .await;
    assert_eq!(ok(&used), json!([true, true, true, true, "debug,info,log,warn,error", true]));
    assert_eq!(used.logs.len(), 2);
    assert_eq!((used.logs[0].message.as_str(), used.logs[1].message.as_str()), ("one", "two"));

    // Replaced or deleted before its first use, it stays as the lambda left it.
    let replaced = run(
        &sandbox,
        "function lambda(input, callback) {\n  console = { log: () => 'mine' };\n  const mine = console.log();\n  delete globalThis.console;\n  callback(null, [mine, typeof console]);\n}",
    )
    .await;
    assert_eq!(ok(&replaced), json!(["mine", "undefined"]));
    assert!(replaced.logs.is_empty());
}

/// Describes every object reachable from the global object: own keys in order with their
/// attributes, values (objects by first-visit number, so shared functions show as such),
/// accessors and prototypes. Every lazily installed family is made first.
const BUILT_INS_DUMP: &str = r#"function lambda(input, callback) {
  const lazies = [Map, Set, WeakMap, WeakSet, ArrayBuffer, SharedArrayBuffer, Uint8Array, Float64Array,
    DataView, Atomics, Date, RegExp, WeakRef, FinalizationRegistry, Proxy, Reflect, console, process,
    setTimeout, Buffer, URL, TextEncoder];
  const seen = new Map();
  const out = [];
  function describe(v) {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) {
      return typeof v === 'symbol' ? String(v) : typeof v + ':' + String(v);
    }
    if (seen.has(v)) return '#' + seen.get(v);
    const id = seen.size;
    seen.set(v, id);
    const line = [id, typeof v];
    out.push(line);
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key);
      const attrs = (d.writable ? 'w' : '-') + (d.enumerable ? 'e' : '-') + (d.configurable ? 'c' : '-');
      line.push(String(key) + ' ' + attrs + ' ' +
        (key === 'timeOrigin' ? 'differs by context' :
          'value' in d ? describe(d.value) : 'get ' + describe(d.get) + ' set ' + describe(d.set)));
    }
    line.push('proto ' + describe(Object.getPrototypeOf(v)));
    return '#' + id;
  }
  describe(globalThis);
  callback(null, { objects: out.length, lazies: lazies.length, out });
}"#;

#[tokio::test]
async fn built_ins_made_from_templates_match_those_made_one_by_one() {
    // One worker: its first context fills every built-in object property by property and
    // keeps the shapes as templates; later contexts are filled from the templates (see
    // js_set_function_list in the vendored QuickJS).
    let sandbox = sandbox_with(5000, 1);
    let first = ok(&run(&sandbox, BUILT_INS_DUMP).await);
    assert!(first["objects"].as_u64().unwrap_or(0) > 300, "{}", first["objects"]);
    for _ in 0..3 {
        let again = ok(&run(&sandbox, BUILT_INS_DUMP).await);
        assert_eq!(again["objects"], first["objects"]);
        let (a, b) = (first["out"].as_array().unwrap(), again["out"].as_array().unwrap());
        for (x, y) in a.iter().zip(b) {
            assert_eq!(x, y);
        }
    }
}

#[tokio::test]
async fn built_ins_the_engine_ships_as_bytecode_work() {
    // Array.fromAsync and Iterator.zip / zipKeyed are written in JS and embedded as bytecode
    // of upstream's compiler, which numbers atoms differently from lambdabox's build.
    let sandbox = sandbox();
    let code = r#"async function lambda(input) {
  const fromAsync = await Array.fromAsync([1, Promise.resolve(2), 3]);
  const zipped = Iterator.zip([[1, 2], ['a', 'b']]).toArray();
  const keyed = Iterator.zipKeyed({ n: [1, 2], s: ['a', 'b'] }).toArray();
  return { fromAsync, zipped, keyed };
}"#;
    assert_eq!(
        ok(&run(&sandbox, code).await),
        json!({
            "fromAsync": [1, 2, 3],
            "zipped": [[1, "a"], [2, "b"]],
            "keyed": [{ "n": 1, "s": "a" }, { "n": 2, "s": "b" }]
        })
    );
}
