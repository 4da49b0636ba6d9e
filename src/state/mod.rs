//! `AppState`: what every handler shares, built once in `startup` and handed to actix as
//! `web::Data`. Nothing here is global, so tests can run many apps in one process. The
//! services are private: handlers reach them through the permission-scoped handles of
//! `handles`, sign-in and sessions through `identity()`, and start-up, shutdown and the
//! tests' "do one step" hooks through `hooks()`.

pub mod handles;

use std::sync::{Arc, OnceLock};

use crate::auth::reveal::PendingSecrets;
use crate::auth::throttle::LoginThrottle;
use crate::auth::token::TokenKeys;
use crate::config::Config;
use lambdabox_domain::{AccountId, UserId, Username};
use lambdabox_services::Error as ServiceError;
use lambdabox_services::Store;
use lambdabox_services::accounts::{Accounts, Credential, Login, NewSession, SessionRow, User};
use lambdabox_services::crypto::MasterKey;
use lambdabox_services::invoke::Invoker;
use lambdabox_services::reports::Reporter;
use lambdabox_services::scheduler::Scheduler;
use lambdabox_services::vault::Vault;

/// Shared application state.
pub struct AppState {
    /// Validated settings.
    pub config: Arc<Config>,
    /// Signing keys for API access tokens.
    pub tokens: TokenKeys,
    /// Failed sign-in counters.
    pub throttle: LoginThrottle,
    /// New API secrets waiting to be shown once.
    pub pending_secrets: PendingSecrets,
    store: Store,
    invoker: Invoker,
    vault: Vault,
    accounts: Accounts,
    scheduler: Scheduler,
    reporter: Reporter,
    /// The account id, set once setup has run; unset means "not provisioned".
    account: OnceLock<AccountId>,
}

/// The services `AppState` is assembled from.
pub struct Parts {
    /// The database.
    pub store: Store,
    /// The instance master key (it never leaves `AppState::new`: tokens and the reporter
    /// take what they need from it).
    pub key: MasterKey,
    /// Runs lambdas.
    pub invoker: Invoker,
    /// The account's secrets.
    pub vault: Vault,
    /// Runs schedules.
    pub scheduler: Scheduler,
}

impl AppState {
    /// State for a store that may or may not be provisioned yet.
    pub fn new(config: Arc<Config>, parts: Parts, account: Option<AccountId>) -> Self {
        let Parts { store, key, invoker, vault, scheduler } = parts;
        let tokens = TokenKeys::new(&key);
        let throttle = LoginThrottle::new(
            config.max_login_failures_per_user,
            config.max_login_failures_per_address,
            config.lockout,
        );
        let reporter = Reporter::new(store.clone(), key, invoker.clone());
        let accounts = Accounts::new(store.clone(), config.clock.clone());
        let cell = OnceLock::new();
        if let Some(account) = account {
            let _ = cell.set(account);
        }
        Self {
            config,
            tokens,
            throttle,
            pending_secrets: PendingSecrets::default(),
            store,
            invoker,
            vault,
            accounts,
            scheduler,
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

    /// Who is calling: users, sign-in, sessions, bearer tokens, setup (for `auth` and the
    /// sign-in and setup pages; no user management).
    pub fn identity(&self) -> Identity<'_> {
        Identity(&self.accounts)
    }

    /// Start-up, shutdown, the readiness probe and the tests' "do one step" hooks.
    pub fn hooks(&self) -> Hooks<'_> {
        Hooks(self)
    }
}

/// The part of the accounts service that identifies callers.
pub struct Identity<'a>(&'a Accounts);

impl Identity<'_> {
    /// The account id as stored (setup may have run beside the server).
    pub async fn account(&self) -> Result<Option<AccountId>, ServiceError> {
        self.0.account().await
    }

    /// Creates the account and its administrator, once.
    pub async fn provision(
        &self,
        account: &AccountId,
        admin: &Username,
        password_hash: String,
    ) -> Result<UserId, ServiceError> {
        self.0.provision(account, admin, password_hash).await
    }

    /// A user by id.
    pub async fn user(&self, id: UserId) -> Result<Option<User>, ServiceError> {
        self.0.user(id).await
    }

    /// What sign-in checks for a user name.
    pub async fn login(&self, username: &str) -> Result<Option<Login>, ServiceError> {
        self.0.login(username).await
    }

    /// Records a successful sign-in.
    pub async fn record_sign_in(&self, username: &str) -> Result<(), ServiceError> {
        self.0.record_sign_in(username).await
    }

    /// Starts a browser session.
    pub async fn start_session(&self, user: UserId, idle_ms: i64) -> Result<NewSession, ServiceError> {
        self.0.start_session(user, idle_ms).await
    }

    /// The live session stored under a token hash.
    pub async fn session(&self, hash: &[u8], idle_ms: i64) -> Result<Option<SessionRow>, ServiceError> {
        self.0.session(hash, idle_ms).await
    }

    /// Ends a session.
    pub async fn end_session(&self, hash: &[u8]) -> Result<(), ServiceError> {
        self.0.end_session(hash).await
    }

    /// The credential and its user, if the client secret is right and both are live.
    pub async fn check_client(
        &self,
        client_id: &str,
        secret: &str,
    ) -> Result<Option<(Credential, User)>, ServiceError> {
        self.0.check_client(client_id, secret).await
    }

    /// The user of a bearer token verified recently.
    pub fn cached_token_user(&self, token: &str) -> Option<User> {
        self.0.cached_token_user(token)
    }

    /// The user a validly signed bearer token acts as, if its credential is live.
    pub async fn token_user(
        &self,
        token: &str,
        client_id: &str,
        user: UserId,
        exp_ms: i64,
    ) -> Result<Option<User>, ServiceError> {
        self.0.token_user(token, client_id, user, exp_ms).await
    }
}

/// Operations on the running services that belong to no request.
pub struct Hooks<'a>(&'a AppState);

impl<'a> Hooks<'a> {
    /// The scheduler (`tick(now)` runs one step).
    pub fn scheduler(&self) -> &'a Scheduler {
        &self.0.scheduler
    }

    /// The email reporter (`tick(now)` runs one step).
    pub fn reporter(&self) -> &'a Reporter {
        &self.0.reporter
    }

    /// Stores the invocations and log entries still queued.
    pub async fn flush(&self) {
        self.0.invoker.flush().await;
    }

    /// Whether the store answers (`/readyz`).
    pub async fn ping(&self) -> Result<(), ServiceError> {
        Ok(self.0.store.ping().await?)
    }

    /// Writes the store's log into the database file.
    pub async fn checkpoint(&self) -> Result<(), ServiceError> {
        Ok(self.0.store.checkpoint().await?)
    }

    /// The database, for the background jobs `startup` spawns.
    pub(crate) fn store(&self) -> &'a Store {
        &self.0.store
    }
}
