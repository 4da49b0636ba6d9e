//! test262 run of lambdabox's patched QuickJS: every test in a fresh runtime and context made
//! exactly as the sandbox makes one (`lambdabox_runtime::conformance`), many per thread, sloppy
//! and strict runs as quickjs-ng's `run-test262 -a` (modules and `raw` tests once), with a time
//! limit per test. Writes the failing runs to a file, compares with the checked-in baseline
//! and exits non-zero when fewer runs pass than it records or a run fails that it does not list.
//!
//!   test262 [--threads N] [--batch N] [--time-limit-ms N] [--filter TEXT] [--suite DIR]
//!           [--failures FILE] [--baseline FILE] [--skip-list FILE] [--no-baseline]
//!
//! The suite is unpacked from `test262/test262-<commit>.tar.zst` (needs `zstd` and `tar`) into
//! `--suite` (default: `$CARGO_TARGET_DIR/test262-<commit>`, else `target/test262-<commit>`).

use anyhow::{Context as _, bail};
use lambdabox_conformance::baseline::Baseline;
use lambdabox_conformance::front_matter::{self, Meta};
use lambdabox_conformance::skip::SkipList;
use lambdabox_runtime::conformance::{Engine, Outcome, Phase, Test};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const COMMIT: &str = "be13516f";
const CRATE_DIR: &str = env!("CARGO_MANIFEST_DIR");
/// The sandbox's worker threads have this much stack; test threads get the same.
const THREAD_STACK: usize = 32 * 1024 * 1024;

struct Options {
    threads: usize,
    batch: usize,
    time_limit: Duration,
    filter: Option<String>,
    suite: PathBuf,
    failures: PathBuf,
    baseline: Option<PathBuf>,
    skip_list: PathBuf,
}

fn options() -> anyhow::Result<Options> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(CRATE_DIR).join("../../target"));
    let mut options = Options {
        threads: 2,
        batch: 500,
        time_limit: Duration::from_secs(10),
        filter: None,
        suite: target.join(format!("test262-{COMMIT}")),
        failures: target.join("test262-failures.txt"),
        baseline: Some(Path::new(CRATE_DIR).join("test262-baseline.txt")),
        skip_list: Path::new(CRATE_DIR).join("test262-skip.txt"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--threads" => options.threads = value()?.parse()?,
            "--batch" => options.batch = value()?.parse()?,
            "--time-limit-ms" => options.time_limit = Duration::from_millis(value()?.parse()?),
            "--filter" => options.filter = Some(value()?),
            "--suite" => options.suite = value()?.into(),
            "--failures" => options.failures = value()?.into(),
            "--baseline" => options.baseline = Some(value()?.into()),
            "--no-baseline" => options.baseline = None,
            "--skip-list" => options.skip_list = value()?.into(),
            other => bail!("unknown argument {other} (see the top of src/bin/test262.rs)"),
        }
    }
    options.threads = options.threads.max(1);
    options.batch = options.batch.max(1);
    Ok(options)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Sloppy,
    Strict,
    Module,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Sloppy => "sloppy",
            Mode::Strict => "strict",
            Mode::Module => "module",
        }
    }
}

/// One test file, read and parsed.
struct TestFile {
    /// Path under `test/`, as in run ids.
    id: String,
    path: String,
    source: String,
    meta: Meta,
}

/// A run's index and, if it failed, why.
type Verdict = (usize, Option<String>);

/// One run of a test file in one mode.
struct Run {
    file: Arc<TestFile>,
    mode: Mode,
}

impl Run {
    fn id(&self) -> String {
        format!("{}:{}", self.file.id, self.mode.name())
    }
}

