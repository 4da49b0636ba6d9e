//! Browser sessions, stored server-side. The cookie holds a random token; only its SHA-256
//! hash is stored, so a copy of the database cannot be used to sign in.

use crate::db::{Connection, OptionalExtension, Transaction};
use crate::params;

use super::StoreError;
use lambdabox_domain::UserId;

/// A live session row.
#[derive(Debug, Clone)]
pub struct SessionRow {
    /// Whose session it is.
    pub user_id: UserId,
    /// The CSRF token bound to this session.
    pub csrf_token: String,
    /// Last activity (Unix ms), for idle expiry.
    pub last_seen_at: i64,
}

/// Stores a new session.
pub fn insert_session(
    tx: &Transaction<'_>,
    token_hash: &[u8],
    user: UserId,
    csrf_token: &str,
    now: i64,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![token_hash, user.0, csrf_token, now],
    )?;
    Ok(())
}

/// The session for a token hash, if any.
pub fn get_session(conn: &Connection, token_hash: &[u8]) -> Result<Option<SessionRow>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT user_id, csrf_token, last_seen_at FROM sessions WHERE token_hash = ?1",
            [token_hash],
            |row| Ok(SessionRow { user_id: UserId(row.get(0)?), csrf_token: row.get(1)?, last_seen_at: row.get(2)? }),
        )
        .optional()?)
}

/// Records activity on a session.
pub fn touch_session(tx: &Transaction<'_>, token_hash: &[u8], now: i64) -> Result<(), StoreError> {
    tx.execute("UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1", params![token_hash, now])?;
    Ok(())
}

/// Ends one session.
pub fn delete_session(tx: &Transaction<'_>, token_hash: &[u8]) -> Result<(), StoreError> {
    tx.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

/// Deletes sessions idle since before `cutoff` (Unix ms); returns how many.
pub fn delete_idle_sessions(tx: &Transaction<'_>, cutoff: i64) -> Result<usize, StoreError> {
    Ok(tx.execute("DELETE FROM sessions WHERE last_seen_at < ?1", [cutoff])?)
}
