//! The server's side: one supervisor task per worker slot starts the worker process, hands
//! it jobs when it asks, runs its host operations with each job's capabilities, stores its
//! logs as they come, and restarts it when it dies or is killed. A watchdog thread reads each
//! worker's heartbeat page and its memory, kills a worker stuck past a deadline, and keeps
//! the total for admission.

use super::os::{self, Beacon};
use super::outbox::{Inbox, Outbox};
use super::wire::{self, CodeBody, FromWorker, ToWorker, WorkerInit};
use crate::capabilities::Capabilities;
use crate::compile::LambdaStyle;
use crate::limits::{KILL_GRACE, Limits, MAX_TIMEOUT};
use crate::ops;
use crate::rate::RateLimits;
use crate::shared::Job;
use lambdabox_domain::outcome::{FailureCode, LogEntry, RunOutcome};
use std::collections::{HashMap, HashSet};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;
use tokio::task::AbortHandle;

/// Code bodies (and their bytes) the server lets one worker keep before telling it to forget
/// them all; deployed code comes back with its next job.
const MAX_CACHED_CODE: usize = 1024;
const MAX_CACHED_CODE_BYTES: usize = 64 * 1024 * 1024;

/// Most jobs a worker may ask for at once (it asks for a few, see `worker::PREFETCH`).
const PREFETCH_LIMIT: usize = 64;

/// How worker processes are started and bounded.
#[derive(Debug, Clone)]
pub struct ProcessOptions {
    /// The lambdabox binary (it is started as `PROGRAM worker`).
    pub program: PathBuf,
    /// What all invocations together may use, in bytes: each worker's address space is
    /// limited to its share (plus [`WORKER_OVERHEAD`]), and no invocation starts while the
    /// workers' resident memory is at or above it.
    pub memory_total_bytes: u64,
}

/// Set (to `1`) in the environment of every worker process, so that the program can tell the
/// role it was started in before it allocates (its allocator is chosen by it).
pub const WORKER_PROCESS_ENV: &std::ffi::CStr = c"LAMBDABOX_WORKER_PROCESS";

/// Address space a worker needs besides its invocations' heaps: the binary, thread stacks,
/// allocator arenas.
pub const WORKER_OVERHEAD: u64 = 384 * 1024 * 1024;

/// The default memory budget: half of the machine's memory, or of the container's limit when
/// that is lower.
pub fn default_memory_total_bytes() -> u64 {
    let machine = os::machine_memory_bytes().unwrap_or(2 << 30);
    let container = std::fs::read_to_string("/sys/fs/cgroup/memory.max")
        .ok()
        .and_then(|text| text.trim().parse::<u64>().ok())
        .unwrap_or(u64::MAX);
    machine.min(container) / 2
}

/// The worker processes of one sandbox.
pub(crate) struct Pool {
    slots: Vec<Arc<Slot>>,
    shared: Arc<PoolShared>,
}

struct PoolShared {
    program: PathBuf,
    limits: Limits,
    budget: u64,
    /// Jobs no worker has asked for yet.
    queue: async_channel::Sender<Job>,
    jobs: async_channel::Receiver<Job>,
    slots: Vec<Arc<Slot>>,
    /// Where the next search for a worker with credit starts (spreads the jobs).
    next_slot: std::sync::atomic::AtomicUsize,
    rates: RateLimits,
    resident: AtomicU64,
    max_overshoot_us: Arc<AtomicU64>,
    next_job: AtomicU64,
    stopped: AtomicBool,
}

/// One place for a worker process; the process in it changes when one dies.
#[derive(Default)]
struct Slot {
    live: Mutex<Option<Arc<Live>>>,
}

impl Slot {
    fn live(&self) -> Option<Arc<Live>> {
        self.live.lock().ok().and_then(|live| live.clone())
    }
}

/// Why a worker process is being ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kill {
    /// A slice ran past its deadline plus the grace: stuck in a built-in.
    Stuck,
    /// A job went unanswered far past its deadline (a worker that stopped talking).
    Unresponsive,
}

/// A running worker process.
struct Live {
    pid: u32,
    beacon: Beacon,
    out: Outbox,
    in_flight: Mutex<HashMap<u64, InFlight>>,
    /// Code ids the worker holds, and their bytecode's total size.
    sent_code: Mutex<(HashSet<u64>, usize)>,
    /// Jobs the worker asked for and has not been given.
    credits: AtomicUsize,
    kill: Mutex<Option<Kill>>,
    killed: Notify,
    resident: AtomicU64,
}

