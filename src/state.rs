//! `AppState`: what every handler shares, built once in `startup` and handed to actix as
//! `web::Data`. Nothing here is global, so tests can run many apps in one process.

use std::sync::{Arc, OnceLock};

use crate::auth::reveal::PendingSecrets;
use crate::auth::throttle::LoginThrottle;
use crate::auth::token::TokenKeys;
use crate::config::Config;
use lambdabox_domain::AccountId;
use lambdabox_services::Store;
use lambdabox_services::accounts::Accounts;
use lambdabox_services::crypto::MasterKey;
use lambdabox_services::invoke::Invoker;
use lambdabox_services::reports::Reporter;
use lambdabox_services::scheduler::Scheduler;
use lambdabox_services::vault::Vault;

/// Shared application state.
pub struct AppState {
    /// Validated settings.
    pub config: Arc<Config>,
    /// The database.
    pub store: Store,
    /// The instance master key.
    pub key: MasterKey,
    /// Signing keys for API access tokens.
    pub tokens: TokenKeys,
    /// Failed sign-in counters.
    pub throttle: LoginThrottle,
    /// Runs lambdas.
    pub invoker: Invoker,
    /// The account's secrets.
    pub vault: Vault,
    /// Users, profiles, credentials and sessions.
    pub accounts: Accounts,
    /// Runs schedules; `scheduler.tick(now)` is the tests' hook.
    pub scheduler: Scheduler,
    /// New API secrets waiting to be shown once.
    pub pending_secrets: PendingSecrets,
    /// Sends the email reports (and the test email).
    pub reporter: Reporter,
    /// The account id, set once setup has run; unset means "not provisioned".
    account: OnceLock<AccountId>,
}

impl AppState {
    /// State for a store that may or may not be provisioned yet.
    pub fn new(
        config: Arc<Config>,
        store: Store,
        key: MasterKey,
        invoker: Invoker,
        vault: Vault,
        scheduler: Scheduler,
        account: Option<AccountId>,
    ) -> Self {
        let tokens = TokenKeys::new(&key);
        let throttle = LoginThrottle::new(
            config.max_login_failures_per_user,
            config.max_login_failures_per_address,
            config.lockout,
        );
        let reporter = Reporter::new(store.clone(), key.clone(), invoker.clone());
        let accounts = Accounts::new(store.clone(), config.clock.clone());
        let cell = OnceLock::new();
        if let Some(account) = account {
            let _ = cell.set(account);
        }
        Self {
            config,
            store,
            key,
            tokens,
            throttle,
            invoker,
            vault,
            accounts,
            scheduler,
            pending_secrets: PendingSecrets::default(),
            reporter,
            account: cell,
        }
    }

    /// The account id, or `None` before setup.
    pub fn account(&self) -> Option<&AccountId> {
        self.account.get()
    }

    /// Records that setup has run.
    pub fn set_provisioned(&self, account: AccountId) {
        let _ = self.account.set(account);
    }
}
