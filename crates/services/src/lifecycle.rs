//! The lambda lifecycle, shared by the UI and the API: create from a template, save with
//! optimistic concurrency, deploy (validate + compile once, keep the previous deployment on
//! failure), undeploy, restore from history, remove. Every change lands in the activity stream.

use serde_json::Value;

use crate::Error;
use crate::invoke::Invoker;
use lambdabox_domain::events::Event;
use lambdabox_domain::events::{self, NO_EVENT};
use lambdabox_domain::lambda::{self as rules, EnvVar, LambdaId, MAX_LAMBDAS};
use lambdabox_domain::skills::{self, Neighbour};
use lambdabox_runtime::CompileError;
use lambdabox_store::changes::{self, Change};
use lambdabox_store::invocations;
pub use lambdabox_store::invocations::OutcomeCounts;
use lambdabox_store::lambdas::{self, LambdaChanges, NewLambda, SaveOutcome};
pub use lambdabox_store::lambdas::{Deployment, Lambda};
use lambdabox_store::{Store, StoreError, activity, schedules};

/// What a user submits to create a lambda.
#[derive(Debug, Clone, Default)]
pub struct CreateLambda {
    /// Unique name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Event id (`None` or `no_event` for No Event).
    pub event_id: Option<String>,
    /// Template id; the event's default if `None` and no code is given.
    pub template_id: Option<String>,
    /// Code; the template's if `None`.
    pub code: Option<String>,
    /// Environment variables.
    pub env: Vec<EnvVar>,
    /// Sample input; the event's sample payload if `None`.
    pub sample_input: Option<Value>,
    /// Skill ids, for events with a skills filter (none: the event's default lambda).
    pub skills: Vec<String>,
}

/// What a user submits to change a lambda.
#[derive(Debug, Clone)]
pub struct SaveLambda {
    /// The version the user edited.
    pub version: i64,
    /// New name.
    pub name: String,
    /// New description.
    pub description: String,
    /// New code.
    pub code: String,
    /// New environment variables.
    pub env: Vec<EnvVar>,
    /// New sample input.
    pub sample_input: Value,
    /// New skill ids; `None` keeps them.
    pub skills: Option<Vec<String>>,
}

/// Result of a save the caller must show.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    /// Saved as this version; with a warning if the code does not compile yet.
    Version(i64, Option<String>),
    /// Nothing changed.
    Unchanged,
}

/// Checks code at save time. The contract (first line) and the size are enforced; code that
/// does not parse yet may be saved as work in progress, with a warning naming the line, and
/// cannot be deployed until fixed (deploying it ends in Build Error).
pub fn check_code(invoker: &Invoker, code: &str) -> Result<Option<String>, Error> {
    rules::check_code_size(code).map_err(Error::BadInput)?;
    match invoker.compile(code) {
        Ok(_) => Ok(None),
        Err(e @ (CompileError::Contract(_) | CompileError::TooLong(_))) => Err(code_error(&e)),
        Err(e) => Ok(Some(e.to_string())),
    }
}

fn store_error(err: StoreError) -> Error {
    match err {
        StoreError::Conflict(msg) => Error::Conflict(msg),
        other => other.into(),
    }
}

/// Maps a contract or syntax problem to a 400 that quotes it.
pub fn code_error(err: &CompileError) -> Error {
    Error::BadInput(err.to_string())
}

