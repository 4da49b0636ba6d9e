//! One step of the scheduler: find the due times of every active schedule, claim them in the
//! database (so each fires at most once), record the ones too old to run as missed, and invoke
//! the rest through the one invoke path.

use serde_json::json;
use time::OffsetDateTime;

use super::{Scheduler, to_ms};
use crate::invoke::{Chain, InvokeRequest, Outcome, Source};
use lambdabox_domain::AccountId;
use lambdabox_domain::schedule::{CronExpr, RunStatus, ScheduleId, format_due};
use lambdabox_store::schedules::{self, Claim, Schedule};
use lambdabox_store::{StoreError, accounts, activity};

/// A due time is still run if the tick comes at most this late (the timer wakes within a
/// second of the minute; this covers a busy machine). Older due times are recorded as missed.
const GRACE_MS: i64 = 90_000;
/// Missed runs recorded per schedule and step; the activity entry gives the full count.
const MISSED_KEPT: usize = 50;
/// The user name activity entries of the scheduler carry.
const SCHEDULER_USER: &str = "scheduler";

/// What one step did.
#[derive(Debug, Default, Clone)]
pub struct TickReport {
    /// Runs invoked: schedule and request id.
    pub fired: Vec<(ScheduleId, String)>,
    /// Due times recorded as missed.
    pub missed: u64,
}

/// A claimed run waiting to be invoked.
struct Claimed {
    schedule: Schedule,
    run: i64,
    due: i64,
    request_id: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A timer step: run the newest due time if it is recent enough.
    Run,
    /// Start-up: everything due so far was due while lambdabox was down.
    RecordMissed,
}

impl Scheduler {
    /// Runs what is due at `now`: each due time at most once, however often this is called.
    /// Waits for the invocations it starts.
    pub async fn tick(&self, now: OffsetDateTime) -> Result<TickReport, StoreError> {
        self.tick_ms(to_ms(now)).await
    }

    pub(super) async fn tick_ms(&self, now: i64) -> Result<TickReport, StoreError> {
        if self.inner.store.dialect() == lambdabox_store::Dialect::Postgres {
            // A node that stopped mid-run leaves its run `running`; the others close it.
            let before = now - super::STALE_RUN_MS;
            let closed = self.inner.store.write(move |tx| schedules::fail_interrupted_runs(tx, before)).await?;
            if closed > 0 {
                tracing::warn!(closed, "scheduled runs of a node that stopped were marked failed");
            }
        }
        self.step(now, Mode::Run).await
    }

    /// Records every due time up to `now` as missed, without running anything (at start-up).
    pub async fn catch_up(&self, now: i64) -> Result<TickReport, StoreError> {
        self.step(now, Mode::RecordMissed).await
    }

    async fn step(&self, now: i64, mode: Mode) -> Result<TickReport, StoreError> {
        let (account, active) =
            self.inner.store.read(|conn| Ok((accounts::get_account(conn)?, schedules::list_active(conn)?))).await?;
        let mut report = TickReport::default();
        let Some(account) = account else {
            return Ok(report);
        };
        let mut claimed = Vec::new();
        for schedule in active {
            let id = schedule.id.clone();
            match self.claim(schedule, now, mode).await {
                Ok((run, missed)) => {
                    report.missed += missed;
                    claimed.extend(run);
                }
                Err(err) => tracing::error!(schedule = %id, error = %err, "could not claim a scheduled run"),
            }
        }
        let runs = claimed.into_iter().map(|c| self.run(account.account_id.clone(), c));
        report.fired = futures_util::future::join_all(runs).await;
        Ok(report)
    }

    /// Claims the due times of one schedule; returns the run to invoke and how many were missed.
    async fn claim(&self, schedule: Schedule, now: i64, mode: Mode) -> Result<(Option<Claimed>, u64), StoreError> {
        let cron = match CronExpr::parse(&schedule.cron) {
            Ok(cron) => cron,
            Err(err) => {
                tracing::error!(schedule = %schedule.id, error = %err, "stored cron expression no longer parses");
                return Ok((None, 0));
            }
        };
        let due = cron.due_between(schedule.last_due_at, now, MISSED_KEPT + 1);
        let Some(last) = due.last() else {
            return Ok((None, 0));
        };
        let fire = mode == Mode::Run && now - last <= GRACE_MS;
        let mut missed = due.newest.clone();
        if fire {
            missed.pop();
        }
        if missed.len() > MISSED_KEPT {
            missed.remove(0);
        }
        let missed_total = due.total - u64::from(fire);
        let request_id = uuid::Uuid::new_v4().to_string();
        let (id, expected, name, text) =
            (schedule.id.clone(), schedule.last_due_at, schedule.lambda_name.clone(), schedule.cron.clone());
        let fire_request = fire.then(|| request_id.clone());
        let claim = self
            .inner
            .store
            .write(move |tx| {
                let fire = fire_request.as_deref().map(|r| (last, r));
                let claim = schedules::claim_runs(tx, &id, expected, last, &missed, fire, now)?;
                if claim != Claim::Lost && missed_total > 0 {
                    let newest = missed.last().copied().unwrap_or(last);
                    activity::insert_activity(
                        tx,
                        SCHEDULER_USER,
                        "schedule.missed",
                        &name,
                        &format!(
                            "Schedule '{text}' of lambda {name} missed {missed_total} run(s), the last due {}, while \
                             lambdabox was not running; missed runs are not replayed",
                            format_due(newest)
                        ),
                    )?;
                }
                Ok(claim)
            })
            .await?;
        match claim {
            Claim::Won(Some(run)) => Ok((Some(Claimed { schedule, run, due: last, request_id }), missed_total)),
            Claim::Won(None) => Ok((None, missed_total)),
            Claim::Lost => Ok((None, 0)),
        }
    }

    /// Invokes a claimed run and records how it ended.
    async fn run(&self, account: AccountId, claimed: Claimed) -> (ScheduleId, String) {
        let Claimed { schedule, run, due, request_id } = claimed;
        let request = InvokeRequest {
            account,
            lambda: schedule.lambda.clone(),
            input: json!({"timestamp": due, "headers": [], "payload": schedule.payload}),
            source: Source::Schedule,
            request_id: request_id.clone(),
            external_system: None,
            chain: Chain::default(),
        };
        let started = std::time::Instant::now();
        let (status, outcome, error) = match self.inner.invoker.invoke(request).await {
            Ok(inv) if inv.outcome == Outcome::Succeeded => (RunStatus::Succeeded, Some(inv.outcome.as_str()), None),
            Ok(inv) => (RunStatus::Failed, Some(inv.outcome.as_str()), None),
            Err(err) => (RunStatus::Failed, None, Some(err.to_string())),
        };
        let duration = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
        let finished = self
            .inner
            .store
            .write(move |tx| schedules::finish_run(tx, run, status, outcome, error.as_deref(), duration))
            .await;
        if let Err(err) = finished {
            tracing::error!(schedule = %schedule.id, error = %err, "could not record how a scheduled run ended");
        }
        (schedule.id, request_id)
    }
}
