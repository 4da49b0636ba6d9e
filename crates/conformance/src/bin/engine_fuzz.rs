//! Bounded-time fuzzing of the sandbox entry (`Sandbox::compile` + `Sandbox::run`) with
//! generated programs (`lambdabox_conformance::generator`), on stable Rust (cargo-fuzz needs a
//! nightly toolchain). Several invocations are in flight per worker thread, so every worker
//! keeps several runtimes alive at once, as under load. Checked for every invocation: it is
//! answered within its time limit plus the caller's grace (and a margin for slow machines and
//! sanitizer builds), and never with "the sandbox worker stopped" (a worker that panicked);
//! checked throughout: the process's resident memory stays under a cap. A crash or an
//! AddressSanitizer report ends the process, which is the failure CI sees; the seed is printed
//! first and every program's (seed, index) is appended to a trace file before it runs, so a
//! failure is replayed with `FUZZ_REPLAY=seed:index`.
//!
//! Environment: FUZZ_SECONDS (20), FUZZ_SEED (from the clock), FUZZ_WORKERS (2 threads),
//! FUZZ_IN_FLIGHT (8 invocations at once), FUZZ_TIMEOUT_MS (500 per invocation),
//! FUZZ_MEMORY_MB (32 per runtime), FUZZ_MAX_RSS_MB (2048), FUZZ_MARGIN_MS (1000: slack for loaded machines and ASan),
//! FUZZ_TRACE (file; default $CARGO_TARGET_DIR/engine-fuzz-trace.txt), FUZZ_REPLAY (seed:index).

use anyhow::{Context as _, bail};
use lambdabox_conformance::generator;
use lambdabox_runtime::{Capabilities, FailureCode, Limits, Refused, RunOutcome, Sandbox};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn env<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T>
where
    T::Err: std::fmt::Display,
{
    match std::env::var(name) {
        Ok(value) => value.parse().map_err(|e| anyhow::anyhow!("{name}={value}: {e}")),
        Err(_) => Ok(default),
    }
}

struct Settings {
    seconds: u64,
    seed: u64,
    workers: usize,
    in_flight: usize,
    timeout: Duration,
    memory_bytes: usize,
    max_rss: u64,
    margin: Duration,
    trace: PathBuf,
}

/// What the run saw, by kind of outcome.
#[derive(Default)]
struct Tally {
    outcomes: BTreeMap<String, u64>,
    violations: Vec<String>,
    slowest: Duration,
}