/// Creates a lambda in Draft.
pub async fn create(store: &Store, invoker: &Invoker, user: &str, req: CreateLambda) -> Result<Lambda, Error> {
    let name = rules::parse_name(&req.name).map_err(Error::BadInput)?;
    let description = rules::parse_description(&req.description).map_err(Error::BadInput)?;
    let event_id = req.event_id.filter(|e| !e.is_empty() && e != NO_EVENT);
    let event = events::event(event_id.as_deref().unwrap_or(NO_EVENT))
        .ok_or_else(|| Error::BadInput(format!("unknown event '{}'", event_id.as_deref().unwrap_or_default())))?;
    let template = match req.template_id.as_deref() {
        Some(id) => Some(events::template(id).ok_or_else(|| Error::BadInput(format!("unknown template '{id}'")))?),
        None if req.code.is_none() => events::template(event.default_template),
        None => None,
    };
    let code = req.code.or_else(|| template.map(|t| t.code.to_owned())).unwrap_or_default();
    check_code(invoker, &code)?;
    let env = rules::parse_env(req.env).map_err(Error::BadInput)?;
    let skills = parse_skills(event, &req.skills)?;
    let sample_input = match req.sample_input {
        Some(v) => v,
        None => serde_json::json!({
            "headers": [],
            "payload": serde_json::from_str::<Value>(event.sample_payload).unwrap_or(Value::Null),
        }),
    };
    let new = NewLambda {
        name,
        description,
        event_id,
        template_id: template.map(|t| t.id.to_owned()),
        skills,
        code,
        env,
        sample_input,
    };
    let user = user.to_owned();
    let id = store
        .write(move |tx| {
            let (total, _) = lambdas::count_lambdas(tx)?;
            if total >= i64::try_from(MAX_LAMBDAS).unwrap_or(i64::MAX) {
                return Err(StoreError::Conflict(format!(
                    "the account already has the maximum of {MAX_LAMBDAS} lambdas"
                )));
            }
            if new.event_id.is_some() {
                check_neighbours(tx, event, None, &new.skills)?;
            }
            let id = lambdas::insert_lambda(tx, &new, &user)?;
            activity::insert_activity(tx, &user, "lambda.created", &new.name, &format!("Created lambda {}", new.name))?;
            Ok(id)
        })
        .await
        .map_err(store_error)?;
    get(store, &id).await
}

/// Validates skills for a lambda of `event`: only events with a skills filter take them.
fn parse_skills(event: &Event, raw: &[String]) -> Result<Vec<String>, Error> {
    let skills = skills::parse_skills(raw).map_err(Error::BadInput)?;
    if !skills.is_empty() && !event.skills_filter {
        return Err(Error::BadInput(format!(
            "the event '{}' has no skills filter; only automatic messages and survey events take skills",
            event.name
        )));
    }
    Ok(skills)
}

/// Applies the event's rules (skills that do not overlap, a default lambda alone, the limit)
/// against the other lambdas of the event, inside the write that binds the lambda.
fn check_neighbours(
    tx: &lambdabox_store::Transaction<'_>,
    event: &Event,
    own: Option<&LambdaId>,
    skills: &[String],
) -> Result<(), StoreError> {
    let others: Vec<_> =
        lambdas::list_event_skills(tx, event.id)?.into_iter().filter(|(id, _, _)| Some(id) != own).collect();
    let neighbours: Vec<Neighbour<'_>> = others.iter().map(|(_, name, skills)| Neighbour { name, skills }).collect();
    skills::check_event_skills(event, skills, &neighbours).map_err(StoreError::Conflict)
}

/// One lambda, or 404.
pub async fn get(store: &Store, id: &LambdaId) -> Result<Lambda, Error> {
    let lookup = id.clone();
    store
        .read(move |conn| lambdas::get_lambda(conn, &lookup))
        .await?
        .ok_or_else(|| Error::NotFound(format!("There is no lambda {id} in this account")))
}

/// Every lambda, for the lists.
pub async fn list(store: &Store) -> Result<Vec<Lambda>, Error> {
    Ok(store.read(lambdas::list_lambdas).await?)
}

/// How many lambdas there are, and how many of them are deployed.
pub async fn count(store: &Store) -> Result<(i64, i64), Error> {
    Ok(store.read(lambdas::count_lambdas).await?)
}

/// The deployments an invocation of the event runs: every deployed lambda bound to it, or with
/// `skill_id`, those listing the skill, else the event's default lambda (no skills).
pub async fn serving_for_event(
    store: &Store,
    event_id: &str,
    skill_id: Option<&str>,
) -> Result<Vec<Deployment>, Error> {
    let event_id = event_id.to_owned();
    let serving = store.read(move |conn| lambdas::list_serving_for_event(conn, &event_id)).await?;
    Ok(skills::select_for_skill(&serving, skill_id).into_iter().cloned().collect())
}

