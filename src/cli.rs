//! Command-line interface: `serve` (the default), `setup`, `credentials create`, and the
//! lpf-style commands for a project folder (`login`, `init`, `pull`, `push`, `deploy`,
//! `undeploy`, `invoke`, `get`, `logs`; see `src/project/`).
//! Every flag has a `LAMBDABOX_*` environment variable; the doc comments are the `--help` text.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// lambdabox: a self-hosted Functions-as-a-Service appliance in one binary.
///
/// Run without a subcommand to start the server (same as `lambdabox serve`).
#[derive(Debug, Parser)]
#[command(name = "lambdabox", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Server options, used when no subcommand is given.
    #[command(flatten)]
    pub serve: ServeArgs,

    /// Log format written to stderr.
    #[arg(long, env = "LAMBDABOX_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the server (the default when no subcommand is given).
    Serve(Box<ServeArgs>),
    /// Provision the account and its administrator without a browser.
    ///
    /// The password is read from LAMBDABOX_ADMIN_PASSWORD or, if unset, from the first line of
    /// standard input. Refused if the data dir already holds an account.
    Setup(SetupArgs),
    /// Manage API credentials (client id + client secret) for scripts.
    #[command(subcommand)]
    Credentials(CredentialsCommand),
    /// Generate a new master key and re-encrypt every secret under it, atomically. Stop the
    /// server first; API tokens issued before stop working. An interrupted rotation is
    /// completed by the next start.
    RotateKey(DataArgs),
    /// Copy the SQLite database, consistent and while lambdabox runs, to a new file (with
    /// SQLite's VACUUM INTO). A PostgreSQL database is backed up with pg_dump.
    Backup(BackupArgs),
    /// Exit 0 if the server on --bind answers /healthz (for container health checks).
    Healthcheck(HealthcheckArgs),
    /// Runs lambdas for a server that started this process (internal: the server starts its
    /// worker processes this way, and talks to them over standard input).
    #[command(hide = true)]
    Worker,
    /// Store a lambdabox server and API credentials for the project commands (checked with a
    /// token exchange). LAMBDABOX_SERVER, LAMBDABOX_CLIENT_ID and LAMBDABOX_CLIENT_SECRET
    /// override what is stored.
    Login(LoginArgs),
    /// Forget the stored server and credentials.
    Logout,
    /// Make an lpf project in the current folder, or add functions to it:
    /// functions/NAME/index.js (Hello World) and functions/NAME/config.json.
    Init(InitArgs),
    /// Overwrite local functions with the server's (all of the server's without names).
    Pull(SyncArgs),
    /// Create or update the server's functions from the local folders (all without names).
    Push(PushArgs),
    /// Deploy functions by name.
    Deploy(NamesArgs),
    /// Undeploy functions by name.
    Undeploy(NamesArgs),
    /// Invoke a deployed function with the `input` of its config.json, or run index.js here
    /// with --local (no server needed).
    Invoke(InvokeArgs),
    /// Show the server's functions, deployments, account or events as tables.
    Get(GetArgs),
    /// Print a function's logs as CSV (lambdaUUID;requestID;timestamp;level;message;extras).
    Logs(LogsArgs),
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// The server's base URL, e.g. http://127.0.0.1:8080.
    #[arg(long)]
    pub server: String,
    /// API client id (`lambdabox credentials create` prints one).
    #[arg(long)]
    pub client_id: String,
    /// API client secret.
    #[arg(long)]
    pub client_secret: String,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Functions to create (letters, digits and underscores).
    pub names: Vec<String>,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Function names; none means all.
    pub names: Vec<String>,
    /// Do not ask for confirmation.
    #[arg(short, long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    #[command(flatten)]
    pub sync: SyncArgs,
    /// Move the `function lambda(...)` declaration to the first line where it is not (code
    /// brought from LivePerson with requires or helpers above it), and say so.
    #[arg(long)]
    pub fix_declaration: bool,
}

#[derive(Debug, Args)]
pub struct NamesArgs {
    /// Function names.
    #[arg(required = true)]
    pub names: Vec<String>,
    /// Do not ask for confirmation.
    #[arg(short, long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct InvokeArgs {
    /// Function name (its folder under functions/).
    pub name: String,
    /// Run functions/NAME/index.js in this process, with secrets and the allowlist from
    /// functions/settings.json.
    #[arg(short, long)]
    pub local: bool,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    /// What to show.
    #[arg(required = true, value_enum)]
    pub what: Vec<GetWhat>,
    /// Print the server's JSON instead of tables.
    #[arg(long)]
    pub json: bool,
}

