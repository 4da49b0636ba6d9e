//! The change feed between nodes sharing a PostgreSQL database. A write that changes what nodes
//! keep in memory (deployed code, the allowlist, users and credentials, the account) publishes
//! a `Change` in its transaction: PostgreSQL's NOTIFY delivers it to every node's listener when
//! the transaction commits, and never if it rolls back. On SQLite there is one node and
//! publishing does nothing.

use crate::db::{Connection, Dialect, Transaction};
use crate::{StoreError, params};

/// The channel the nodes listen on.
pub const CHANNEL: &str = "lambdabox_changes";

/// What changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A lambda was deployed, undeployed or removed (its uuid).
    Lambda(String),
    /// The domain allowlist.
    Allowlist,
    /// Users, profiles or API credentials (tokens may have been revoked).
    Identities,
    /// The account was set up.
    Account,
}

impl Change {
    /// The notification's payload.
    pub fn encode(&self) -> String {
        match self {
            Self::Lambda(uuid) => format!("lambda:{uuid}"),
            Self::Allowlist => "allowlist".into(),
            Self::Identities => "identities".into(),
            Self::Account => "account".into(),
        }
    }

    /// A payload back as a change; `None` for one this version does not know.
    pub fn decode(payload: &str) -> Option<Self> {
        match payload {
            "allowlist" => Some(Self::Allowlist),
            "identities" => Some(Self::Identities),
            "account" => Some(Self::Account),
            other => other.strip_prefix("lambda:").map(|uuid| Self::Lambda(uuid.to_owned())),
        }
    }
}

/// What a node's listener reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Another node (or this one) changed something.
    Changed(Change),
    /// The listener (re)connected: notifications may have been missed, so everything kept in
    /// memory should be checked against the database.
    Resync,
}

/// Tells every node about `change` when `tx` commits.
pub fn publish(tx: &Transaction<'_>, change: &Change) -> Result<(), StoreError> {
    if tx.dialect() == Dialect::Postgres {
        tx.query_row("SELECT pg_notify(?1, ?2)", params![CHANNEL, change.encode()], |_| Ok(()))?;
    }
    Ok(())
}

/// Every lambda with the deployment serving it, if any (what a resync compares caches with).
pub fn serving_deployments(conn: &Connection<'_>) -> Result<Vec<(String, Option<i64>)>, StoreError> {
    let rows = conn
        .prepare("SELECT uuid, serving_deployment_id FROM lambdas")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_survive_the_round_trip() {
        for change in [Change::Lambda("0b1e-42".into()), Change::Allowlist, Change::Identities, Change::Account] {
            assert_eq!(Change::decode(&change.encode()), Some(change));
        }
        assert_eq!(Change::decode("something-newer"), None);
    }
}
