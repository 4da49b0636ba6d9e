//! What running lambdas in worker processes costs against threads of the same process, and
//! what happens when a built-in gets stuck. Needs the release binary as the worker program:
//! `cargo build --release --bin lambdabox` first (or LAMBDABOX_BIN=path).
//!
//!   cargo bench -p lambdabox-runtime --bench process_boundary
//!
//! Prints, for threads and for processes (one worker each): hello-world latency at one in
//! flight (median and p99 of 3,000 calls with an idle gap between them, as between real
//! requests) and the cost per invocation at 64 in flight; the difference is what the process
//! boundary adds. Then, with two worker processes: a lambda stuck in `[].concat` of a huge
//! array-like, how long until its caller has the answer and its worker is replaced, the
//! workers' CPU use 3 s later, and the next hello world's latency.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use lambdabox_runtime::{Capabilities, Compiled, Limits, ProcessOptions, RunOutcome, Sandbox};
use serde_json::json;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const HELLO: &str = "function lambda(input, callback) {\n  callback(null, 'Hello World');\n}";
const STUCK: &str =
    "function lambda(input, callback) {\n  [].concat({ length: 2 ** 53 - 1, [Symbol.isConcatSpreadable]: true });\n}";

fn program() -> PathBuf {
    if let Some(bin) = std::env::var_os("LAMBDABOX_BIN") {
        return bin.into();
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"), PathBuf::from);
    target.join("release/lambdabox")
}

fn run(rt: &tokio::runtime::Runtime, sandbox: &Sandbox, compiled: &Compiled) -> RunOutcome {
    let input = json!({ "timestamp": 0, "headers": [], "payload": {} });
    rt.block_on(sandbox.run(compiled, input, Capabilities::new("le1", "bench"))).unwrap().outcome
}

/// Median and p99 latency at one in flight, in µs.
fn latency(rt: &tokio::runtime::Runtime, sandbox: &Sandbox, compiled: &Compiled) -> (f64, f64) {
    let mut samples: Vec<f64> = (0..3000)
        .map(|_| {
            std::thread::sleep(Duration::from_micros(300));
            let started = Instant::now();
            assert!(matches!(run(rt, sandbox, compiled), RunOutcome::Ok(_)));
            started.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    (samples[samples.len() / 2], samples[samples.len() * 99 / 100])
}

/// µs per invocation with 64 in flight (median of 5 batches of 20,000).
fn throughput(rt: &tokio::runtime::Runtime, sandbox: &Sandbox, compiled: &Compiled) -> f64 {
    let mut per_call: Vec<f64> = (0..5)
        .map(|_| {
            let started = Instant::now();
            rt.block_on(async {
                for _ in 0..(20_000 / 64) {
                    let runs = (0..64)
                        .map(|_| sandbox.run(compiled, json!({"payload": {}}), Capabilities::new("le1", "bench")));
                    for result in futures_util::future::join_all(runs).await {
                        assert!(matches!(result.unwrap().outcome, RunOutcome::Ok(_)));
                    }
                }
            });
            started.elapsed().as_secs_f64() * 1e6 / f64::from(20_000 / 64 * 64)
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    per_call[2]
}

fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> =
        stat.rsplit_once(") ").map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    fields.get(11).and_then(|t| t.parse::<u64>().ok()).unwrap_or(0)
        + fields.get(12).and_then(|t| t.parse::<u64>().ok()).unwrap_or(0)
}

fn main() {
    let program = program();
    assert!(program.exists(), "build the worker program first: cargo build --release --bin lambdabox ({program:?})");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let options = ProcessOptions { program, memory_total_bytes: 4 << 30 };
    let limits = Limits { max_in_flight_per_worker: 4096, ..Limits::default() };
    let threads = Sandbox::start(limits.clone(), 1, 4096).unwrap();
    let processes = Sandbox::start_processes(limits, 1, 4096, &options).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let hello = threads.compile(HELLO).unwrap();
    for sandbox in [&threads, &processes] {
        for _ in 0..2000 {
            run(&rt, sandbox, &hello);
        }
    }
    let (t50, t99) = latency(&rt, &threads, &hello);
    let (p50, p99) = latency(&rt, &processes, &hello);
    println!(
        "hello world, 1 in flight: threads p50 {t50:.0} µs p99 {t99:.0} µs; processes p50 {p50:.0} µs p99 {p99:.0} µs"
    );
    println!("  the process boundary adds {:.0} µs at the median", p50 - t50);
    let t = throughput(&rt, &threads, &hello);
    let p = throughput(&rt, &processes, &hello);
    println!("hello world, 64 in flight, 1 worker: threads {t:.1} µs/invocation, processes {p:.1} µs/invocation");
    println!("  the process boundary adds {:.1} µs per invocation", p - t);
    drop(threads);
    drop(processes);

    let limits = Limits { timeout: Duration::from_millis(500), ..Limits::default() };
    let sandbox = Sandbox::start_processes(limits, 2, 4096, &options).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let stuck = sandbox.compile(STUCK).unwrap();
    let before = sandbox.worker_pids();
    let started = Instant::now();
    let outcome = run(&rt, &sandbox, &stuck);
    let answered = started.elapsed();
    while sandbox.worker_pids().len() < 2 || sandbox.worker_pids() == before {
        std::thread::sleep(Duration::from_millis(1));
    }
    let replaced = started.elapsed();
    println!("stuck built-in (time limit 500 ms): answered after {} ms ({outcome:?})", answered.as_millis());
    println!("  its worker was killed and a new one running {} ms after the call", replaced.as_millis());
    std::thread::sleep(Duration::from_secs(3).saturating_sub(started.elapsed() - answered));
    let workers = sandbox.worker_pids();
    let t0: u64 = workers.iter().map(|pid| cpu_ticks(*pid)).sum();
    std::thread::sleep(Duration::from_secs(1));
    let used: u64 = workers.iter().map(|pid| cpu_ticks(*pid)).sum::<u64>() - t0;
    println!("  3 s after the answer the workers use {}% CPU", used);
    let started = Instant::now();
    run(&rt, &sandbox, &hello);
    println!("  the next hello world answers in {} µs", started.elapsed().as_micros());
}
