//! Work a lambda leaves running after its callback (as on LivePerson Functions, where the
//! instance goes on): the answer goes out at callback time, the timers, promises and host
//! operations still pending run on with the invocation's capabilities until they end or the
//! deadline, and what they log reaches the caller through the run's `Tail`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use crate::helpers::{caps, input, ok, sandbox_with};
use crate::server::TestServer;
use crate::toolbelt::MemorySecrets;
use lambdabox_runtime::{Capabilities, LogEntry, RunOptions, RunResult, Sandbox, Tail};
use lambdabox_services::egress::{Allowlist, EgressClient};
use serde_json::json;
use std::sync::Arc;

async fn run_with_tail(sandbox: &Sandbox, code: &str, caps: Capabilities) -> (RunResult, Option<Tail>) {
    let compiled = sandbox.compile(code).unwrap();
    sandbox.run_with_tail(&compiled, input(json!({})), caps, RunOptions::default()).await.unwrap()
}

fn messages(logs: &[LogEntry]) -> Vec<&str> {
    logs.iter().map(|entry| entry.message.as_str()).collect()
}

#[tokio::test]
async fn a_secret_update_after_the_callback_still_happens() {
    let secrets = Arc::new(MemorySecrets::default());
    secrets.0.lock().unwrap().insert("counter".into(), json!(1));
    let code = "function lambda(input, callback) {
  const { Toolbelt } = require('lp-faas-toolbelt');
  const secrets = Toolbelt.SecretClient();
  console.info('before');
  callback(null, 'answered');
  setTimeout(async () => {
    const { value } = await secrets.readSecret('counter');
    await secrets.updateSecret({ key: 'counter', value: value + 1 });
    console.info('updated');
  }, 20);
}";
    let sandbox = sandbox_with(5000, 1);
    let (result, tail) = run_with_tail(&sandbox, code, caps().with_secrets(secrets.clone())).await;
    assert_eq!(ok(&result), json!("answered"));
    assert_eq!(messages(&result.logs), ["before"], "the answer does not wait for the timer");
    assert_eq!(secrets.0.lock().unwrap()["counter"], json!(1));
    let later = tail.expect("the timer is work after the answer").finished().await;
    assert_eq!(messages(&later), ["updated"]);
    assert_eq!(secrets.0.lock().unwrap()["counter"], json!(2));
}

#[tokio::test]
async fn an_http_call_started_before_the_callback_completes_after_it() {
    let server = TestServer::start().await;
    let code = format!(
        "function lambda(input, callback) {{
  const {{ Toolbelt }} = require('lp-faas-toolbelt');
  Toolbelt.HTTPClient()('{slow}').then((body) => console.info('delivered', body));
  callback(null, {{ queued: true }});
}}",
        slow = server.url("/slow/150")
    );
    let client = EgressClient::new(Allowlist::new(["127.0.0.1"])).unwrap();
    let sandbox = sandbox_with(5000, 1);
    let (result, tail) = run_with_tail(&sandbox, &code, caps().with_http(Arc::new(client))).await;
    assert_eq!(ok(&result), json!({ "queued": true }));
    assert!(result.logs.is_empty(), "{:?}", result.logs);
    let later = tail.expect("the request is work after the answer").finished().await;
    assert_eq!(messages(&later), ["delivered"]);
    assert_eq!(later[0].extras, [json!("slow")]);
}

#[tokio::test]
async fn work_after_the_callback_ends_at_the_deadline_with_a_note() {
    let sandbox = sandbox_with(300, 1);
    let code = "function lambda(input, callback) {
  callback(null, 1);
  let ticks = 0;
  setInterval(() => { ticks += 1; }, 10);
}";
    let (result, tail) = run_with_tail(&sandbox, code, caps()).await;
    assert_eq!(ok(&result), json!(1));
    let later = tail.expect("the interval is work after the answer").finished().await;
    let notes = messages(&later);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("after the callback was stopped at the invocation's time limit (300 ms)"), "{notes:?}");
    // The worker is free again.
    let (next, _) = run_with_tail(&sandbox, "function lambda(input, callback) { callback(null, 2); }", caps()).await;
    assert_eq!(ok(&next), json!(2));
}

#[tokio::test]
async fn a_lambda_with_nothing_left_to_do_has_no_tail() {
    let sandbox = sandbox_with(2000, 1);
    let code = "async function lambda(input, callback) {
  await new Promise((resolve) => setTimeout(resolve, 5));
  console.info('done');
  callback(null, 'ok');
}";
    let (result, tail) = run_with_tail(&sandbox, code, caps()).await;
    assert_eq!(ok(&result), json!("ok"));
    assert!(tail.is_none());
}

#[tokio::test]
async fn a_second_callback_after_the_answer_is_ignored_and_noted() {
    let sandbox = sandbox_with(2000, 1);
    let code = "function lambda(input, callback) {
  callback(null, 'first');
  setTimeout(() => callback(null, 'second'), 10);
}";
    let (result, tail) = run_with_tail(&sandbox, code, caps()).await;
    assert_eq!(ok(&result), json!("first"));
    let later = tail.expect("the timer is work after the answer").finished().await;
    assert_eq!(messages(&later), ["callback was called more than once; later calls are ignored"]);
}