fn main() -> anyhow::Result<()> {
    let started = Instant::now();
    let mut options = options()?;
    // Date tests depend on the local time zone; every machine runs them in the same one.
    // SAFETY: no other thread exists yet.
    #[allow(unsafe_code)]
    unsafe {
        std::env::set_var("TZ", "UTC")
    };
    unpack(&options.suite)?;
    // Module names are paths, and the module loader normalises an import's path (`..` and `.`
    // resolved): a test must be named by the same canonical path, or a module that imports
    // itself would get a second instance (the default suite dir has `../..` in it).
    options.suite =
        std::fs::canonicalize(&options.suite).with_context(|| format!("resolving {}", options.suite.display()))?;
    let skip = SkipList::parse(&std::fs::read_to_string(&options.skip_list).context("reading the skip list")?)
        .map_err(|e| anyhow::anyhow!("{}: {e}", options.skip_list.display()))?;
    let harness = load_harness(&options.suite.join("harness"))?;

    let mut files = Vec::new();
    collect(&options.suite.join("test"), &mut files)?;
    files.sort();
    let mut runs = Vec::new();
    let mut skipped_files = 0usize;
    let mut skip_reasons: BTreeMap<String, usize> = BTreeMap::new();
    let test_dir = options.suite.join("test");
    for path in files {
        let id = path.strip_prefix(&test_dir).unwrap_or(&path).to_string_lossy().into_owned();
        if options.filter.as_ref().is_some_and(|f| !id.contains(f.as_str())) {
            continue;
        }
        let source = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let meta = front_matter::parse(&source);
        if let Some(reason) = skip.reason(&meta, &source) {
            skipped_files += 1;
            *skip_reasons.entry(reason).or_default() += 1;
            continue;
        }
        for include in &meta.includes {
            if !harness.contains_key(include) {
                bail!("{id} includes {include}, which harness/ does not have");
            }
        }
        let modes: &[Mode] = if meta.has_flag("module") {
            &[Mode::Module]
        } else if meta.has_flag("raw") || meta.has_flag("noStrict") {
            &[Mode::Sloppy]
        } else if meta.has_flag("onlyStrict") {
            &[Mode::Strict]
        } else {
            &[Mode::Sloppy, Mode::Strict]
        };
        let file = Arc::new(TestFile { id, path: path.to_string_lossy().into_owned(), source, meta });
        runs.extend(modes.iter().map(|&mode| Run { file: file.clone(), mode }));
    }
    let prepared = started.elapsed();
    eprintln!(
        "test262: {} runs of {} files ({} files skipped), {} threads, {} runs per batch; prepared in {:.1}s",
        runs.len(),
        runs.iter().map(|r| Arc::as_ptr(&r.file)).collect::<std::collections::HashSet<_>>().len(),
        skipped_files,
        options.threads,
        options.batch,
        prepared.as_secs_f64()
    );

    Engine::new()?.self_check().map_err(|e| anyhow::anyhow!("conformance self-check: {e}"))?;

    let runs = Arc::new(runs);
    let harness = Arc::new(harness);
    let next = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicUsize::new(0));
    let results: Arc<Mutex<Vec<Verdict>>> = Arc::new(Mutex::new(Vec::with_capacity(runs.len())));
    let mut threads = Vec::new();
    for index in 0..options.threads {
        let (runs, harness, next, done, results) =
            (runs.clone(), harness.clone(), next.clone(), done.clone(), results.clone());
        let (batch, time_limit) = (options.batch, options.time_limit);
        let thread = std::thread::Builder::new().name(format!("test262-{index}")).stack_size(THREAD_STACK).spawn(
            move || -> anyhow::Result<()> {
                let engine = Engine::new()?;
                loop {
                    let start = next.fetch_add(batch, Ordering::Relaxed);
                    if start >= runs.len() {
                        return Ok(());
                    }
                    let end = (start + batch).min(runs.len());
                    let mut verdicts = Vec::with_capacity(end - start);
                    for (offset, run) in runs[start..end].iter().enumerate() {
                        verdicts.push((start + offset, run_one(&engine, &harness, run, time_limit)));
                    }
                    let total = done.fetch_add(end - start, Ordering::Relaxed) + end - start;
                    if total / 10_000 != (total - (end - start)) / 10_000 {
                        eprintln!("test262: {total} of {} runs done", runs.len());
                    }
                    if let Ok(mut results) = results.lock() {
                        results.extend(verdicts);
                    }
                }
            },
        )?;
        threads.push(thread);
    }
    for thread in threads {
        match thread.join() {
            Ok(result) => result?,
            Err(_) => bail!("a test thread panicked"),
        }
    }
    let elapsed = started.elapsed();

    let results = std::mem::take(&mut *results.lock().map_err(|_| anyhow::anyhow!("results lock poisoned"))?);
    let mut failures: BTreeMap<String, String> = BTreeMap::new();
    let mut passed = 0usize;
    for (index, verdict) in results {
        match verdict {
            None => passed += 1,
            Some(reason) => {
                failures.insert(runs[index].id(), reason);
            }
        }
    }
    if let Some(parent) = options.failures.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let listing: String = failures.iter().map(|(id, reason)| format!("{id}\t{}\n", one_line(reason))).collect();
    std::fs::write(&options.failures, listing)?;

    eprintln!("test262: skipped files by reason:");
    for (reason, count) in &skip_reasons {
        eprintln!("  {count:6}  {reason}");
    }
    println!(
        "test262: {} runs, {} passed, {} failed; {} files skipped; {:.1}s; failures in {}",
        runs.len(),
        passed,
        failures.len(),
        skipped_files,
        elapsed.as_secs_f64(),
        options.failures.display()
    );

    let mut ok = true;
    if let Some(path) = &options.baseline {
        let baseline = Baseline::parse(&std::fs::read_to_string(path).context("reading the baseline")?)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let failing: BTreeSet<String> = failures.keys().cloned().collect();
        let comparison = baseline.compare(passed, &failing);
        if options.filter.is_some() {
            println!("test262: --filter given, baseline not checked");
        } else {
            for id in &comparison.new_failures {
                println!("test262: NEW FAILURE {id}: {}", failures.get(id).map(|r| one_line(r)).unwrap_or_default());
            }
            if !comparison.no_longer_failing.is_empty() {
                println!(
                    "test262: {} runs the baseline lists as failing pass now (remove them from {} and raise its count):",
                    comparison.no_longer_failing.len(),
                    path.display()
                );
                for id in &comparison.no_longer_failing {
                    println!("  {id}");
                }
            }
            if comparison.below_count {
                println!("test262: {passed} runs passed, fewer than the baseline's {}", baseline.passed);
            }
            ok = comparison.ok();
            println!("test262: baseline {} passed; {}", baseline.passed, if ok { "OK" } else { "REGRESSION" });
        }
    }
    println!("test262: {} passed, {} failed", passed, failures.len());
    if !ok {
        std::process::exit(1);
    }
    Ok(())
}

