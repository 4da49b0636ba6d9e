//! Isolation: an invocation never sees another's globals, prototypes, timers or pending jobs
//! (not of another lambda, not of the same lambda's previous call), and has no host access.

use crate::helpers::{caps, input, ok, run, sandbox_with};
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
            lambdabox::runtime::RunOutcome::Ok(value) => value.to_string(),
            lambdabox::runtime::RunOutcome::Failure { message, .. } => message.clone(),
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

#[test]
fn runtime_knows_nothing_of_the_web_server_or_the_store() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/runtime");
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for forbidden in
                ["actix", "rusqlite", "crate::store", "crate::auth", "crate::web", "crate::api", "crate::egress"]
            {
                assert!(!text.contains(forbidden), "{} uses {forbidden}", path.display());
            }
        }
    }
}
