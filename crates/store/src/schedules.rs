//! Schedules and their runs. A run is claimed by moving `last_due_at` forward with a
//! compare-and-set and inserting its row (unique per due time) in one transaction, so each due
//! time fires at most once, across restarts too.

use crate::db::{Connection, OptionalExtension, Row, Transaction};
use crate::params;

use super::StoreError;
use lambdabox_domain::lambda::LambdaId;
use lambdabox_domain::schedule::{RunStatus, ScheduleId};

/// Runs kept per schedule (newest first); older rows are pruned when a run is claimed.
pub const RUN_HISTORY: i64 = 100;

/// One handled due time.
#[derive(Debug, Clone)]
pub struct ScheduleRun {
    /// Row id.
    pub id: i64,
    /// The due time (Unix ms).
    pub due_at: i64,
    /// What became of it.
    pub status: RunStatus,
    /// The invocation's outcome (`SUCCEEDED`, `CODING_FAILURE`, ...).
    pub outcome: Option<String>,
    /// The invocation's request id (for its logs).
    pub request_id: Option<String>,
    /// Why it failed.
    pub error: Option<String>,
    /// How long the invocation took.
    pub duration_ms: Option<i64>,
}

/// A schedule with its lambda's name and latest runs.
#[derive(Debug, Clone)]
pub struct Schedule {
    /// Uuid.
    pub id: ScheduleId,
    /// The lambda it runs.
    pub lambda: LambdaId,
    /// The lambda's name.
    pub lambda_name: String,
    /// Whether the lambda is deployed.
    pub lambda_deployed: bool,
    /// Cron text as validated.
    pub cron: String,
    /// The invocation's `payload`.
    pub payload: serde_json::Value,
    /// Active or paused.
    pub active: bool,
    /// Why lambdabox paused it, if it did.
    pub paused_reason: Option<String>,
    /// Due times up to here are accounted for (Unix ms).
    pub last_due_at: i64,
    /// The newest run of any kind.
    pub last_run: Option<ScheduleRun>,
    /// The newest run that was invoked (not missed).
    pub last_executed: Option<ScheduleRun>,
    /// Creation time (Unix ms).
    pub created_at: i64,
    /// Who created it.
    pub created_by: String,
    /// Last change time (Unix ms).
    pub updated_at: i64,
    /// Who changed it last.
    pub updated_by: String,
}

/// What a schedule is made of.
#[derive(Debug, Clone)]
pub struct ScheduleFields {
    /// The lambda.
    pub lambda: LambdaId,
    /// Validated cron text.
    pub cron: String,
    /// Validated payload.
    pub payload: serde_json::Value,
    /// Active or paused.
    pub active: bool,
}

const RUN_COLUMNS: &str = "id, due_at, status, outcome, request_id, error, duration_ms";

fn run_from_row(row: &Row<'_>) -> Result<ScheduleRun, crate::DbError> {
    let status: String = row.get(2)?;
    Ok(ScheduleRun {
        id: row.get(0)?,
        due_at: row.get(1)?,
        status: RunStatus::parse(&status).unwrap_or(RunStatus::Failed),
        outcome: row.get(3)?,
        request_id: row.get(4)?,
        error: row.get(5)?,
        duration_ms: row.get(6)?,
    })
}

fn newest_run(conn: &Connection, id: &str, executed_only: bool) -> Result<Option<ScheduleRun>, StoreError> {
    let filter = if executed_only { "AND status <> 'missed'" } else { "" };
    let sql = format!(
        "SELECT {RUN_COLUMNS} FROM schedule_runs WHERE schedule_uuid = ?1 {filter} ORDER BY due_at DESC LIMIT 1"
    );
    Ok(conn.query_row(&sql, [id], run_from_row).optional()?)
}

const SCHEDULE_COLUMNS: &str = "s.uuid, s.lambda_uuid, l.name, l.serving_deployment_id IS NOT NULL, s.cron,
     s.payload_json, s.is_active, s.paused_reason, s.last_due_at, s.created_at, s.created_by, s.updated_at,
     s.updated_by";

