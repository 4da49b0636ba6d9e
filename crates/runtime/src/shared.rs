//! What the sandbox's threads share: a queued invocation (`Job`), the state every worker
//! reads (`Shared`: limits, the compiled prelude and modules, the job queue) and a worker's
//! heartbeat (`Health`) that the watchdog reads. `pool` runs the threads, `invocation` one job.

use super::capabilities::Capabilities;
use super::compile::Compiled;
use super::interrupt::RunningSlice;
use super::limits::Limits;
use super::modules::Bundles;
use super::process::Link;
use super::process::os::{Beacon, monotonic_ms};
use super::rate::RateLimits;
use lambdabox_domain::outcome::{LogEntry, RunOutcome};
use rquickjs::Context;
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// One queued invocation.
pub(crate) struct Job {
    /// Names the job between the server and a worker process (0 in-process).
    pub(crate) id: u64,
    pub(crate) compiled: Compiled,
    /// The input object as JSON text.
    pub(crate) input: String,
    pub(crate) caps: Capabilities,
    pub(crate) deadline: Instant,
    pub(crate) timeout: Duration,
    pub(crate) logs: Arc<Mutex<Vec<LogEntry>>>,
    pub(crate) reply: Reply,
    /// Set when the caller stopped waiting.
    pub(crate) cancel: super::cancel::Cancel,
}

/// What a run answers: its outcome, and whether the lambda left work running after it (the
/// run goes on until that work ends or the deadline; see [`Reply`]).
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) outcome: RunOutcome,
    pub(crate) tail: bool,
}

/// Where a job's outcome goes. The answer is sent once, at settlement; the reply itself lives
/// until the run has ended, work after the answer included, and its drop says so.
pub(crate) enum Reply {
    /// To the caller of `Sandbox::run` in this process; `finished` closes when the reply is
    /// dropped (the caller's [`crate::Tail`] waits for that).
    Caller { answer: Option<oneshot::Sender<Answer>>, _finished: oneshot::Sender<()> },
    /// In a worker process: to the server, straight from the JS thread. `answered` is the
    /// answer's `tail` once it was sent; the server hears of the run's end when a reply that
    /// answered with a tail is dropped.
    Server { link: Arc<Link>, id: u64, answered: Option<bool> },
}

impl Reply {
    /// Sends the answer (only the first call of a run does).
    pub(crate) fn send(&mut self, outcome: RunOutcome, tail: bool) {
        match self {
            Self::Caller { answer, .. } => {
                if let Some(answer) = answer.take() {
                    let _ = answer.send(Answer { outcome, tail });
                }
            }
            Self::Server { link, id, answered } => {
                if answered.is_none() {
                    *answered = Some(tail);
                    link.done(*id, outcome, tail);
                }
            }
        }
    }

    /// The caller stopped waiting (the server says so with a cancellation instead).
    pub(crate) fn is_closed(&self) -> bool {
        match self {
            Self::Caller { answer, .. } => answer.as_ref().is_none_or(oneshot::Sender::is_closed),
            Self::Server { .. } => false,
        }
    }
}

impl Drop for Reply {
    fn drop(&mut self) {
        if let Self::Server { link, id, answered: Some(true) } = self {
            link.end(*id);
        }
    }
}

/// What all workers of a sandbox share.
pub(crate) struct Shared {
    pub(crate) limits: Limits,
    pub(crate) prelude: Vec<u8>,
    pub(crate) bundles: Bundles,
    pub(crate) rates: RateLimits,
    pub(crate) io: tokio::runtime::Handle,
    pub(crate) jobs: async_channel::Receiver<Job>,
    pub(crate) epoch: Instant,
    /// Longest time any JS slice ran past its deadline, in µs (diagnostics).
    pub(crate) max_overshoot_us: Arc<AtomicU64>,
    /// In a worker process: the way to the server (readiness, logs, host operations).
    pub(crate) link: Option<Arc<Link>>,
    /// In a worker process: the page the server's watchdog reads.
    pub(crate) beacon: Option<Beacon>,
}

impl Shared {
    pub(crate) fn millis(&self, at: Instant) -> u64 {
        at.saturating_duration_since(self.epoch).as_millis() as u64 + 1
    }
}

/// A worker's heartbeat, read by the watchdog.
pub(crate) struct Health {
    pub(crate) shared: Arc<Shared>,
    /// Deadline (ms since epoch + 1) of the JS slice running now; 0 when idle.
    pub(crate) slice_deadline: AtomicU64,
    pub(crate) running: RunningSlice,
    pub(crate) abandoned: AtomicBool,
    pub(crate) exited: AtomicBool,
    /// The JavaScript time of this worker's recent jobs, in ns (a moving average, weight 1/8
    /// for the newest): what a job queued here can expect to wait for each one ahead of it.
    pub(crate) recent_job_ns: AtomicU64,
}

impl Health {
    /// Runs one stretch of JS, visible to the watchdog; adds the time it took to `spent`.
    pub(crate) fn slice<R>(
        &self,
        deadline: Instant,
        context: &Context,
        spent: &Cell<Duration>,
        f: impl FnOnce() -> R,
    ) -> R {
        self.running.enter(context);
        self.slice_deadline.store(self.shared.millis(deadline), Ordering::Release);
        let began = Instant::now();
        if let Some(beacon) = &self.shared.beacon {
            let left = deadline.saturating_duration_since(began).as_millis() as u64;
            beacon.slice_deadline().store(monotonic_ms() + left + 1, Ordering::Release);
        }
        let result = f();
        self.slice_deadline.store(0, Ordering::Release);
        self.running.leave();
        if let Some(beacon) = &self.shared.beacon {
            beacon.slice_deadline().store(0, Ordering::Release);
        }
        let ended = Instant::now();
        spent.set(spent.get() + ended.saturating_duration_since(began));
        if let Some(overshoot) = ended.checked_duration_since(deadline) {
            let micros = overshoot.as_micros() as u64 + 1;
            self.shared.max_overshoot_us.fetch_max(micros, Ordering::Relaxed);
            if let Some(beacon) = &self.shared.beacon {
                beacon.max_overshoot_us().fetch_max(micros, Ordering::Relaxed);
            }
        }
        result
    }

    /// A job ended after `spent` of JavaScript time (the sum of its slices).
    pub(crate) fn job_done(&self, spent: Duration) {
        let took = spent.as_nanos().min(u128::from(u64::MAX / 8)) as u64;
        let recent = self.recent_job_ns.load(Ordering::Relaxed);
        self.recent_job_ns.store(recent - recent / 8 + took / 8, Ordering::Relaxed);
    }

    /// The moving average of recent jobs' JavaScript time.
    pub(crate) fn recent_job(&self) -> Duration {
        Duration::from_nanos(self.recent_job_ns.load(Ordering::Relaxed))
    }

    /// How far (ms) past its deadline the running slice is, if it is.
    pub(crate) fn overdue(&self, now: Instant) -> Option<u64> {
        let deadline = self.slice_deadline.load(Ordering::Acquire);
        let now = self.shared.millis(now);
        (deadline != 0 && now > deadline).then(|| now - deadline)
    }
}
