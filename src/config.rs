//! `Config`: the validated settings an `App` is built from. Built from the command line by
//! `Config::from_serve_args`, or directly by tests. No globals: it is passed down explicitly.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};

use crate::cli::ServeArgs;
use crate::tls::TlsFiles;
use lambdabox_domain::schedule::DEFAULT_MAX_SCHEDULED_LAMBDAS;
use lambdabox_services::clock::Clock;
use lambdabox_services::invoke::InvokeLimits;
use lambdabox_services::sso::SsoSettings;

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on; port 0 picks a free port.
    pub bind: SocketAddr,
    /// Directory with the database and the master key file.
    pub data_dir: PathBuf,
    /// The SQLite file in the data dir, or a PostgreSQL database.
    pub database: lambdabox_services::data_dir::Database,
    /// Hard wall-clock limit of one lambda invocation.
    pub lambda_timeout: Duration,
    /// Heap limit of one invocation in bytes.
    pub lambda_memory_bytes: usize,
    /// Memory all running lambdas may use together, in bytes.
    pub lambda_memory_total_bytes: u64,
    /// The program started as `PROGRAM worker` for the lambdas' worker processes (this
    /// binary); `None` runs lambdas in threads of the server process instead (no hard kill,
    /// no kernel limits: for embedding and tools only).
    pub worker_program: Option<PathBuf>,
    /// JavaScript worker processes (threads without `worker_program`).
    pub lambda_workers: usize,
    /// HTTP worker threads (each an event loop serving many connections).
    pub http_workers: usize,
    /// Invocations waiting for a worker before 429.
    pub lambda_queue: usize,
    /// Invocations running at once (box-wide) and how deep orchestrated calls may nest.
    pub invoke_limits: InvokeLimits,
    /// Outgoing HTTP requests per second and function.
    pub lambda_http_requests_per_second: u32,
    /// Console entries per invocation.
    pub log_max_entries: usize,
    /// Logged characters per invocation.
    pub log_max_chars: usize,
    /// How long log entries are kept.
    pub log_retention: Duration,
    /// Largest accepted request body.
    pub max_body_bytes: usize,
    /// Browser sessions end after this much inactivity.
    pub session_idle: Duration,
    /// Lifetime of API access tokens.
    pub token_ttl: Duration,
    /// Whether cookies carry the Secure attribute.
    pub secure_cookies: bool,
    /// Serve HTTPS with this certificate and key instead of plain HTTP.
    pub tls: Option<TlsFiles>,
    /// Single sign-on through an OpenID Connect provider.
    pub sso: Option<SsoConfig>,
    /// The address users reach lambdabox at (no trailing slash); `None`: each request's.
    pub public_url: Option<String>,
    /// Proxies whose X-Forwarded-For names the client (for the sign-in throttle).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Failed logins tolerated per user name before it is locked for `lockout`.
    pub max_login_failures_per_user: u32,
    /// Failed logins tolerated per client address before it is locked for `lockout`.
    pub max_login_failures_per_address: u32,
    /// How long a lockout lasts (and the window failures are counted in).
    pub lockout: Duration,
    /// How many lambdas may have schedules.
    pub max_scheduled_lambdas: usize,
    /// Where the scheduler reads "now": the system clock, or a manual one in tests.
    pub clock: Clock,
    /// How often the email reporter checks for a due report; `None` runs no background task
    /// (tests call `Reporter::tick` themselves).
    pub report_interval: Option<Duration>,
}

/// Single sign-on settings.
#[derive(Debug, Clone)]
pub struct SsoConfig {
    /// The provider and how lambdabox is registered there.
    pub settings: SsoSettings,
    /// `--oidc-group-profiles`: (group, profile name), first match wins.
    pub group_profiles: Vec<(String, String)>,
    /// Password sign-in only for the administrator created at setup.
    pub only: bool,
}

fn sso_from_args(args: &ServeArgs) -> anyhow::Result<Option<SsoConfig>> {
    let Some(issuer) = args.oidc_issuer.clone() else {
        return Ok(None);
    };
    let client_id = args.oidc_client_id.clone().context("--oidc-issuer needs --oidc-client-id")?;
    let client_secret = match (&args.oidc_client_secret, &args.oidc_client_secret_file) {
        (Some(secret), _) => secret.clone(),
        (None, Some(file)) => std::fs::read_to_string(file)
            .with_context(|| format!("cannot read the OIDC client secret from {}", file.display()))?
            .trim()
            .to_owned(),
        (None, None) => bail!("--oidc-issuer needs --oidc-client-secret or --oidc-client-secret-file"),
    };
    if client_secret.is_empty() {
        bail!("the OIDC client secret is empty");
    }
    let url = url::Url::parse(&issuer).with_context(|| format!("--oidc-issuer {issuer:?} is not a URL"))?;
    // Keys, codes and tokens travel over this: plain HTTP only to a provider on this machine.
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name == "localhost",
        None => false,
    };
    if !(url.scheme() == "https" || url.scheme() == "http" && loopback) {
        bail!("--oidc-issuer must be an https:// URL (plain http:// only to a provider on this machine)");
    }
    let mut scopes: Vec<String> =
        args.oidc_scopes.split([' ', ',']).filter(|s| !s.is_empty()).map(str::to_owned).collect();
    if !scopes.iter().any(|s| s == "openid") {
        scopes.insert(0, "openid".into());
    }
    Ok(Some(SsoConfig {
        settings: SsoSettings {
            issuer,
            client_id,
            client_secret,
            scopes,
            groups_claim: args.oidc_groups_claim.clone(),
        },
        group_profiles: args.oidc_group_profiles.0.clone(),
        only: args.oidc_only,
    }))
}

