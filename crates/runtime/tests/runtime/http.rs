//! Toolbelt.HTTPClient and fetch through the egress allowlist, against a real server on
//! 127.0.0.1: allowed, refused, redirects, timeouts, JSON and form bodies, rate limit, and
//! many concurrent waiting lambdas.

#![allow(clippy::unwrap_used)] // test helpers and fakes fail loudly

use crate::helpers::{caps, failure, input, ok, run_with, sandbox_with};
use crate::server::TestServer;
use lambdabox_runtime::{Capabilities, FailureCode};
use lambdabox_services::egress::{Allowlist, EgressClient};
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn with_allowlist(entries: &[&str]) -> Capabilities {
    let client = EgressClient::new(Allowlist::new(entries.iter().copied())).unwrap();
    caps().with_http(Arc::new(client))
}

fn lambda(body: &str) -> String {
    format!(
        "async function lambda(input, callback) {{\n const {{ Toolbelt }} = require('lp-faas-toolbelt');\n const http = Toolbelt.HTTPClient();\n try {{\n{body}\n }} catch (e) {{ callback(null, {{ error: e.message, name: e.name, statusCode: e.statusCode, code: e.code }}); }}\n}}"
    )
}

#[tokio::test]
async fn http_client_gets_posts_json_and_forms() {
    let server = TestServer::start().await;
    let sandbox = sandbox_with(5000, 1);
    let code = lambda(&format!(
        "const hello = await http('{hello}');
  const full = await http({{ uri: '{json}', resolveWithFullResponse: true, json: true }});
  const posted = await http({{ method: 'POST', uri: '{echo}', body: {{ a: 1 }}, json: true, qs: {{ q: 'x y' }} }});
  const form = await http('{echo}', {{ method: 'POST', form: {{ a: 'b c', d: '&' }}, json: true }});
  callback(null, {{ hello, status: full.statusCode, body: full.body, header: full.headers['x-test'],
    posted: [posted.method, posted.query, posted.headers['content-type'], JSON.parse(posted.body)],
    form: [form.headers['content-type'], form.body] }});",
        hello = server.url("/hello"),
        json = server.url("/json"),
        echo = server.url("/echo"),
    ));
    let result = run_with(&sandbox, &code, with_allowlist(&["127.0.0.1"])).await;
    assert_eq!(
        ok(&result),
        json!({ "hello": "hello", "status": 200, "body": { "ok": true, "n": 7 }, "header": "yes",
                "posted": ["POST", "q=x+y", "application/json", { "a": 1 }],
                "form": ["application/x-www-form-urlencoded", "a=b+c&d=%26"] })
    );
}

#[tokio::test]
async fn non_2xx_rejects_unless_simple_is_false() {
    let server = TestServer::start().await;
    let sandbox = sandbox_with(5000, 1);
    let code = lambda(&format!(
        "const relaxed = await http({{ uri: '{u}', simple: false, resolveWithFullResponse: true }});
  try {{ await http('{u}'); }} catch (e) {{ return callback(null, {{ relaxed: relaxed.statusCode, name: e.name, statusCode: e.statusCode, body: e.response.body }}); }}
  callback(null, 'resolved');",
        u = server.url("/status/404")
    ));
    let result = run_with(&sandbox, &code, with_allowlist(&["127.0.0.1"])).await;
    assert_eq!(
        ok(&result),
        json!({ "relaxed": 404, "name": "StatusCodeError", "statusCode": 404, "body": "status 404" })
    );
}

#[tokio::test]
async fn hosts_off_the_allowlist_are_refused_with_socket_is_closed() {
    let server = TestServer::start().await;
    let sandbox = sandbox_with(5000, 1);
    let code = lambda(&format!("await http('{}');\n callback(null, 'reached');", server.url("/hello")));
    let result = run_with(&sandbox, &code, with_allowlist(&["*.example.com"])).await;
    // Exactly LivePerson's message (lambdas compare it); the reason is in the log.
    assert_eq!(ok(&result)["error"], "Error [ERR_SOCKET_CLOSED]: Socket is closed");
    assert_eq!(ok(&result)["code"], "ERR_SOCKET_CLOSED");
    let why = result.logs.iter().map(|entry| entry.message.as_str()).collect::<Vec<_>>().join("\n");
    assert!(why.contains("127.0.0.1") && why.contains("*.example.com"), "{why}");
}

