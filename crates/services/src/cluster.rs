//! Keeps what a node holds in memory in step with the other nodes sharing its PostgreSQL
//! database: the compiled code of deployed lambdas, the allowlist, the cached token checks and
//! the account. Changes arrive from the store's change feed (NOTIFY, within milliseconds of
//! the commit); a full resync runs whenever the listener (re)connects and every
//! `RESYNC_INTERVAL`, so a notification lost with a connection heals on its own. On SQLite
//! there is one node and nothing to do.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use lambdabox_domain::AccountId;
use lambdabox_domain::lambda::LambdaId;
use lambdabox_store::changes::{self, Change, Notice};
use lambdabox_store::{Store, accounts};

use crate::accounts::Accounts;
use crate::invoke::Invoker;

/// How often everything is checked against the database, notifications or not.
pub const RESYNC_INTERVAL: Duration = Duration::from_secs(30);

/// What a node keeps in memory.
#[derive(Clone)]
pub struct NodeState {
    /// The store (and its change feed).
    pub store: Store,
    /// Compiled code and the allowlist.
    pub invoker: Invoker,
    /// The token cache.
    pub accounts: Accounts,
    /// The account id, set once setup ran (on any node).
    pub account: Arc<OnceLock<AccountId>>,
}

/// Follows the change feed for as long as the runtime lives; `None` on SQLite.
pub fn spawn(node: NodeState) -> Option<tokio::task::JoinHandle<()>> {
    let mut feed = node.store.subscribe()?;
    Some(tokio::spawn(async move {
        let mut resync = tokio::time::interval(RESYNC_INTERVAL);
        resync.tick().await;
        let mut listening = true;
        loop {
            tokio::select! {
                notice = feed.recv(), if listening => match notice {
                    Some(Notice::Changed(change)) => node.apply(&change).await,
                    Some(Notice::Resync) => node.resync().await,
                    // The listener is gone: the periodic resync still keeps this node in step.
                    None => listening = false,
                },
                _ = resync.tick() => node.resync().await,
            }
        }
    }))
}

impl NodeState {
    /// Applies one change made on some node.
    pub async fn apply(&self, change: &Change) {
        match change {
            Change::Lambda(uuid) => match LambdaId::parse(uuid) {
                Ok(id) => {
                    if let Err(err) = self.invoker.refresh(&id).await {
                        tracing::error!(lambda = %uuid, error = %err, "could not load a lambda changed on another node");
                    }
                }
                Err(err) => tracing::warn!(payload = %uuid, error = %err, "ignored a change of an unknown lambda"),
            },
            Change::Allowlist => {
                if let Err(err) = crate::allowlist::apply(&self.store, &self.invoker).await {
                    tracing::error!(error = %err, "could not load the allowlist changed on another node");
                }
            }
            Change::Identities => self.accounts.forget_identities(),
            Change::Account => self.load_account().await,
        }
    }

    /// Checks everything kept in memory against the database.
    pub async fn resync(&self) {
        self.load_account().await;
        self.accounts.forget_identities();
        self.apply(&Change::Allowlist).await;
        let serving = match self.store.read(changes::serving_deployments).await {
            Ok(serving) => serving,
            Err(err) => {
                tracing::error!(error = %err, "could not compare the deployed lambdas with the database");
                return;
            }
        };
        let cached = self.invoker.cached_deployments();
        let mut stale: Vec<LambdaId> = Vec::new();
        for (uuid, deployment) in &serving {
            let Ok(id) = LambdaId::parse(uuid) else { continue };
            let held = cached.iter().find(|(c, _)| *c == id).map(|(_, d)| *d);
            if held != *deployment {
                stale.push(id);
            }
        }
        // Cached lambdas that were removed.
        stale.extend(
            cached.into_iter().map(|(id, _)| id).filter(|id| !serving.iter().any(|(uuid, _)| uuid == id.as_str())),
        );
        for id in stale {
            if let Err(err) = self.invoker.refresh(&id).await {
                tracing::error!(lambda = %id, error = %err, "could not load a lambda changed on another node");
            }
        }
    }

    async fn load_account(&self) {
        if self.account.get().is_some() {
            return;
        }
        match self.store.read(accounts::get_account).await {
            Ok(Some(account)) => {
                let _ = self.account.set(account.account_id);
            }
            Ok(None) => {}
            Err(err) => tracing::error!(error = %err, "could not read the account"),
        }
    }
}
