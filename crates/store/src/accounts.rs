//! The one account of this appliance, and provisioning it together with its administrator.

use crate::db::{Connection, OptionalExtension, Transaction};
use crate::params;

use super::{StoreError, now_ms};
use lambdabox_domain::{AccountId, ProfileId, UserId, Username};

/// The provisioned account.
#[derive(Debug, Clone)]
pub struct Account {
    /// The account (brand) id.
    pub account_id: AccountId,
    /// When setup ran (Unix ms).
    pub created_at: i64,
}

/// The account, or `None` before setup.
pub fn get_account(conn: &Connection) -> Result<Option<Account>, StoreError> {
    let row = conn
        .query_row("SELECT account_id, created_at FROM account WHERE singleton = 1", [], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })
        .optional()?;
    Ok(row.and_then(|(id, created_at)| AccountId::parse(&id).ok().map(|account_id| Account { account_id, created_at })))
}

/// Creates the account and its first user with the Administrator profile. Refused with
/// `Conflict` if the account already exists.
pub fn provision(
    tx: &Transaction<'_>,
    account_id: &AccountId,
    admin: &Username,
    password_hash: &str,
) -> Result<UserId, StoreError> {
    if get_account(tx)?.is_some() {
        return Err(StoreError::Conflict("lambdabox is already set up; setup can run only once".into()));
    }
    let now = now_ms();
    tx.execute(
        "INSERT INTO account (singleton, account_id, terms_accepted_at, created_at) VALUES (1, ?1, ?2, ?2)",
        params![account_id.as_str(), now],
    )?;
    let id = super::users::insert_user(tx, admin, password_hash, ProfileId::ADMINISTRATOR)?;
    super::users::mark_break_glass(tx, id)?;
    Ok(id)
}