struct InFlight {
    reply: crate::shared::Reply,
    logs: Arc<Mutex<Vec<LogEntry>>>,
    caps: Capabilities,
    deadline: Instant,
    timeout: Duration,
    ops: Vec<AbortHandle>,
    cancel: crate::cancel::Cancel,
}

impl Live {
    fn send(&self, message: &ToWorker) {
        let mut frame = Vec::with_capacity(128);
        wire::encode_to_worker(message, &mut frame);
        self.out.send_now(&frame);
    }

    fn request_kill(&self, why: Kill) {
        if let Ok(mut kill) = self.kill.lock()
            && kill.is_none()
        {
            *kill = Some(why);
            self.killed.notify_one();
        }
    }

    /// Hands `job` to this worker.
    fn dispatch(self: &Arc<Self>, id: u64, job: Job) {
        let code_id = job.compiled.id();
        let code = {
            let mut sent = self.sent_code.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let (ids, bytes) = &mut *sent;
            let size = job.compiled.bytecode_len();
            if !ids.contains(&code_id) && (ids.len() >= MAX_CACHED_CODE || *bytes + size > MAX_CACHED_CODE_BYTES) {
                ids.clear();
                *bytes = 0;
                self.send(&ToWorker::ForgetCode);
            }
            let new = ids.insert(code_id);
            if new {
                *bytes += size;
            }
            new.then(|| CodeBody {
                bytecode: job.compiled.bytecode().to_vec(),
                callback_style: job.compiled.style() == LambdaStyle::Callback,
                source_chars: job.compiled.source_chars() as u64,
            })
        };
        let message = ToWorker::Job {
            id,
            code_id,
            code,
            remaining_us: job.deadline.saturating_duration_since(Instant::now()).as_micros() as u64,
            timeout_us: job.timeout.as_micros() as u64,
            input_json: job.input,
            env: job.caps.env.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            lambda_uuid: job.caps.lambda_uuid.clone(),
        };
        if let Ok(mut in_flight) = self.in_flight.lock() {
            in_flight.insert(
                id,
                InFlight {
                    reply: job.reply,
                    logs: job.logs,
                    caps: job.caps,
                    deadline: job.deadline,
                    timeout: job.timeout,
                    ops: Vec::new(),
                    cancel: job.cancel.clone(),
                },
            );
        }
        self.send(&message);
        let live = Arc::downgrade(self);
        job.cancel.on_cancel(Box::new(move || {
            if let Some(live) = live.upgrade() {
                live.send(&ToWorker::Cancel { id });
            }
        }));
    }

    /// Job `id` answered; with `tail`, its work after the answer goes on (with its
    /// capabilities, host operations and log) until the worker says it [`ended`](Self::end).
    fn finish(&self, id: u64, outcome: RunOutcome, tail: bool) {
        if tail {
            if let Ok(mut in_flight) = self.in_flight.lock()
                && let Some(job) = in_flight.get_mut(&id)
            {
                job.reply.send(outcome, true);
            }
            return;
        }
        if let Some(mut job) = self.end(id) {
            job.reply.send(outcome, false);
        }
    }

    /// Job `id` ended: its host operations still running are dropped, and dropping its reply
    /// tells the caller that the work after the answer is over.
    fn end(&self, id: u64) -> Option<InFlight> {
        let job = self.in_flight.lock().ok().and_then(|mut in_flight| in_flight.remove(&id))?;
        job.cancel.clear_hook();
        for op in &job.ops {
            op.abort();
        }
        Some(job)
    }

    /// Ends every job still in flight (the process is gone).
    fn fail_all(&self, why: &str) {
        let jobs: Vec<InFlight> = self
            .in_flight
            .lock()
            .map(|mut in_flight| in_flight.drain().map(|(_, job)| job).collect())
            .unwrap_or_default();
        let now = Instant::now();
        for mut job in jobs {
            job.cancel.clear_hook();
            for op in &job.ops {
                op.abort();
            }
            let outcome = if now >= job.deadline {
                RunOutcome::timeout(job.timeout)
            } else {
                RunOutcome::failure(FailureCode::PlatformFailure, why)
            };
            // A no-op for a job that answered already (its work after the answer is lost).
            job.reply.send(outcome, false);
        }
    }
}

