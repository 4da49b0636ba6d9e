//! `AppState`: what every handler shares, built once in `startup` and handed to actix as
//! `web::Data`. Nothing here is global, so tests can run many apps in one process. The
//! services are private: handlers reach them through the permission-scoped handles of
//! `handles`, sign-in and sessions through `identity()`, and start-up, shutdown and the
//! tests' "do one step" hooks through `hooks()`.

pub mod handles;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use crate::auth::AuthState;
use crate::auth::identity::Identity;
use crate::config::Config;
use lambdabox_domain::AccountId;
use lambdabox_services::Error as ServiceError;
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
    /// Authentication's state (also app data of its own, for the extractors).
    auth: Arc<AuthState>,
    store: Store,
    invoker: Invoker,
    vault: Vault,
    accounts: Accounts,
    scheduler: Scheduler,
    reporter: Reporter,
    /// The account id, set once setup has run; unset means "not provisioned" (shared with
    /// `auth`).
    account: Arc<OnceLock<AccountId>>,
    /// Set when the server begins to stop: long-lived responses (live logs) end.
    stopping: Arc<AtomicBool>,
    /// Live log streams open now.
    live_streams: Arc<AtomicUsize>,
}

/// A live stream's place among the open ones; gives it back when dropped.
pub struct StreamSlot(Arc<AtomicUsize>);

impl Drop for StreamSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
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
        let reporter = Reporter::new(store.clone(), key.clone(), invoker.clone());
        let accounts = Accounts::new(store.clone(), config.clock.clone());
        let cell = Arc::new(OnceLock::new());
        if let Some(account) = account {
            let _ = cell.set(account);
        }
        let auth = Arc::new(AuthState::new(&config, accounts.clone(), &key, Arc::clone(&cell)));
        let stopping = Arc::new(AtomicBool::new(false));
        let live_streams = Arc::new(AtomicUsize::new(0));
        Self {
            config,
            auth,
            store,
            invoker,
            vault,
            accounts,
            scheduler,
            reporter,
            account: cell,
            stopping,
            live_streams,
        }
    }

    /// What this node keeps in memory, for keeping it in step with other nodes.
    pub fn node_state(&self) -> lambdabox_services::cluster::NodeState {
        lambdabox_services::cluster::NodeState {
            store: self.store.clone(),
            invoker: self.invoker.clone(),
            accounts: self.accounts.clone(),
            account: Arc::clone(&self.account),
        }
    }

    /// Authentication's state: sign-in, sessions, tokens, the throttle.
    pub fn auth(&self) -> &AuthState {
        &self.auth
    }

    /// The same, to register as app data of its own.
    pub fn auth_data(&self) -> Arc<AuthState> {
        Arc::clone(&self.auth)
    }

    /// The account id, or `None` before setup.
    pub fn account(&self) -> Option<&AccountId> {
        self.account.get()
    }

    /// Records that setup has run.
    pub fn set_provisioned(&self, account: AccountId) {
        let _ = self.account.set(account);
    }

    /// Who is calling: users, sign-in, sessions, bearer tokens, setup (no user management).
    pub fn identity(&self) -> &Identity {
        &self.auth.identity
    }

    /// Whether the server is stopping (long-lived responses end then).
    pub fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::Acquire)
    }

    /// A place for one more live stream, if fewer than `max` are open.
    pub fn stream_slot(&self, max: usize) -> Option<StreamSlot> {
        let taken = self.live_streams.fetch_add(1, Ordering::AcqRel);
        let slot = StreamSlot(Arc::clone(&self.live_streams));
        (taken < max).then_some(slot)
    }

    /// Marks the server as stopping.
    pub fn begin_stopping(&self) {
        self.stopping.store(true, Ordering::Release);
    }

    /// Start-up, shutdown, the readiness probe and the tests' "do one step" hooks.
    pub fn hooks(&self) -> Hooks<'_> {
        Hooks(self)
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

    /// Lets the work invocations left running after their answers end, and stores the
    /// invocations and log entries still queued.
    pub async fn flush(&self) {
        self.0.invoker.drain().await;
    }

    /// Process ids of the lambdas' worker processes (for operators' tools and tests).
    pub fn worker_pids(&self) -> Vec<u32> {
        self.0.invoker.worker_pids()
    }

    /// The worker processes' resident memory and its budget, in bytes.
    pub fn lambda_memory(&self) -> Option<(u64, u64)> {
        self.0.invoker.memory_use()
    }

    /// Whether the store answers (`/readyz`).
    pub async fn ping(&self) -> Result<(), ServiceError> {
        Ok(self.0.store.ping().await?)
    }

    /// The database engine: `sqlite` or `postgresql` (`/readyz`).
    pub fn database_engine(&self) -> &'static str {
        lambdabox_services::data_dir::engine_name(&self.0.store)
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
