//! Node's built-in modules as LivePerson lambdas require them: util, events, querystring,
//! path, url, string_decoder, assert, buffer, timers and the http / https clients (against a
//! real server on 127.0.0.1, through the egress allowlist).

#![allow(clippy::unwrap_used)] // test helpers and fakes fail loudly

use crate::helpers::{caps, ok, run, run_with, sandbox, sandbox_with};
use crate::server::TestServer;
use lambdabox_runtime::Capabilities;
use lambdabox_services::egress::{Allowlist, EgressClient};
use serde_json::json;
use std::sync::Arc;

const BUILTINS: [&str; 13] = [
    "assert",
    "buffer",
    "events",
    "http",
    "https",
    "path",
    "querystring",
    "string_decoder",
    "timers",
    "timers/promises",
    "url",
    "util",
    "crypto",
];

fn with_allowlist(entries: &[&str]) -> Capabilities {
    let client = EgressClient::new(Allowlist::new(entries.iter().copied())).unwrap();
    caps().with_http(Arc::new(client))
}

/// A V1 lambda whose body may `await` and ends with `callback`.
fn lambda(body: &str) -> String {
    format!("async function lambda(input, callback) {{\n{body}\n}}")
}

#[tokio::test]
async fn node_built_ins_load_by_name_and_by_node_name() {
    let code = lambda(&format!(
        "const names = {BUILTINS:?};
  const loaded = names.map((n) => [typeof require(n), require(n) === require('node:' + n)]);
  const refused = ['fs', 'net', 'node:fs', 'child_process'].map((n) => {{ try {{ require(n); return 'loaded'; }} catch (e) {{ return e.message; }} }});
  callback(null, {{ loaded, refused }});"
    ));
    let value = ok(&run(&sandbox(), &code).await);
    let loaded: Vec<_> = BUILTINS
        .iter()
        .map(|name| json!([if ["assert", "events"].contains(name) { "function" } else { "object" }, true]))
        .collect();
    assert_eq!(value["loaded"], json!(loaded));
    assert_eq!(
        value["refused"],
        json!([
            "module fs is not available",
            "module net is not available",
            "module node:fs is not available",
            "module child_process is not available"
        ])
    );
}

#[tokio::test]
async fn util_formats_inspects_promisifies_and_inherits() {
    let code = lambda(
        "const util = require('util');
  function Base() {} Base.prototype.hi = function () { return 'hi'; };
  function Child() { Base.call(this); }
  util.inherits(Child, Base);
  const later = util.promisify((a, b, cb) => setTimeout(() => cb(null, a + b), 1));
  const failing = util.promisify((cb) => cb(new Error('nope')));
  let rejected; try { await failing(); } catch (e) { rejected = e.message; }
  callback(null, {
    format: util.format('%s=%d %j %%', 'a', 42, { k: [1] }),
    inspect: util.inspect({ a: [1, { b: 'x' }], f: null }),
    sum: await later(2, 3), rejected, inherited: new Child().hi(),
    types: [util.types.isDate(new Date()), util.types.isPromise(Promise.resolve()), util.types.isRegExp(/x/), util.types.isUint8Array(Buffer.alloc(1))],
    isArray: util.isArray([]),
  });",
    );
    assert_eq!(
        ok(&run(&sandbox(), &code).await),
        json!({
            "format": "a=42 {\"k\":[1]} %", "inspect": "{ a: [ 1, { b: 'x' } ], f: null }", "sum": 5,
            "rejected": "nope", "inherited": "hi", "types": [true, true, true, true], "isArray": true,
        })
    );
}