impl Pool {
    /// Starts `workers` supervisor tasks on `io` and the watchdog thread; up to `queue` jobs
    /// wait for a worker.
    pub(crate) fn start(
        limits: Limits,
        workers: usize,
        queue: usize,
        options: &ProcessOptions,
        io: &tokio::runtime::Handle,
        max_overshoot_us: Arc<AtomicU64>,
    ) -> std::io::Result<Self> {
        let workers = workers.max(1);
        let slots: Vec<Arc<Slot>> = (0..workers).map(|_| Arc::new(Slot::default())).collect();
        let (queue, jobs) = async_channel::bounded(queue.max(1));
        let shared = Arc::new(PoolShared {
            program: options.program.clone(),
            limits,
            budget: options.memory_total_bytes.max(1),
            queue,
            jobs,
            slots: slots.clone(),
            next_slot: std::sync::atomic::AtomicUsize::new(0),
            rates: RateLimits::default(),
            resident: AtomicU64::new(0),
            max_overshoot_us,
            next_job: AtomicU64::new(1),
            stopped: AtomicBool::new(false),
        });
        for (index, slot) in slots.iter().enumerate() {
            io.spawn(supervise(shared.clone(), slot.clone(), index, workers));
        }
        let (watched, watcher) = (slots.clone(), shared.clone());
        std::thread::Builder::new()
            .name("lambdabox-worker-watchdog".to_owned())
            .spawn(move || watchdog(&watcher, &watched))?;
        Ok(Self { slots, shared })
    }

    /// Hands `job` to a worker that asked for one, or queues it; `Busy` when the queue is
    /// full.
    pub(crate) fn submit(&self, job: Job) -> Result<(), crate::Refused> {
        let shared = &self.shared;
        if let Some(live) = shared.claim() {
            live.dispatch(shared.next_job.fetch_add(1, Ordering::Relaxed), job);
            return Ok(());
        }
        shared.queue.try_send(job).map_err(|_| crate::Refused::Busy)?;
        // A worker may have asked between the look above and the queueing.
        shared.drain();
        Ok(())
    }

    /// Resident memory of all worker processes, as last measured.
    pub(crate) fn resident_bytes(&self) -> u64 {
        self.shared.resident.load(Ordering::Relaxed)
    }

    /// The memory budget, in bytes.
    pub(crate) fn budget_bytes(&self) -> u64 {
        self.shared.budget
    }

    /// Process ids of the running workers (diagnostics and tests).
    pub(crate) fn pids(&self) -> Vec<u32> {
        self.slots.iter().filter_map(|slot| slot.live().map(|live| live.pid)).collect()
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.shared.stopped.store(true, Ordering::Release);
        self.shared.queue.close();
    }
}

impl PoolShared {
    /// A worker that asked for a job, with its credit taken.
    fn claim(&self) -> Option<Arc<Live>> {
        let start = self.next_slot.fetch_add(1, Ordering::Relaxed);
        (0..self.slots.len()).find_map(|i| {
            let live = self.slots[(start + i) % self.slots.len()].live()?;
            live.credits.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1)).ok()?;
            Some(live)
        })
    }

    /// Hands queued jobs to workers with credit until one or the other runs out. Called
    /// after queueing a job and after a worker asks, so neither waits for the other.
    fn drain(&self) {
        while let Some(live) = self.claim() {
            match self.jobs.try_recv() {
                // Its caller has been answered already (overload): don't spend a context on it.
                Ok(mut job) if job.reply.is_closed() || job.cancel.is_cancelled() || Instant::now() >= job.deadline => {
                    live.credits.fetch_add(1, Ordering::AcqRel);
                    job.reply.send(RunOutcome::timeout(job.timeout), false);
                }
                Ok(job) => live.dispatch(self.next_job.fetch_add(1, Ordering::Relaxed), job),
                Err(_) => {
                    live.credits.fetch_add(1, Ordering::AcqRel);
                    // A job queued while the credit was out would otherwise wait.
                    if self.jobs.is_empty() {
                        return;
                    }
                }
            }
        }
    }
}

/// Keeps one worker process running in `slot`.
async fn supervise(shared: Arc<PoolShared>, slot: Arc<Slot>, index: usize, workers: usize) {
    let mut quick_failures = 0u32;
    while !shared.stopped.load(Ordering::Acquire) && !shared.jobs.is_closed() {
        let started = Instant::now();
        if let Err(e) = run_worker(&shared, &slot, workers).await {
            tracing::error!(worker = index, error = %e, "could not run a worker process");
        }
        if started.elapsed() < Duration::from_secs(1) {
            quick_failures = quick_failures.saturating_add(1);
            let backoff = Duration::from_millis(50 << quick_failures.min(6));
            tokio::time::sleep(backoff).await;
        } else {
            quick_failures = 0;
        }
    }
}