fn schedule_from_row(conn: &Connection, row: &Row<'_>) -> Result<Schedule, StoreError> {
    let uuid: String = row.get(0)?;
    let lambda: String = row.get(1)?;
    let payload: String = row.get(5)?;
    Ok(Schedule {
        last_run: newest_run(conn, &uuid, false)?,
        last_executed: newest_run(conn, &uuid, true)?,
        id: ScheduleId::parse(&uuid).map_err(StoreError::Corrupt)?,
        lambda: LambdaId::parse(&lambda).map_err(StoreError::Corrupt)?,
        lambda_name: row.get(2)?,
        lambda_deployed: row.get(3)?,
        cron: row.get(4)?,
        payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::Null),
        active: row.get(6)?,
        paused_reason: row.get(7)?,
        last_due_at: row.get(8)?,
        created_at: row.get(9)?,
        created_by: row.get(10)?,
        updated_at: row.get(11)?,
        updated_by: row.get(12)?,
    })
}

fn query_schedules(
    conn: &Connection,
    filter: &str,
    args: &[&dyn crate::db::ToSql],
) -> Result<Vec<Schedule>, StoreError> {
    let sql = format!(
        "SELECT {SCHEDULE_COLUMNS} FROM schedules s JOIN lambdas l ON l.uuid = s.lambda_uuid {filter}
         ORDER BY l.name COLLATE NOCASE, s.created_at"
    );
    conn.prepare(&sql)?.query_and_then(args, |row| schedule_from_row(conn, row))
}

/// All schedules, by lambda name.
pub fn list_schedules(conn: &Connection) -> Result<Vec<Schedule>, StoreError> {
    query_schedules(conn, "", &[])
}

/// The active schedules (what a tick looks at).
pub fn list_active(conn: &Connection) -> Result<Vec<Schedule>, StoreError> {
    query_schedules(conn, "WHERE s.is_active = 1", &[])
}

/// One schedule.
pub fn get_schedule(conn: &Connection, id: &ScheduleId) -> Result<Option<Schedule>, StoreError> {
    Ok(query_schedules(conn, "WHERE s.uuid = ?1", &[&id.as_str()])?.into_iter().next())
}

