//! The QuickJS sandbox that runs lambdas. Knows nothing of HTTP servers, SQL or sessions:
//! callers hand in compiled code, the input object and [`Capabilities`], and get a
//! [`RunResult`] back. See `pool` for threads, `invocation` for the event loop.

mod bytecode;
mod cancel;
mod capabilities;
mod compile;
#[cfg(feature = "conformance")]
pub mod conformance;
mod engine;
mod interrupt;
mod invocation;
mod lazy;
mod limits;
mod modules;
mod natives;
mod ops;
mod pool;
mod process;
mod rate;
mod shared;
mod state;

pub use capabilities::{
    BoxFuture, Capabilities, ClientTls, HttpEgress, HttpError, HttpRequest, HttpResponse, Nothing, Orchestrator,
    OrchestratorReply, SecretError, SecretStore,
};
pub use compile::{CompileError, Compiled, EXPECTED_FIRST_LINE, LambdaStyle, MAX_CODE_CHARS};
pub use lambdabox_domain::outcome::{FailureCode, LogEntry, LogLevel, RunOutcome, RunResult};
pub use limits::{Limits, MAX_TIMEOUT};
pub use process::server::{ProcessOptions, WORKER_OVERHEAD, WORKER_PROCESS_ENV, default_memory_total_bytes};
pub use process::worker_main;

use limits::CALLER_GRACE;
use shared::{Job, Shared};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::oneshot;

/// The prelude installed into every context (see `js/prelude.js`).
const PRELUDE: &str = include_str!("js/prelude.js");

/// The sandbox could not be started.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    /// A bundled script failed to compile (a build defect).
    #[error("bundled JavaScript failed to compile: {0}")]
    Bundled(#[from] CompileError),
    /// A thread or the I/O runtime could not be started.
    #[error("could not start sandbox threads: {0}")]
    Threads(#[from] std::io::Error),
}

/// What a run may be given besides its code, input and capabilities.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// End the run at this instant if it comes before the time limit.
    pub deadline: Option<Instant>,
}

/// Why a run was not started; the API answers 429 to both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// Every worker is busy and the queue is full.
    #[error("the sandbox queue is full")]
    Busy,
    /// The worker processes' memory is at the budget (`--lambda-memory-total-mb`).
    #[error("the lambdas' memory budget of {budget_mib} MiB is in use")]
    MemoryBudget {
        /// The budget, in MiB.
        budget_mib: u64,
    },
}

/// Handle to a pool of JS worker threads; cheap to clone.
#[derive(Clone)]
pub struct Sandbox {
    inner: Arc<Inner>,
}

struct Inner {
    backend: Backend,
    limits: Limits,
    io: Option<tokio::runtime::Runtime>,
    max_overshoot_us: Arc<AtomicU64>,
}

/// Where the JavaScript runs.
enum Backend {
    /// In threads of this process, fed by `jobs`.
    Threads {
        jobs: async_channel::Sender<Job>,
        #[cfg_attr(not(test), allow(dead_code))]
        shared: Arc<Shared>,
    },
    /// In worker processes, with their own queue.
    Processes(process::server::Pool),
}

impl Inner {
    fn processes(&self) -> Option<&process::server::Pool> {
        match &self.backend {
            Backend::Processes(pool) => Some(pool),
            Backend::Threads { .. } => None,
        }
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let Backend::Threads { jobs, .. } = &self.backend {
            jobs.close();
        }
        if let Some(io) = self.io.take() {
            io.shutdown_background();
        }
    }
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox").field("limits", &self.inner.limits).finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Starts `workers` JS threads (at least one) with a queue of `queue` waiting jobs, and
    /// compiles the prelude (the bundled modules are compiled when first loaded).
    pub fn start(limits: Limits, workers: usize, queue: usize) -> Result<Self, RuntimeError> {
        let limits = limits.checked();
        let prelude = compile::compile_source(PRELUDE, "prelude.js", false)?;
        let bundles = modules::Bundles::lazy();
        let io = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("lambdabox-js-io")
            .enable_all()
            .build()?;
        let (tx, rx) = async_channel::bounded(queue.max(1));
        let max_overshoot_us = Arc::new(AtomicU64::new(0));
        let shared = Arc::new(Shared {
            limits: limits.clone(),
            prelude,
            bundles,
            rates: rate::RateLimits::default(),
            io: io.handle().clone(),
            jobs: rx,
            epoch: Instant::now(),
            max_overshoot_us: max_overshoot_us.clone(),
            link: None,
            beacon: None,
        });
        let health = (0..workers.max(1))
            .map(|index| pool::spawn_worker(shared.clone(), index))
            .collect::<Result<Vec<_>, _>>()?;
        pool::spawn_watchdog(shared.clone(), health)?;
        let backend = Backend::Threads { jobs: tx, shared };
        Ok(Self { inner: Arc::new(Inner { backend, limits, io: Some(io), max_overshoot_us }) })
    }