#[tokio::test]
async fn every_redirect_hop_is_checked() {
    let server = TestServer::start().await;
    let sandbox = sandbox_with(5000, 1);
    let allowed_hop = server.url(&format!("/redirect?to={}", server.url("/hello")));
    let refused_hop = server.url(&format!("/redirect?to=http://localhost:{}/hello", server.port));
    let code = lambda(&format!(
        "const followed = await http('{allowed_hop}');
  let refused;
  try {{ await http('{refused_hop}'); }} catch (e) {{ refused = e.message; }}
  callback(null, {{ followed, refused }});"
    ));
    let result = run_with(&sandbox, &code, with_allowlist(&["127.0.0.1"])).await;
    let value = ok(&result);
    assert_eq!(value["followed"], "hello");
    assert_eq!(value["refused"], "Error [ERR_SOCKET_CLOSED]: Socket is closed");
    let why = result.logs.iter().map(|entry| entry.message.as_str()).collect::<Vec<_>>().join("\n");
    assert!(why.contains("localhost"), "{why}");
}

#[tokio::test]
async fn slow_requests_time_out() {
    let server = TestServer::start().await;
    let sandbox = sandbox_with(5000, 1);
    let code = lambda(&format!(
        "await http({{ uri: '{}', timeout: 200 }});\n callback(null, 'late');",
        server.url("/slow/3000")
    ));
    let started = Instant::now();
    let result = run_with(&sandbox, &code, with_allowlist(&["127.0.0.1"])).await;
    assert_eq!(ok(&result)["code"], "ETIMEDOUT");
    assert!(started.elapsed() < Duration::from_millis(2000));
}

#[tokio::test]
async fn the_deadline_stops_a_lambda_waiting_on_http() {
    let server = TestServer::start().await;
    let sandbox = sandbox_with(300, 1);
    let code = lambda(&format!("await http('{}');\n callback(null, 'late');", server.url("/slow/5000")));
    let started = Instant::now();
    let result = run_with(&sandbox, &code, with_allowlist(&["127.0.0.1"])).await;
    failure(&result, FailureCode::ExecutionTimeExceeded);
    assert!(started.elapsed() < Duration::from_millis(400), "{:?}", started.elapsed());
}

#[tokio::test]
async fn fetch_speaks_the_response_subset() {
    let server = TestServer::start().await;
    let sandbox = sandbox_with(5000, 1);
    let code = format!(
        "async function lambda(input) {{
  const res = await fetch('{json}');
  const posted = await fetch('{echo}', {{ method: 'POST', headers: {{ 'X-A': 'b' }}, body: JSON.stringify({{ z: 1 }}) }});
  const echo = await posted.json();
  let refused;
  try {{ await fetch('http://localhost:{port}/hello'); }} catch (e) {{ refused = e.message.includes('Socket is closed'); }}
  return {{ ok: res.ok, status: res.status, type: res.headers.get('content-type'), body: await res.json(), method: echo.method, xa: echo.headers['x-a'], sent: echo.body, refused }};
}}",
        json = server.url("/json"),
        echo = server.url("/echo"),
        port = server.port
    );
    let result = run_with(&sandbox, &code, with_allowlist(&["127.0.0.1"])).await;
    assert_eq!(
        ok(&result),
        json!({ "ok": true, "status": 200, "type": "application/json", "body": { "ok": true, "n": 7 },
                "method": "POST", "xa": "b", "sent": "{\"z\":1}", "refused": true })
    );
}

#[tokio::test]
async fn outgoing_requests_are_rate_limited_per_lambda() {
    let server = TestServer::start().await;
    let sandbox = sandbox_with(5000, 1);
    let code = lambda(&format!(
        "const results = await Promise.all(Array.from({{ length: 25 }}, () => http('{}').then(() => 'ok', (e) => e.statusCode)));
  callback(null, results.filter((r) => r === 429).length);",
        server.url("/hello")
    ));
    let result = run_with(&sandbox, &code, with_allowlist(&["127.0.0.1"])).await;
    assert_eq!(ok(&result), json!(5));
}

#[tokio::test]
async fn two_hundred_lambdas_waiting_on_http_finish_together() {
    let server = TestServer::start().await;
    let sandbox = sandbox_with(10_000, 2);
    let code = format!(
        "async function lambda(input) {{\n const res = await fetch('{}');\n return [input.payload, await res.text()];\n}}",
        server.url("/slow/1000")
    );
    let compiled = sandbox.compile(&code).unwrap();
    let started = Instant::now();
    let runs = (0..200).map(|i| {
        let (sandbox, compiled) = (sandbox.clone(), compiled.clone());
        let caps = with_allowlist(&["127.0.0.1"]);
        let caps = Capabilities { lambda_uuid: format!("lambda-{i}"), ..caps };
        async move { sandbox.run(&compiled, input(json!(i)), caps).await.unwrap() }
    });
    let results = futures_util::future::join_all(runs).await;
    for (i, result) in results.iter().enumerate() {
        assert_eq!(ok(result), json!([i, "slow"]));
    }
    assert!(started.elapsed() < Duration::from_secs(4), "took {:?}", started.elapsed());
}
