//! Lambdas and their deployments. A lambda's state is derived from its version, the deployment
//! serving it and its last deploy attempt; saves use the version for optimistic concurrency.

use crate::db::{Connection, OptionalExtension, Row, Transaction};
use crate::params;

use super::{StoreError, now_ms, unique_violation};
use lambdabox_domain::lambda::{DEPLOYMENT_HISTORY, EnvVar, LambdaId, LambdaState};

/// A deployment attempt (history row).
#[derive(Debug, Clone)]
pub struct Deployment {
    /// Row id.
    pub id: i64,
    /// The lambda.
    pub lambda: LambdaId,
    /// The lambda version deployed.
    pub lambda_version: i64,
    /// The code deployed.
    pub code: String,
    /// The environment deployed.
    pub env: Vec<EnvVar>,
    /// The description at that time.
    pub description: String,
    /// `Succeeded`, `BuildError` or `DeployError`.
    pub state: String,
    /// The failure's cause.
    pub error: Option<String>,
    /// Line of a compile error.
    pub error_line: Option<i64>,
    /// When (Unix ms).
    pub created_at: i64,
    /// Who.
    pub created_by: String,
}

/// A lambda with what its state is derived from.
#[derive(Debug, Clone)]
pub struct Lambda {
    /// Uuid.
    pub id: LambdaId,
    /// Unique name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Event id; `None` for "No Event".
    pub event_id: Option<String>,
    /// Template it was created from.
    pub template_id: Option<String>,
    /// Skill ids it answers on an event with a skills filter; empty: the default lambda.
    pub skills: Vec<String>,
    /// Current (saved) code.
    pub code: String,
    /// Current environment variables.
    pub env: Vec<EnvVar>,
    /// Sample input for the test page (`{headers, payload}`).
    pub sample_input: serde_json::Value,
    /// Saved version, incremented by every change.
    pub version: i64,
    /// The deployment serving invocations, if deployed.
    pub serving: Option<Deployment>,
    /// The newest deploy attempt, if any.
    pub last_attempt: Option<Deployment>,
    /// Creation time and user.
    pub created_at: i64,
    /// Who created it.
    pub created_by: String,
    /// Last change time.
    pub updated_at: i64,
    /// Who changed it last.
    pub updated_by: String,
}

impl Lambda {
    /// Draft / Productive / Modified / Build Error / Deploy Error.
    pub fn state(&self) -> LambdaState {
        let failed = self.last_attempt.as_ref().and_then(|a| {
            let newer_than_serving = self.serving.as_ref().is_none_or(|s| a.id > s.id);
            match a.state.as_str() {
                "BuildError" if a.lambda_version == self.version && newer_than_serving => Some(LambdaState::BuildError),
                "DeployError" if a.lambda_version == self.version && newer_than_serving => {
                    Some(LambdaState::DeployError)
                }
                _ => None,
            }
        });
        LambdaState::derive(self.version, self.serving.as_ref().map(|s| s.lambda_version), failed)
    }

    /// The cause of the failure behind a Build/Deploy Error state.
    pub fn failure_cause(&self) -> Option<&str> {
        match self.state() {
            LambdaState::BuildError | LambdaState::DeployError => {
                self.last_attempt.as_ref().and_then(|a| a.error.as_deref())
            }
            _ => None,
        }
    }
}

const DEPLOYMENT_COLUMNS: &str =
    "id, lambda_uuid, lambda_version, code, env_json, description, state, error, error_line, created_at, created_by";

fn deployment_from_row(row: &Row<'_>) -> Result<Deployment, crate::DbError> {
    let env_json: String = row.get(4)?;
    let uuid: String = row.get(1)?;
    Ok(Deployment {
        id: row.get(0)?,
        lambda: LambdaId::parse(&uuid).map_err(|message| crate::DbError::Column { column: 1, message })?,
        lambda_version: row.get(2)?,
        code: row.get(3)?,
        env: serde_json::from_str(&env_json).unwrap_or_default(),
        description: row.get(5)?,
        state: row.get(6)?,
        error: row.get(7)?,
        error_line: row.get(8)?,
        created_at: row.get(9)?,
        created_by: row.get(10)?,
    })
}

fn get_deployment_row(conn: &Connection, id: i64) -> Result<Option<Deployment>, StoreError> {
    let sql = format!("SELECT {DEPLOYMENT_COLUMNS} FROM deployments WHERE id = ?1");
    Ok(conn.query_row(&sql, [id], deployment_from_row).optional()?)
}

