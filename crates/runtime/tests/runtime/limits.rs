//! Deadline, memory and stack limits: every runaway ends in its own failure within the time
//! limit plus slack, and the sandbox keeps serving afterwards.

use crate::helpers::{failure, ok, run, sandbox_with};
use lambdabox_runtime::{FailureCode, Limits, Sandbox};
use std::time::{Duration, Instant};

const TIMEOUT_MS: u64 = 300;
/// The caller must have its answer within the limit plus this.
const SLACK: Duration = Duration::from_millis(100);

const RUNAWAYS: &[(&str, &str)] = &[
    ("busy loop", "function lambda(input, callback) {\n while (true) {}\n}"),
    (
        "loop inside try/catch",
        "function lambda(input, callback) {\n while (true) { try { while (true) {} } catch (e) {} }\n}",
    ),
    (
        "catastrophic regex",
        "function lambda(input, callback) {\n callback(null, /^(a+)+$/.test('a'.repeat(40) + '!'));\n}",
    ),
    (
        "loop of huge JSON.stringify",
        "function lambda(input, callback) {\n const big = Array.from({ length: 200000 }, (_, i) => ({ i, s: 'x' + i }));\n for (;;) { try { JSON.stringify(big); } catch (e) {} }\n}",
    ),
    (
        "loop of big sorts",
        "function lambda(input, callback) {\n const big = Array.from({ length: 300000 }, (_, i) => (i * 7919) % 100003);\n for (;;) { big.slice().sort(); }\n}",
    ),
    ("never calls back", "function lambda(input, callback) {\n}"),
    (
        "awaits a long timer",
        "async function lambda(input) {\n await new Promise((r) => setTimeout(r, 60000));\n return 1;\n}",
    ),
    (
        "endless microtasks",
        "function lambda(input, callback) {\n const spin = () => Promise.resolve().then(spin);\n spin();\n}",
    ),
];

#[tokio::test]
async fn every_runaway_times_out_within_the_limit_and_the_sandbox_recovers() {
    let limits = Limits { timeout: Duration::from_millis(TIMEOUT_MS), ..Limits::default() };
    let sandbox = Sandbox::start(limits, 2, 16).unwrap();
    for (name, code) in RUNAWAYS {
        let started = Instant::now();
        let result = run(&sandbox, code).await;
        let elapsed = started.elapsed();
        failure(&result, FailureCode::ExecutionTimeExceeded);
        assert!(elapsed >= Duration::from_millis(TIMEOUT_MS), "{name}: answered early {elapsed:?}");
        assert!(elapsed <= Duration::from_millis(TIMEOUT_MS) + SLACK, "{name}: answered after {elapsed:?}");
        let hello = run(&sandbox, "function lambda(input, callback) {\n callback(null, 'still here');\n}").await;
        assert_eq!(ok(&hello), "still here", "after {name}");
    }
}

#[tokio::test]
async fn runaway_allocation_fails_only_that_invocation() {
    let sandbox = sandbox_with(5000, 1);
    let hogs = [
        "function lambda(input, callback) {\n let s = 'x';\n while (true) s = s + s;\n}",
        "function lambda(input, callback) {\n const o = {};\n for (let i = 0; ; i++) o['k' + i] = i;\n}",
        "function lambda(input, callback) {\n callback(null, new ArrayBuffer(1024 * 1024 * 1024).byteLength);\n}",
        "function lambda(input, callback) {\n const a = [];\n try { while (true) a.push(new Array(1e5).fill(1)); } catch (e) { callback(null, 'caught ' + e); }\n}",
    ];
    for code in hogs {
        let result = run(&sandbox, code).await;
        match &result.outcome {
            lambdabox_runtime::RunOutcome::Failure { message, .. } => {
                assert!(
                    ["out of memory", "Array buffer", "string too long"].iter().any(|m| message.contains(m)),
                    "{message}"
                )
            }
            lambdabox_runtime::RunOutcome::Ok(value) => {
                assert!(value.to_string().contains("out of memory"), "{value}")
            }
        }
        let hello = run(&sandbox, "function lambda(input, callback) {\n callback(null, 'alive');\n}").await;
        assert_eq!(ok(&hello), "alive");
    }
}

