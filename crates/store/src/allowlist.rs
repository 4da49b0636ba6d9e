//! The account's domain allowlist.

use crate::db::{Connection, Transaction};
use crate::params;

use super::{StoreError, now_ms, unique_violation};

/// One entry.
#[derive(Debug, Clone)]
pub struct AllowlistEntry {
    /// Row id (LivePerson's proxy-setting id).
    pub id: i64,
    /// Canonical pattern.
    pub pattern: String,
    /// When it was added (Unix ms).
    pub created_at: i64,
    /// Who added it.
    pub created_by: String,
}

/// All entries, by pattern.
pub fn list_entries(conn: &Connection) -> Result<Vec<AllowlistEntry>, StoreError> {
    let mut stmt = conn
        .prepare_cached("SELECT id, pattern, created_at, created_by FROM allowlist ORDER BY pattern COLLATE NOCASE")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(AllowlistEntry { id: r.get(0)?, pattern: r.get(1)?, created_at: r.get(2)?, created_by: r.get(3)? })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Adds an entry; `Conflict` if it is already listed.
pub fn insert_entry(tx: &Transaction<'_>, pattern: &str, user: &str) -> Result<i64, StoreError> {
    tx.query_row(
        "INSERT INTO allowlist (pattern, created_at, created_by) VALUES (?1, ?2, ?3) RETURNING id",
        params![pattern, now_ms(), user],
        |r| r.get(0),
    )
    .map_err(|e| unique_violation(e, format!("'{pattern}' is already on the allowlist")))
}

/// Removes an entry; returns its pattern if it existed.
pub fn delete_entry(tx: &Transaction<'_>, id: i64) -> Result<Option<String>, StoreError> {
    let pattern: Option<String> = tx.query_row("SELECT pattern FROM allowlist WHERE id = ?1", [id], |r| r.get(0)).ok();
    tx.execute("DELETE FROM allowlist WHERE id = ?1", [id])?;
    Ok(pattern)
}