async fn run_worker(shared: &Arc<PoolShared>, slot: &Slot, workers: usize) -> std::io::Result<()> {
    let (server_end, worker_end) = std::os::unix::net::UnixStream::pair()?;
    let (beacon, beacon_fd) = Beacon::create()?;
    let mut command = tokio::process::Command::new(&shared.program);
    command
        // Named as what it is in `ps` (the program may be /proc/self/exe).
        .arg0("lambdabox")
        .arg("worker")
        .env_clear()
        .env(std::ffi::OsStr::from_bytes(WORKER_PROCESS_ENV.to_bytes()), "1")
        .env(
            "GLIBC_TUNABLES",
            "glibc.malloc.trim_threshold=33554432:glibc.malloc.top_pad=16777216:glibc.malloc.mmap_threshold=4194304",
        )
        .envs(["RUST_LOG", "LAMBDABOX_LOG_FORMAT"].iter().filter_map(|name| Some((name, std::env::var_os(name)?))))
        .stdin(Stdio::from(OwnedFd::from(worker_end)))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .kill_on_drop(true);
    os::pass_beacon(&mut command, beacon_fd.as_raw_fd());
    // Spawned from the runtime's worker thread, which lives as long as the sandbox: the
    // worker's parent-death signal follows the thread that started it.
    let mut child = command.spawn()?;
    drop(beacon_fd);
    let pid = child.id().unwrap_or(0);
    server_end.set_nonblocking(true)?;
    let direct = server_end.try_clone()?;
    let mut inbox = Inbox::new(server_end)?;
    let live = Arc::new(Live {
        pid,
        beacon,
        out: Outbox::new(direct),
        in_flight: Mutex::default(),
        sent_code: Mutex::default(),
        credits: AtomicUsize::new(0),
        kill: Mutex::new(None),
        killed: Notify::new(),
        resident: AtomicU64::new(0),
    });
    let limits = &shared.limits;
    let share = shared.budget / workers as u64;
    live.send(&ToWorker::Init(WorkerInit {
        timeout_ms: limits.timeout.as_millis() as u64,
        memory_bytes: limits.memory_bytes as u64,
        stack_bytes: limits.stack_bytes as u64,
        max_log_entries: limits.max_log_entries as u64,
        max_log_chars: limits.max_log_chars as u64,
        max_in_flight: limits.max_in_flight_per_worker as u64,
        address_space_bytes: share + WORKER_OVERHEAD,
    }));
    if let Ok(mut current) = slot.live.lock() {
        *current = Some(live.clone());
    }
    let outbox = live.clone();
    let write = tokio::spawn(async move { outbox.out.run().await });
    let read = read_frames(shared, &live, &mut inbox);
    let ended = tokio::select! {
        result = read => match result {
            Ok(()) => "closed its connection".to_owned(),
            Err(e) => format!("sent a malformed message ({e})"),
        },
        status = child.wait() => match status {
            Ok(status) => format!("exited ({status})"),
            Err(e) => format!("could not be watched ({e})"),
        },
        () = live.killed.notified() => "was killed".to_owned(),
    };
    // No job is handed to this worker from here on (its credit goes with it).
    if let Ok(mut current) = slot.live.lock() {
        *current = None;
    }
    live.credits.store(0, Ordering::Release);
    let _ = child.start_kill();
    let status = child.wait().await;
    write.abort();
    let kill = live.kill.lock().ok().and_then(|kill| *kill);
    let why = match kill {
        Some(Kill::Stuck) => {
            tracing::warn!(
                pid,
                "a worker process was stuck in a built-in past an invocation's deadline; killed it and starting another"
            );
            "the worker process running this invocation was restarted: another invocation on it was stuck in a \
             built-in past its deadline"
                .to_owned()
        }
        Some(Kill::Unresponsive) => {
            tracing::warn!(pid, "a worker process stopped answering; killed it and starting another");
            "the worker process running this invocation stopped answering and was restarted".to_owned()
        }
        None => {
            if !shared.stopped.load(Ordering::Acquire) {
                tracing::warn!(pid, ?status, how = %ended, "a worker process ended; starting another");
            }
            format!("the worker process running this invocation ended unexpectedly ({ended}); it was restarted")
        }
    };
    live.fail_all(&why);
    Ok(())
}