/// `--public-url` without a trailing slash; it must be an http(s) URL without a path.
fn checked_public_url(raw: &str) -> anyhow::Result<String> {
    let url = url::Url::parse(raw).with_context(|| format!("--public-url {raw:?} is not a URL"))?;
    if !matches!(url.scheme(), "https" | "http")
        || url.host().is_none()
        || url.query().is_some()
        || url.fragment().is_some()
    {
        bail!("--public-url must be an http:// or https:// address without query, e.g. https://functions.example.com");
    }
    Ok(raw.trim_end_matches('/').to_owned())
}

/// The hard ceiling for a lambda invocation, as on LivePerson Functions.
pub const MAX_LAMBDA_TIMEOUT: Duration = Duration::from_secs(30);

impl Config {
    /// Defaults for a data dir, listening on `bind`.
    pub fn new(bind: SocketAddr, data_dir: PathBuf) -> Self {
        Self {
            bind,
            data_dir,
            database: lambdabox_services::data_dir::Database::default(),
            lambda_timeout: MAX_LAMBDA_TIMEOUT,
            lambda_memory_bytes: 256 * 1024 * 1024,
            lambda_memory_total_bytes: lambdabox_services::invoke::default_memory_total_bytes(),
            worker_program: None,
            lambda_workers: std::thread::available_parallelism().map_or(2, usize::from),
            // Lambdas are most of the CPU an invocation costs; HTTP event loops need far less
            // (measured on 2 cores: 1 HTTP worker served 10% more invocations than 2).
            http_workers: std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1)),
            lambda_queue: 1024,
            invoke_limits: InvokeLimits::default(),
            lambda_http_requests_per_second: 20,
            log_max_entries: 10,
            log_max_chars: 6000,
            log_retention: Duration::from_secs(30 * 24 * 3600),
            max_body_bytes: 1_048_576,
            session_idle: Duration::from_secs(60 * 60),
            token_ttl: Duration::from_secs(3600),
            secure_cookies: false,
            tls: None,
            sso: None,
            public_url: None,
            trusted_proxies: Vec::new(),
            max_login_failures_per_user: 5,
            max_login_failures_per_address: 20,
            lockout: Duration::from_secs(15 * 60),
            max_scheduled_lambdas: DEFAULT_MAX_SCHEDULED_LAMBDAS,
            clock: Clock::system(),
            report_interval: Some(Duration::from_secs(60)),
        }
    }

    /// Settings for `lambdabox serve`; fails on settings that cannot work together.
    pub fn from_serve_args(args: &ServeArgs) -> anyhow::Result<Self> {
        let mut config = Self::new(args.bind, args.data.data_dir.clone());
        config.database = args.data.database();
        // This very binary, even after an upgrade replaced the file: the workers must speak
        // the server's protocol.
        let this_binary = std::path::Path::new("/proc/self/exe");
        config.worker_program =
            if this_binary.exists() { Some(this_binary.to_path_buf()) } else { std::env::current_exe().ok() };
        config.lambda_timeout = Duration::from_millis(args.lambda_timeout_ms).min(MAX_LAMBDA_TIMEOUT);
        config.lambda_memory_bytes = usize::try_from(args.lambda_memory_mb * 1024 * 1024).unwrap_or(usize::MAX);
        if args.lambda_memory_total_mb > 0 {
            config.lambda_memory_total_bytes = args.lambda_memory_total_mb.saturating_mul(1024 * 1024);
        }
        if args.lambda_workers > 0 {
            config.lambda_workers = args.lambda_workers;
        }
        if args.http_workers > 0 {
            config.http_workers = args.http_workers;
        }
        config.lambda_queue = usize::try_from(args.lambda_queue).unwrap_or(1024);
        config.invoke_limits = InvokeLimits {
            max_in_flight: usize::try_from(args.lambda_max_in_flight).unwrap_or(usize::MAX),
            orchestrator_max_depth: args.orchestrator_max_depth,
        };
        config.lambda_http_requests_per_second = args.lambda_http_requests_per_second;
        config.log_max_entries = args.log_max_entries;
        config.log_max_chars = args.log_max_chars;
        config.log_retention = Duration::from_secs(args.log_retention_days * 24 * 3600);
        config.max_body_bytes = args.max_body_bytes;
        config.session_idle = Duration::from_secs(args.session_idle_minutes * 60);
        config.token_ttl = Duration::from_secs(args.token_ttl_seconds);
        config.tls = match (&args.tls_cert, &args.tls_key) {
            (Some(cert), Some(key)) => Some(TlsFiles { cert: cert.clone(), key: key.clone() }),
            _ => None,
        };
        // Under TLS the browser only ever talks HTTPS to us: cookies need not travel in clear.
        config.secure_cookies = args.secure_cookies || config.tls.is_some();
        config.max_scheduled_lambdas =
            usize::try_from(args.max_scheduled_lambdas).unwrap_or(DEFAULT_MAX_SCHEDULED_LAMBDAS);
        config.public_url = args.public_url.as_deref().map(checked_public_url).transpose()?;
        config.trusted_proxies.clone_from(&args.trusted_proxies);
        config.sso = sso_from_args(args)?;
        Ok(config)
    }
}