/// How many distinct lambdas have a schedule, not counting schedule `except`; and whether
/// `lambda` is one of them.
pub fn count_scheduled_lambdas(
    conn: &Connection,
    lambda: &LambdaId,
    except: Option<&ScheduleId>,
) -> Result<(i64, bool), StoreError> {
    let except = except.map(ScheduleId::as_str);
    Ok(conn.query_row(
        "SELECT count(DISTINCT lambda_uuid), coalesce(max(CASE WHEN lambda_uuid = ?1 THEN 1 ELSE 0 END), 0) FROM schedules
         WHERE CAST(?2 AS TEXT) IS NULL OR uuid <> ?2",
        params![lambda.as_str(), except],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Creates a schedule; due times up to `now` are not its business.
pub fn insert_schedule(
    tx: &Transaction<'_>,
    id: &ScheduleId,
    fields: &ScheduleFields,
    user: &str,
    now: i64,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO schedules (uuid, lambda_uuid, cron, payload_json, is_active, last_due_at, created_at, created_by,
                                updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?6, ?7)",
        params![id.as_str(), fields.lambda.as_str(), fields.cron, fields.payload.to_string(), fields.active, now, user],
    )?;
    Ok(())
}

/// Changes a schedule. Due times up to `now` count as handled, so a new cron expression is
/// not measured against the past.
pub fn update_schedule(
    tx: &Transaction<'_>,
    id: &ScheduleId,
    fields: &ScheduleFields,
    user: &str,
    now: i64,
) -> Result<bool, StoreError> {
    Ok(tx.execute(
        "UPDATE schedules SET lambda_uuid = ?2, cron = ?3, payload_json = ?4,
                paused_reason = CASE WHEN ?5 = 1 THEN NULL ELSE paused_reason END,
                is_active = ?5, last_due_at = CASE WHEN last_due_at > ?6 THEN last_due_at ELSE ?6 END, updated_at = ?6, updated_by = ?7
         WHERE uuid = ?1",
        params![id.as_str(), fields.lambda.as_str(), fields.cron, fields.payload.to_string(), fields.active, now, user],
    )? == 1)
}

/// Deletes a schedule and its runs.
pub fn delete_schedule(tx: &Transaction<'_>, id: &ScheduleId) -> Result<bool, StoreError> {
    Ok(tx.execute("DELETE FROM schedules WHERE uuid = ?1", [id.as_str()])? == 1)
}

/// Pauses the active schedules of a lambda (it was undeployed); returns how many.
pub fn pause_for_lambda(tx: &Transaction<'_>, lambda: &LambdaId, reason: &str) -> Result<usize, StoreError> {
    Ok(tx.execute(
        "UPDATE schedules SET is_active = 0, paused_reason = ?2 WHERE lambda_uuid = ?1 AND is_active = 1",
        params![lambda.as_str(), reason],
    )?)
}

/// Result of claiming the due times of a schedule.
#[derive(Debug, PartialEq, Eq)]
pub enum Claim {
    /// Someone else handled them first (another tick, an edit, a pause): do nothing.
    Lost,
    /// Claimed; the row id of the run to invoke, if one fires.
    Won(Option<i64>),
}

/// Claims a schedule's due times up to `last_due`: the older ones in `missed` are recorded as
/// missed, and `fire` (due time, request id) as running. Only if `last_due_at` still equals
/// `expected` and the schedule is active.
pub fn claim_runs(
    tx: &Transaction<'_>,
    id: &ScheduleId,
    expected: i64,
    last_due: i64,
    missed: &[i64],
    fire: Option<(i64, &str)>,
    now: i64,
) -> Result<Claim, StoreError> {
    let moved = tx.execute(
        "UPDATE schedules SET last_due_at = ?3 WHERE uuid = ?1 AND is_active = 1 AND last_due_at = ?2 AND ?3 > ?2",
        params![id.as_str(), expected, last_due],
    )?;
    if moved != 1 {
        return Ok(Claim::Lost);
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO schedule_runs (schedule_uuid, due_at, status) VALUES (?1, ?2, 'missed')
         ON CONFLICT (schedule_uuid, due_at) DO NOTHING",
    )?;
    for due in missed {
        stmt.execute(params![id.as_str(), due])?;
    }
    let run = match fire {
        Some((due, request_id)) => Some(tx.query_row(
            "INSERT INTO schedule_runs (schedule_uuid, due_at, status, request_id, started_at)
                 VALUES (?1, ?2, 'running', ?3, ?4) RETURNING id",
            params![id.as_str(), due, request_id, now],
            |r| r.get(0),
        )?),
        None => None,
    };
    tx.execute(
        "DELETE FROM schedule_runs WHERE schedule_uuid = ?1
           AND id NOT IN (SELECT id FROM schedule_runs WHERE schedule_uuid = ?1 ORDER BY due_at DESC LIMIT ?2)",
        params![id.as_str(), RUN_HISTORY],
    )?;
    Ok(Claim::Won(run))
}

/// Records how a fired run ended.
pub fn finish_run(
    tx: &Transaction<'_>,
    run: i64,
    status: RunStatus,
    outcome: Option<&str>,
    error: Option<&str>,
    duration_ms: i64,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE schedule_runs SET status = ?2, outcome = ?3, error = ?4, duration_ms = ?5 WHERE id = ?1",
        params![run, status.as_str(), outcome, error, duration_ms],
    )?;
    Ok(())
}

/// Marks runs left `running` by a process that stopped as failed: those started before
/// `started_before` (Unix ms; `i64::MAX` for all). Returns how many.
pub fn fail_interrupted_runs(tx: &Transaction<'_>, started_before: i64) -> Result<usize, StoreError> {
    Ok(tx.execute(
        "UPDATE schedule_runs SET status = 'failed', error = 'lambdabox stopped before the run finished'
         WHERE status = 'running' AND (started_at IS NULL OR started_at < ?1)",
        [started_before],
    )?)
}

/// The newest runs of a schedule.
pub fn list_runs(conn: &Connection, id: &ScheduleId, limit: i64) -> Result<Vec<ScheduleRun>, StoreError> {
    let sql = format!("SELECT {RUN_COLUMNS} FROM schedule_runs WHERE schedule_uuid = ?1 ORDER BY due_at DESC LIMIT ?2");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![id.as_str(), limit], run_from_row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}