/// The lists `get` shows.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum GetWhat {
    Functions,
    Deployments,
    Account,
    Events,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Function name.
    pub name: String,
    /// From this time (epoch milliseconds); default: the last 24 hours.
    #[arg(short, long)]
    pub start: Option<i64>,
    /// Until this time (epoch milliseconds); default: now.
    #[arg(short, long)]
    pub end: Option<i64>,
    /// Only these levels (Info, Warn, Error).
    #[arg(short, long, num_args = 1..)]
    pub levels: Vec<String>,
    /// Omit the CSV header line.
    #[arg(short, long)]
    pub remove_header: bool,
    /// Keep printing new entries as they come (every 2 s) until interrupted.
    #[arg(short, long)]
    pub follow: bool,
}

#[derive(Debug, Args)]
pub struct HealthcheckArgs {
    /// Address the server listens on; 0.0.0.0 is checked on 127.0.0.1.
    #[arg(long, env = "LAMBDABOX_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
}

/// Options shared by every command that opens the data dir.
#[derive(Debug, Args, Clone)]
pub struct DataArgs {
    /// Directory holding the SQLite database and the master key file.
    #[arg(long, env = "LAMBDABOX_DATA_DIR", default_value = "./lambdabox-data")]
    pub data_dir: PathBuf,

    /// PostgreSQL database shared by several lambdabox nodes (postgres://user:password@host/db,
    /// with ?sslmode=disable|prefer|require|verify-ca|verify-full as libpq reads it); empty: the
    /// SQLite file in the data dir. Every node needs the same master key.
    #[arg(
        long,
        env = "LAMBDABOX_DATABASE_URL",
        value_name = "URL",
        default_value = "",
        hide_default_value = true,
        hide_env_values = true
    )]
    pub database_url: String,

    /// PEM file of the certificate authorities trusted for PostgreSQL's TLS certificate
    /// (default: the Mozilla roots); checked under sslmode=verify-ca and verify-full, and
    /// with this file also under require.
    #[arg(long, env = "LAMBDABOX_DATABASE_CA_FILE", value_name = "FILE")]
    pub database_ca_file: Option<PathBuf>,
}

impl DataArgs {
    /// The database these options name.
    pub fn database(&self) -> lambdabox_services::data_dir::Database {
        lambdabox_services::data_dir::Database {
            url: Some(self.database_url.clone()).filter(|url| !url.trim().is_empty()),
            ca_file: self.database_ca_file.clone(),
        }
    }
}