fn last_attempt(conn: &Connection, lambda: &str) -> Result<Option<Deployment>, StoreError> {
    let sql = format!("SELECT {DEPLOYMENT_COLUMNS} FROM deployments WHERE lambda_uuid = ?1 ORDER BY id DESC LIMIT 1");
    Ok(conn.query_row(&sql, [lambda], deployment_from_row).optional()?)
}

const LAMBDA_COLUMNS: &str =
    "uuid, name, description, event_id, template_id, code, env_json, sample_input_json, version,
     serving_deployment_id, created_at, created_by, updated_at, updated_by, skills_json";

fn lambda_from_row(conn: &Connection, row: &Row<'_>) -> Result<Lambda, StoreError> {
    let uuid: String = row.get(0)?;
    let env_json: String = row.get(6)?;
    let sample: String = row.get(7)?;
    let serving_id: Option<i64> = row.get(9)?;
    let skills: String = row.get(14)?;
    let serving = match serving_id {
        Some(id) => get_deployment_row(conn, id)?,
        None => None,
    };
    Ok(Lambda {
        last_attempt: last_attempt(conn, &uuid)?,
        id: LambdaId::parse(&uuid).map_err(StoreError::Corrupt)?,
        name: row.get(1)?,
        description: row.get(2)?,
        event_id: row.get(3)?,
        template_id: row.get(4)?,
        skills: serde_json::from_str(&skills).unwrap_or_default(),
        code: row.get(5)?,
        env: serde_json::from_str(&env_json).unwrap_or_default(),
        sample_input: serde_json::from_str(&sample).unwrap_or(serde_json::Value::Null),
        version: row.get(8)?,
        serving,
        created_at: row.get(10)?,
        created_by: row.get(11)?,
        updated_at: row.get(12)?,
        updated_by: row.get(13)?,
    })
}

fn query_lambdas(conn: &Connection, filter: &str, args: &[&dyn crate::db::ToSql]) -> Result<Vec<Lambda>, StoreError> {
    let sql = format!("SELECT {LAMBDA_COLUMNS} FROM lambdas {filter}");
    conn.prepare(&sql)?.query_and_then(args, |row| lambda_from_row(conn, row))
}

/// All lambdas, by name.
pub fn list_lambdas(conn: &Connection) -> Result<Vec<Lambda>, StoreError> {
    query_lambdas(conn, "ORDER BY name COLLATE NOCASE", &[])
}

/// One lambda.
pub fn get_lambda(conn: &Connection, id: &LambdaId) -> Result<Option<Lambda>, StoreError> {
    Ok(query_lambdas(conn, "WHERE uuid = ?1", &[&id.as_str()])?.into_iter().next())
}

/// Number of lambdas, and of those deployed.
pub fn count_lambdas(conn: &Connection) -> Result<(i64, i64), StoreError> {
    Ok(conn
        .query_row("SELECT count(*), count(serving_deployment_id) FROM lambdas", [], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Number of lambdas bound to an event.
pub fn count_for_event(conn: &Connection, event_id: &str) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM lambdas WHERE event_id = ?1", [event_id], |r| r.get(0))?)
}

/// What a new lambda is made of.
#[derive(Debug, Clone)]
pub struct NewLambda {
    /// Unique name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Event id, `None` for No Event.
    pub event_id: Option<String>,
    /// Template used.
    pub template_id: Option<String>,
    /// Skills (validated by the caller).
    pub skills: Vec<String>,
    /// Code.
    pub code: String,
    /// Environment variables.
    pub env: Vec<EnvVar>,
    /// Sample input.
    pub sample_input: serde_json::Value,
}

/// Creates a lambda (version 1, Draft); `Conflict` if the name is taken.
pub fn insert_lambda(tx: &Transaction<'_>, new: &NewLambda, user: &str) -> Result<LambdaId, StoreError> {
    let id = LambdaId::generate();
    let env = serde_json::to_string(&new.env).map_err(|e| StoreError::Task(e.to_string()))?;
    let skills = serde_json::to_string(&new.skills).map_err(|e| StoreError::Task(e.to_string()))?;
    tx.execute(
        "INSERT INTO lambdas (uuid, name, description, event_id, template_id, code, env_json, sample_input_json,
                              version, created_at, created_by, updated_at, updated_by, skills_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?10, ?9, ?10, ?11)",
        params![
            id.as_str(),
            new.name,
            new.description,
            new.event_id,
            new.template_id,
            new.code,
            env,
            new.sample_input.to_string(),
            now_ms(),
            user,
            skills
        ],
    )
    .map_err(|e| unique_violation(e, format!("a lambda named '{}' already exists", new.name)))?;
    Ok(id)
}

/// The editable part of a lambda.
#[derive(Debug, Clone, PartialEq)]
pub struct LambdaChanges {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Code.
    pub code: String,
    /// Environment variables.
    pub env: Vec<EnvVar>,
    /// Sample input.
    pub sample_input: serde_json::Value,
    /// Skills (validated by the caller).
    pub skills: Vec<String>,
}

/// Result of a save.
#[derive(Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Saved as this new version.
    Saved(i64),
    /// Only the skills changed: saved without a new version (skills are not deployed, they
    /// apply to the next invocation).
    SkillsSaved(i64),
    /// Nothing differed from the stored version.
    Unchanged,
    /// The lambda changed since `expected_version` was read.
    Stale {
        /// The current version.
        current: i64,
    },
    /// No such lambda.
    NotFound,
}