#[tokio::test]
async fn events_emit_to_listeners_once_and_in_order() {
    let code = lambda(
        "const EventEmitter = require('events');
  const { once } = require('events');
  class Bus extends EventEmitter {}
  const bus = new Bus();
  const seen = [];
  bus.on('x', (v) => seen.push('on ' + v));
  bus.once('x', (v) => seen.push('once ' + v));
  bus.prependListener('x', (v) => seen.push('first ' + v));
  bus.emit('x', 1); bus.emit('x', 2);
  let unhandled; try { bus.emit('error', new Error('boom')); } catch (e) { unhandled = e.message; }
  setTimeout(() => bus.emit('ready', 'go'), 1);
  const [arg] = await once(bus, 'ready');
  callback(null, { seen, count: bus.listenerCount('x'), unhandled, arg, instance: bus instanceof EventEmitter, same: EventEmitter.EventEmitter === EventEmitter });",
    );
    assert_eq!(
        ok(&run(&sandbox(), &code).await),
        json!({ "seen": ["first 1", "on 1", "once 1", "first 2", "on 2"], "count": 2, "unhandled": "boom",
                "arg": "go", "instance": true, "same": true })
    );
}

#[tokio::test]
async fn querystring_and_path_behave_as_in_node() {
    let code = lambda(
        "const qs = require('querystring');
  const path = require('node:path');
  callback(null, {
    parsed: qs.parse('a=1&b=x%20y&a=2&c'),
    stringified: qs.stringify({ q: 'x&y', list: ['1', '2'], e: '' }),
    escaped: [qs.escape('a b/c'), qs.unescape('%E2%82%AC+%zz', true)],
    join: path.join('/a', 'b', '../c', './d.txt'),
    resolve: path.resolve('x', 'y'),
    parts: [path.basename('/p/q/file.json', '.json'), path.extname('f.tar.gz'), path.dirname('/p/q/r'), path.normalize('/a//b/../c/')],
    relative: path.relative('/data/a/b', '/data/c'),
    parse: path.parse('/home/u/f.txt'),
    sep: [path.sep, path.delimiter, path.isAbsolute('/x'), path.posix === path],
  });",
    );
    assert_eq!(
        ok(&run(&sandbox(), &code).await),
        json!({
            "parsed": { "a": ["1", "2"], "b": "x y", "c": "" },
            "stringified": "q=x%26y&list=1&list=2&e=",
            "escaped": ["a%20b%2Fc", "€ %zz"],
            "join": "/a/c/d.txt",
            "resolve": "/x/y",
            "parts": ["file", ".gz", "/p/q", "/a/c/"],
            "relative": "../../c",
            "parse": { "root": "/", "dir": "/home/u", "base": "f.txt", "ext": ".txt", "name": "f" },
            "sep": ["/", ":", true, true],
        })
    );
}

#[tokio::test]
async fn url_has_the_legacy_api_and_the_whatwg_classes() {
    let code = lambda(
        "const url = require('url');
  const p = url.parse('https://user:pw@Example.com:8080/a/b?x=1&y=two#frag', true);
  callback(null, {
    parsed: [p.protocol, p.auth, p.hostname, p.port, p.pathname, p.search, p.query, p.hash, p.host, p.path],
    format: url.format({ protocol: 'http', hostname: 'example.com', pathname: '/p', query: { a: 'b c' } }),
    resolve: [url.resolve('http://example.com/one/two', '../three'), url.resolve('/a/b', 'c')],
    whatwg: [url.URL === URL, url.URLSearchParams === URLSearchParams, new url.URL('/x?q=1', 'https://e.com').href],
  });",
    );
    assert_eq!(
        ok(&run(&sandbox(), &code).await),
        json!({
            "parsed": ["https:", "user:pw", "example.com", "8080", "/a/b", "?x=1&y=two", { "x": "1", "y": "two" },
                       "#frag", "example.com:8080", "/a/b?x=1&y=two"],
            "format": "http://example.com/p?a=b%20c",
            "resolve": ["http://example.com/three", "/a/c"],
            "whatwg": [true, true, "https://e.com/x?q=1"],
        })
    );
}