#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    #[command(flatten)]
    pub data: DataArgs,

    /// Address and port to listen on (use port 0 to pick a free port).
    #[arg(long, env = "LAMBDABOX_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Hard time limit of one lambda invocation in milliseconds (at most 30000).
    #[arg(long, env = "LAMBDABOX_LAMBDA_TIMEOUT_MS", default_value_t = 30_000,
          value_parser = clap::value_parser!(u64).range(1..=30_000))]
    pub lambda_timeout_ms: u64,

    /// Heap limit of one lambda invocation, in MiB.
    #[arg(long, env = "LAMBDABOX_LAMBDA_MEMORY_MB", default_value_t = 256,
          value_parser = clap::value_parser!(u64).range(4..=4096))]
    pub lambda_memory_mb: u64,

    /// Memory all running lambdas may use together, in MiB (0: half of the machine's memory,
    /// or of the container's limit). Each worker process is limited by the kernel to its share;
    /// while the workers use this much, new invocations are refused with 429.
    #[arg(long, env = "LAMBDABOX_LAMBDA_MEMORY_TOTAL_MB", default_value_t = 0)]
    pub lambda_memory_total_mb: u64,

    /// JavaScript worker processes, each with one JS thread (0: one per CPU core).
    #[arg(long, env = "LAMBDABOX_LAMBDA_WORKERS", default_value_t = 0)]
    pub lambda_workers: usize,

    /// HTTP worker threads, each an event loop for many connections (0: one per two cores).
    #[arg(long, env = "LAMBDABOX_HTTP_WORKERS", default_value_t = 0)]
    pub http_workers: usize,

    /// Invocations waiting for a worker (besides the few each worker holds ready) before new
    /// ones are refused with 429.
    #[arg(long, env = "LAMBDABOX_LAMBDA_QUEUE", default_value_t = 1024,
          value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub lambda_queue: u64,

    /// Invocations running at once, box-wide (every source, orchestrated calls included);
    /// past it new ones are refused with 429.
    #[arg(long, env = "LAMBDABOX_LAMBDA_MAX_IN_FLIGHT", default_value_t = 2048,
          value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub lambda_max_in_flight: u64,

    /// How deep OrchestratorClient calls may nest (a lambda invoking a lambda invoking ...);
    /// a call past it fails in the calling lambda with a clear error.
    #[arg(long, env = "LAMBDABOX_ORCHESTRATOR_MAX_DEPTH", default_value_t = 5,
          value_parser = clap::value_parser!(u32).range(0..=100))]
    pub orchestrator_max_depth: u32,

    /// Outgoing HTTP requests per second one function may make (HTTPClient, fetch); past it
    /// its requests fail with 429 (LivePerson Functions: 20).
    #[arg(long, env = "LAMBDABOX_LAMBDA_HTTP_REQUESTS_PER_SECOND", default_value_t = 20,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub lambda_http_requests_per_second: u32,

    /// Console entries one invocation may write before it fails with log-limit-reached.
    #[arg(long, env = "LAMBDABOX_LOG_MAX_ENTRIES", default_value_t = 10)]
    pub log_max_entries: usize,

    /// Characters (messages and extras) one invocation may log before log-limit-reached.
    #[arg(long, env = "LAMBDABOX_LOG_MAX_CHARS", default_value_t = 6000)]
    pub log_max_chars: usize,

    /// Days log entries of invocations are kept.
    #[arg(long, env = "LAMBDABOX_LOG_RETENTION_DAYS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3650))]
    pub log_retention_days: u64,

    /// Largest accepted request body in bytes.
    #[arg(long, env = "LAMBDABOX_MAX_BODY_BYTES", default_value_t = 1_048_576)]
    pub max_body_bytes: usize,

    /// Minutes of inactivity after which a browser session ends.
    #[arg(long, env = "LAMBDABOX_SESSION_IDLE_MINUTES", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=10_080))]
    pub session_idle_minutes: u64,

    /// Lifetime of API access tokens issued by /oauth/token, in seconds.
    #[arg(long, env = "LAMBDABOX_TOKEN_TTL_SECONDS", default_value_t = 3600,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub token_ttl_seconds: u64,

    /// Serve HTTPS on --bind with this PEM certificate chain (the server's certificate first);
    /// needs --tls-key. SIGHUP reads the pair again (new connections get it; a pair that fails
    /// to load leaves the old one serving).
    #[arg(long, env = "LAMBDABOX_TLS_CERT", value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// PEM private key of --tls-cert (PKCS#8, PKCS#1 or SEC1).
    #[arg(long, env = "LAMBDABOX_TLS_KEY", value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// Sign in with OpenID Connect single sign-on at this issuer (its
    /// `/.well-known/openid-configuration` is read). Register lambdabox there with the redirect
    /// URI `<public URL>/login/sso/callback`.
    #[arg(long, env = "LAMBDABOX_OIDC_ISSUER", value_name = "URL", requires_all = ["oidc_client_id"])]
    pub oidc_issuer: Option<String>,

    /// The client id lambdabox has at the identity provider.
    #[arg(long, env = "LAMBDABOX_OIDC_CLIENT_ID", value_name = "ID")]
    pub oidc_client_id: Option<String>,

    /// The client secret (prefer --oidc-client-secret-file or the environment: command lines
    /// are visible to other users of the machine).
    #[arg(
        long,
        env = "LAMBDABOX_OIDC_CLIENT_SECRET",
        value_name = "SECRET",
        hide_env_values = true,
        conflicts_with = "oidc_client_secret_file"
    )]
    pub oidc_client_secret: Option<String>,

    /// A file holding the client secret (surrounding whitespace is ignored).
    #[arg(long, env = "LAMBDABOX_OIDC_CLIENT_SECRET_FILE", value_name = "FILE")]
    pub oidc_client_secret_file: Option<PathBuf>,

    /// Scopes asked for at sign-in, separated by spaces or commas (add the one that releases
    /// the groups claim if your provider has one, e.g. `groups`).
    #[arg(long, env = "LAMBDABOX_OIDC_SCOPES", default_value = "openid profile email")]
    pub oidc_scopes: String,

    /// The claim listing the user's groups (in the ID token, else in the userinfo answer).
    #[arg(long, env = "LAMBDABOX_OIDC_GROUPS_CLAIM", default_value = "groups")]
    pub oidc_groups_claim: String,

    /// Which group gives which profile, e.g. `ops=Administrator,devs=Developers`: a user gets
    /// the profile of their first group in this order (then of the profiles' "SSO groups"
    /// in Users); a user with no mapped group cannot sign in.
    #[arg(long, env = "LAMBDABOX_OIDC_GROUP_PROFILES", value_name = "GROUP=PROFILE,...", default_value = "",
          value_parser = parse_group_profiles)]
    pub oidc_group_profiles: GroupProfiles,

    /// Only single sign-on: the password form is hidden, and only the administrator created
    /// at setup can still sign in with a password (at /login?local=1), for when the identity
    /// provider is down.
    #[arg(long, env = "LAMBDABOX_OIDC_ONLY", default_value_t = false, requires = "oidc_issuer")]
    pub oidc_only: bool,

    /// The address users reach lambdabox at, e.g. `https://functions.example.com` (the SSO
    /// redirect URI is built from it). Default: the scheme and Host of each request.
    #[arg(long, env = "LAMBDABOX_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,

    /// Load balancers or proxies in front of lambdabox (IP addresses or networks, comma
    /// separated, e.g. `10.0.0.0/8,192.168.1.5`): for a request from one of them, the client's
    /// address (for the sign-in throttle) is taken from X-Forwarded-For. Default: none, the
    /// peer's own address.
    #[arg(long, env = "LAMBDABOX_TRUSTED_PROXIES", value_name = "ADDRESSES", value_delimiter = ',',
          value_parser = address_or_network)]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// Mark session cookies Secure. On by itself under --tls-cert; set it when a
    /// TLS-terminating proxy in front serves lambdabox over HTTPS.
    #[arg(long, env = "LAMBDABOX_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,

    /// How many lambdas may have schedules (cron runs) at the same time.
    #[arg(long, env = "LAMBDABOX_MAX_SCHEDULED_LAMBDAS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(0..=1000))]
    pub max_scheduled_lambdas: u64,
}