/// Saves changes if the lambda is still at `expected_version`.
pub fn update_lambda(
    tx: &Transaction<'_>,
    id: &LambdaId,
    expected_version: i64,
    changes: &LambdaChanges,
    user: &str,
) -> Result<SaveOutcome, StoreError> {
    let Some(current) = get_lambda(tx, id)? else {
        return Ok(SaveOutcome::NotFound);
    };
    if current.version != expected_version {
        return Ok(SaveOutcome::Stale { current: current.version });
    }
    let same = current.name == changes.name
        && current.description == changes.description
        && current.code == changes.code
        && current.env == changes.env
        && current.sample_input == changes.sample_input;
    let skills = serde_json::to_string(&changes.skills).map_err(|e| StoreError::Task(e.to_string()))?;
    if same && current.skills == changes.skills {
        return Ok(SaveOutcome::Unchanged);
    }
    if same {
        tx.execute(
            "UPDATE lambdas SET skills_json = ?2, updated_at = ?3, updated_by = ?4 WHERE uuid = ?1 AND version = ?5",
            params![id.as_str(), skills, now_ms(), user, expected_version],
        )?;
        return Ok(SaveOutcome::SkillsSaved(expected_version));
    }
    let env = serde_json::to_string(&changes.env).map_err(|e| StoreError::Task(e.to_string()))?;
    tx.execute(
        "UPDATE lambdas SET name = ?2, description = ?3, code = ?4, env_json = ?5, sample_input_json = ?6,
                version = version + 1, updated_at = ?7, updated_by = ?8, skills_json = ?10
         WHERE uuid = ?1 AND version = ?9",
        params![
            id.as_str(),
            changes.name,
            changes.description,
            changes.code,
            env,
            changes.sample_input.to_string(),
            now_ms(),
            user,
            expected_version,
            skills
        ],
    )
    .map_err(|e| unique_violation(e, format!("a lambda named '{}' already exists", changes.name)))?;
    Ok(SaveOutcome::Saved(expected_version + 1))
}

/// Deletes a Draft lambda (never deployed or undeployed). `Conflict` if it is deployed.
pub fn delete_lambda(tx: &Transaction<'_>, id: &LambdaId) -> Result<bool, StoreError> {
    let Some(lambda) = get_lambda(tx, id)? else {
        return Ok(false);
    };
    if lambda.serving.is_some() {
        return Err(StoreError::Conflict(format!(
            "lambda '{}' is deployed; undeploy it before removing it",
            lambda.name
        )));
    }
    Ok(tx.execute("DELETE FROM lambdas WHERE uuid = ?1", [id.as_str()])? == 1)
}

