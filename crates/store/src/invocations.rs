//! Production invocations (API, event, schedule) for metrics and reports. Rows arrive in
//! batches from the recorder so the invoke path never waits on the disk.

use rusqlite::{Connection, Transaction, params};

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
    /// Duration in microseconds.
    pub duration_us: i64,
    /// When (Unix ms).
    pub at: i64,
}

/// Inserts a batch.
pub fn insert_batch(tx: &Transaction<'_>, rows: &[InvocationRow]) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO invocations (lambda_uuid, request_id, source, external_system, outcome, error_code, duration_us, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for r in rows {
        stmt.execute(params![
            r.lambda_uuid,
            r.request_id,
            r.source,
            r.external_system,
            r.outcome,
            r.error_code,
            r.duration_us,
            r.at
        ])?;
    }
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
         WHERE at >= ?1 AND at < ?2 AND (?3 IS NULL OR lambda_uuid = ?3) GROUP BY outcome",
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
