//! The activity stream: who did what, when.

use crate::db::{Connection, Transaction};
use crate::params;

use super::{StoreError, now_ms};

/// One entry.
#[derive(Debug, Clone)]
pub struct Activity {
    /// When (Unix ms).
    pub at: i64,
    /// Who.
    pub username: String,
    /// Kind, e.g. `lambda.deployed`.
    pub kind: String,
    /// What it concerns (a lambda name, a user name, ...).
    pub subject: String,
    /// Human-readable description.
    pub description: String,
}

/// Records an entry.
pub fn insert_activity(
    tx: &Transaction<'_>,
    username: &str,
    kind: &str,
    subject: &str,
    description: &str,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO activity (at, username, kind, subject, description) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![now_ms(), username, kind, subject, description],
    )?;
    Ok(())
}

/// The newest entries.
pub fn list_recent(conn: &Connection, limit: i64) -> Result<Vec<Activity>, StoreError> {
    search(conn, None, None, limit)
}

/// Deletes entries older than `cutoff` (Unix ms).
pub fn purge_before(tx: &Transaction<'_>, cutoff: i64) -> Result<usize, StoreError> {
    Ok(tx.execute("DELETE FROM activity WHERE at < ?1", [cutoff])?)
}

/// Entries filtered by user and kind prefix, newest first.
pub fn search(
    conn: &Connection,
    user: Option<&str>,
    kind: Option<&str>,
    limit: i64,
) -> Result<Vec<Activity>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, username, kind, subject, description FROM activity
         WHERE (CAST(?1 AS TEXT) IS NULL OR username = ?1)
           AND (CAST(?2 AS TEXT) IS NULL OR lower(kind) LIKE lower(?2) || '%')
         ORDER BY id DESC LIMIT ?3",
    )?;
    let rows = stmt
        .query_map(params![user, kind, limit], |r| {
            Ok(Activity {
                at: r.get(0)?,
                username: r.get(1)?,
                kind: r.get(2)?,
                subject: r.get(3)?,
                description: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Records an entry in its own transaction (for actions that write nothing else).
pub async fn record(
    store: &super::Store,
    username: &str,
    kind: &'static str,
    subject: &str,
    description: String,
) -> Result<(), StoreError> {
    let (username, subject) = (username.to_owned(), subject.to_owned());
    store.write(move |tx| insert_activity(tx, &username, kind, &subject, &description)).await
}