#[tokio::test]
async fn string_decoder_joins_characters_split_across_chunks() {
    let code = lambda(
        "const { StringDecoder } = require('string_decoder');
  const d = new StringDecoder('utf8');
  const euro = Buffer.from('€');
  const parts = [d.write(euro.subarray(0, 1)), d.write(euro.subarray(1, 2)), d.write(Buffer.concat([euro.subarray(2), Buffer.from('ok')])), d.end()];
  const hex = new StringDecoder('hex');
  callback(null, { parts, hex: hex.write(Buffer.from([1, 255])) + hex.end() });",
    );
    assert_eq!(ok(&run(&sandbox(), &code).await), json!({ "parts": ["", "", "€ok", ""], "hex": "01ff" }));
}

#[tokio::test]
async fn assert_throws_assertion_errors_and_checks_deep_equality() {
    let code = lambda(
        "const assert = require('assert');
  const failed = (fn) => { try { fn(); return 'passed'; } catch (e) { return [e.name, e.code, e instanceof assert.AssertionError]; } };
  assert.deepStrictEqual({ a: [1, { b: 2 }], d: new Date(0) }, { a: [1, { b: 2 }], d: new Date(0) });
  assert.throws(() => { throw new TypeError('bad'); }, TypeError);
  assert.throws(() => { throw new Error('wrong value'); }, /wrong/);
  await assert.rejects(Promise.reject(new Error('no')), { message: 'no' });
  assert.strict.equal(1, 1);
  callback(null, {
    deep: failed(() => assert.deepStrictEqual({ a: 1 }, { a: '1' })),
    loose: failed(() => assert.deepEqual({ a: 1 }, { a: '1' })),
    strict: failed(() => assert.strict.equal(1, '1')),
    ok: failed(() => assert.ok(0)),
    message: (() => { try { assert.equal(1, 2, 'custom'); } catch (e) { return e.message; } })(),
    notThrown: failed(() => assert.throws(() => {})),
    strictIsAssert: typeof assert.strict === 'function' && assert.strict.strict === assert.strict,
  });",
    );
    let failure = json!(["AssertionError", "ERR_ASSERTION", true]);
    assert_eq!(
        ok(&run(&sandbox(), &code).await),
        json!({ "deep": failure, "loose": "passed", "strict": failure, "ok": failure, "message": "custom",
                "notThrown": failure, "strictIsAssert": true })
    );
}

#[tokio::test]
async fn timers_module_is_the_sandbox_s_timers() {
    let code = lambda(
        "const timers = require('timers');
  const { setTimeout: sleep } = require('node:timers/promises');
  const order = [];
  timers.setTimeout(() => order.push('timer'), 1);
  const value = await sleep(5, 'slept');
  const cleared = timers.setInterval(() => order.push('never'), 1);
  timers.clearInterval(cleared);
  await require('timers').promises.setImmediate();
  callback(null, { same: timers.setTimeout === setTimeout, value, order });",
    );
    assert_eq!(ok(&run(&sandbox(), &code).await), json!({ "same": true, "value": "slept", "order": ["timer"] }));
}

