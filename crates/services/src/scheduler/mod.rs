//! Schedules run productive lambdas on cron expressions. A tokio-cron-scheduler job wakes every
//! minute and calls `tick(now)`, which claims each due run in the database before invoking it
//! through `Invoker::invoke` (`Source::Schedule`); runs missed while lambdabox was down are
//! recorded as missed at start-up, never replayed. Tests drive `tick(now)` with a manual clock.

mod manage;
mod tick;

use std::sync::{Arc, Weak};

use anyhow::Context;
use tokio_cron_scheduler::{Job, JobScheduler};

pub use crate::clock::{Clock, to_ms};
pub use lambdabox_store::schedules::Schedule;
pub use manage::ScheduleInput;
pub use tick::TickReport;

use crate::invoke::Invoker;
use lambdabox_store::{Store, StoreError, schedules};

/// The timer's own cron (with seconds, as tokio-cron-scheduler wants): second 0 of every
/// minute, the finest granularity a schedule can have.
const TIMER_CRON: &str = "0 * * * * *";

/// A run still `running` this long after it started was interrupted (its node stopped): the
/// longest an invocation can last, with a wide margin.
pub const STALE_RUN_MS: i64 = 120_000;

/// Why a schedule change was refused.
#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    /// Bad cron, payload, lambda or state; the message says which and how to fix it.
    #[error("{0}")]
    Invalid(String),
    /// No such schedule.
    #[error("{0}")]
    NotFound(String),
    /// The account already schedules the maximum number of lambdas.
    #[error("{0}")]
    LimitReached(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Runs schedules; cheap to clone.
#[derive(Clone)]
pub struct Scheduler {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    invoker: Invoker,
    clock: Clock,
    max_scheduled_lambdas: usize,
    timer: tokio::sync::Mutex<Option<JobScheduler>>,
}

impl Scheduler {
    /// A scheduler over `store`; nothing runs until `start`.
    pub fn new(store: Store, invoker: Invoker, clock: Clock, max_scheduled_lambdas: usize) -> Self {
        Self {
            inner: Arc::new(Inner {
                store,
                invoker,
                clock,
                max_scheduled_lambdas,
                timer: tokio::sync::Mutex::new(None),
            }),
        }
    }

    /// The clock "now" is read from.
    pub fn clock(&self) -> &Clock {
        &self.inner.clock
    }

    /// How many lambdas may have schedules.
    pub fn max_scheduled_lambdas(&self) -> usize {
        self.inner.max_scheduled_lambdas
    }

    /// At start-up: closes runs a previous process left running, records every run due while
    /// lambdabox was down as missed, then starts the minute timer (not with a manual clock).
    ///
    /// With several nodes on one PostgreSQL database, the others may be up and running
    /// schedules: only runs older than any invocation can last count as interrupted, and the
    /// first step is an ordinary one, which runs a due time no node has claimed yet.
    pub async fn start(&self) -> anyhow::Result<()> {
        let now = self.inner.clock.now_ms();
        let shared = self.inner.store.dialect() == lambdabox_store::Dialect::Postgres;
        let before = if shared { now - STALE_RUN_MS } else { i64::MAX };
        let interrupted = self.inner.store.write(move |tx| schedules::fail_interrupted_runs(tx, before)).await?;
        if interrupted > 0 {
            tracing::warn!(interrupted, "scheduled runs were interrupted by the last shutdown");
        }
        let report = if shared { self.tick_ms(now).await? } else { self.catch_up(now).await? };
        if report.missed > 0 {
            tracing::warn!(missed = report.missed, "scheduled runs were missed while lambdabox was not running");
        }
        if self.inner.clock.is_manual() {
            return Ok(());
        }
        let timer = JobScheduler::new().await.context("cannot create the schedule timer")?;
        // The job holds a weak reference: the scheduler owns the timer, not the other way round.
        let weak: Weak<Inner> = Arc::downgrade(&self.inner);
        let job = Job::new_async(TIMER_CRON, move |_, _| {
            let weak = weak.clone();
            Box::pin(async move {
                if let Some(inner) = weak.upgrade() {
                    let scheduler = Scheduler { inner };
                    let now = scheduler.inner.clock.now_ms();
                    if let Err(err) = scheduler.tick_ms(now).await {
                        tracing::error!(error = %err, "schedule tick failed");
                    }
                }
            })
        })
        .context("cannot create the schedule timer job")?;
        timer.add(job).await.context("cannot add the schedule timer job")?;
        timer.start().await.context("cannot start the schedule timer")?;
        *self.inner.timer.lock().await = Some(timer);
        Ok(())
    }

    /// Stops the timer (on shutdown); runs in flight finish on their own.
    pub async fn stop(&self) {
        if let Some(mut timer) = self.inner.timer.lock().await.take()
            && let Err(err) = timer.shutdown().await
        {
            tracing::warn!(error = %err, "schedule timer did not shut down cleanly");
        }
    }
}