/// One of a lambda's kept deployments.
pub async fn deployment(store: &Store, id: &LambdaId, deployment: i64) -> Result<Deployment, Error> {
    let lookup = id.clone();
    store
        .read(move |conn| lambdas::get_deployment(conn, &lookup, deployment))
        .await?
        .ok_or_else(|| Error::NotFound("no such deployment".into()))
}

/// A lambda's kept deployments, newest first, and its invocation outcomes over the last hour,
/// day, week and 30 days before `now`.
pub async fn history_and_outcomes(
    store: &Store,
    id: &LambdaId,
    now: i64,
) -> Result<(Vec<Deployment>, Vec<(&'static str, OutcomeCounts)>), Error> {
    let lookup = id.clone();
    Ok(store
        .read(move |conn| {
            let history = lambdas::list_deployments(conn, &lookup)?;
            let mut windows = Vec::new();
            for (label, hours) in [("1 h", 1), ("24 h", 24), ("7 d", 24 * 7), ("30 d", 24 * 30)] {
                let from = now - hours * 3600 * 1000;
                windows.push((label, invocations::count_outcomes(conn, from, i64::MAX, Some(lookup.as_str()))?));
            }
            Ok((history, windows))
        })
        .await?)
}

/// Saves changes if nobody saved in between (409 otherwise; nothing is lost).
pub async fn save(
    store: &Store,
    invoker: &Invoker,
    user: &str,
    id: &LambdaId,
    req: SaveLambda,
) -> Result<Saved, Error> {
    let current = get(store, id).await?;
    // The event never changes: its rules can be read before the write.
    let event = current.event_id.as_deref().and_then(events::event);
    let skills = match (&req.skills, event) {
        (None, _) => current.skills.clone(),
        (Some(raw), Some(event)) => parse_skills(event, raw)?,
        (Some(raw), None) => match skills::parse_skills(raw).map_err(Error::BadInput)? {
            list if list.is_empty() => list,
            _ => return Err(Error::BadInput("a function without an event takes no skills".into())),
        },
    };
    let changes = LambdaChanges {
        name: rules::parse_name(&req.name).map_err(Error::BadInput)?,
        description: rules::parse_description(&req.description).map_err(Error::BadInput)?,
        code: req.code,
        env: rules::parse_env(req.env).map_err(Error::BadInput)?,
        sample_input: req.sample_input,
        skills,
    };
    let warning = check_code(invoker, &changes.code)?;
    let (id, user) = (id.clone(), user.to_owned());
    let outcome = store
        .write(move |tx| {
            if let Some(event) = event
                && event.skills_filter
                && changes.skills != current.skills
            {
                check_neighbours(tx, event, Some(&id), &changes.skills)?;
            }
            let outcome = lambdas::update_lambda(tx, &id, req.version, &changes, &user)?;
            let entry = match outcome {
                SaveOutcome::Saved(v) => Some(format!("Saved lambda {} as version {v}", changes.name)),
                SaveOutcome::SkillsSaved(_) => {
                    Some(format!("Changed the skills of lambda {} to [{}]", changes.name, changes.skills.join(", ")))
                }
                _ => None,
            };
            if let Some(entry) = entry {
                activity::insert_activity(tx, &user, "lambda.edited", &changes.name, &entry)?;
            }
            Ok(outcome)
        })
        .await
        .map_err(store_error)?;
    match outcome {
        SaveOutcome::Saved(v) | SaveOutcome::SkillsSaved(v) => Ok(Saved::Version(v, warning)),
        SaveOutcome::Unchanged => Ok(Saved::Unchanged),
        SaveOutcome::Stale { current } => Err(Error::Conflict(format!(
            "the lambda was changed by someone else (now version {current}, you edited version {}); reload it, \
             your changes were not saved",
            req.version
        ))),
        SaveOutcome::NotFound => Err(Error::NotFound("There is no such lambda in this account".into())),
    }
}

/// Result of a deploy.
#[derive(Debug)]
pub enum Deployed {
    /// The current version now serves.
    Serving,
    /// Validation or compilation failed; the previous deployment (if any) keeps serving.
    Failed {
        /// The cause shown to the user.
        cause: String,
        /// The line of a syntax error.
        line: Option<u32>,
    },
}

/// Deploys the lambda's current version.
pub async fn deploy(store: &Store, invoker: &Invoker, user: &str, id: &LambdaId) -> Result<Deployed, Error> {
    let lambda = get(store, id).await?;
    let compiled = invoker.compile(&lambda.code);
    let (state, error) = match &compiled {
        Ok(_) => ("Succeeded", None),
        Err(e) => ("BuildError", Some((e.to_string(), compile_line(e)))),
    };
    let (record, user) = (lambda.clone(), user.to_owned());
    let err_for_store = error.clone();
    let deployment_id = store
        .write(move |tx| {
            let err = err_for_store.as_ref().map(|(m, l)| (m.as_str(), l.map(i64::from)));
            let id = lambdas::record_deployment(tx, &record, state, err, &user)?;
            if err.is_none() {
                changes::publish(tx, &Change::Lambda(record.id.to_string()))?;
            }
            let (what, kind) = if err.is_some() {
                ("Deployment failed for", "lambda.deploy_failed")
            } else {
                ("Deployed", "lambda.deployed")
            };
            activity::insert_activity(
                tx,
                &user,
                kind,
                &record.name,
                &format!("{what} lambda {} version {}", record.name, record.version),
            )?;
            Ok(id)
        })
        .await
        .map_err(store_error)?;
    match compiled {
        Ok(compiled) => {
            invoker.activate(&lambda.id, deployment_id, compiled, lambda.env.clone());
            Ok(Deployed::Serving)
        }
        Err(_) => {
            let (cause, line) = error.unwrap_or_default();
            Ok(Deployed::Failed { cause, line })
        }
    }
}

fn compile_line(err: &CompileError) -> Option<u32> {
    match err {
        CompileError::Syntax { line, .. } => Some(*line),
        CompileError::Contract(_) => Some(1),
        _ => None,
    }
}

/// What an undeploy did besides stopping the lambda.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Undeployed {
    /// Active schedules of the lambda that were paused with it.
    pub paused_schedules: usize,
}