/// Records a deploy attempt of the lambda's current version; a successful one starts serving.
/// Keeps the last `DEPLOYMENT_HISTORY` attempts (and always the serving one).
pub fn record_deployment(
    tx: &Transaction<'_>,
    lambda: &Lambda,
    state: &str,
    error: Option<(&str, Option<i64>)>,
    user: &str,
) -> Result<i64, StoreError> {
    let env = serde_json::to_string(&lambda.env).map_err(|e| StoreError::Task(e.to_string()))?;
    let id = tx.query_row(
        "INSERT INTO deployments (lambda_uuid, lambda_version, code, env_json, description, state, error, error_line,
                                  created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
        params![
            lambda.id.as_str(),
            lambda.version,
            lambda.code,
            env,
            lambda.description,
            state,
            error.map(|e| e.0),
            error.and_then(|e| e.1),
            now_ms(),
            user
        ],
        |r| r.get::<_, i64>(0),
    )?;
    if state == "Succeeded" {
        tx.execute("UPDATE lambdas SET serving_deployment_id = ?2 WHERE uuid = ?1", params![lambda.id.as_str(), id])?;
    }
    tx.execute(
        "DELETE FROM deployments WHERE lambda_uuid = ?1
           AND id NOT IN (SELECT id FROM deployments WHERE lambda_uuid = ?1 ORDER BY id DESC LIMIT ?2)
           AND id IS DISTINCT FROM (SELECT serving_deployment_id FROM lambdas WHERE uuid = ?1)",
        params![lambda.id.as_str(), i64::try_from(DEPLOYMENT_HISTORY).unwrap_or(5)],
    )?;
    Ok(id)
}

/// Stops serving a lambda (back to Draft).
pub fn undeploy(tx: &Transaction<'_>, id: &LambdaId) -> Result<bool, StoreError> {
    Ok(tx.execute(
        "UPDATE lambdas SET serving_deployment_id = NULL WHERE uuid = ?1 AND serving_deployment_id IS NOT NULL",
        [id.as_str()],
    )? == 1)
}

/// The deployment history of a lambda, newest first.
pub fn list_deployments(conn: &Connection, id: &LambdaId) -> Result<Vec<Deployment>, StoreError> {
    let sql = format!("SELECT {DEPLOYMENT_COLUMNS} FROM deployments WHERE lambda_uuid = ?1 ORDER BY id DESC");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([id.as_str()], deployment_from_row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// One deployment of a lambda.
pub fn get_deployment(conn: &Connection, lambda: &LambdaId, deployment: i64) -> Result<Option<Deployment>, StoreError> {
    Ok(get_deployment_row(conn, deployment)?.filter(|d| &d.lambda == lambda))
}

/// The serving deployment of every deployed lambda of an event (for event invocation), with
/// the lambda's current skills.
pub fn list_serving_for_event(conn: &Connection, event_id: &str) -> Result<Vec<(Deployment, Vec<String>)>, StoreError> {
    let sql = format!(
        "SELECT {}, l.skills_json FROM deployments d JOIN lambdas l ON l.serving_deployment_id = d.id
         WHERE l.event_id = ?1 ORDER BY l.name COLLATE NOCASE",
        DEPLOYMENT_COLUMNS.split(", ").map(|c| format!("d.{c}")).collect::<Vec<_>>().join(", ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([event_id], |row| {
            let skills: String = row.get(11)?;
            Ok((deployment_from_row(row)?, serde_json::from_str(&skills).unwrap_or_default()))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The name and skills of every lambda bound to an event (for the skill rules).
pub fn list_event_skills(
    conn: &Connection,
    event_id: &str,
) -> Result<Vec<(LambdaId, String, Vec<String>)>, StoreError> {
    let mut stmt =
        conn.prepare("SELECT uuid, name, skills_json FROM lambdas WHERE event_id = ?1 ORDER BY name COLLATE NOCASE")?;
    stmt.query_and_then([event_id], |row| {
        let uuid: String = row.get(0)?;
        let skills: String = row.get(2)?;
        Ok((
            LambdaId::parse(&uuid).map_err(StoreError::Corrupt)?,
            row.get(1)?,
            serde_json::from_str(&skills).unwrap_or_default(),
        ))
    })
}

/// The serving deployment of one lambda.
pub fn get_serving(conn: &Connection, id: &LambdaId) -> Result<Option<Deployment>, StoreError> {
    let serving: Option<Option<i64>> = conn
        .query_row("SELECT serving_deployment_id FROM lambdas WHERE uuid = ?1", [id.as_str()], |r| r.get(0))
        .optional()?;
    match serving.flatten() {
        Some(d) => get_deployment_row(conn, d),
        None => Ok(None),
    }
}

/// Whether a lambda with this id exists at all.
pub fn lambda_exists(conn: &Connection, id: &LambdaId) -> Result<bool, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM lambdas WHERE uuid = ?1", [id.as_str()], |r| r.get::<_, i64>(0))? > 0)
}