fn main() -> anyhow::Result<()> {
    let clock_seed = SystemTime::now().duration_since(UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64);
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let settings = Settings {
        seconds: env("FUZZ_SECONDS", 20)?,
        seed: env("FUZZ_SEED", clock_seed)?,
        workers: env("FUZZ_WORKERS", 2)?,
        in_flight: env("FUZZ_IN_FLIGHT", 8)?,
        timeout: Duration::from_millis(env("FUZZ_TIMEOUT_MS", 500)?),
        memory_bytes: env::<usize>("FUZZ_MEMORY_MB", 32)? * 1024 * 1024,
        max_rss: env::<u64>("FUZZ_MAX_RSS_MB", 2048)? * 1024 * 1024,
        margin: Duration::from_millis(env("FUZZ_MARGIN_MS", 1000)?),
        trace: std::env::var_os("FUZZ_TRACE").map_or_else(|| target.join("engine-fuzz-trace.txt"), PathBuf::from),
    };
    let limits = Limits { timeout: settings.timeout, memory_bytes: settings.memory_bytes, ..Limits::default() };
    let sandbox = Sandbox::start(limits, settings.workers, settings.in_flight * 4)?;
    let io = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build()?;

    if let Ok(replay) = std::env::var("FUZZ_REPLAY") {
        let (seed, index) = replay.split_once(':').context("FUZZ_REPLAY=seed:index")?;
        let source = generator::program(seed.parse()?, index.parse()?);
        println!("{source}");
        let outcome = io.block_on(async {
            let compiled = sandbox.compile(&source);
            match compiled {
                Ok(compiled) => format!("{:?}", sandbox.run(&compiled, input(), caps()).await),
                Err(e) => format!("compile error: {e}"),
            }
        });
        println!("{outcome}");
        return Ok(());
    }

    println!(
        "engine-fuzz: seed {} (replay one program: FUZZ_REPLAY={}:INDEX), {} s, {} workers, {} in flight, {:?} per invocation",
        settings.seed, settings.seed, settings.seconds, settings.workers, settings.in_flight, settings.timeout
    );
    std::io::stdout().flush()?;
    if let Some(parent) = settings.trace.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let trace = Arc::new(Mutex::new(std::fs::File::create(&settings.trace)?));
    let tally = Arc::new(Mutex::new(Tally::default()));
    let next = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let end = started + Duration::from_secs(settings.seconds);
    let answer_limit = settings.timeout + Duration::from_millis(60) + settings.margin;

    let max_rss = io.block_on(async {
        let mut tasks = Vec::new();
        for _ in 0..settings.in_flight {
            let (sandbox, trace, tally, next, stop) =
                (sandbox.clone(), trace.clone(), tally.clone(), next.clone(), stop.clone());
            let seed = settings.seed;
            tasks.push(tokio::spawn(async move {
                while Instant::now() < end && !stop.load(Ordering::Relaxed) {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let source = generator::program(seed, index);
                    if let Ok(mut file) = trace.lock() {
                        let _ = writeln!(file, "{seed}:{index}");
                    }
                    let (kind, violation, took) = invoke(&sandbox, &source, answer_limit).await;
                    if let Ok(mut tally) = tally.lock() {
                        *tally.outcomes.entry(kind).or_default() += 1;
                        tally.slowest = tally.slowest.max(took);
                        if let Some(violation) = violation {
                            tally.violations.push(format!("{seed}:{index}: {violation}"));
                            stop.store(true, Ordering::Relaxed);
                        }
                    }
                }
            }));
        }
        let mut max_rss = 0u64;
        while tasks.iter().any(|t| !t.is_finished()) {
            tokio::time::sleep(Duration::from_millis(200)).await;
            let rss = resident_bytes();
            max_rss = max_rss.max(rss);
            if rss > settings.max_rss
                && let Ok(mut tally) = tally.lock()
            {
                tally.violations.push(format!("resident memory {} MiB over the cap", rss >> 20));
                stop.store(true, Ordering::Relaxed);
            }
        }
        max_rss
    });

    let tally = std::mem::take(&mut *tally.lock().map_err(|_| anyhow::anyhow!("tally lock poisoned"))?);
    let total: u64 = tally.outcomes.values().sum();
    println!(
        "engine-fuzz: {total} programs in {:.1} s ({:.0}/s), slowest answer {:?} (limit {:?}), longest JS past a deadline {:?}, max resident {} MiB",
        started.elapsed().as_secs_f64(),
        total as f64 / started.elapsed().as_secs_f64(),
        tally.slowest,
        answer_limit,
        sandbox.max_overshoot(),
        max_rss >> 20
    );
    for (kind, count) in &tally.outcomes {
        println!("  {count:8}  {kind}");
    }
    if !tally.violations.is_empty() {
        for violation in &tally.violations {
            println!("engine-fuzz: VIOLATION {violation}");
        }
        bail!("engine-fuzz: {} violations (seed {})", tally.violations.len(), settings.seed);
    }
    println!("engine-fuzz: OK (seed {})", settings.seed);
    Ok(())
}

fn input() -> serde_json::Value {
    serde_json::json!({ "timestamp": 1_700_000_000_000_i64, "headers": [], "payload": { "n": 1 } })
}

fn caps() -> Capabilities {
    Capabilities::new("le-fuzz", "lambda-fuzz")
}

/// Runs one program; returns its kind of outcome, a violation if any, and how long it took.
async fn invoke(sandbox: &Sandbox, source: &str, answer_limit: Duration) -> (String, Option<String>, Duration) {
    let compiled = match sandbox.compile(source) {
        Ok(compiled) => compiled,
        Err(_) => return ("compile error".to_owned(), None, Duration::ZERO),
    };
    let started = Instant::now();
    loop {
        // A hard bound of our own, in case the sandbox's own deadline handling is what broke.
        let run = tokio::time::timeout(answer_limit * 4, sandbox.run(&compiled, input(), caps())).await;
        let took = started.elapsed();
        let result = match run {
            Err(_) => return ("no answer".to_owned(), Some(format!("no answer after {took:?}")), took),
            Ok(Err(Refused::Busy | Refused::MemoryBudget { .. })) => {
                tokio::time::sleep(Duration::from_millis(5)).await;
                continue;
            }
            Ok(Ok(result)) => result,
        };
        let took = result.duration;
        let kind = match &result.outcome {
            RunOutcome::Ok(_) => "ok".to_owned(),
            RunOutcome::Failure { code, message } => {
                let detail = match code {
                    FailureCode::RuntimeException if message.starts_with("out of memory") => " (out of memory)",
                    FailureCode::RuntimeException if message.starts_with("stack overflow") => " (stack overflow)",
                    _ => "",
                };
                format!("{code:?}{detail}")
            }
        };
        let violation = if took > answer_limit {
            Some(format!("answered after {took:?}, limit {answer_limit:?}"))
        } else if let RunOutcome::Failure { message, .. } = &result.outcome
            && message.contains("stopped unexpectedly")
        {
            Some(format!("worker died: {message}"))
        } else {
            None
        };
        return (kind, violation, took);
    }
}

/// The process's resident set size, from /proc (0 where there is none).
fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|statm| statm.split_whitespace().nth(1).and_then(|pages| pages.parse::<u64>().ok()))
        .map_or(0, |pages| pages * 4096)
}