async fn read_frames(shared: &Arc<PoolShared>, live: &Arc<Live>, inbox: &mut Inbox) -> Result<(), wire::Malformed> {
    let mut buffer = Vec::with_capacity(64 * 1024);
    let mut start = 0;
    loop {
        while let Some(len) = wire::frame_len(&buffer[start..])? {
            let message = wire::decode_from_worker(&buffer[start + 4..start + 4 + len])?;
            start += 4 + len;
            handle(shared, live, message);
        }
        buffer.drain(..start);
        start = 0;
        match inbox.read(&mut buffer).await {
            Ok(0) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    }
}

fn handle(shared: &Arc<PoolShared>, live: &Arc<Live>, message: FromWorker) {
    match message {
        FromWorker::Ready { jobs } => {
            live.credits.fetch_add((jobs as usize).min(PREFETCH_LIMIT), Ordering::AcqRel);
            shared.drain();
        }
        FromWorker::Withdraw { jobs } => {
            // Jobs already given on that credit are on their way and stay the worker's; a
            // `drain` that took a credit to look at an empty queue gives it back afterwards,
            // so the worker may get one job more than it still wants: it runs it.
            let _ = live
                .credits
                .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| Some(n.saturating_sub(jobs as usize)));
        }
        FromWorker::Log { id, entry } => {
            let logs = live.in_flight.lock().ok().and_then(|jobs| jobs.get(&id).map(|job| job.logs.clone()));
            if let Some(logs) = logs
                && let Ok(mut logs) = logs.lock()
            {
                logs.push(entry);
            }
        }
        FromWorker::Done { id, outcome, tail } => live.finish(id, outcome, tail),
        FromWorker::End { id } => drop(live.end(id)),
        FromWorker::Op { id, op, name, args_json } => {
            let Ok(mut jobs) = live.in_flight.lock() else {
                return;
            };
            // A job that ended already: its operations are not wanted.
            let Some(job) = jobs.get_mut(&id) else {
                return;
            };
            let answer = match serde_json::from_str(&args_json) {
                Ok(args) => {
                    ops::dispatch(&shared.rates, shared.limits.http_requests_per_second, &job.caps, &name, args)
                }
                Err(e) => {
                    let message = format!("invalid arguments for {name}: {e}");
                    Box::pin(async move { Err(serde_json::json!({ "message": message })) })
                }
            };
            let live = Arc::downgrade(live);
            let task = tokio::spawn(async move {
                let (ok, value) = match answer.await {
                    Ok(value) => (true, value),
                    Err(value) => (false, value),
                };
                if let Some(live) = live.upgrade() {
                    live.send(&ToWorker::OpReply { op, ok, json: value.to_string() });
                }
            });
            job.ops.retain(|op| !op.is_finished());
            job.ops.push(task.abort_handle());
        }
    }
}

/// Every 10 ms: kill a worker whose JS slice is past its deadline plus [`KILL_GRACE`]; every
/// 100 ms: measure the workers' memory and look for jobs left unanswered far too long.
fn watchdog(shared: &PoolShared, slots: &[Arc<Slot>]) {
    let grace = KILL_GRACE.as_millis() as u64;
    let mut tick = 0u64;
    while !shared.stopped.load(Ordering::Acquire) && !shared.jobs.is_closed() {
        std::thread::sleep(Duration::from_millis(10));
        tick += 1;
        let now = os::monotonic_ms();
        let mut resident = 0;
        for live in slots.iter().filter_map(|slot| slot.live()) {
            let deadline = live.beacon.slice_deadline().load(Ordering::Acquire);
            if deadline != 0 && now > deadline + grace {
                live.request_kill(Kill::Stuck);
            }
            shared
                .max_overshoot_us
                .fetch_max(live.beacon.max_overshoot_us().load(Ordering::Relaxed), Ordering::Relaxed);
            if tick.is_multiple_of(10) {
                live.resident.store(os::resident_bytes(live.pid).unwrap_or(0), Ordering::Relaxed);
                // No slice can legitimately hold a job this long past its deadline: every
                // slice ends at its own deadline, at most MAX_TIMEOUT after it began.
                let late = Instant::now().checked_sub(MAX_TIMEOUT + KILL_GRACE);
                let stalled = late.is_some_and(|late| {
                    live.in_flight.lock().map(|jobs| jobs.values().any(|job| job.deadline < late)).unwrap_or(false)
                });
                if stalled {
                    live.request_kill(Kill::Unresponsive);
                }
            }
            resident += live.resident.load(Ordering::Relaxed);
        }
        shared.resident.store(resident, Ordering::Relaxed);
    }
}