#[tokio::test]
async fn buffer_is_node_s_buffer() {
    let code = lambda(
        "const b = Buffer.from('hello world');
  const view = b.slice(0, 5); view[0] = 0x48;
  const sub = b.subarray(6); sub[0] = 0x57;
  const num = Buffer.alloc(8);
  num.writeUInt16BE(0x1234, 0); num.writeUInt32LE(0xdeadbeef, 2); num.writeInt8(-2, 6); num.writeUInt8(255, 7);
  const legacy = new Buffer('abc');
  callback(null, {
    shared: b.toString(), legacy: [legacy.toString(), legacy.length],
    from: [typeof Buffer.from, Object.getPrototypeOf(Buffer.from) === Function.prototype, 'prototype' in Buffer.from],
    indexOf: [b.indexOf('World'), b.indexOf('o', 5), b.includes('xyz'), b.lastIndexOf(0x6c)],
    reads: [num.readUInt8(0), num.readUInt16BE(0), num.readUInt16LE(0), num.readUInt32LE(2), num.readUInt32BE(2), num.readInt8(6), num.readInt16LE(6), num.readInt32BE(4)],
    compare: [Buffer.compare(Buffer.from('a'), Buffer.from('b')), Buffer.compare(Buffer.from('b'), Buffer.from('a')), Buffer.from('x').compare(Buffer.from('x'))],
    concat: Buffer.concat([Buffer.from('ab'), Buffer.from([0x63])], 2).toString(),
    isBuffer: [Buffer.isBuffer(b), Buffer.isBuffer(view), Buffer.isBuffer(new Uint8Array(1)), b instanceof Uint8Array],
    encodings: [b.toString('base64'), b.toString('hex'), Buffer.from([0xe9, 0x41]).toString('latin1'), Buffer.from('éa').toString('utf8'),
      Buffer.from('SGVsbG8', 'base64').toString(), Buffer.from([0xfb, 0xff]).toString('base64url'), Buffer.from('-_8', 'base64url').toString('hex'),
      Buffer.from('e941', 'hex').toString('binary'), Buffer.byteLength('€'), Buffer.from('héllo', 'ascii').length],
    json: JSON.stringify(Buffer.from([1, 2])),
    equals: [Buffer.from('a').equals(Buffer.from('a')), Buffer.from('a').equals(Buffer.from('b'))],
    fill: Buffer.alloc(4, 'ab').toString(), copy: (() => { const t = Buffer.alloc(3); Buffer.from('xyz').copy(t, 1, 0, 2); return t.toString('hex'); })(),
    bigint: Buffer.from('0102030405060708', 'hex').readBigUInt64BE().toString(),
    double: (() => { const d = Buffer.alloc(8); d.writeDoubleLE(1.5); return d.readDoubleLE(0); })(),
    utf8: [Buffer.from('a\\uD800b').toString('hex'), Buffer.from([0xff, 0x61, 0xe2, 0x82]).toString(), Buffer.from('😀').toString('hex'),
      Buffer.from('é'.repeat(100000)).toString('utf-8', 2).length, Buffer.from('xyz').toString(undefined, 1, 2), Buffer.from.name],
  });",
    );
    assert_eq!(
        ok(&run(&sandbox(), &code).await),
        json!({
            "shared": "Hello World", "legacy": ["abc", 3],
            "from": ["function", true, true],
            "indexOf": [6, 7, false, 9],
            "reads": [0x12, 0x1234, 0x3412, 0xdeadbeef_u32, 0xefbeadde_u32, -2, -2, -1_377_894_657],
            "compare": [-1, 1, 0],
            "concat": "ab",
            "isBuffer": [true, true, false, true],
            "encodings": ["SGVsbG8gV29ybGQ=", "48656c6c6f20576f726c64", "éA", "éa", "Hello", "-_8", "fbff", "éA", 3, 5],
            "json": "{\"type\":\"Buffer\",\"data\":[1,2]}",
            "equals": [true, false],
            "fill": "abab", "copy": "007879",
            "bigint": "72623859790382856",
            "double": 1.5,
            "utf8": ["61efbfbd62", "\u{fffd}a\u{fffd}", "f09f9880", 99_999, "y", "from"],
        })
    );
}

#[tokio::test]
async fn the_buffer_module_exports_node_s_names() {
    let code = lambda(
        "const buffer = require('buffer');
  const crypto = require('crypto');
  callback(null, {
    same: buffer.Buffer === Buffer, maxLength: buffer.kMaxLength === buffer.constants.MAX_LENGTH && buffer.kMaxLength > 0,
    names: ['SlowBuffer', 'INSPECT_MAX_BYTES', 'atob', 'btoa'].map((n) => n in buffer),
    digest: Buffer.isBuffer(crypto.createHash('sha256').update(Buffer.from('abc')).digest()),
    hex: crypto.createHmac('sha256', 'k').update('v').digest('hex').length,
    isEncoding: [Buffer.isEncoding('base64url'), Buffer.isEncoding('UTF-8'), Buffer.isEncoding('nope')],
  });",
    );
    assert_eq!(
        ok(&run(&sandbox(), &code).await),
        json!({ "same": true, "maxLength": true, "names": [true, true, true, true], "digest": true, "hex": 64,
                "isEncoding": [true, true, false] })
    );
}

