//! The activity stream: who did what, when.

use rusqlite::{Connection, Transaction, params};

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
    let mut stmt =
        conn.prepare("SELECT at, username, kind, subject, description FROM activity ORDER BY id DESC LIMIT ?1")?;
    let rows = stmt
        .query_map([limit], |r| {
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
