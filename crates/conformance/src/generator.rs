//! A grammar-based generator of lambda programs for the fuzzer: random but syntactically valid
//! JavaScript (mostly: a few fragments are invalid on purpose, to exercise the compile path)
//! that leans on what is hard for the engine and the sandbox: built-ins called on odd
//! receivers, getters and setters planted on prototypes and on the global object before the
//! lazy globals are first touched, the lazy families (typed arrays, Map/Set, Date, RegExp) and
//! the prelude's lazy globals (Buffer, URL, TextEncoder, ...), buffers detached or resized from
//! inside callbacks, proxies with throwing traps, promises, timers, exceptions, deep recursion,
//! large array-likes and large allocations. Each program is a function of (seed, index), so a
//! failing one is reproduced from the two numbers the fuzzer prints.

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

/// The program number `index` of the run seeded with `seed`.
pub fn program(seed: u64, index: u64) -> String {
    let mut rng = StdRng::seed_from_u64(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    Generator { rng: &mut rng, names: 0 }.program()
}

struct Generator<'a> {
    rng: &'a mut StdRng,
    names: u32,
}

const LAZY_GLOBALS: &[&str] = &[
    "Uint8Array",
    "Int32Array",
    "Float64Array",
    "BigInt64Array",
    "ArrayBuffer",
    "SharedArrayBuffer",
    "DataView",
    "Atomics",
    "Map",
    "Set",
    "WeakMap",
    "WeakSet",
    "Date",
    "RegExp",
    "Buffer",
    "URL",
    "URLSearchParams",
    "TextEncoder",
    "TextDecoder",
    "atob",
    "btoa",
    "fetch",
    "Headers",
    "console",
    "setTimeout",
    "process",
];

const PROTOTYPES: &[&str] = &[
    "Object.prototype",
    "Array.prototype",
    "Function.prototype",
    "String.prototype",
    "Promise.prototype",
    "Error.prototype",
    "Number.prototype",
    "Symbol.prototype",
    "Iterator.prototype",
    "globalThis",
];

const KEYS: &[&str] = &[
    "'then'",
    "'length'",
    "'constructor'",
    "'toString'",
    "'valueOf'",
    "'toJSON'",
    "'message'",
    "'name'",
    "'0'",
    "'1'",
    "'buffer'",
    "'byteLength'",
    "'lastIndex'",
    "'exec'",
    "'flags'",
    "'source'",
    "'next'",
    "'done'",
    "'value'",
    "Symbol.iterator",
    "Symbol.asyncIterator",
    "Symbol.species",
    "Symbol.toPrimitive",
    "Symbol.toStringTag",
    "Symbol.hasInstance",
    "Symbol.isConcatSpreadable",
];

const ARRAY_METHODS: &[&str] = &[
    "map",
    "filter",
    "forEach",
    "reduce",
    "sort",
    "join",
    "indexOf",
    "includes",
    "slice",
    "splice",
    "concat",
    "flat",
    "flatMap",
    "fill",
    "copyWithin",
    "reverse",
    "find",
    "findLast",
    "at",
    "with",
    "toSorted",
    "toSpliced",
    "entries",
    "keys",
    "push",
    "pop",
    "shift",
    "unshift",
];

const TYPED_METHODS: &[&str] = &[
    "sort",
    "set",
    "subarray",
    "slice",
    "fill",
    "map",
    "filter",
    "join",
    "indexOf",
    "reverse",
    "copyWithin",
    "at",
    "with",
    "toSorted",
    "reduce",
    "find",
    "every",
];

const STRING_METHODS: &[&str] = &[
    "split",
    "replace",
    "replaceAll",
    "match",
    "matchAll",
    "search",
    "padStart",
    "repeat",
    "normalize",
    "localeCompare",
    "toUpperCase",
    "at",
    "codePointAt",
    "isWellFormed",
    "toWellFormed",
    "slice",
    "indexOf",
];

