//! Creating, changing, pausing, resuming and deleting schedules, shared by the UI and the API:
//! validation (cron, payload, a productive lambda), the scheduled-lambda limit, and an entry in
//! the activity stream for every change.

use serde_json::Value;

use super::{ScheduleError, Scheduler};
use lambdabox_domain::lambda::LambdaId;
use lambdabox_domain::schedule::{self as rules, CronExpr, PREVIEW_RUNS, ScheduleId};
use lambdabox_store::schedules::{self, Schedule, ScheduleFields};
use lambdabox_store::{StoreError, activity, lambdas};

/// What a user submits to create or change a schedule.
#[derive(Debug, Clone)]
pub struct ScheduleInput {
    /// The lambda's uuid as typed.
    pub lambda: String,
    /// Cron text as typed.
    pub cron: String,
    /// The payload the lambda gets.
    pub payload: Value,
    /// Active (runs) or paused.
    pub active: bool,
}

fn not_found(id: &ScheduleId) -> ScheduleError {
    ScheduleError::NotFound(format!("There is no schedule {id} in this account"))
}

/// Validates the input apart from the lambda's state (which needs the store).
fn validate(input: ScheduleInput) -> Result<ScheduleFields, ScheduleError> {
    let lambda = LambdaId::parse(input.lambda.trim())
        .map_err(|_| ScheduleError::Invalid(format!("'{}' is not a lambda uuid; choose a lambda", input.lambda)))?;
    let cron = CronExpr::parse(&input.cron).map_err(ScheduleError::Invalid)?;
    let payload = rules::parse_payload(input.payload).map_err(ScheduleError::Invalid)?;
    Ok(ScheduleFields { lambda, cron: cron.as_str().to_owned(), payload, active: input.active })
}

/// Checks, inside the write transaction, that the lambda exists and is deployed (when
/// `need_deployed`) and that the limit allows scheduling it; returns its name.
fn check_lambda(
    tx: &lambdabox_store::Transaction<'_>,
    fields: &ScheduleFields,
    except: Option<&ScheduleId>,
    need_deployed: bool,
    max: usize,
) -> Result<Result<String, ScheduleError>, StoreError> {
    let Some(lambda) = lambdas::get_lambda(tx, &fields.lambda)? else {
        return Ok(Err(ScheduleError::Invalid(format!("There is no lambda {} in this account", fields.lambda))));
    };
    if need_deployed && lambda.serving.is_none() {
        return Ok(Err(ScheduleError::Invalid(format!(
            "lambda {} is not productive (it is {}): only deployed lambdas can be scheduled; deploy it first",
            lambda.name,
            lambda.state().as_str()
        ))));
    }
    let (scheduled, already) = schedules::count_scheduled_lambdas(tx, &fields.lambda, except)?;
    if !already && scheduled >= i64::try_from(max).unwrap_or(i64::MAX) {
        return Ok(Err(ScheduleError::LimitReached(format!(
            "at most {max} lambdas can be scheduled (LAMBDABOX_MAX_SCHEDULED_LAMBDAS); delete a schedule first"
        ))));
    }
    Ok(Ok(lambda.name))
}

impl Scheduler {
    /// All schedules, by lambda name.
    pub async fn list(&self) -> Result<Vec<Schedule>, ScheduleError> {
        Ok(self.inner.store.read(schedules::list_schedules).await?)
    }

    /// One schedule, or `NotFound`.
    pub async fn get(&self, id: &ScheduleId) -> Result<Schedule, ScheduleError> {
        let lookup = id.clone();
        self.inner.store.read(move |conn| schedules::get_schedule(conn, &lookup)).await?.ok_or_else(|| not_found(id))
    }

    /// When an active schedule runs next (`None` while paused).
    pub fn next_run(&self, schedule: &Schedule) -> Option<i64> {
        let after = schedule.last_due_at.max(self.inner.clock.now_ms());
        schedule.active.then(|| CronExpr::parse(&schedule.cron).ok()?.next_after(after)).flatten()
    }

