//! The event loop of one invocation: start the lambda, run promise jobs, fire timers,
//! deliver host-op answers, and stop at settlement, deadline or log limit. Every stretch of
//! JS runs as a "slice" that the watchdog can see.

use super::bytecode;
use super::engine::{Entry, Warm};
use super::ops::OpAnswer;
use super::shared::{Health, Job};
use super::state::{HostState, Settlement};
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use lambdabox_domain::outcome::{FailureCode, RunOutcome};
use rquickjs::{Ctx, Value};
use std::cell::Cell;
use std::time::{Duration, Instant};

/// Runs `job` in `warm` to completion: answers at settlement, then lets the work the lambda
/// left running (timers, promises, host operations) go on until it ends or the deadline.
pub(crate) async fn run(warm: Warm, mut job: Job, health: &Health) {
    let spent = Cell::new(Duration::ZERO);
    drive(&warm, &mut job, health, &spent).await;
    health.job_done(spent.get());
    // Drop JS-facing state (ops hold no JS values) before tearing down context and runtime.
    warm.state.new_ops.borrow_mut().clear();
    drop(warm);
    // Dropping the job's reply tells whoever waits for the work after the answer that it ended.
    drop(job);
}

async fn drive(warm: &Warm, job: &mut Job, health: &Health, spent: &Cell<Duration>) {
    let state = &warm.state;
    state.begin(job.id, job.caps.clone(), job.logs.clone(), job.deadline);
    state.interrupt.set_cancel(job.cancel.clone());
    let started = health.slice(job.deadline, &warm.context, spent, || warm.context.with(|ctx| start(&ctx, warm, job)));
    fail_unless_stopped(warm, started);
    let mut ops = FuturesUnordered::new();
    let mut answered = false;
    loop {
        health.slice(job.deadline, &warm.context, spent, || {
            warm.context.with(|ctx| drain_jobs(&ctx, state, job.deadline))
        });
        for (id, task) in state.new_ops.borrow_mut().drain(..) {
            ops.push(async move { (id, task.await) });
        }
        let stopped = state.log_limit_hit() || job.cancel.is_cancelled() || Instant::now() >= job.deadline;
        let jobs_pending = warm.runtime.is_job_pending();
        let pending = jobs_pending || !ops.is_empty() || state.timers.borrow().next_due().is_some();
        if !answered && (state.is_settled() || stopped) {
            answered = true;
            job.reply.send(decide(warm, job), pending && !stopped);
        }
        if stopped {
            if answered && pending && !state.log_limit_hit() && !job.cancel.is_cancelled() {
                state.warn_system(&format!(
                    "work left running after the callback was stopped at the invocation's time limit ({} ms)",
                    job.timeout.as_millis()
                ));
            }
            return;
        }
        if answered && !pending {
            return;
        }
        if jobs_pending {
            // Promise jobs queued after the answer: run them, but let others run in between.
            tokio::task::yield_now().await;
            continue;
        }
        let now = Instant::now();
        let due = state.timers.borrow_mut().pop_due(now);
        if let Some(id) = due {
            let fired = health.slice(job.deadline, &warm.context, spent, || {
                warm.context.with(|ctx| enter(&ctx, warm, (Entry::FireTimer as u8, id)))
            });
            fail_unless_stopped(warm, fired);
            tokio::task::yield_now().await;
            continue;
        }
        let wake_at = state.timers.borrow().next_due().map_or(job.deadline, |due| due.min(job.deadline));
        tokio::select! {
            Some((id, answer)) = ops.next(), if !ops.is_empty() => {
                let delivered = health.slice(job.deadline, &warm.context, spent, || warm.context.with(|ctx| deliver(&ctx, warm, id, answer)));
                fail_unless_stopped(warm, delivered);
            }
            () = tokio::time::sleep_until(wake_at.into()) => {}
            () = job.cancel.cancelled() => {}
        }
    }
}

/// An exception escaping the prelude fails the run, unless it is the interrupt we caused
/// (deadline or log limit), which `decide` reports instead.
fn fail_unless_stopped(warm: &Warm, result: Result<(), String>) {
    if let Err(message) = result
        && !warm.state.interrupt.should_stop()
    {
        warm.state.settle(Settlement::Runtime(message));
    }
}