impl Generator<'_> {
    fn pick<'s>(&mut self, items: &[&'s str]) -> &'s str {
        items.choose(self.rng).copied().unwrap_or("undefined")
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.gen_bool(p)
    }

    fn name(&mut self) -> String {
        self.names += 1;
        format!("v{}", self.names)
    }

    fn small(&mut self) -> u32 {
        *[0u32, 1, 2, 3, 7, 8, 16, 255, 256, 1000].choose(self.rng).unwrap_or(&1)
    }

    fn big(&mut self) -> &'static str {
        ["1e5", "65536", "2 ** 20", "2 ** 24", "0x7fffffff", "2 ** 32 - 1", "2 ** 53", "-1", "NaN", "Infinity"]
            .choose(self.rng)
            .copied()
            .unwrap_or("1")
    }

    fn program(&mut self) -> String {
        let style_async = self.chance(0.3);
        let mut body = String::from("  const seen = [];\n");
        if self.chance(0.5) {
            // Before anything else: reshape what the lazy globals and the prelude rely on.
            for _ in 0..self.rng.gen_range(1..4) {
                body.push_str(&format!("  try {{ {} }} catch (e) {{ seen.push(String(e)); }}\n", self.tamper()));
            }
        }
        for _ in 0..self.rng.gen_range(3..18) {
            let statement = self.statement(0);
            if self.chance(0.9) {
                body.push_str(&format!("  try {{\n    {statement}\n  }} catch (e) {{ seen.push(typeof e); }}\n"));
            } else {
                body.push_str(&format!("  {statement}\n"));
            }
        }
        let result = "{ seen: seen.length, tag: String(seen[0]).slice(0, 40) }";
        if style_async {
            let mut tail = format!("  return {result};\n");
            if self.chance(0.3) {
                tail = format!("  await new Promise((r) => setTimeout(r, {}));\n{tail}", self.rng.gen_range(0..30));
            }
            if self.chance(0.05) {
                tail = "  await new Promise(() => {});\n".to_owned();
            }
            format!("async function lambda(input) {{\n{body}{tail}}}\n")
        } else {
            let settle = match self.rng.gen_range(0..10) {
                0 => format!("setTimeout(() => callback(null, {result}), {});", self.rng.gen_range(0..40)),
                1 => format!("Promise.resolve().then(() => callback(null, {result}));"),
                2 => "callback(new Error('custom failure'));".to_owned(),
                3 => format!("queueMicrotask(() => callback(null, {result})); callback(null, 2);"),
                4 => "/* never settles */".to_owned(),
                5 => format!("setImmediate(() => callback(null, {result}));"),
                _ => format!("callback(null, {result});"),
            };
            format!("function lambda(input, callback) {{\n{body}  {settle}\n}}\n")
        }
    }

    /// Changes to built-ins and globals made before their first use.
    fn tamper(&mut self) -> String {
        let global = self.pick(LAZY_GLOBALS);
        let proto = self.pick(PROTOTYPES);
        let key = self.pick(KEYS);
        match self.rng.gen_range(0..9) {
            0 => format!(
                "Object.defineProperty(globalThis, '{global}', {{ get() {{ throw new Error('poisoned {global}'); }}, configurable: true }});"
            ),
            1 => format!("delete globalThis.{global};"),
            2 => format!("globalThis.{global} = {};", self.value(1)),
            3 => format!(
                "Object.defineProperty({proto}, {key}, {{ get() {{ seen.push({key}); return {}; }}, set(v) {{ seen.push(v); }}, configurable: true }});",
                self.value(1)
            ),
            4 => format!(
                "Object.defineProperty({proto}, {key}, {{ get() {{ throw new RangeError('getter'); }}, configurable: true }});"
            ),
            5 => format!("Object.setPrototypeOf({proto}, new Proxy({{}}, {}));", self.handler()),
            6 => format!(
                "{global}; Object.defineProperty(globalThis, '{global}', {{ value: {}, writable: false }});",
                self.value(1)
            ),
            7 => format!("Object.freeze({proto});"),
            _ => format!(
                "Array.prototype[Symbol.iterator] = function* () {{ yield {}; yield* [1, 2]; }};",
                self.value(1)
            ),
        }
    }

    fn handler(&mut self) -> String {
        let trap = self.pick(&[
            "get",
            "set",
            "has",
            "ownKeys",
            "getOwnPropertyDescriptor",
            "defineProperty",
            "deleteProperty",
            "getPrototypeOf",
            "apply",
            "construct",
        ]);
        match self.rng.gen_range(0..4) {
            0 => format!("{{ {trap}() {{ throw new TypeError('trap {trap}'); }} }}"),
            1 => format!("{{ {trap}(...a) {{ seen.push('{trap}'); return Reflect.{trap}(...a); }} }}"),
            2 => format!("{{ {trap}() {{ return {}; }} }}", self.value(1)),
            _ => "{}".to_owned(),
        }
    }

    fn statement(&mut self, depth: u32) -> String {
        let v = self.name();
        match self.rng.gen_range(0..26) {
            0 => format!("const {v} = {}; seen.push(JSON.stringify({v}));", self.value(depth)),
            1 => {
                let method = self.pick(ARRAY_METHODS);
                format!(
                    "const {v} = {}; seen.push({v}.{method}({}));",
                    self.array(depth),
                    self.callback_or_value(depth)
                )
            }
            2 => {
                let method = self.pick(ARRAY_METHODS);
                format!(
                    "seen.push(Array.prototype.{method}.call({}, {}));",
                    self.array_like(),
                    self.callback_or_value(depth)
                )
            }
            3 => self.typed_array_statement(depth),
            4 => {
                let method = self.pick(STRING_METHODS);
                format!(
                    "seen.push({}.{method}({}, {}));",
                    self.string(),
                    self.regexp_or_string(),
                    self.callback_or_value(depth)
                )
            }
            5 => format!(
                "const {v} = new Map([[{a}, {b}], [{b}, {a}]]); {v}.forEach((x, k) => {{ if ({v}.size < 64) {v}.set(k + 'x', x); }}); seen.push({v}.size, [...{v}.keys()].length, Map.groupBy([1, 2, 3], (x) => x % 2).size);",
                a = self.value(depth + 1),
                b = self.value(depth + 1)
            ),
            6 => format!(
                "const {v} = new Set({}); seen.push({v}.union(new Set([1])).size, {v}.isSubsetOf({{ size: 1, has() {{ return true; }}, keys() {{ return [][Symbol.iterator](); }} }}));",
                self.array(depth)
            ),
            7 => format!(
                "const {v} = new Date({}); seen.push({v}.toISOString(), Date.parse({}), {v}.getTimezoneOffset());",
                self.value(depth + 1),
                self.string()
            ),
            8 => format!(
                "const {v} = new RegExp({}, '{}'); seen.push({v}.exec({}), {v}.lastIndex, String({v}));",
                self.pattern(),
                self.pick(&["", "g", "gi", "y", "u", "v", "d", "s", "gu"]),
                self.string()
            ),
            9 => format!(
                "const {v} = Buffer.from({}, '{}'); seen.push({v}.toString('{}'), {v}.length, Buffer.concat([{v}, {v}]).length);",
                self.string(),
                self.pick(&["utf8", "hex", "base64", "latin1"]),
                self.pick(&["hex", "base64", "utf8"])
            ),
            10 => format!(
                "const {v} = new URL({}, 'https://example.com/a/b?c=d'); {v}.searchParams.append({}, {}); seen.push({v}.href, new URLSearchParams({v}.search).toString());",
                self.string(),
                self.string(),
                self.string()
            ),
            11 => format!(
                "seen.push(new TextDecoder().decode(new TextEncoder().encode({})), btoa('abc'), atob('YWJj'));",
                self.string()
            ),
            12 => format!(
                "const {v} = new Proxy({}, {}); seen.push(Object.keys({v}), JSON.stringify({v}), {v} instanceof Object, Array.isArray({v}));",
                self.pick(&["{}", "[]", "[1, 2, 3]", "function () {}", "new Map()"]),
                self.handler()
            ),
            13 => format!(
                "Promise.all([{}, Promise.reject({}).catch((e) => e), new Promise((r) => setTimeout(r, {}))]).then((x) => seen.push(x.length), (e) => seen.push(e));",
                self.value(depth + 1),
                self.value(depth + 1),
                self.rng.gen_range(0..20)
            ),
            14 => format!(
                "(async () => {{ for await (const x of [{}, Promise.resolve(1)]) seen.push(x); {} }})().catch((e) => seen.push(String(e)));",
                self.value(depth + 1),
                if depth < 2 { self.statement(depth + 1) } else { String::new() }
            ),
            15 => format!(
                "const {v} = setInterval(() => {{ seen.push(1); if (seen.length > {}) clearInterval({v}); }}, {});",
                self.small(),
                self.rng.gen_range(0..5)
            ),
            16 => format!(
                "function {v}(n) {{ return n <= 0 ? 0 : 1 + {v}(n - 1); }} seen.push({v}({}));",
                self.pick(&["10", "1000", "1e5", "1e7"])
            ),
            17 => format!(
                "const {v} = {{ get [Symbol.toPrimitive]() {{ throw new Error('prim'); }} }}; seen.push(`${{{}}}` + {v});",
                self.value(depth + 1)
            ),
            18 => format!("throw {};", self.value(depth + 1)),
            19 => format!(
                "const {v} = []; for (let i = 0; i < {}; i++) {v}.push({{ i, s: 'x'.repeat(i % 64) }}); seen.push(JSON.stringify({v}).length);",
                self.pick(&["10", "1000", "1e4", "1e4", "1e5"])
            ),
            20 => format!("seen.push('x'.repeat({}).length);", self.pick(&["10", "1 << 20", "1 << 26", "2 ** 29"])),
            21 => format!(
                "const {v} = function* () {{ try {{ yield 1; yield {}; }} finally {{ seen.push('closed'); }} }}; for (const x of {v}()) {{ if (x) break; }} const [{v}a, ...{v}r] = {v}(); seen.push({v}a, {v}r.length);",
                self.value(depth + 1)
            ),
            22 => format!(
                "const {v} = require('{}'); seen.push(typeof {v}, Object.keys({v}).length);",
                self.pick(&["crypto", "util", "events", "querystring", "path", "buffer", "url", "lodash", "nope"])
            ),
            23 => format!(
                "const {v} = require('crypto').createHash('{}').update({}).digest('hex'); seen.push({v});",
                self.pick(&["sha256", "sha1", "md5", "sha512"]),
                self.string()
            ),
            24 => format!(
                "class {v} extends {} {{ constructor(...a) {{ super(...a); this.x = 1; }} get y() {{ return this.x; }} static [Symbol.hasInstance](o) {{ return !!o; }} }} seen.push(new {v}({}).y);",
                self.pick(&["Array", "Map", "Error", "Promise", "Uint8Array", "Date", "RegExp", "Object", "Set"]),
                self.value(depth + 1)
            ),
            _ => format!("eval({});", self.eval_source()),
        }
    }

    fn typed_array_statement(&mut self, depth: u32) -> String {
        let v = self.name();
        let ctor = self.pick(&[
            "Uint8Array",
            "Int8Array",
            "Uint16Array",
            "Int32Array",
            "Float32Array",
            "Float64Array",
            "BigInt64Array",
            "Uint8ClampedArray",
            "Float16Array",
        ]);
        let method = self.pick(TYPED_METHODS);
        let size = self.small();
        let resizable = self.chance(0.4);
        let buffer = if resizable {
            format!("new ArrayBuffer({}, {{ maxByteLength: {} }})", size * 8, size * 16 + 8)
        } else {
            format!("new ArrayBuffer({})", size * 8)
        };
        // The interesting part: a callback that detaches or resizes the buffer under the
        // built-in that called it.
        let (buf, ta) = (format!("{v}b"), format!("{v}t"));
        let mutate = match self.rng.gen_range(0..5) {
            0 => format!("{buf}.transfer();"),
            1 => format!("if ({buf}.resizable) {buf}.resize(0);"),
            2 => format!("if ({buf}.resizable) {buf}.resize({buf}.maxByteLength);"),
            3 => format!("{ta}.fill({});", if ctor.starts_with("Big") { "0n" } else { "0" }),
            _ => String::new(),
        };
        let is_big = ctor.starts_with("Big");
        let arg = match method {
            "sort" | "toSorted" => {
                format!("(a, b) => {{ {mutate} return {}; }}", if is_big { "a < b ? -1 : 1" } else { "a - b" })
            }
            "map" | "filter" | "find" | "every" => format!("(x) => {{ {mutate} return x; }}"),
            "reduce" => format!("(a, x) => {{ {mutate} return a; }}"),
            "set" => "[1, 2, 3]".to_owned(),
            "fill" | "indexOf" | "with" => {
                if is_big {
                    format!("{{ valueOf() {{ {mutate} return 1n; }} }}")
                } else {
                    format!("{{ valueOf() {{ {mutate} return 1; }} }}")
                }
            }
            _ => format!("{{ valueOf() {{ {mutate} return {}; }} }}", self.small()),
        };
        let extra = if method == "with" || method == "fill" { ", 1" } else { "" };
        format!(
            "const {buf} = {buffer}; const {ta} = new {ctor}({buf}); const {v} = {ta}.{method}({arg}{extra}); seen.push({ta}.length, {buf}.byteLength, {v} === undefined, new DataView({buf}.byteLength ? {buf} : new ArrayBuffer(1)).getInt8(0), {});",
            if depth < 2 { self.value(depth + 1) } else { "0".to_owned() }
        )
    }

    fn callback_or_value(&mut self, depth: u32) -> String {
        match self.rng.gen_range(0..4) {
            0 => "(a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : 0)".to_owned(),
            1 => "(x, i, arr) => { if (arr && arr.length < 1e4) arr.push?.(i); return x; }".to_owned(),
            2 => "(x) => { throw x; }".to_owned(),
            _ => self.value(depth + 1),
        }
    }

    fn array(&mut self, depth: u32) -> String {
        match self.rng.gen_range(0..5) {
            0 => "[]".to_owned(),
            1 => format!("[{}, {}, , {}]", self.value(depth + 1), self.value(depth + 1), self.value(depth + 1)),
            2 => format!("Array.from({{ length: {} }}, (_, i) => i)", self.small()),
            3 => format!("new Array({})", self.small()),
            _ => format!("[...'{}', ...[1, [2, [3]]]]", self.pick(&["ab", "", "\u{1F600}"])),
        }
    }

    fn array_like(&mut self) -> String {
        match self.rng.gen_range(0..4) {
            0 => format!("{{ length: {}, 0: 'a', 1: 'b' }}", self.big()),
            1 => format!("{{ get length() {{ return {}; }}, get 0() {{ throw 0; }} }}", self.big()),
            2 => "'a string'".to_owned(),
            _ => format!("new Proxy({{ length: 3 }}, {})", self.handler()),
        }
    }

    fn string(&mut self) -> String {
        self.pick(&[
            "''",
            "'abc'",
            "'\\uD800'",
            "'\\uDC00\\uD800'",
            "'\u{1F600}x'",
            "'a'.repeat(1000)",
            "'%E0%A4%A'",
            "'../../x?y#z'",
            "'http://[::1]:80/'",
            "'\\0\\n\\r'",
            "String(Symbol.iterator.description)",
            "'YWJj'",
            "'ff00'",
        ])
        .to_owned()
    }

    fn pattern(&mut self) -> String {
        self.pick(&[
            "'a+'",
            "'(a|b)*c'",
            "'(?<n>x)\\\\k<n>'",
            "'^(?:a+)+$'",
            "'[\\\\p{L}--[a-z]]'",
            "'(?=a)*'",
            "'\\\\b'",
            "'.'",
            "'(?i:a)b'",
            "'['",
        ])
        .to_owned()
    }

    fn regexp_or_string(&mut self) -> String {
        if self.chance(0.5) {
            self.pick(&["/a/g", "/(?:)/gu", "/x*/y", "/[^]/gd", "/\\p{Lu}/u", "/(a)|b/g"]).to_owned()
        } else {
            self.string()
        }
    }

    fn eval_source(&mut self) -> String {
        self.pick(&[
            "'1 +'",
            "'var x = 1; x'",
            "'(function f() { return f; })()()'",
            "'`${'",
            "'new.target'",
            "'let let = 1'",
            "'class { #x; static { this.#x; } }'",
            "'/(?<a>.)\\\\k<b>/'",
            "'for (;;) {}'",
        ])
        .to_owned()
    }

    fn value(&mut self, depth: u32) -> String {
        if depth > 3 {
            return self.pick(&["0", "''", "null", "undefined", "1n"]).to_owned();
        }
        match self.rng.gen_range(0..16) {
            0 => self.pick(&["0", "-0", "NaN", "Infinity", "2 ** 53", "-1", "1.5", "0x7fffffff"]).to_owned(),
            1 => self.string(),
            2 => self.pick(&["null", "undefined", "true", "false"]).to_owned(),
            3 => self.pick(&["1n", "-(2n ** 64n)", "BigInt(2 ** 53)"]).to_owned(),
            4 => self.pick(&["Symbol('s')", "Symbol.iterator", "Symbol.for('x')"]).to_owned(),
            5 => format!("[{}, {}]", self.value(depth + 1), self.value(depth + 1)),
            6 => format!("{{ a: {}, [{}]: {} }}", self.value(depth + 1), self.pick(KEYS), self.value(depth + 1)),
            7 => format!("new Uint8Array({})", self.small()),
            8 => format!("new Map([[{}, 1]])", self.value(depth + 1)),
            9 => "new Date(0)".to_owned(),
            10 => "/x/g".to_owned(),
            11 => format!("new Proxy({{}}, {})", self.handler()),
            12 => "Promise.resolve(1)".to_owned(),
            13 => "{ then(r) { r(1); } }".to_owned(),
            14 => "new Error('e', { cause: 1 })".to_owned(),
            _ => "(() => 1)".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_per_seed_and_index() {
        assert_eq!(program(7, 3), program(7, 3));
        assert_ne!(program(7, 3), program(7, 4));
        let text = program(1, 1);
        assert!(
            text.starts_with("function lambda(input, callback) {")
                || text.starts_with("async function lambda(input) {")
        );
    }
}
