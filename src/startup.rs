//! `App::build(config)`: prepares the data dir, opens and migrates the store, loads the master
//! key, binds the listener and assembles the actix app. Used by `main` and by every test.

use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::sync::Arc;

use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::{Compress, DefaultHeaders, from_fn};
use actix_web::web;
use anyhow::Context;

use crate::config::Config;
use crate::state::AppState;
use lambdabox_runtime::{Limits, Sandbox};
use lambdabox_services::crypto::{KEY_ENV, MasterKey};
use lambdabox_services::housekeeping::Retention;
use lambdabox_services::invoke::Invoker;
use lambdabox_services::invoke::capabilities::CapabilityFactory;
use lambdabox_services::scheduler::Scheduler;
use lambdabox_services::vault::Vault;
use lambdabox_store::{Store, accounts, allowlist};

/// A built, bound, not yet running server.
pub struct App {
    server: Server,
    addr: SocketAddr,
    state: web::Data<AppState>,
    reports_ticker: Option<tokio::task::JoinHandle<()>>,
}

/// Creates the data dir (owner-only) if needed.
pub fn prepare_data_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create data dir {}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(dir)?;
        if meta.permissions().mode() & 0o077 != 0 && meta.permissions().mode() & 0o700 == 0o700 {
            // Tighten a freshly created directory; leave deliberately shared ones (e.g. a
            // mounted volume owned by someone else) alone if we cannot.
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        }
    }
    Ok(())
}

/// Opens the data dir: store (migrated) and master key.
pub fn open_data_dir(dir: &Path) -> anyhow::Result<(Store, MasterKey)> {
    prepare_data_dir(dir)?;
    let store = Store::open(dir).with_context(|| format!("cannot open the database in {}", dir.display()))?;
    let env_key = std::env::var(KEY_ENV).ok().filter(|v| !v.trim().is_empty());
    let key = MasterKey::load(dir, env_key.as_deref()).context("cannot load the master key")?;
    Ok((store, key))
}

/// Completes a key rotation that was interrupted (`master.key.next` still exists): re-seals
/// what is still sealed with the old key and promotes the new key. Every secret stays readable
/// whichever step the interruption hit.
pub async fn finish_rotation(store: &Store, dir: &Path, key: MasterKey) -> anyhow::Result<MasterKey> {
    let Some(next) = MasterKey::load_next(dir)? else { return Ok(key) };
    if let Some(account) = store.read(accounts::get_account).await?.map(|a| a.account_id) {
        let n = lambdabox_services::vault::reseal_all(store, &account, &key, &next)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        tracing::info!(secrets = n, "re-sealed secrets under the new master key");
    }
    MasterKey::promote_next(dir)?;
    Ok(next)
}

/// `lambdabox rotate-key`: a new master key, every secret re-sealed under it atomically.
/// Returns how many secrets were re-sealed.
pub async fn rotate_key(dir: &Path) -> anyhow::Result<usize> {
    if std::env::var(KEY_ENV).is_ok_and(|v| !v.trim().is_empty()) {
        anyhow::bail!(
            "the master key comes from {KEY_ENV}, which lambdabox cannot rewrite; rotate-key works with the key \
             file in the data dir (unset {KEY_ENV})"
        );
    }
    let (store, key) = open_data_dir(dir)?;
    let key = finish_rotation(&store, dir, key).await?;
    let next = MasterKey::generate();
    next.write_next(dir)?;
    let mut n = 0;
    if let Some(account) = store.read(accounts::get_account).await?.map(|a| a.account_id) {
        n = lambdabox_services::vault::reseal_all(&store, &account, &key, &next)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    MasterKey::promote_next(dir)?;
    store.checkpoint().await?;
    Ok(n)
}

impl App {
    /// Builds the app and binds `config.bind` (port 0 picks a free port).
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let (store, key) = open_data_dir(&config.data_dir)?;
        let key = finish_rotation(&store, &config.data_dir, key).await?;
        let account = store.read(accounts::get_account).await?.map(|a| a.account_id);
        let vault = Vault::new(store.clone(), key.clone());
        let allowlist: Vec<String> =
            store.read(allowlist::list_entries).await?.into_iter().map(|e| e.pattern).collect();
        let invoker = start_invoker(&config, &store, CapabilityFactory::new(vault.clone(), &allowlist))?;
        let scheduler =
            Scheduler::new(store.clone(), invoker.clone(), config.clock.clone(), config.max_scheduled_lambdas);
        scheduler.start().await.context("cannot start the scheduler")?;
        let config = Arc::new(config);
        let state = web::Data::new(AppState::new(Arc::clone(&config), store, key, invoker, vault, scheduler, account));
        lambdabox_services::housekeeping::spawn(
            state.store.clone(),
            Retention { logs: config.log_retention, sessions: config.session_idle },
        );
        let listener = TcpListener::bind(config.bind).with_context(|| format!("cannot listen on {}", config.bind))?;
        let addr = listener.local_addr()?;
        let data = state.clone();
        let limit = config.max_body_bytes;
        let server = actix_web::HttpServer::new(move || {
            actix_web::App::new()
                .app_data(data.clone())
                .app_data(web::JsonConfig::default().limit(limit).error_handler(crate::middleware::json_error))
                .app_data(web::FormConfig::default().limit(limit).error_handler(crate::middleware::form_error))
                .app_data(web::QueryConfig::default().error_handler(crate::middleware::query_error))
                .app_data(web::PathConfig::default().error_handler(crate::middleware::path_error))
                .app_data(web::PayloadConfig::default().limit(limit))
                .wrap(from_fn(crate::auth::csrf::guard))
                .wrap(from_fn(crate::middleware::setup_gate))
                .wrap(security_headers())
                .wrap(Compress::default())
                .wrap(from_fn(crate::middleware::request_log))
                .configure(crate::ops::configure)
                .configure(crate::api::configure)
                .configure(crate::web::configure)
                .default_service(web::to(crate::middleware::not_found))
        })
        .workers(config.http_workers)
        .listen(listener)?
        .disable_signals()
        .shutdown_timeout(30)
        .run();
        let reports_ticker = config
            .report_interval
            .map(|every| lambdabox_services::reports::spawn_ticker(state.reporter.clone(), every));
        tracing::info!(%addr, data_dir = %config.data_dir.display(), "lambdabox listening on http://{addr}");
        Ok(Self { server, addr, state, reports_ticker })
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Handle to stop the server gracefully.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Shared state (for tests that inspect the store).
    pub fn state(&self) -> web::Data<AppState> {
        self.state.clone()
    }

    /// Serves until stopped, then stores what is still queued and flushes the store.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.server.await?;
        self.state.scheduler.stop().await;
        if let Some(ticker) = self.reports_ticker {
            ticker.abort();
        }
        self.state.invoker.flush().await;
        self.state.store.checkpoint().await?;
        tracing::info!("lambdabox stopped");
        Ok(())
    }
}

/// Starts the JS worker pool with the configured limits, and the invoker over it.
fn start_invoker(config: &Config, store: &Store, caps: CapabilityFactory) -> anyhow::Result<Invoker> {
    let limits = Limits {
        timeout: config.lambda_timeout,
        memory_bytes: config.lambda_memory_bytes,
        max_log_entries: config.log_max_entries,
        max_log_chars: config.log_max_chars,
        ..Limits::default()
    };
    let sandbox = Sandbox::start(limits, config.lambda_workers, config.lambda_queue)
        .context("cannot start the lambda runtime")?;
    Ok(Invoker::new(sandbox, store.clone(), caps))
}

fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add((
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ))
}
