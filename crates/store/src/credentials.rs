//! API credentials (client id + hashed client secret) that `/oauth/token` exchanges for
//! access tokens acting as their user.

use crate::db::{Connection, OptionalExtension, Transaction};
use crate::params;

use super::{StoreError, now_ms};
use lambdabox_domain::UserId;

/// A credential as listed to its owner (never the secret).
#[derive(Debug, Clone)]
pub struct Credential {
    /// Public client id.
    pub client_id: String,
    /// Whose permissions it carries.
    pub user_id: UserId,
    /// Label given at creation.
    pub name: String,
    /// SHA-256 of the client secret.
    pub secret_hash: Vec<u8>,
    /// Creation time (Unix ms).
    pub created_at: i64,
    /// Last token issued (Unix ms).
    pub last_used_at: Option<i64>,
    /// Set once revoked.
    pub revoked_at: Option<i64>,
}

const SELECT: &str = "SELECT client_id, user_id, name, secret_hash, created_at, last_used_at, revoked_at
                      FROM api_credentials";

fn from_row(row: &crate::db::Row<'_>) -> Result<Credential, crate::DbError> {
    Ok(Credential {
        client_id: row.get(0)?,
        user_id: UserId(row.get(1)?),
        name: row.get(2)?,
        secret_hash: row.get(3)?,
        created_at: row.get(4)?,
        last_used_at: row.get(5)?,
        revoked_at: row.get(6)?,
    })
}

/// Stores a new credential.
pub fn insert_credential(
    tx: &Transaction<'_>,
    client_id: &str,
    user: UserId,
    name: &str,
    secret_hash: &[u8],
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO api_credentials (client_id, user_id, name, secret_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![client_id, user.0, name, secret_hash, now_ms()],
    )?;
    Ok(())
}

/// One credential by client id.
pub fn get_credential(conn: &Connection, client_id: &str) -> Result<Option<Credential>, StoreError> {
    let sql = format!("{SELECT} WHERE client_id = ?1");
    Ok(conn.query_row(&sql, [client_id], from_row).optional()?)
}

/// A user's credentials, newest first.
pub fn list_credentials(conn: &Connection, user: UserId) -> Result<Vec<Credential>, StoreError> {
    let sql = format!("{SELECT} WHERE user_id = ?1 ORDER BY created_at DESC");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([user.0], from_row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Notes that a token was issued.
pub fn touch_credential(tx: &Transaction<'_>, client_id: &str) -> Result<(), StoreError> {
    tx.execute("UPDATE api_credentials SET last_used_at = ?2 WHERE client_id = ?1", params![client_id, now_ms()])?;
    Ok(())
}

/// Revokes a user's credential; tokens issued from it stop working at once.
pub fn revoke_credential(tx: &Transaction<'_>, client_id: &str, user: UserId) -> Result<bool, StoreError> {
    Ok(tx.execute(
        "UPDATE api_credentials SET revoked_at = ?3
         WHERE client_id = ?1 AND user_id = ?2 AND revoked_at IS NULL",
        params![client_id, user.0, now_ms()],
    )? == 1)
}
