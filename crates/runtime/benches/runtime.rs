//! Runtime benchmarks: hello-world latency and per-core throughput with a fresh context per
//! call, a 100 KB lambda from bytecode, compile cost, memory per worker and per in-flight
//! invocation, a soak (LAMBDABOX_SOAK=N invocations, default 100000) and the Node
//! `vm.runInNewContext` comparison (benches/node_vm_compare.js) in the same run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::Criterion;
use lambdabox_runtime::{Capabilities, Compiled, Limits, RunOutcome, Sandbox};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const HELLO: &str = "function lambda(input, callback) {\n  callback(null, 'Hello World');\n}";
/// Hello world that logs once, as most real lambdas do (console is made on first use).
const LOGGING: &str = "function lambda(input, callback) {\n  console.info('payload', input.payload);\n  callback(null, 'Hello World');\n}";

/// The first use of Intl: a date formatted in a time zone and locale (Intl and its natives are
/// made on first use; a context that never touches them pays nothing for them).
const INTL: &str = "function lambda(input, callback) {\n  callback(null, new Date(0).toLocaleString('de-DE', { timeZone: 'Europe/Berlin' }));\n}";
/// Lambdas that use one module each the way LivePerson lambdas commonly do.
const MODULE_USES: &[(&str, &str)] = &[
    (
        "require the Toolbelt",
        "function lambda(input, callback) {\n  const { Toolbelt } = require('lp-faas-toolbelt');\n  callback(null, typeof Toolbelt.HTTPClient());\n}",
    ),
    (
        "Buffer to base64",
        "function lambda(input, callback) {\n  callback(null, Buffer.from('user:password').toString('base64'));\n}",
    ),
    (
        "crypto sha256 to hex",
        "function lambda(input, callback) {\n  callback(null, require('crypto').createHash('sha256').update('x').digest('hex'));\n}",
    ),
    (
        "jsonwebtoken sign and verify",
        "function lambda(input, callback) {\n  const jwt = require('jsonwebtoken');\n  callback(null, jwt.verify(jwt.sign({ sub: 'x' }, 'secret'), 'secret').sub);\n}",
    ),
    ("lodash", "function lambda(input, callback) {\n  callback(null, require('lodash').kebabCase('Hello World'));\n}"),
    (
        "luxon",
        "function lambda(input, callback) {\n  const { DateTime } = require('luxon');\n  callback(null, DateTime.fromMillis(0, { zone: 'utc' }).toISO());\n}",
    ),
];

fn input() -> Value {
    json!({ "timestamp": 0, "headers": [], "payload": {} })
}

fn caps() -> Capabilities {
    Capabilities::new("le1", "bench")
}

fn big_lambda() -> String {
    let mut code = String::from("function lambda(input, callback) {\n  const table = [\n");
    let mut i = 0;
    while code.len() < 99_000 {
        code.push_str(&format!("    {{ id: {i}, name: 'item-{i}', tags: ['a', 'b'] }},\n"));
        i += 1;
    }
    code.push_str("  ];\n  callback(null, table.length);\n}");
    code
}

fn rss_kib() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm.split_whitespace().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
    pages * 4
}