/// Runs one test; `None` when it passed, else why it failed.
fn run_one(engine: &Engine, harness: &HashMap<String, String>, run: &Run, time_limit: Duration) -> Option<String> {
    let meta = &run.file.meta;
    let raw = meta.has_flag("raw");
    let is_async = meta.has_flag("async");
    let mut names: Vec<&str> = Vec::new();
    if !raw {
        names.extend(["assert.js", "sta.js"]);
        if is_async {
            names.push("doneprintHandle.js");
        }
    }
    for include in &meta.includes {
        if !names.contains(&include.as_str()) {
            names.push(include);
        }
    }
    let scripts: Vec<(&str, &str)> =
        names.iter().filter_map(|n| harness.get(*n).map(|s| (*n, s.as_str()))).collect::<Vec<_>>();
    let strict_source;
    let source = if run.mode == Mode::Strict {
        strict_source = format!("'use strict';\n{}", run.file.source);
        strict_source.as_str()
    } else {
        run.file.source.as_str()
    };
    let test = Test { harness: &scripts, source, path: &run.file.path, module: run.mode == Mode::Module, time_limit };
    match engine.run(&test) {
        Ok(outcome) => verdict(meta, &outcome),
        Err(e) => Some(format!("host: {e}")),
    }
}

fn verdict(meta: &Meta, outcome: &Outcome) -> Option<String> {
    if outcome.timed_out {
        return Some("timed out".to_owned());
    }
    let thrown = outcome.thrown.as_ref();
    if let Some(thrown) = thrown.filter(|t| t.phase == Phase::Harness) {
        return Some(format!("harness: {}: {}", thrown.name, thrown.message));
    }
    if let Some(negative) = &meta.negative {
        let Some(thrown) = thrown else {
            return Some(format!("expected {} at {} time, nothing was thrown", negative.kind, negative.phase));
        };
        let phase_ok = match negative.phase.as_str() {
            "parse" => thrown.phase == Phase::Parse,
            // QuickJS loads a module's imports as it compiles it and links them as it
            // evaluates it: a resolution error can surface in any of the three steps.
            "resolution" => matches!(thrown.phase, Phase::Parse | Phase::Resolution | Phase::Runtime),
            _ => thrown.phase == Phase::Runtime,
        };
        if phase_ok && thrown.name == negative.kind {
            return None;
        }
        return Some(format!(
            "expected {} at {} time, got {:?} {}: {}",
            negative.kind, negative.phase, thrown.phase, thrown.name, thrown.message
        ));
    }
    if let Some(thrown) = thrown {
        return Some(format!("{:?}: {}: {}", thrown.phase, thrown.name, thrown.message));
    }
    if meta.has_flag("async") {
        if let Some(failure) = outcome.printed.iter().find(|p| p.starts_with("Test262:AsyncTestFailure")) {
            return Some(failure.clone());
        }
        if !outcome.printed.iter().any(|p| p == "Test262:AsyncTestComplete") {
            return Some("async test did not complete".to_owned());
        }
    }
    None
}