/// Undeploys: the lambda returns to Draft and stops serving at once; its active schedules are
/// paused (and the activity stream says so).
pub async fn undeploy(store: &Store, invoker: &Invoker, user: &str, id: &LambdaId) -> Result<Undeployed, Error> {
    let lambda = get(store, id).await?;
    let (lookup, user) = (id.clone(), user.to_owned());
    let changed = store
        .write(move |tx| {
            let changed = lambdas::undeploy(tx, &lookup)?;
            if !changed {
                return Ok(None);
            }
            changes::publish(tx, &Change::Lambda(lookup.to_string()))?;
            activity::insert_activity(
                tx,
                &user,
                "lambda.undeployed",
                &lambda.name,
                &format!("Undeployed lambda {}", lambda.name),
            )?;
            let paused = schedules::pause_for_lambda(tx, &lookup, "the lambda was undeployed")?;
            if paused > 0 {
                activity::insert_activity(
                    tx,
                    &user,
                    "schedule.paused",
                    &lambda.name,
                    &format!("Paused {paused} schedule(s) of lambda {} because it was undeployed", lambda.name),
                )?;
            }
            Ok(Some(paused))
        })
        .await?;
    invoker.deactivate(id);
    match changed {
        Some(paused_schedules) => Ok(Undeployed { paused_schedules }),
        None => Err(Error::Conflict("the lambda is not deployed".into())),
    }
}

/// Removes a Draft lambda.
pub async fn remove(store: &Store, invoker: &Invoker, user: &str, id: &LambdaId) -> Result<(), Error> {
    let lambda = get(store, id).await?;
    let (lookup, user) = (id.clone(), user.to_owned());
    store
        .write(move |tx| {
            lambdas::delete_lambda(tx, &lookup)?;
            changes::publish(tx, &Change::Lambda(lookup.to_string()))?;
            activity::insert_activity(
                tx,
                &user,
                "lambda.removed",
                &lambda.name,
                &format!("Removed lambda {}", lambda.name),
            )
        })
        .await
        .map_err(store_error)?;
    invoker.deactivate(id);
    Ok(())
}
