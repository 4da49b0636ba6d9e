//! Concurrency: waiting lambdas hold no CPU worker; a full queue answers Busy.

use crate::helpers::{caps, input, ok, sandbox_with};
use lambdabox_runtime::{Limits, Refused, Sandbox};
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test]
async fn two_hundred_waiting_invocations_run_side_by_side() {
    let sandbox = sandbox_with(5000, 2);
    let code =
        "async function lambda(input) {\n await new Promise((r) => setTimeout(r, 1000));\n return input.payload;\n}";
    let compiled = sandbox.compile(code).unwrap();
    let started = Instant::now();
    let runs = (0..200).map(|i| {
        let (sandbox, compiled) = (sandbox.clone(), compiled.clone());
        async move { sandbox.run(&compiled, input(json!(i)), caps()).await.unwrap() }
    });
    let results = futures_util::future::join_all(runs).await;
    for (i, result) in results.iter().enumerate() {
        assert_eq!(ok(result), json!(i));
    }
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
}

#[tokio::test]
async fn a_full_queue_answers_busy() {
    let limits = Limits { timeout: Duration::from_millis(500), max_in_flight_per_worker: 1, ..Limits::default() };
    let sandbox = Sandbox::start(limits, 1, 2).unwrap();
    let busy = sandbox.compile("function lambda(input, callback) {\n while (true) {}\n}").unwrap();
    let mut answers = Vec::new();
    for _ in 0..6 {
        let (sandbox, busy) = (sandbox.clone(), busy.clone());
        answers.push(tokio::spawn(async move { sandbox.run(&busy, input(json!({})), caps()).await }));
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let mut refused = 0;
    for answer in answers {
        if matches!(answer.await.unwrap(), Err(Refused::Busy)) {
            refused += 1;
        }
    }
    assert!(refused >= 2, "expected some Busy answers, got {refused}");
}