    /// Like [`Sandbox::start`], but the JavaScript runs in `workers` worker processes (the
    /// program in `options`, started as `PROGRAM worker`, which must call [`worker_main`]),
    /// each with one JS thread; this process keeps the queue and the capabilities.
    pub fn start_processes(
        limits: Limits,
        workers: usize,
        queue: usize,
        options: &ProcessOptions,
    ) -> Result<Self, RuntimeError> {
        let limits = limits.checked();
        // Fail here, not in every worker, if a bundled script does not compile.
        compile::compile_source(PRELUDE, "prelude.js", false)?;
        modules::Bundles::compile()?;
        let io = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("lambdabox-workers-io")
            .enable_all()
            .build()?;
        let max_overshoot_us = Arc::new(AtomicU64::new(0));
        let pool = process::server::Pool::start(
            limits.clone(),
            workers,
            queue,
            options,
            io.handle(),
            max_overshoot_us.clone(),
        )?;
        let backend = Backend::Processes(pool);
        Ok(Self { inner: Arc::new(Inner { backend, limits, io: Some(io), max_overshoot_us }) })
    }

    /// Process ids of the worker processes running now (empty when the JS runs in threads
    /// of this process).
    pub fn worker_pids(&self) -> Vec<u32> {
        self.inner.processes().map(process::server::Pool::pids).unwrap_or_default()
    }

    /// Resident memory of the worker processes as last measured, and the budget, in bytes
    /// (None when the JS runs in threads of this process).
    pub fn memory_use(&self) -> Option<(u64, u64)> {
        self.inner.processes().map(|pool| (pool.resident_bytes(), pool.budget_bytes()))
    }

    /// One worker per core: the usual `workers` argument for [`Sandbox::start`].
    pub fn default_workers() -> usize {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }

    /// The limits in force (after clamping).
    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// The longest any stretch of JS has run past its invocation's deadline so far (the
    /// caller is answered on time regardless; this shows how long a worker stayed busy).
    pub fn max_overshoot(&self) -> std::time::Duration {
        std::time::Duration::from_micros(self.inner.max_overshoot_us.load(Ordering::Relaxed))
    }

    /// Checks the contract and compiles `code` to bytecode; call once per deploy.
    pub fn compile(&self, code: &str) -> Result<Compiled, CompileError> {
        compile::compile(code)
    }

    /// Runs one invocation. The answer always arrives within the time limit plus a few
    /// milliseconds, whatever the lambda does; `Busy` when the queue is full.
    pub async fn run(
        &self,
        compiled: &Compiled,
        input: serde_json::Value,
        caps: Capabilities,
    ) -> Result<RunResult, Refused> {
        self.run_with(compiled, input, caps, RunOptions::default()).await
    }

    /// `run` with options: an earlier deadline than the time limit (an orchestrated call
    /// never outlives its parent). Dropping the returned future before it completes ends the
    /// run at its next interrupt poll or wake-up. Work the lambda leaves running after its
    /// answer still runs to its end or the deadline, unseen: see [`Sandbox::run_with_tail`].
    pub async fn run_with(
        &self,
        compiled: &Compiled,
        input: serde_json::Value,
        caps: Capabilities,
        options: RunOptions,
    ) -> Result<RunResult, Refused> {
        Ok(self.run_with_tail(compiled, input, caps, options).await?.0)
    }

    /// `run_with`, and the [`Tail`] of a lambda that left work running after it answered.
    pub async fn run_with_tail(
        &self,
        compiled: &Compiled,
        input: serde_json::Value,
        caps: Capabilities,
        options: RunOptions,
    ) -> Result<(RunResult, Option<Tail>), Refused> {
        if let Some(pool) = self.inner.processes()
            && pool.resident_bytes() >= pool.budget_bytes()
        {
            return Err(Refused::MemoryBudget { budget_mib: pool.budget_bytes() >> 20 });
        }
        let started = Instant::now();
        let limit = started + self.inner.limits.timeout;
        let deadline = options.deadline.map_or(limit, |d| d.min(limit));
        // Whole milliseconds, rounded up: the limit as configured, or what the parent had left.
        let left = deadline.saturating_duration_since(started);
        let timeout = std::time::Duration::from_millis(left.as_micros().div_ceil(1000) as u64);
        let logs = Arc::new(Mutex::new(Vec::new()));
        let (reply, answer) = oneshot::channel();
        let (finished, ended) = oneshot::channel();
        let cancel = cancel::Cancel::default();
        let cancel_on_drop = cancel::CancelOnDrop::new(cancel.clone());
        let input = serde_json::to_string(&input).unwrap_or_else(|_| "null".to_owned());
        let job = Job {
            id: 0,
            compiled: compiled.clone(),
            input,
            caps,
            deadline,
            timeout,
            logs: logs.clone(),
            reply: shared::Reply::Caller { answer: Some(reply), _finished: finished },
            cancel,
        };
        match &self.inner.backend {
            Backend::Processes(pool) => pool.submit(job)?,
            Backend::Threads { jobs, .. } => jobs.try_send(job).map_err(|_| Refused::Busy)?,
        }
        let (outcome, tail) = match tokio::time::timeout_at((deadline + CALLER_GRACE).into(), answer).await {
            Ok(Ok(answer)) => (answer.outcome, answer.tail),
            Ok(Err(_)) => {
                (RunOutcome::failure(FailureCode::PlatformFailure, "the sandbox worker stopped unexpectedly"), false)
            }
            Err(_) => (RunOutcome::timeout(timeout), false),
        };
        let logs_so_far = logs.lock().map(|logs| logs.clone()).unwrap_or_default();
        let tail = tail.then(|| {
            // Answered: the work after the answer is the lambda's, not the caller's, to end.
            cancel_on_drop.disarm();
            Tail { from: logs_so_far.len(), logs, ended, deadline }
        });
        Ok((RunResult { outcome, logs: logs_so_far, duration: started.elapsed() }, tail))
    }
}