fn decide(warm: &Warm, job: &Job) -> RunOutcome {
    let state = &warm.state;
    let limits = &state.shared.limits;
    if state.log_limit_hit() {
        return RunOutcome::failure(
            FailureCode::LogLimitReached,
            format!(
                "log limit reached: at most {} entries and {} characters per invocation",
                limits.max_log_entries, limits.max_log_chars
            ),
        );
    }
    // Cloned, not taken: a settled run stays settled while its work after the answer goes on.
    let settlement = state.settlement.borrow().clone();
    match settlement {
        Some(Settlement::Ok(json)) => match serde_json::from_str(&json) {
            Ok(value) => RunOutcome::Ok(value),
            Err(e) => RunOutcome::failure(FailureCode::RuntimeException, format!("the result is not valid JSON: {e}")),
        },
        Some(Settlement::Custom(message)) => RunOutcome::failure(FailureCode::CustomFailure, message),
        Some(Settlement::Runtime(message)) => {
            RunOutcome::failure(FailureCode::RuntimeException, explain(&message, limits.memory_bytes))
        }
        None => RunOutcome::timeout(job.timeout),
    }
}

/// Rewrites engine messages into something a lambda author can act on.
fn explain(message: &str, memory_bytes: usize) -> String {
    let mib = memory_bytes / (1024 * 1024);
    if message.contains("out of memory") || message == "Uncaught null" {
        format!("out of memory: the invocation exceeded its heap limit of {mib} MiB ({message})")
    } else if message.contains("stack overflow") || message.contains("Maximum call stack") {
        format!("stack overflow: maximum call stack size exceeded ({message})")
    } else {
        message.to_owned()
    }
}

/// Loads the lambda from bytecode and calls the prelude's `run`.
fn start(ctx: &Ctx<'_>, warm: &Warm, job: &Job) -> Result<(), String> {
    let input = job.input.as_str();
    let env = serde_json::to_string(&job.caps.env).map_err(|e| e.to_string())?;
    let style = match job.compiled.style() {
        super::LambdaStyle::Callback => 0,
        super::LambdaStyle::Return => 1,
    };
    let wrapper = bytecode::run_script(ctx, job.compiled.bytecode()).map_err(|e| caught(ctx, e))?;
    enter(ctx, warm, (Entry::Run as u8, wrapper, input, style, env))
}

fn deliver(ctx: &Ctx<'_>, warm: &Warm, id: u32, answer: OpAnswer) -> Result<(), String> {
    let (ok, value) = match answer {
        Ok(value) => (true, value),
        Err(value) => (false, value),
    };
    enter(ctx, warm, (Entry::OpDone as u8, id, ok, value.to_string()))
}

/// Calls the prelude's entry function (engine.rs, `Entry`).
fn enter<'js, A: rquickjs::function::IntoArgs<'js>>(ctx: &Ctx<'js>, warm: &Warm, args: A) -> Result<(), String> {
    let function = warm.entry.clone().restore(ctx).map_err(|e| caught(ctx, e))?;
    function.call::<_, ()>(args).map_err(|e| caught(ctx, e))
}

/// Jobs still run after the lambda settled, so a same-tick second callback is noticed; a
/// lambda that keeps queueing jobs forever must not delay its answer.
const JOBS_AFTER_SETTLEMENT: u32 = 1000;

/// Runs promise jobs until none is left or the run must stop.
fn drain_jobs(ctx: &Ctx<'_>, state: &HostState, deadline: Instant) {
    let mut after_settlement = 0;
    while ctx.execute_pending_job() {
        if state.is_settled() {
            after_settlement += 1;
        }
        if after_settlement > JOBS_AFTER_SETTLEMENT || state.log_limit_hit() || Instant::now() >= deadline {
            break;
        }
    }
}

/// Describes the pending exception (or another engine error) as a message.
fn caught(ctx: &Ctx<'_>, error: rquickjs::Error) -> String {
    if !matches!(error, rquickjs::Error::Exception) {
        return error.to_string();
    }
    let value: Value = ctx.catch();
    if let Some(exception) = value.as_exception() {
        let name: String = exception.get("name").unwrap_or_else(|_| "Error".to_owned());
        return format!("{name}: {}", exception.message().unwrap_or_default());
    }
    if value.is_null() {
        return "Uncaught null".to_owned();
    }
    format!("Uncaught {value:?}")
}
