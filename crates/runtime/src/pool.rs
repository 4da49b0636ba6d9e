//! Worker threads. Each owns a current-thread tokio runtime with a LocalSet and keeps many
//! invocations in flight (most wait on I/O); it takes a new job only when its JS is idle, so
//! CPU-bound work spreads over the workers. A watchdog replaces a worker stuck in one JS
//! slice past its deadline (a native built-in QuickJS cannot interrupt in time).

use super::engine::Warm;
use super::interrupt::RunningSlice;
use super::invocation;
use super::limits::{WATCHDOG_GRACE, WORKER_THREAD_STACK};
use super::shared::{Health, Shared};
use lambdabox_domain::outcome::RunOutcome;
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// A new worker's heartbeat (the watchdog reads it).
pub(crate) fn health(shared: Arc<Shared>) -> Arc<Health> {
    Arc::new(Health {
        shared,
        slice_deadline: AtomicU64::new(0),
        running: RunningSlice::default(),
        abandoned: AtomicBool::new(false),
        exited: AtomicBool::new(false),
        recent_job_ns: AtomicU64::new(0),
    })
}

/// Starts one worker thread.
pub(crate) fn spawn_worker(shared: Arc<Shared>, index: usize) -> std::io::Result<Arc<Health>> {
    let health = health(shared);
    let mine = health.clone();
    std::thread::Builder::new()
        .name(format!("lambdabox-js-{index}"))
        .stack_size(WORKER_THREAD_STACK)
        .spawn(move || worker_main(mine))?;
    Ok(health)
}

/// Marks the worker as gone when its thread ends, however it ends (even by a panic).
struct ExitGuard(Arc<Health>);

impl Drop for ExitGuard {
    fn drop(&mut self) {
        self.0.exited.store(true, Ordering::Release);
    }
}

fn worker_main(health: Arc<Health>) {
    let _guard = ExitGuard(health.clone());
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_time().build() else {
        tracing::error!("could not start a runtime worker");
        return;
    };
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, worker_loop(health));
}

/// Runs the worker loop on the calling thread, on `runtime`, beside `alongside` (a worker
/// process's connection to the server, which then needs no thread of its own); returns what
/// `alongside` returns, as soon as it does.
pub(crate) fn run_worker_alongside<F: std::future::Future>(
    health: Arc<Health>,
    runtime: &tokio::runtime::Runtime,
    alongside: F,
) -> F::Output {
    let _guard = ExitGuard(health.clone());
    let local = tokio::task::LocalSet::new();
    local.block_on(runtime, async move {
        tokio::task::spawn_local(worker_loop(health));
        alongside.await
    })
}

async fn worker_loop(health: Arc<Health>) {
    let shared = health.shared.clone();
    let in_flight = Rc::new(Cell::new(0usize));
    let idle = Rc::new(Notify::new());
    let mut warm: Option<Warm> = None;
    loop {
        if health.abandoned.load(Ordering::Acquire) {
            break;
        }
        if warm.is_none() {
            warm = prepare(&shared);
        }
        while in_flight.get() >= shared.limits.max_in_flight_per_worker {
            idle.notified().await;
        }
        // In a worker process the server hands out a job only to a worker that asks.
        if let Some(link) = &shared.link {
            link.ready(shared.jobs.len(), health.recent_job());
        }
        let Ok(mut job) = shared.jobs.recv().await else {
            break;
        };
        // Under overload a job can wait in the queue past its deadline; its caller has
        // already been answered, so don't spend a context on it.
        if job.reply.is_closed() || job.cancel.is_cancelled() || Instant::now() >= job.deadline {
            job.reply.send(RunOutcome::timeout(job.timeout), false);
            continue;
        }
        let Some(ready) = warm.take().or_else(|| prepare(&shared)) else {
            job.reply.send(
                RunOutcome::failure(
                    super::FailureCode::RuntimeException,
                    "the sandbox could not create a JavaScript context",
                ),
                false,
            );
            continue;
        };
        in_flight.set(in_flight.get() + 1);
        let (count, wake, health) = (in_flight.clone(), idle.clone(), health.clone());
        tokio::task::spawn_local(async move {
            invocation::run(ready, job, &health).await;
            count.set(count.get() - 1);
            wake.notify_one();
        });
        // Let the new invocation run its first slice before the next context is built.
        tokio::task::yield_now().await;
    }
    while in_flight.get() > 0 {
        idle.notified().await;
    }
}

fn prepare(shared: &Arc<Shared>) -> Option<Warm> {
    match Warm::new(shared) {
        Ok(warm) => Some(warm),
        Err(e) => {
            tracing::error!(error = %e, "could not prepare a JavaScript context");
            None
        }
    }
}

/// Watches the workers; a worker stuck past its slice deadline is abandoned (it finishes
/// what it has and exits) and a fresh worker takes its place.
pub(crate) fn spawn_watchdog(shared: Arc<Shared>, mut workers: Vec<Arc<Health>>) -> std::io::Result<()> {
    std::thread::Builder::new().name("lambdabox-js-watchdog".to_owned()).spawn(move || {
        let mut next_index = workers.len();
        while !shared.jobs.is_closed() {
            std::thread::sleep(Duration::from_millis(10));
            if let Some(link) = &shared.link {
                link.flush();
            }
            let now = Instant::now();
            for slot in &mut workers {
                let died = slot.exited.load(Ordering::Acquire) && !slot.abandoned.load(Ordering::Acquire);
                // A worker process without its JS thread is of no use: end it, and the server
                // answers its jobs and starts another.
                if died && shared.link.is_some() {
                    tracing::error!("the JS thread of a worker process ended; exiting");
                    std::process::exit(70);
                }
                let Some(overdue) = slot.overdue(now).or(died.then_some(u64::MAX)) else {
                    continue;
                };
                // Repeated every tick: the interpreter's countdown may overwrite a request.
                slot.running.request();
                // In a worker process the server kills the whole process instead (it reads
                // the same deadline from the shared page): a thread left spinning here
                // would burn CPU for good.
                if overdue <= WATCHDOG_GRACE.as_millis() as u64 || shared.link.is_some() {
                    continue;
                }
                slot.abandoned.store(true, Ordering::Release);
                tracing::warn!(died, "runtime worker stuck past its deadline or gone; starting a replacement");
                match spawn_worker(shared.clone(), next_index) {
                    Ok(fresh) => *slot = fresh,
                    Err(e) => {
                        tracing::error!(error = %e, "could not start a replacement worker")
                    }
                }
                next_index += 1;
            }
        }
    })?;
    Ok(())
}