/// Work a lambda left running after it answered (timers, promises, host operations, as on
/// LivePerson Functions, where the instance goes on after the callback): it runs with the
/// invocation's capabilities and limits until it ends or the invocation's deadline.
#[derive(Debug)]
pub struct Tail {
    logs: Arc<Mutex<Vec<LogEntry>>>,
    from: usize,
    ended: oneshot::Receiver<()>,
    deadline: Instant,
}

impl Tail {
    /// Waits until the work has ended and returns the log entries written after the answer.
    pub async fn finished(self) -> Vec<LogEntry> {
        // The run ends by its deadline; the bound only matters if a worker is lost.
        let _ = tokio::time::timeout_at((self.deadline + CALLER_GRACE).into(), self.ended).await;
        self.logs.lock().map(|logs| logs.get(self.from..).unwrap_or_default().to_vec()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

    use super::*;
    use std::time::Duration;

    /// The atoms a fresh context makes at run time today (see the test below).
    const MAX_RUNTIME_ATOMS_OF_A_FRESH_CONTEXT: i64 = 12;

    /// Every invocation's host state (and, through it, a reference to the sandbox's shared
    /// state) is held by the Rust closures behind its native functions and by the Rust data of
    /// the buffers it makes. A runtime is freed without freeing its objects one by one (see
    /// `js_free_runtime_region` in the vendored QuickJS), so this checks that the finalizers
    /// that release Rust data still run: otherwise every invocation would leave one more
    /// reference to the shared state behind.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn tearing_a_runtime_down_releases_what_its_natives_hold() {
        let sandbox = Sandbox::start(Limits::default(), 1, 16).unwrap();
        let code = "function lambda(input, callback) {\n\
                    const crypto = require('crypto');\n\
                    const bytes = Buffer.from('lambdabox', 'utf8');\n\
                    const digest = crypto.createHash('sha256').update(bytes).digest('hex');\n\
                    console.info('digest', digest);\n\
                    setTimeout(() => callback(null, { digest, hex: bytes.toString('hex') }), 1);\n\
                    }";
        let compiled = sandbox.compile(code).unwrap();
        let caps = || Capabilities::new("le1", "uuid-1");
        let run = |compiled: Compiled| {
            let sandbox = sandbox.clone();
            async move {
                let result = sandbox.run(&compiled, serde_json::json!({ "payload": {} }), caps()).await.unwrap();
                assert!(matches!(result.outcome, RunOutcome::Ok(_)), "{:?}", result.outcome);
            }
        };
        let settled = |target: Option<usize>| {
            let Backend::Threads { shared, .. } = &sandbox.inner.backend else { panic!("threads") };
            let shared = shared.clone();
            async move {
                // The worker tears the finished runtime down and prepares the next one after
                // it replies: wait until the count is steady (or, with a target, reached).
                let mut last = usize::MAX;
                for _ in 0..200 {
                    let now = Arc::strong_count(&shared) - 1;
                    if target.map_or(now == last, |target| now == target) {
                        return now;
                    }
                    last = now;
                    tokio::time::sleep(Duration::from_millis(25)).await;
                }
                last
            }
        };
        run(compiled.clone()).await;
        let before = settled(None).await;
        for _ in 0..50 {
            run(compiled.clone()).await;
        }
        assert_eq!(settled(Some(before)).await, before, "invocations left their host state behind");
    }

    /// The names a fresh context uses are predefined atoms, shared by the runtimes of a thread
    /// (`vendor/rquickjs-sys/extra-atoms.txt`, patch 0007): a name missing from that list costs
    /// every invocation an atom made at run time. This counts the atoms a fresh context makes
    /// for itself beyond the predefined ones; when it grows, the list is out of date.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_fresh_context_makes_almost_no_atoms_of_its_own() {
        let sandbox = Sandbox::start(Limits::default(), 1, 16).unwrap();
        let Backend::Threads { shared, .. } = &sandbox.inner.backend else { panic!("threads") };
        let warm = engine::Warm::new(shared).unwrap();
        let predefined = i64::from(rquickjs::qjs::JS_ATOM_END);
        let made = warm.runtime.memory_usage().atom_count - predefined;
        assert!(
            made <= MAX_RUNTIME_ATOMS_OF_A_FRESH_CONTEXT,
            "a fresh context makes {made} atoms at run time (it made {MAX_RUNTIME_ATOMS_OF_A_FRESH_CONTEXT}): add the \
             names the prelude or the engine's set-up started to use to vendor/rquickjs-sys/extra-atoms.txt"
        );
    }
}