#[tokio::test]
async fn deep_recursion_is_a_stack_overflow_failure() {
    let sandbox = sandbox_with(5000, 1);
    let codes = [
        "function lambda(input, callback) {\n const f = (n) => f(n + 1);\n f(0);\n}",
        "function lambda(input, callback) {\n let o = {};\n for (let i = 0; i < 2e5; i++) o = { o };\n callback(null, o);\n}",
        "function lambda(input, callback) {\n const f = () => JSON.parse('[' .repeat(1e6));\n f();\n}",
    ];
    for code in codes {
        let result = run(&sandbox, code).await;
        let message = failure(&result, FailureCode::RuntimeException);
        assert!(message.contains("stack") || message.contains("JSON") || message.contains("SyntaxError"), "{message}");
    }
    let hello = run(&sandbox, "function lambda(input, callback) {\n callback(null, 'alive');\n}").await;
    assert_eq!(ok(&hello), "alive");
}

/// Loops whose every step is one slow built-in call: stock QuickJS polls its interrupt
/// handler only every 10000 steps, which kept a worker busy for more than 40 s here; with
/// the watchdog's interrupt request it is ~50 ms (the bound below leaves room for a loaded CI).
const SLOW_BUILTIN_LOOPS: &[&str] = &[
    "function lambda(input, callback) {\n const s = 'x'.repeat(1e7);\n for (;;) s.indexOf('y');\n}",
    "function lambda(input, callback) {\n const a = new Array(1e6).fill(1);\n for (;;) a.join(',');\n}",
    "function lambda(input, callback) {\n const a = new Array(3e5).fill('abc');\n for (;;) JSON.stringify(a);\n}",
    "function lambda(input, callback) {\n const t = JSON.stringify(new Array(1e5).fill({ a: 1 }));\n for (;;) JSON.parse(t);\n}",
    "function lambda(input, callback) {\n const a = Array.from({ length: 2e5 }, (_, i) => (i * 7919) % 100003);\n for (;;) a.sort();\n}",
];

#[tokio::test]
async fn loops_of_slow_builtins_stop_close_to_the_deadline() {
    for code in SLOW_BUILTIN_LOOPS {
        let limits = Limits { timeout: Duration::from_millis(100), ..Limits::default() };
        let sandbox = Sandbox::start(limits, 1, 16).unwrap();
        failure(&run(&sandbox, code).await, FailureCode::ExecutionTimeExceeded);
        let waited = Instant::now();
        while sandbox.max_overshoot().is_zero() && waited.elapsed() < Duration::from_secs(5) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let overshoot = sandbox.max_overshoot();
        assert!(
            !overshoot.is_zero() && overshoot < Duration::from_secs(2),
            "{code}: worker busy {overshoot:?} past the deadline"
        );
    }
}

#[tokio::test]
async fn a_run_whose_caller_stops_waiting_ends_and_frees_its_worker() {
    // One worker and a long deadline: without cancellation, the endless loop would keep the
    // worker for the whole 20 s.
    let sandbox = crate::helpers::sandbox_with(20_000, 1);
    let spin = sandbox.compile("function lambda(input, callback) {\n  while (true) {}\n}").unwrap();
    let run = sandbox.run(&spin, crate::helpers::input(serde_json::json!({})), crate::helpers::caps());
    // The caller gives up after a moment (as the parent of an orchestrated call does when it ends).
    assert!(tokio::time::timeout(std::time::Duration::from_millis(200), run).await.is_err());
    let hello = sandbox.compile("function lambda(input, callback) { callback(null, 'hi'); }").unwrap();
    let started = std::time::Instant::now();
    let answer = sandbox.run(&hello, crate::helpers::input(serde_json::json!({})), crate::helpers::caps());
    let result = tokio::time::timeout(std::time::Duration::from_secs(10), answer).await.expect("answered").unwrap();
    assert_eq!(crate::helpers::ok(&result), "hi");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[tokio::test]
async fn an_earlier_deadline_ends_a_run_before_its_time_limit() {
    let sandbox = crate::helpers::sandbox_with(20_000, 1);
    let spin = sandbox.compile("function lambda(input, callback) {\n  while (true) {}\n}").unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(300);
    let options = lambdabox_runtime::RunOptions { deadline: Some(deadline) };
    let result = sandbox
        .run_with(&spin, crate::helpers::input(serde_json::json!({})), crate::helpers::caps(), options)
        .await
        .unwrap();
    match result.outcome {
        lambdabox_runtime::RunOutcome::Failure { code, .. } => assert_eq!(code, FailureCode::ExecutionTimeExceeded),
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(result.duration < std::time::Duration::from_secs(5), "ended at the given deadline: {:?}", result.duration);
}