/// `--oidc-group-profiles`: (group, profile name) pairs in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupProfiles(pub Vec<(String, String)>);

fn parse_group_profiles(raw: &str) -> Result<GroupProfiles, String> {
    let mut pairs = Vec::new();
    for item in raw.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        match item.split_once('=') {
            Some((group, profile)) if !group.trim().is_empty() && !profile.trim().is_empty() => {
                pairs.push((group.trim().to_owned(), profile.trim().to_owned()));
            }
            _ => return Err(format!("{item:?} is not GROUP=PROFILE")),
        }
    }
    Ok(GroupProfiles(pairs))
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub data: DataArgs,

    /// The backup file to write; it must not exist.
    #[arg(long, value_name = "FILE")]
    pub to: PathBuf,
}

#[derive(Debug, Args)]
pub struct SetupArgs {
    #[command(flatten)]
    pub data: DataArgs,

    /// Account id (letters and digits), e.g. your LivePerson brand id.
    #[arg(long)]
    pub account: String,

    /// User name of the administrator to create.
    #[arg(long)]
    pub admin: String,
}

#[derive(Debug, Subcommand)]
pub enum CredentialsCommand {
    /// Create API credentials for a user and print them as JSON
    /// (`{"clientId": ..., "clientSecret": ...}`); the secret is shown only this once.
    Create(CredentialsCreateArgs),
}

#[derive(Debug, Args)]
pub struct CredentialsCreateArgs {
    #[command(flatten)]
    pub data: DataArgs,

    /// User the credentials act as (they get this user's permissions).
    #[arg(long)]
    pub user: String,

    /// A label to recognise the credentials by.
    #[arg(long, default_value = "cli")]
    pub name: String,
}

/// An IP network (`10.0.0.0/8`) or a single address (`192.168.1.5`).
fn address_or_network(raw: &str) -> Result<ipnet::IpNet, String> {
    let raw = raw.trim();
    raw.parse::<ipnet::IpNet>()
        .or_else(|_| raw.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map_err(|_| format!("'{raw}' is neither an IP address nor a network like 10.0.0.0/8"))
}