    /// The next run times of cron text from now, for the form's preview.
    pub fn preview(&self, cron: &str) -> Result<Vec<i64>, ScheduleError> {
        let cron = CronExpr::parse(cron).map_err(ScheduleError::Invalid)?;
        Ok(cron.next_runs(self.inner.clock.now_ms(), PREVIEW_RUNS))
    }

    /// Creates a schedule for a productive lambda.
    pub async fn create(&self, user: &str, input: ScheduleInput) -> Result<Schedule, ScheduleError> {
        let fields = validate(input)?;
        let (id, user, now, max) =
            (ScheduleId::generate(), user.to_owned(), self.inner.clock.now_ms(), self.inner.max_scheduled_lambdas);
        let new_id = id.clone();
        self.inner
            .store
            .write(move |tx| {
                let name = match check_lambda(tx, &fields, None, true, max)? {
                    Ok(name) => name,
                    Err(refused) => return Ok(Err(refused)),
                };
                schedules::insert_schedule(tx, &new_id, &fields, &user, now)?;
                let state = if fields.active { "" } else { " (paused)" };
                let text = format!("Scheduled lambda {name} on '{}'{state}", fields.cron);
                activity::insert_activity(tx, &user, "schedule.created", &name, &text)?;
                Ok(Ok(()))
            })
            .await??;
        self.get(&id).await
    }

    /// Changes a schedule. Resuming it, or moving it to another lambda, needs a productive one.
    pub async fn update(&self, user: &str, id: &ScheduleId, input: ScheduleInput) -> Result<Schedule, ScheduleError> {
        let current = self.get(id).await?;
        let fields = validate(input)?;
        let need_deployed = fields.active || fields.lambda != current.lambda;
        let (lookup, user, now, max) =
            (id.clone(), user.to_owned(), self.inner.clock.now_ms(), self.inner.max_scheduled_lambdas);
        self.inner
            .store
            .write(move |tx| {
                let name = match check_lambda(tx, &fields, Some(&lookup), need_deployed, max)? {
                    Ok(name) => name,
                    Err(refused) => return Ok(Err(refused)),
                };
                if !schedules::update_schedule(tx, &lookup, &fields, &user, now)? {
                    return Ok(Err(not_found(&lookup)));
                }
                let (kind, verb) = match (current.active, fields.active) {
                    (false, true) => ("schedule.resumed", "Resumed"),
                    (true, false) => ("schedule.paused", "Paused"),
                    _ => ("schedule.edited", "Changed"),
                };
                let text = format!("{verb} the schedule of lambda {name}: '{}'", fields.cron);
                activity::insert_activity(tx, &user, kind, &name, &text)?;
                Ok(Ok(()))
            })
            .await??;
        self.get(id).await
    }

    /// Pauses or resumes a schedule (resuming needs a productive lambda).
    pub async fn set_active(&self, user: &str, id: &ScheduleId, active: bool) -> Result<Schedule, ScheduleError> {
        let current = self.get(id).await?;
        let input = ScheduleInput {
            lambda: current.lambda.to_string(),
            cron: current.cron.clone(),
            payload: current.payload.clone(),
            active,
        };
        self.update(user, id, input).await
    }

    /// Deletes a schedule and its run history.
    pub async fn delete(&self, user: &str, id: &ScheduleId) -> Result<(), ScheduleError> {
        let current = self.get(id).await?;
        let (lookup, user) = (id.clone(), user.to_owned());
        self.inner
            .store
            .write(move |tx| {
                if !schedules::delete_schedule(tx, &lookup)? {
                    return Ok(Err(not_found(&lookup)));
                }
                let text = format!("Deleted the schedule '{}' of lambda {}", current.cron, current.lambda_name);
                activity::insert_activity(tx, &user, "schedule.deleted", &current.lambda_name, &text)?;
                Ok(Ok(()))
            })
            .await?
    }
}
