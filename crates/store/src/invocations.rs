//! Production invocations (API, event, schedule) for metrics and reports. Rows arrive in
//! batches from the recorder so the invoke path never waits on the disk.

use crate::db::{Connection, ToSql, Transaction};
use crate::params;

use super::StoreError;

/// One recorded invocation.
#[derive(Debug, Clone)]
pub struct InvocationRow {
    /// Lambda uuid.
    pub lambda_uuid: String,
    /// Request id.
    pub request_id: String,
    /// `api`, `event` or `schedule`.
    pub source: &'static str,
    /// Caller's `externalSystem`.
    pub external_system: Option<String>,
    /// `SUCCEEDED`, `CODING_FAILURE`, `PLATFORM_FAILURE` or `TIMEOUT`.
    pub outcome: &'static str,
    /// LivePerson error code of a failure.
    pub error_code: Option<String>,
    /// The failure's message.
    pub error_message: Option<String>,
    /// Duration in microseconds.
    pub duration_us: i64,
    /// When (Unix ms).
    pub at: i64,
}

/// Inserts a batch.
pub fn insert_batch(tx: &Transaction<'_>, rows: &[InvocationRow]) -> Result<(), StoreError> {
    crate::db::insert_rows(
        tx,
        "INSERT INTO invocations
            (lambda_uuid, request_id, source, external_system, outcome, error_code, error_message, duration_us, at)
         VALUES",
        "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
        |r| {
            vec![
                r.lambda_uuid.to_sql(),
                r.request_id.to_sql(),
                r.source.to_sql(),
                r.external_system.to_sql(),
                r.outcome.to_sql(),
                r.error_code.to_sql(),
                r.error_message.to_sql(),
                r.duration_us.to_sql(),
                r.at.to_sql(),
            ]
        },
    )?;
    Ok(())
}

/// Counts by outcome in `[from, to)` (Unix ms), optionally for one lambda:
/// (succeeded, coding failures, platform failures, timeouts).
pub fn count_outcomes(
    conn: &Connection,
    from: i64,
    to: i64,
    lambda: Option<&str>,
) -> Result<OutcomeCounts, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT outcome, count(*) FROM invocations
         WHERE at >= ?1 AND at < ?2 AND (CAST(?3 AS TEXT) IS NULL OR lambda_uuid = ?3) GROUP BY outcome",
    )?;
    let mut counts = OutcomeCounts::default();
    let rows = stmt.query_map(params![from, to, lambda], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (outcome, n) = row?;
        match outcome.as_str() {
            "SUCCEEDED" => counts.succeeded = n,
            "CODING_FAILURE" => counts.coding_failures = n,
            "PLATFORM_FAILURE" => counts.platform_failures = n,
            "TIMEOUT" => counts.timeouts = n,
            _ => {}
        }
    }
    Ok(counts)
}

/// Invocation counts by outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutcomeCounts {
    /// Succeeded.
    pub succeeded: i64,
    /// The lambda failed (custom failure, runtime exception, log limit).
    pub coding_failures: i64,
    /// lambdabox failed (busy, internal).
    pub platform_failures: i64,
    /// Ran into the time limit.
    pub timeouts: i64,
}

impl OutcomeCounts {
    /// All failures.
    pub fn failed(&self) -> i64 {
        self.coding_failures + self.platform_failures + self.timeouts
    }

    /// Everything.
    pub fn total(&self) -> i64 {
        self.succeeded + self.failed()
    }
}

/// One invocation as a function's history shows it.
#[derive(Debug, Clone)]
pub struct RecentInvocation {
    /// Request id (its log entries are stored under it).
    pub request_id: String,
    /// `api`, `event` or `schedule`.
    pub source: String,
    /// Caller's `externalSystem`.
    pub external_system: Option<String>,
    /// `SUCCEEDED`, `CODING_FAILURE`, `PLATFORM_FAILURE` or `TIMEOUT`.
    pub outcome: String,
    /// LivePerson error code of a failure.
    pub error_code: Option<String>,
    /// The failure's message.
    pub error_message: Option<String>,
    /// Duration in microseconds.
    pub duration_us: i64,
    /// When (Unix ms).
    pub at: i64,
}

/// The latest `limit` invocations of a lambda, newest first.
pub fn recent(conn: &Connection, lambda_uuid: &str, limit: usize) -> Result<Vec<RecentInvocation>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT request_id, source, external_system, outcome, error_code, error_message, duration_us, at
         FROM invocations WHERE lambda_uuid = ?1 ORDER BY at DESC, id DESC LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![lambda_uuid, i64::try_from(limit).unwrap_or(i64::MAX)], |row| {
            Ok(RecentInvocation {
                request_id: row.get(0)?,
                source: row.get(1)?,
                external_system: row.get(2)?,
                outcome: row.get(3)?,
                error_code: row.get(4)?,
                error_message: row.get(5)?,
                duration_us: row.get(6)?,
                at: row.get(7)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Invocations and failures per `bucket_ms` from `from` (Unix ms) on, optionally of one lambda:
/// (bucket start, invocations, failures), empty buckets left out.
pub fn per_bucket(
    conn: &Connection,
    lambda_uuid: Option<&str>,
    from: i64,
    bucket_ms: i64,
) -> Result<Vec<(i64, i64, i64)>, StoreError> {
    let bucket = bucket_ms.max(1);
    let mut stmt = conn.prepare_cached(
        "SELECT (at / ?2) * ?2 AS bucket, count(*), sum(CASE WHEN outcome <> 'SUCCEEDED' THEN 1 ELSE 0 END)
         FROM invocations WHERE at >= ?1 AND (CAST(?3 AS TEXT) IS NULL OR lambda_uuid = ?3)
         GROUP BY bucket ORDER BY bucket",
    )?;
    let rows = stmt
        .query_map(params![from, bucket, lambda_uuid], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The invocation recorded under `request_id`, if any (the newest, should a caller reuse ids).
pub fn by_request(conn: &Connection, request_id: &str) -> Result<Option<(String, RecentInvocation)>, StoreError> {
    use crate::db::OptionalExtension;
    let mut stmt = conn.prepare_cached(
        "SELECT lambda_uuid, request_id, source, external_system, outcome, error_code, error_message, duration_us, at
         FROM invocations WHERE request_id = ?1 ORDER BY id DESC LIMIT 1",
    )?;
    Ok(stmt
        .query_row([request_id], |row| {
            Ok((
                row.get(0)?,
                RecentInvocation {
                    request_id: row.get(1)?,
                    source: row.get(2)?,
                    external_system: row.get(3)?,
                    outcome: row.get(4)?,
                    error_code: row.get(5)?,
                    error_message: row.get(6)?,
                    duration_us: row.get(7)?,
                    at: row.get(8)?,
                },
            ))
        })
        .optional()?)
}
