//! Console entries of production invocations (not Debug, not test runs): batched inserts from
//! the recorder, filtered search with SQLite FTS5 over message and extras, CSV export, and
//! retention purges.

use rusqlite::{Connection, Transaction, params_from_iter, types::Value as Sql};

use super::StoreError;

/// One stored entry.
#[derive(Debug, Clone)]
pub struct LogRow {
    /// Row id.
    pub id: i64,
    /// The lambda.
    pub lambda_uuid: String,
    /// The invocation.
    pub request_id: String,
    /// Info, Warn or Error.
    pub level: String,
    /// The message.
    pub message: String,
    /// JSON array of extras.
    pub extras: String,
    /// When (Unix ms).
    pub at: i64,
}

/// Inserts a batch (rows without id).
pub fn insert_batch(tx: &Transaction<'_>, rows: &[LogRow]) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO logs (lambda_uuid, request_id, level, message, extras, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for r in rows {
        stmt.execute(rusqlite::params![r.lambda_uuid, r.request_id, r.level, r.message, r.extras, r.at])?;
    }
    Ok(())
}

/// A log search.
#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    /// Only this lambda.
    pub lambda_uuid: Option<String>,
    /// Only these levels (empty: all).
    pub levels: Vec<String>,
    /// From (Unix ms, inclusive).
    pub from: i64,
    /// To (Unix ms, exclusive).
    pub to: i64,
    /// Full-text query over message and extras.
    pub text: Option<String>,
    /// Only this request id.
    pub request_id: Option<String>,
}

/// Turns free text into an FTS5 query of quoted terms (all must match, prefix on the last),
/// so user input can never be FTS syntax.
fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split_whitespace()
        .map(|t| t.replace('"', ""))
        .filter(|t| !t.is_empty())
        .map(|t| format!("\"{t}\""))
        .collect();
    if terms.is_empty() {
        return None;
    }
    Some(format!("{}*", terms.join(" ")))
}

/// Newest entries matching `filter`, `limit` of them after skipping `offset`.
pub fn search(conn: &Connection, filter: &LogFilter, limit: i64, offset: i64) -> Result<Vec<LogRow>, StoreError> {
    let mut sql =
        String::from("SELECT l.id, l.lambda_uuid, l.request_id, l.level, l.message, l.extras, l.at FROM logs l");
    let mut args: Vec<Sql> = Vec::new();
    let mut wheres = vec!["l.at >= ?".to_owned(), "l.at < ?".to_owned()];
    args.push(Sql::Integer(filter.from));
    args.push(Sql::Integer(filter.to));
    if let Some(q) = filter.text.as_deref().and_then(fts_query) {
        sql.push_str(" JOIN logs_fts f ON f.rowid = l.id");
        wheres.push("logs_fts MATCH ?".into());
        args.push(Sql::Text(q));
    }
    if let Some(lambda) = &filter.lambda_uuid {
        wheres.push("l.lambda_uuid = ?".into());
        args.push(Sql::Text(lambda.clone()));
    }
    if let Some(request) = &filter.request_id {
        wheres.push("l.request_id = ?".into());
        args.push(Sql::Text(request.clone()));
    }
    if !filter.levels.is_empty() {
        wheres.push(format!("l.level IN ({})", vec!["?"; filter.levels.len()].join(", ")));
        args.extend(filter.levels.iter().cloned().map(Sql::Text));
    }
    sql.push_str(&format!(" WHERE {} ORDER BY l.at DESC, l.id DESC LIMIT ? OFFSET ?", wheres.join(" AND ")));
    args.push(Sql::Integer(limit));
    args.push(Sql::Integer(offset));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(params_from_iter(args), |r| {
            Ok(LogRow {
                id: r.get(0)?,
                lambda_uuid: r.get(1)?,
                request_id: r.get(2)?,
                level: r.get(3)?,
                message: r.get(4)?,
                extras: r.get(5)?,
                at: r.get(6)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Deletes entries older than `cutoff` (Unix ms), at most `batch` at a time; returns how many.
pub fn purge_before(tx: &Transaction<'_>, cutoff: i64, batch: i64) -> Result<usize, StoreError> {
    Ok(tx.execute(
        "DELETE FROM logs WHERE id IN (SELECT id FROM logs WHERE at < ?1 ORDER BY at LIMIT ?2)",
        rusqlite::params![cutoff, batch],
    )?)
}
