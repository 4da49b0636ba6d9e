//! `App::build(config)`: prepares the data dir, opens and migrates the store, loads the master
//! key, binds the listener and assembles the actix app. Used by `main` and by every test.

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;

use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::{Compress, DefaultHeaders, from_fn};
use actix_web::web;
use anyhow::Context;

use crate::config::Config;
use crate::state::{AppState, Parts};
use crate::tls::ServingCertificate;
use lambdabox_services::Store;
use lambdabox_services::accounts::Accounts;
use lambdabox_services::allowlist;
use lambdabox_services::data_dir::{check_master_key, finish_rotation, open_data_dir};
use lambdabox_services::housekeeping::Retention;
use lambdabox_services::invoke::capabilities::CapabilityFactory;
use lambdabox_services::invoke::{Invoker, Limits, ProcessOptions};
use lambdabox_services::scheduler::Scheduler;
use lambdabox_services::vault::Vault;

/// A built, bound, not yet running server.
pub struct App {
    server: Server,
    addr: SocketAddr,
    state: web::Data<AppState>,
    reports_ticker: Option<tokio::task::JoinHandle<()>>,
    certificate: Option<Arc<ServingCertificate>>,
}

impl App {
    /// Builds the app and binds `config.bind` (port 0 picks a free port).
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let (store, key) = open_data_dir(&config.data_dir, &config.database)?;
        let key = finish_rotation(&store, &config.data_dir, key).await?;
        check_master_key(&store, &key).await?;
        let account = Accounts::new(store.clone(), config.clock.clone()).account().await?;
        let vault = Vault::new(store.clone(), key.clone());
        let allowlist: Vec<String> = allowlist::list_allowlist(&store).await?.into_iter().map(|e| e.pattern).collect();
        let invoker = start_invoker(&config, &store, CapabilityFactory::new(vault.clone(), &allowlist))?;
        let scheduler =
            Scheduler::new(store.clone(), invoker.clone(), config.clock.clone(), config.max_scheduled_lambdas);
        scheduler.start().await.context("cannot start the scheduler")?;
        let config = Arc::new(config);
        let parts = Parts { store, key, invoker, vault, scheduler };
        let state = web::Data::new(AppState::new(Arc::clone(&config), parts, account));
        // Several nodes on one PostgreSQL database: follow the others' changes.
        lambdabox_services::cluster::spawn(state.node_state());
        lambdabox_services::housekeeping::spawn(
            state.hooks().store().clone(),
            Retention { logs: config.log_retention, sessions: config.session_idle },
        );
        // Before anything listens: a wrong certificate or key stops the start, not the first
        // client.
        let certificate = config.tls.clone().map(ServingCertificate::load).transpose()?;
        let listener = TcpListener::bind(config.bind).with_context(|| format!("cannot listen on {}", config.bind))?;
        let addr = listener.local_addr()?;
        let data = state.clone();
        let auth = web::Data::from(state.auth_data());
        let limit = config.max_body_bytes;
        let server = actix_web::HttpServer::new(move || {
            actix_web::App::new()
                .app_data(data.clone())
                .app_data(auth.clone())
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
                .configure(crate::probes::configure)
                .configure(crate::api::configure)
                .configure(crate::web::configure)
                .default_service(web::to(crate::middleware::not_found))
        })
        .workers(config.http_workers);
        let server = match &certificate {
            Some(certificate) => server.listen_rustls_0_23(listener, certificate.server_config()?)?,
            None => server.listen(listener)?,
        };
        let server = server.disable_signals().shutdown_timeout(30).run();
        let reports_ticker = config
            .report_interval
            .map(|every| lambdabox_services::reports::spawn_ticker(state.hooks().reporter().clone(), every));
        let scheme = if certificate.is_some() { "https" } else { "http" };
        tracing::info!(%addr, data_dir = %config.data_dir.display(), "lambdabox listening on {scheme}://{addr}");
        Ok(Self { server, addr, state, reports_ticker, certificate })
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Handle to stop the server gracefully.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// The certificate served under TLS, which `reload` reads again (SIGHUP).
    pub fn certificate(&self) -> Option<Arc<ServingCertificate>> {
        self.certificate.clone()
    }

    /// Shared state (for tests that inspect the store).
    pub fn state(&self) -> web::Data<AppState> {
        self.state.clone()
    }

    /// Serves until stopped, then stores what is still queued and flushes the store.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.server.await?;
        self.state.hooks().scheduler().stop().await;
        if let Some(ticker) = self.reports_ticker {
            ticker.abort();
        }
        self.state.hooks().flush().await;
        self.state.hooks().checkpoint().await?;
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
        http_requests_per_second: config.lambda_http_requests_per_second,
        // Each worker may hold its share of the box-wide in-flight cap, so that the cap (not
        // the workers) is what a burst of waiting invocations runs into.
        max_in_flight_per_worker: config
            .invoke_limits
            .max_in_flight
            .div_ceil(config.lambda_workers.max(1))
            .max(Limits::default().max_in_flight_per_worker),
        ..Limits::default()
    };
    let processes = config.worker_program.as_ref().map(|program| ProcessOptions {
        program: program.clone(),
        memory_total_bytes: config.lambda_memory_total_bytes,
    });
    Invoker::start(
        limits,
        config.lambda_workers,
        config.lambda_queue,
        store.clone(),
        caps,
        config.invoke_limits,
        processes.as_ref(),
    )
    .context("cannot start the lambda runtime")
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
