//! Shared helpers: a sandbox with short limits, the standard input object, default
//! capabilities, and outcome assertions.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers fail loudly

use lambdabox_runtime::{Capabilities, FailureCode, Limits, RunOutcome, RunResult, Sandbox};
use serde_json::{Value, json};
use std::time::Duration;

/// A sandbox with a short deadline and a small heap so limit tests run fast.
pub fn sandbox_with(timeout_ms: u64, workers: usize) -> Sandbox {
    let limits =
        Limits { timeout: Duration::from_millis(timeout_ms), memory_bytes: 32 * 1024 * 1024, ..Limits::default() };
    Sandbox::start(limits, workers, 256).unwrap()
}

/// The default test sandbox: 2 s deadline, 2 workers.
pub fn sandbox() -> Sandbox {
    sandbox_with(2000, 2)
}

/// The LivePerson input envelope around `payload`.
pub fn input(payload: Value) -> Value {
    json!({ "timestamp": 1_700_000_000_000_i64, "headers": [{ "key": "h", "value": "v" }], "payload": payload })
}

/// Capabilities with fixed platform variables and one user variable.
pub fn caps() -> Capabilities {
    Capabilities::new("le12345", "lambda-uuid-1").with_env([("GREETING".to_owned(), "hi".to_owned())])
}

/// Compiles and runs `code` with payload `{n: 1}`.
pub async fn run(sandbox: &Sandbox, code: &str) -> RunResult {
    run_with(sandbox, code, caps()).await
}

/// Compiles and runs `code` with the given capabilities.
pub async fn run_with(sandbox: &Sandbox, code: &str, caps: Capabilities) -> RunResult {
    let compiled = sandbox.compile(code).unwrap();
    sandbox.run(&compiled, input(json!({ "n": 1 })), caps).await.unwrap()
}

/// Asserts success and returns the value.
pub fn ok(result: &RunResult) -> Value {
    match &result.outcome {
        RunOutcome::Ok(value) => value.clone(),
        other => panic!("expected success, got {other:?} (logs {:?})", result.logs),
    }
}

/// Asserts a failure with `code` and returns its message.
pub fn failure(result: &RunResult, code: FailureCode) -> String {
    match &result.outcome {
        RunOutcome::Failure { code: actual, message } if *actual == code => message.clone(),
        other => panic!("expected {code:?}, got {other:?}"),
    }
}
