//! Console entries of production invocations (not Debug, not test runs): batched inserts from
//! the recorder, filtered search (free text over message and extras: SQLite's FTS5 index, or
//! PostgreSQL's tsvector column), and retention purges.

use crate::db::{Connection, Dialect, ToSql, Transaction, Value as Sql};

mod terms;
mod text;

use crate::StoreError;
pub use text::Plan;

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

/// Inserts a batch (rows without id); on PostgreSQL with the terms of the search column (see
/// `terms`; SQLite's FTS5 index fills itself by trigger).
pub fn insert_batch(tx: &Transaction<'_>, rows: &[LogRow]) -> Result<(), StoreError> {
    let postgres = tx.dialect() == Dialect::Postgres;
    let rows: Vec<(&LogRow, Option<String>)> =
        rows.iter().map(|r| (r, postgres.then(|| terms::tsvector(&r.message, &r.extras)))).collect();
    let (insert, tuple) = if postgres {
        (
            "INSERT INTO logs (lambda_uuid, request_id, level, message, extras, at, search) VALUES",
            "(?, ?, ?, ?, ?, ?, CAST(CAST(? AS TEXT) AS tsvector))",
        )
    } else {
        ("INSERT INTO logs (lambda_uuid, request_id, level, message, extras, at) VALUES", "(?, ?, ?, ?, ?, ?)")
    };
    crate::db::insert_rows(tx, insert, tuple, &rows, |(r, search)| {
        let mut values = vec![
            r.lambda_uuid.to_sql(),
            r.request_id.to_sql(),
            r.level.to_sql(),
            r.message.to_sql(),
            r.extras.to_sql(),
        ];
        values.push(r.at.to_sql());
        values.extend(search.as_ref().map(ToSql::to_sql));
        values
    })?;
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

/// Newest entries matching `filter`, `limit` of them after skipping `offset`.
pub fn search(conn: &Connection, filter: &LogFilter, limit: i64, offset: i64) -> Result<Vec<LogRow>, StoreError> {
    search_with(conn, filter, limit, offset, Plan::Auto)
}

/// `search` with the plan of a free-text search chosen by the caller (tests compare them;
/// searches without text have one plan and ignore it).
pub fn search_with(
    conn: &Connection,
    filter: &LogFilter,
    limit: i64,
    offset: i64,
    plan: Plan,
) -> Result<Vec<LogRow>, StoreError> {
    match (filter.text.as_deref().and_then(text::Words::parse), conn.as_sqlite()) {
        (Some(words), Some(sqlite)) => text::search(sqlite, filter, &words, limit, offset, plan),
        (Some(words), None) => search_postgres(conn, filter, &words, limit, offset),
        (None, _) => search_filtered(conn, filter, limit, offset),
    }
}

/// Without free text the `(lambda_uuid, at)`, `(at)` and `(request_id)` indexes serve every
/// filter, newest first.
fn search_filtered(conn: &Connection, filter: &LogFilter, limit: i64, offset: i64) -> Result<Vec<LogRow>, StoreError> {
    let (wheres, mut args) = conditions(filter, true);
    let sql = format!(
        "SELECT {COLUMNS} FROM logs l WHERE {} ORDER BY l.at DESC, l.id DESC LIMIT ? OFFSET ?",
        wheres.join(" AND ")
    );
    args.push(Sql::Integer(limit));
    args.push(Sql::Integer(offset));
    let rows = conn.prepare(&sql)?.query_map(args, row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Free text on PostgreSQL: the words as a tsquery on the `search` column (GIN-indexed), with
/// the other filters; the planner picks the index walk that suits the text and the range.
fn search_postgres(
    conn: &Connection<'_>,
    filter: &LogFilter,
    words: &text::Words,
    limit: i64,
    offset: i64,
) -> Result<Vec<LogRow>, StoreError> {
    debug_assert_eq!(conn.dialect(), Dialect::Postgres);
    let Some(query) = words.tsquery() else { return Ok(Vec::new()) };
    let (mut wheres, mut args) = conditions(filter, true);
    wheres.push("l.search @@ CAST(CAST(? AS TEXT) AS tsquery)".into());
    args.push(Sql::Text(query));
    let sql = format!(
        "SELECT {COLUMNS} FROM logs l WHERE {} ORDER BY l.at DESC, l.id DESC LIMIT ? OFFSET ?",
        wheres.join(" AND ")
    );
    args.push(Sql::Integer(limit));
    args.push(Sql::Integer(offset));
    let rows = conn.prepare(&sql)?.query_map(args, row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The columns `row` reads, of `logs l`.
pub(super) const COLUMNS: &str = "l.id, l.lambda_uuid, l.request_id, l.level, l.message, l.extras, l.at";

/// A `LogRow` from `COLUMNS`.
pub(super) fn row(r: &crate::db::Row<'_>) -> Result<LogRow, crate::DbError> {
    Ok(LogRow {
        id: r.get(0)?,
        lambda_uuid: r.get(1)?,
        request_id: r.get(2)?,
        level: r.get(3)?,
        message: r.get(4)?,
        extras: r.get(5)?,
        at: r.get(6)?,
    })
}

/// SQL conditions on `logs l` for the filters other than the text, with their arguments;
/// the level condition only `with_levels`.
pub(super) fn conditions(filter: &LogFilter, with_levels: bool) -> (Vec<String>, Vec<Sql>) {
    let mut wheres = vec!["l.at >= ?".to_owned(), "l.at < ?".to_owned()];
    let mut args = vec![Sql::Integer(filter.from), Sql::Integer(filter.to)];
    if let Some(lambda) = &filter.lambda_uuid {
        wheres.push("l.lambda_uuid = ?".into());
        args.push(Sql::Text(lambda.clone()));
    }
    if let Some(request) = &filter.request_id {
        wheres.push("l.request_id = ?".into());
        args.push(Sql::Text(request.clone()));
    }
    if with_levels && !filter.levels.is_empty() {
        wheres.push(format!("l.level IN ({})", vec!["?"; filter.levels.len()].join(", ")));
        args.extend(filter.levels.iter().cloned().map(Sql::Text));
    }
    (wheres, args)
}

/// Deletes entries older than `cutoff` (Unix ms), at most `batch` at a time; returns how many.
pub fn purge_before(tx: &Transaction<'_>, cutoff: i64, batch: i64) -> Result<usize, StoreError> {
    Ok(tx.execute(
        "DELETE FROM logs WHERE id IN (SELECT id FROM logs WHERE at < ?1 ORDER BY at LIMIT ?2)",
        crate::params![cutoff, batch],
    )?)
}