/// Runs `n` invocations with `parallel` in flight at once; returns µs per invocation.
fn batch(rt: &tokio::runtime::Runtime, sandbox: &Sandbox, compiled: &Compiled, n: usize, parallel: usize) -> f64 {
    let started = Instant::now();
    rt.block_on(async {
        let mut done = 0;
        while done < n {
            let wave = parallel.min(n - done);
            let runs = (0..wave).map(|_| sandbox.run(compiled, input(), caps()));
            for result in futures_util::future::join_all(runs).await {
                assert!(matches!(result.unwrap().outcome, RunOutcome::Ok(_)));
            }
            done += wave;
        }
    });
    started.elapsed().as_secs_f64() * 1e6 / n as f64
}

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let rss_before = rss_kib();
    let limits = Limits { max_in_flight_per_worker: 4096, ..Limits::default() };
    let sandbox = Sandbox::start(limits, 1, 4096).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let rss_one_worker = rss_kib();
    let hello = sandbox.compile(HELLO).unwrap();
    let big_source = big_lambda();
    let big = sandbox.compile(&big_source).unwrap();

    let logging = sandbox.compile(LOGGING).unwrap();
    let intl = sandbox.compile(INTL).unwrap();
    // LAMBDABOX_PROFILE=N: only run N hello-world invocations (for perf / callgrind) and exit;
    // with LAMBDABOX_PROFILE_LOGGING=1, of the hello world that logs once; with
    // LAMBDABOX_PROFILE_INTL=1, of the lambda that formats one date with Intl.
    if let Some(n) = std::env::var("LAMBDABOX_PROFILE").ok().and_then(|n| n.parse().ok()) {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let which = if set("LAMBDABOX_PROFILE_LOGGING") {
            &logging
        } else if set("LAMBDABOX_PROFILE_INTL") {
            &intl
        } else {
            &hello
        };
        println!("{:.1} µs/invocation", batch(&rt, &sandbox, which, n, 64));
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    c.bench_function("hello_world_run_back_to_back", |b| {
        b.iter(|| rt.block_on(sandbox.run(&hello, input(), caps())).unwrap())
    });
    // Request-path latency: a short idle gap (not timed) lets the worker finish tearing down
    // the previous runtime and pre-create the next context, as between real requests.
    c.bench_function("hello_world_run_warm_latency", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                std::thread::sleep(Duration::from_micros(400));
                let started = Instant::now();
                rt.block_on(sandbox.run(&hello, input(), caps())).unwrap();
                total += started.elapsed();
            }
            total
        })
    });
    c.bench_function("intl_first_use_run_warm_latency", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                std::thread::sleep(Duration::from_micros(400));
                let started = Instant::now();
                rt.block_on(sandbox.run(&intl, input(), caps())).unwrap();
                total += started.elapsed();
            }
            total
        })
    });
    c.bench_function("lambda_100kb_run_warm_latency", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                std::thread::sleep(Duration::from_micros(400));
                let started = Instant::now();
                rt.block_on(sandbox.run(&big, input(), caps())).unwrap();
                total += started.elapsed();
            }
            total
        })
    });
    c.bench_function("compile_100kb_to_bytecode", |b| b.iter(|| sandbox.compile(&big_source).unwrap()));
    c.bench_function("compile_hello", |b| b.iter(|| sandbox.compile(HELLO).unwrap()));
    c.final_summary();

    // Throughput on one JS worker thread (the caller runs on the other core).
    for (name, compiled) in [("hello_world", &hello), ("hello_world_logging_once", &logging)] {
        let mut per_call: Vec<f64> = (0..7).map(|_| batch(&rt, &sandbox, compiled, 20_000, 64)).collect();
        per_call.sort_by(f64::total_cmp);
        println!("{name} throughput, 1 worker, 64 in flight: median {:.1} µs/invocation", per_call[3]);
    }

    // What the modules LivePerson lambdas load cost an invocation, on top of a hello world.
    for (name, code) in MODULE_USES {
        let compiled = sandbox.compile(code).unwrap();
        let mut per_call: Vec<f64> = (0..3).map(|_| batch(&rt, &sandbox, &compiled, 5_000, 64)).collect();
        per_call.sort_by(f64::total_cmp);
        println!("{name}, 1 worker, 64 in flight: median {:.1} µs/invocation", per_call[1]);
    }

    // Memory: idle worker, then 2000 invocations parked on a timer.
    let waiting = sandbox
        .compile("async function lambda(input) {\n  await new Promise((r) => setTimeout(r, 1500));\n  return 1;\n}")
        .unwrap();
    let rss_idle = rss_kib();
    let in_flight = 2000;
    let peak = rt.block_on(async {
        let runs: Vec<_> = (0..in_flight).map(|_| sandbox.run(&waiting, input(), caps())).collect();
        let all = futures_util::future::join_all(runs);
        tokio::pin!(all);
        let peak = tokio::select! {
            _ = &mut all => 0,
            () = tokio::time::sleep(Duration::from_millis(1000)) => rss_kib(),
        };
        all.await;
        peak
    });
    println!(
        "memory: process before sandbox {rss_before} KiB; +1 idle worker {} KiB; per in-flight invocation {:.0} KiB",
        rss_one_worker.saturating_sub(rss_before),
        peak.saturating_sub(rss_idle) as f64 / in_flight as f64
    );

    soak(&rt, &sandbox, &hello);
    node_compare(&rt);
}

fn soak(rt: &tokio::runtime::Runtime, sandbox: &Sandbox, hello: &Compiled) {
    let total: usize = std::env::var("LAMBDABOX_SOAK").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let step = (total / 5).max(1);
    let mut line = String::new();
    for _ in 0..5 {
        batch(rt, sandbox, hello, step, 64);
        line.push_str(&format!(" {} KiB", rss_kib()));
    }
    println!("soak: {total} invocations, RSS after each fifth:{line}");
}

fn node_compare(rt: &tokio::runtime::Runtime) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/node_vm_compare.js");
    let Ok(output) = std::process::Command::new("node").arg(script).output() else {
        println!("node comparison skipped: node not found");
        return;
    };
    let text = String::from_utf8_lossy(&output.stdout);
    let Some(node_us) =
        text.lines().find_map(|l| l.strip_prefix("median_us=")).and_then(|v| v.trim().parse::<f64>().ok())
    else {
        println!("node comparison failed: {text}");
        return;
    };
    // Same shape as the Node loop: one call at a time, fresh isolation per call.
    let sandbox = Sandbox::start(Limits::default(), 1, 16).unwrap();
    let hello = sandbox.compile(HELLO).unwrap();
    let mut samples: Vec<f64> = (0..2000)
        .map(|_| {
            let t = Instant::now();
            rt.block_on(sandbox.run(&hello, input(), caps())).unwrap();
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    let ours = samples[samples.len() / 2];
    println!(
        "node vm.runInNewContext (timeout 30 s): median {node_us:.1} µs/call; lambdabox: median {ours:.1} µs/call; node/lambdabox = {:.1}x",
        node_us / ours
    );
}
