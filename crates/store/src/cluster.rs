//! What every node sharing the database must agree on: the master key that seals its secrets.

use crate::db::{Connection, OptionalExtension, Transaction};
use crate::{StoreError, params};

/// The id of the master key the database's secrets are sealed with, once recorded.
pub fn master_key_id(conn: &Connection<'_>) -> Result<Option<String>, StoreError> {
    Ok(conn.query_row("SELECT master_key_id FROM cluster WHERE singleton = 1", [], |r| r.get(0)).optional()?)
}

/// Records `key_id` unless an id is recorded already, and returns the one recorded (in one
/// transaction: of nodes starting together with different keys, only the first one's counts).
pub fn claim_master_key_id(tx: &Transaction<'_>, key_id: &str) -> Result<String, StoreError> {
    tx.execute(
        "INSERT INTO cluster (singleton, master_key_id) VALUES (1, ?1) ON CONFLICT (singleton) DO NOTHING",
        params![key_id],
    )?;
    Ok(tx.query_row("SELECT master_key_id FROM cluster WHERE singleton = 1", [], |r| r.get(0))?)
}

/// Records (or, after a key rotation, replaces) the master key's id.
pub fn record_master_key_id(tx: &Transaction<'_>, key_id: &str) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO cluster (singleton, master_key_id) VALUES (1, ?1)
         ON CONFLICT (singleton) DO UPDATE SET master_key_id = excluded.master_key_id",
        params![key_id],
    )?;
    Ok(())
}
