//! The worker process's side: read the limits, give up everything `harden` lists, start the
//! JS thread, then turn frames into jobs and jobs' logs, host operations and outcomes into
//! frames.

use super::harden;
use super::os::Beacon;
use super::outbox::{Inbox, Outbox};
use super::wire::{self, FromWorker, ToWorker, WorkerInit};
use crate::cancel::Cancel;
use crate::capabilities::Capabilities;
use crate::compile::{Compiled, LambdaStyle};
use crate::limits::{Limits, WORKER_THREAD_STACK};
use crate::ops::OpAnswer;
use crate::shared::{Job, Reply, Shared};
use crate::{PRELUDE, compile, modules, pool, rate};
use lambdabox_domain::outcome::{FailureCode, LogEntry, RunOutcome};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{self, Read};
use std::os::fd::AsFd;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// Most jobs a worker keeps queued or on their way while its JS thread is idle. Fewer would
/// let the JS thread run dry under load: its requests for more leave with its outcomes, in
/// one write per few jobs (see `Outbox::run`); at 4 the hello-world benchmark's workers
/// waited for jobs and served a tenth less.
const PREFETCH: usize = 8;

/// Fewest: one to run next while the request for another is on its way.
const MIN_PREFETCH: usize = 2;

/// The JavaScript time a worker keeps queued, judged by its recent jobs: a job queued here
/// waits for the ones ahead of it while another worker might be idle, so a worker whose jobs
/// run long asks for fewer.
const QUEUED_WORK: Duration = Duration::from_millis(2);

/// How many jobs to keep queued or on their way, given the JavaScript time of recent jobs.
fn prefetch(recent_job: Duration) -> usize {
    let fit = QUEUED_WORK.as_nanos() / recent_job.as_nanos().max(1);
    (fit.min(PREFETCH as u128) as usize).max(MIN_PREFETCH)
}

/// The worker's way to the server, used from its JS thread.
pub(crate) struct Link {
    out: Outbox,
    /// Jobs asked for and not yet received.
    asked: AtomicU64,
    ops: Mutex<HashMap<u64, oneshot::Sender<OpAnswer>>>,
    /// Cancellation of the jobs running here, by id.
    cancels: Mutex<HashMap<u64, Cancel>>,
    next_op: AtomicU64,
}

impl Link {
    /// Sends with the next batch (readiness and outcomes): written once the tasks ready on
    /// this thread stop adding frames, or the watchdog thread's next flush.
    fn send(&self, message: &FromWorker) {
        let mut frame = Vec::with_capacity(64);
        wire::encode_from_worker(message, &mut frame);
        self.out.send_soon(&frame);
    }

    /// Sends at once, even from the middle of a slice (a log line before a built-in that
    /// never returns; a host operation the server can start while the JavaScript goes on).
    fn send_now(&self, message: &FromWorker) {
        let mut frame = Vec::with_capacity(128);
        wire::encode_from_worker(message, &mut frame);
        self.out.send_now(&frame);
    }

    /// The JS thread is idle: asks for jobs until a few (see [`prefetch`]) are on their way or
    /// queued here, so that the next job is already here when one ends (a worker that waited
    /// a round trip for each job would sleep and wake once per invocation).
    pub(crate) fn ready(&self, queued: usize, recent_job: Duration) {
        let asked = self.asked.load(Ordering::Relaxed) as usize;
        let target = prefetch(recent_job).saturating_sub(queued);
        if target > asked {
            let wanted = target - asked;
            self.asked.fetch_add(wanted as u64, Ordering::Relaxed);
            self.send(&FromWorker::Ready { jobs: wanted as u32 });
        } else if asked > target {
            // Jobs grew longer since these were asked for: fewer are wanted now. Jobs the
            // server sent meanwhile still come (`received` stops counting at zero). Near a
            // step of `prefetch` this may alternate with `Ready` from one job to the next:
            // a few bytes in a batch that goes out anyway.
            let excess = asked - target;
            self.asked.fetch_sub(excess as u64, Ordering::Relaxed);
            self.send(&FromWorker::Withdraw { jobs: excess as u32 });
        }
        // Nothing left to start: what was gathered (this request among it) leaves now, not
        // after the tasks still running here had their turns.
        if queued == 0 {
            self.out.flush();
        }
    }

    /// Sends the frames gathered for the next write now (the watchdog thread calls it every
    /// tick, so that an outcome waits at most that long behind another task's slice).
    pub(crate) fn flush(&self) {
        self.out.flush();
    }