fn one_line(text: &str) -> String {
    let line: String = text.chars().map(|c| if c == '\n' || c == '\t' { ' ' } else { c }).collect();
    if line.chars().count() > 300 { line.chars().take(300).collect::<String>() + "..." } else { line }
}

/// Unpacks the vendored archive into `dir` unless a previous run did.
fn unpack(dir: &Path) -> anyhow::Result<()> {
    let marker = dir.join(".unpacked");
    if marker.exists() {
        return Ok(());
    }
    let archive = Path::new(CRATE_DIR).join(format!("test262/test262-{COMMIT}.tar.zst"));
    let started = Instant::now();
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let mut zstd = Command::new("zstd")
        .arg("-dc")
        .arg(&archive)
        .stdout(Stdio::piped())
        .spawn()
        .context("running zstd (install it: apt-get install zstd)")?;
    let stdout = zstd.stdout.take().context("zstd's output")?;
    let tar = Command::new("tar").arg("-x").arg("-C").arg(dir).stdin(stdout).status().context("running tar")?;
    let zstd = zstd.wait()?;
    if !zstd.success() || !tar.success() {
        bail!("unpacking {} failed (zstd {zstd}, tar {tar})", archive.display());
    }
    std::fs::write(&marker, COMMIT)?;
    eprintln!("test262: unpacked {} in {:.1}s", archive.display(), started.elapsed().as_secs_f64());
    Ok(())
}

fn load_harness(dir: &Path) -> anyhow::Result<HashMap<String, String>> {
    let mut harness = HashMap::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "js")
            && let Some(name) = path.file_name().and_then(|n| n.to_str())
        {
            harness.insert(name.to_owned(), std::fs::read_to_string(&path)?);
        }
    }
    Ok(harness)
}

/// Every test file under `dir` (not the `_FIXTURE` files modules import).
fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "js")
            && !path.file_name().is_some_and(|n| n.to_string_lossy().contains("_FIXTURE"))
        {
            files.push(path);
        }
    }
    Ok(())
}
