//! Failed sign-ins, per key (`user:<name>` or `addr:<address>`), for the sign-in throttle.

use crate::db::{Connection, Transaction};
use crate::{StoreError, params};

/// How many failures `key` has since `since` (Unix ms), and when the oldest of them was.
pub fn failures_since(conn: &Connection<'_>, key: &str, since: i64) -> Result<(i64, Option<i64>), StoreError> {
    Ok(conn.query_row(
        "SELECT count(*), min(at) FROM login_failures WHERE key = ?1 AND at > ?2",
        params![key, since],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Counts a failure of each key at `at`.
pub fn record_failure(tx: &Transaction<'_>, keys: &[&str], at: i64) -> Result<(), StoreError> {
    for key in keys {
        tx.execute("INSERT INTO login_failures (key, at) VALUES (?1, ?2)", params![key, at])?;
    }
    Ok(())
}

/// Forgets the failures of `key` (a successful sign-in).
pub fn clear(tx: &Transaction<'_>, key: &str) -> Result<(), StoreError> {
    tx.execute("DELETE FROM login_failures WHERE key = ?1", [key])?;
    Ok(())
}

/// Deletes failures older than `before` (Unix ms); returns how many.
pub fn purge_before(tx: &Transaction<'_>, before: i64) -> Result<usize, StoreError> {
    Ok(tx.execute("DELETE FROM login_failures WHERE at < ?1", [before])?)
}