    /// Job `id` answered: its outcome goes to the server. With `tail`, the lambda left work
    /// running after its answer, and [`Link::end`] follows when that is over.
    pub(crate) fn done(&self, id: u64, outcome: RunOutcome, tail: bool) {
        if !tail && let Ok(mut cancels) = self.cancels.lock() {
            cancels.remove(&id);
        }
        self.send(&FromWorker::Done { id, outcome, tail });
    }

    /// Job `id`, which answered with a tail, has ended.
    pub(crate) fn end(&self, id: u64) {
        if let Ok(mut cancels) = self.cancels.lock() {
            cancels.remove(&id);
        }
        self.send(&FromWorker::End { id });
    }

    /// A job the worker asked for arrived.
    fn received(&self) {
        let _ = self.asked.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| Some(n.saturating_sub(1)));
    }

    /// A log entry of job `id`, stored by the server as it happens (so that it survives
    /// the worker).
    pub(crate) fn log(&self, id: u64, entry: &LogEntry) {
        self.send_now(&FromWorker::Log { id, entry: entry.clone() });
    }

    /// Asks the server to run a host operation for job `id`. Dropping the future (the
    /// invocation ended first; the server drops the operation too) forgets it.
    pub(crate) fn op(
        self: &Arc<Self>,
        id: u64,
        name: &str,
        args: &str,
    ) -> impl Future<Output = OpAnswer> + Send + 'static {
        let op = self.next_op.fetch_add(1, Ordering::Relaxed);
        let (reply, answer) = oneshot::channel();
        if let Ok(mut ops) = self.ops.lock() {
            ops.insert(op, reply);
        }
        self.send_now(&FromWorker::Op { id, op, name: name.to_owned(), args_json: args.to_owned() });
        let pending = PendingOp { link: self.clone(), op };
        async move {
            let answer = answer.await.unwrap_or_else(|_| Err(json!({ "message": "the server did not answer" })));
            drop(pending);
            answer
        }
    }

    fn answer(&self, op: u64, ok: bool, json_text: &str) {
        let Some(reply) = self.ops.lock().ok().and_then(|mut ops| ops.remove(&op)) else {
            return;
        };
        let value: Value = serde_json::from_str(json_text).unwrap_or(Value::Null);
        let _ = reply.send(if ok { Ok(value) } else { Err(value) });
    }
}

/// An operation the worker waits for; forgotten when the wait ends, however it ends.
struct PendingOp {
    link: Arc<Link>,
    op: u64,
}

impl Drop for PendingOp {
    fn drop(&mut self) {
        if let Ok(mut ops) = self.link.ops.lock() {
            ops.remove(&self.op);
        }
    }
}

