//! Encrypted secrets. This module stores and returns sealed bytes only; sealing and opening
//! happen in `vault`, so the database never sees a plaintext value.

use crate::db::{Connection, OptionalExtension, Transaction};
use crate::params;

use super::{StoreError, now_ms, unique_violation};

/// A secret row (value sealed).
#[derive(Debug, Clone)]
pub struct SecretRow {
    /// Name.
    pub name: String,
    /// `string`, `number` or `json`.
    pub kind: String,
    /// nonce || ciphertext || tag.
    pub sealed: Vec<u8>,
    /// Which master key sealed it.
    pub key_id: String,
    /// Creation time.
    pub created_at: i64,
    /// Creator.
    pub created_by: String,
    /// Last change.
    pub updated_at: i64,
    /// Last changed by.
    pub updated_by: String,
}

const SELECT: &str = "SELECT name, kind, sealed, key_id, created_at, created_by, updated_at, updated_by FROM secrets";

fn from_row(r: &crate::db::Row<'_>) -> Result<SecretRow, crate::DbError> {
    Ok(SecretRow {
        name: r.get(0)?,
        kind: r.get(1)?,
        sealed: r.get(2)?,
        key_id: r.get(3)?,
        created_at: r.get(4)?,
        created_by: r.get(5)?,
        updated_at: r.get(6)?,
        updated_by: r.get(7)?,
    })
}

/// All secrets, by name.
pub fn list_secrets(conn: &Connection) -> Result<Vec<SecretRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY name COLLATE BINARY"))?;
    let rows = stmt.query_map([], from_row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// One secret.
pub fn get_secret(conn: &Connection, name: &str) -> Result<Option<SecretRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE name = ?1"))?;
    Ok(stmt.query_row([name], from_row).optional()?)
}

/// Creates a secret; `Conflict` if the name exists.
pub fn insert_secret(
    tx: &Transaction<'_>,
    name: &str,
    kind: &str,
    sealed: &[u8],
    key_id: &str,
    user: &str,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO secrets (name, kind, sealed, key_id, created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?6)",
        params![name, kind, sealed, key_id, now_ms(), user],
    )
    .map_err(|e| unique_violation(e, format!("a secret named '{name}' already exists")))?;
    Ok(())
}

/// Replaces a secret's value; false if it does not exist.
pub fn update_secret(
    tx: &Transaction<'_>,
    name: &str,
    sealed: &[u8],
    key_id: &str,
    user: &str,
) -> Result<bool, StoreError> {
    Ok(tx.execute(
        "UPDATE secrets SET sealed = ?2, key_id = ?3, updated_at = ?4, updated_by = ?5 WHERE name = ?1",
        params![name, sealed, key_id, now_ms(), user],
    )? == 1)
}

/// Deletes a secret; false if it did not exist.
pub fn delete_secret(tx: &Transaction<'_>, name: &str) -> Result<bool, StoreError> {
    Ok(tx.execute("DELETE FROM secrets WHERE name = ?1", [name])? == 1)
}

/// Stores a value re-sealed under another key, leaving the change metadata alone.
pub fn reseal_secret(tx: &Transaction<'_>, name: &str, sealed: &[u8], key_id: &str) -> Result<(), StoreError> {
    tx.execute("UPDATE secrets SET sealed = ?2, key_id = ?3 WHERE name = ?1", params![name, sealed, key_id])?;
    Ok(())
}