#[tokio::test]
async fn http_get_and_request_go_through_the_egress() {
    let server = TestServer::start().await;
    let sandbox = sandbox_with(5000, 1);
    let code = lambda(&format!(
        "const http = require('http');
  const collect = (res) => new Promise((resolve, reject) => {{
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => {{ body += chunk; }});
    res.on('end', () => resolve({{ status: res.statusCode, message: res.statusMessage, type: res.headers['content-type'], body }}));
    res.on('error', reject);
  }});
  const got = await new Promise((resolve, reject) => http.get('{hello}', (res) => collect(res).then(resolve)).on('error', reject));
  const posted = await new Promise((resolve, reject) => {{
    const req = http.request({{ method: 'POST', hostname: '127.0.0.1', port: {port}, path: '/echo?q=1', headers: {{ 'Content-Type': 'application/json', 'X-Test': 'yes' }} }}, (res) => collect(res).then(resolve));
    req.on('error', reject);
    req.write(JSON.stringify({{ a: 1 }}).slice(0, 4));
    req.end(JSON.stringify({{ a: 1 }}).slice(4));
  }});
  const echo = JSON.parse(posted.body);
  const missing = await new Promise((resolve) => http.get(new URL('{missing}'), (res) => {{
    const chunks = []; res.on('data', (c) => chunks.push(c)); res.on('end', () => resolve([res.statusCode, Buffer.isBuffer(chunks[0]), Buffer.concat(chunks).toString()]));
  }}));
  callback(null, {{ got, posted: [posted.status, echo.method, echo.query, echo.headers['content-type'], echo.headers['x-test'], echo.body], missing }});",
        hello = server.url("/hello"),
        port = server.port,
        missing = server.url("/status/404"),
    ));
    let result = run_with(&sandbox, &code, with_allowlist(&["127.0.0.1"])).await;
    assert_eq!(
        ok(&result),
        json!({
            "got": { "status": 200, "message": "OK", "type": "text/plain", "body": "hello" },
            "posted": [200, "POST", "q=1", "application/json", "yes", "{\"a\":1}"],
            "missing": [404, true, "status 404"],
        })
    );
}

#[tokio::test]
async fn http_to_a_refused_host_emits_socket_is_closed() {
    let server = TestServer::start().await;
    let sandbox = sandbox_with(5000, 1);
    let code = lambda(&format!(
        "const refused = (mod, url) => new Promise((resolve) => {{
    const req = require(mod).get(url, () => resolve('responded'));
    req.on('error', (e) => resolve([String(e), e.code, e.message]));
  }});
  let protocol;
  try {{ require('https').get('{hello}'); }} catch (e) {{ protocol = [e.name, e.code]; }}
  callback(null, {{ http: await refused('http', '{hello}'), https: await refused('node:https', 'https://127.0.0.1:{port}/hello'), protocol }});",
        hello = server.url("/hello"),
        port = server.port,
    ));
    let result = run_with(&sandbox, &code, with_allowlist(&["*.example.com"])).await;
    let refused = json!(["Error [ERR_SOCKET_CLOSED]: Socket is closed", "ERR_SOCKET_CLOSED", "Socket is closed"]);
    assert_eq!(
        ok(&result),
        json!({ "http": refused, "https": refused, "protocol": ["TypeError", "ERR_INVALID_PROTOCOL"] })
    );
    let why = result.logs.iter().map(|entry| entry.message.as_str()).collect::<Vec<_>>().join("\n");
    assert!(why.contains("127.0.0.1") && why.contains("*.example.com"), "{why}");
}