/// `lambdabox worker`: serves the server on standard input (a socket) until it closes.
/// Returns the process's exit code.
pub fn main() -> std::process::ExitCode {
    match serve() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lambdabox worker: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn serve() -> io::Result<()> {
    let parent = std::os::unix::process::parent_id();
    let socket = std::os::unix::net::UnixStream::from(io::stdin().as_fd().try_clone_to_owned()?);
    let init = read_init(&socket)?;
    let report = harden::restrict_process(parent, init.address_space_bytes)?;
    let beacon = Beacon::inherited()?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let limits = Limits {
        timeout: Duration::from_millis(init.timeout_ms),
        memory_bytes: init.memory_bytes as usize,
        stack_bytes: init.stack_bytes as usize,
        max_log_entries: init.max_log_entries as usize,
        max_log_chars: init.max_log_chars as usize,
        // Counted by the server, across all workers.
        http_requests_per_second: u32::MAX,
        max_in_flight_per_worker: init.max_in_flight as usize,
    }
    .checked();
    let prelude = compile::compile_source(PRELUDE, "prelude.js", false).map_err(io::Error::other)?;
    // The server checked at start that every module compiles.
    let bundles = modules::Bundles::lazy();
    socket.set_nonblocking(true)?;
    let link = Arc::new(Link {
        out: Outbox::new(socket.try_clone()?),
        asked: AtomicU64::new(0),
        ops: Mutex::default(),
        cancels: Mutex::default(),
        next_op: AtomicU64::new(1),
    });
    let (jobs, queue) = async_channel::unbounded();
    let shared = Arc::new(Shared {
        limits,
        prelude,
        bundles,
        rates: rate::RateLimits::default(),
        io: runtime.handle().clone(),
        jobs: queue,
        epoch: Instant::now(),
        max_overshoot_us: Arc::default(),
        link: Some(link.clone()),
        beacon: Some(beacon),
    });
    let inbox = {
        let _entered = runtime.enter();
        Inbox::new(socket)?
    };
    harden::restrict_system_calls()?;
    // One thread runs the JavaScript and the connection both: a job read from the socket
    // starts on the thread that read it, and its answer leaves from there, without a hop.
    let health = pool::health(shared.clone());
    pool::spawn_watchdog(shared, vec![health.clone()])?;
    tracing::debug!(landlock = report.landlock, "worker process ready");
    let js = std::thread::Builder::new()
        .name("lambdabox-js".to_owned())
        .stack_size(WORKER_THREAD_STACK)
        .spawn(move || pool::run_worker_alongside(health, &runtime, run(inbox, link, jobs)))?;
    js.join().unwrap_or_else(|_| Err(io::Error::other("the JS thread panicked")))
}

fn read_init(mut socket: &std::os::unix::net::UnixStream) -> io::Result<WorkerInit> {
    let mut prefix = [0; 4];
    socket.read_exact(&mut prefix)?;
    let len = u32::from_le_bytes(prefix) as usize;
    if len > wire::MAX_FRAME {
        return Err(io::Error::other("the first frame is too large"));
    }
    let mut body = vec![0; len];
    socket.read_exact(&mut body)?;
    match wire::decode_to_worker(&body).map_err(io::Error::other)? {
        ToWorker::Init(init) => Ok(init),
        _ => Err(io::Error::other("the first frame is not the limits")),
    }
}

async fn run(mut inbox: Inbox, link: Arc<Link>, jobs: async_channel::Sender<Job>) -> io::Result<()> {
    let outbox = link.clone();
    tokio::task::spawn_local(async move { outbox.out.run().await });
    let mut jobs_state = Jobs { link, jobs, code: HashMap::new() };
    let mut buffer = Vec::with_capacity(64 * 1024);
    let mut start = 0;
    loop {
        while let Some(len) = wire::frame_len(&buffer[start..]).map_err(io::Error::other)? {
            let body = &buffer[start + 4..start + 4 + len];
            let message = wire::decode_to_worker(body).map_err(io::Error::other)?;
            start += 4 + len;
            jobs_state.handle(message);
        }
        buffer.drain(..start);
        start = 0;
        // The server closed the socket: it is gone or stopping; nothing is left to answer.
        if inbox.read(&mut buffer).await? == 0 {
            return Ok(());
        }
    }
}

/// Code bodies a worker keeps (the server tells it to forget them when its list grows).
struct Jobs {
    link: Arc<Link>,
    jobs: async_channel::Sender<Job>,
    code: HashMap<u64, Compiled>,
}

impl Jobs {
    fn handle(&mut self, message: ToWorker) {
        match message {
            ToWorker::Job { id, code_id, code, remaining_us, timeout_us, input_json, env, lambda_uuid } => {
                self.link.received();
                if let Some(body) = code {
                    let style = if body.callback_style { LambdaStyle::Callback } else { LambdaStyle::Return };
                    let compiled = Compiled::from_parts(body.bytecode, style, body.source_chars as usize);
                    self.code.insert(code_id, compiled);
                }
                let Some(compiled) = self.code.get(&code_id).cloned() else {
                    let outcome = RunOutcome::failure(FailureCode::PlatformFailure, "the worker process lost the code");
                    self.link.done(id, outcome, false);
                    return;
                };
                let mut caps = Capabilities::new("", &lambda_uuid);
                caps.env = env.into_iter().collect();
                self.start(id, compiled, input_json, caps, remaining_us, timeout_us);
            }
            ToWorker::Cancel { id } => {
                let cancel = self.link.cancels.lock().ok().and_then(|cancels| cancels.get(&id).cloned());
                if let Some(cancel) = cancel {
                    cancel.cancel();
                }
            }
            ToWorker::OpReply { op, ok, json } => self.link.answer(op, ok, &json),
            ToWorker::ForgetCode => self.code.clear(),
            ToWorker::Init(_) => {}
        }
    }

    /// Queues the job for the JS thread (this thread, once the reader yields); its outcome
    /// goes to the server from the invocation itself.
    fn start(
        &self,
        id: u64,
        compiled: Compiled,
        input: String,
        caps: Capabilities,
        remaining_us: u64,
        timeout_us: u64,
    ) {
        let cancel = Cancel::default();
        if let Ok(mut cancels) = self.link.cancels.lock() {
            cancels.insert(id, cancel.clone());
        }
        let job = Job {
            id,
            compiled,
            input,
            caps,
            deadline: Instant::now() + Duration::from_micros(remaining_us),
            timeout: Duration::from_micros(timeout_us),
            logs: Arc::default(),
            reply: Reply::Server { link: self.link.clone(), id, answered: None },
            cancel,
        };
        if let Err(refused) = self.jobs.try_send(job) {
            let outcome = RunOutcome::failure(FailureCode::PlatformFailure, "the worker process is stopping");
            refused.into_inner().reply.send(outcome, false);
        }
    }
}
