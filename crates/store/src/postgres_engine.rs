//! The PostgreSQL engine: a pool of synchronous clients used on the blocking pool, like the
//! SQLite connections, each with its prepared statements. Reads run in read-only
//! REPEATABLE READ transactions (one snapshot, as a SQLite read sees); writes in READ COMMITTED
//! transactions that first take a transaction-scoped advisory lock, so that they run one at a
//! time across every node, as SQLite's single writer does. Appends (invocation records, log
//! entries, purges) skip that lock. Transaction-scoped locks end with their transaction and
//! work behind connection poolers, where session-scoped ones would not.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

use postgres::IsolationLevel;
use postgres::config::Host;
use postgres::fallible_iterator::FallibleIterator;

use crate::changes::{CHANNEL, Change, Notice};
use crate::db::{Connection, PgTransaction, StatementCache};
use crate::{StoreError, Transaction, migrate};

/// Key of the advisory lock that orders write transactions.
const WRITE_LOCK: i64 = 0x6c62_6f78_5772_6974;

/// How long a request waits for a connection before it fails as unavailable.
const CONNECTION_TIMEOUT: Duration = Duration::from_secs(5);
/// How long `/readyz` waits (probes have short timeouts of their own).
const PING_TIMEOUT: Duration = Duration::from_secs(2);

/// Ordered writes of one node that may hold a connection while they wait for the write lock.
const ORDERED_WRITERS: usize = 4;

/// Connections a node keeps at most.
const DEFAULT_MAX_CONNECTIONS: u32 = 16;

/// How to reach PostgreSQL, beside its URL.
#[derive(Debug, Clone, Default)]
pub struct PostgresOptions {
    /// PEM file of the certificate authorities to trust for the server's certificate (default:
    /// the Mozilla roots). Whether TLS is used and what is checked follows the URL's `sslmode`,
    /// as with libpq (see `postgres_tls`).
    pub ca_file: Option<PathBuf>,
    /// Connections this node opens at most (default 16).
    pub max_connections: Option<u32>,
}

pub(crate) struct PgClient {
    client: postgres::Client,
    statements: StatementCache,
    /// Set when a statement found the connection lost: the pool drops it instead of handing
    /// it out again (the synchronous client does not always notice by itself).
    broken: bool,
}

struct Manager {
    config: postgres::Config,
    tls: tokio_postgres_rustls::MakeRustlsConnect,
}

impl r2d2::ManageConnection for Manager {
    type Connection = PgClient;
    type Error = postgres::Error;

    fn connect(&self) -> Result<PgClient, postgres::Error> {
        let client = self.config.connect(self.tls.clone())?;
        Ok(PgClient { client, statements: StatementCache::new(), broken: false })
    }

    fn is_valid(&self, conn: &mut PgClient) -> Result<(), postgres::Error> {
        conn.client.simple_query("")?;
        Ok(())
    }

    fn has_broken(&self, conn: &mut PgClient) -> bool {
        conn.broken || conn.client.is_closed()
    }
}

pub(crate) struct PostgresEngine {
    /// Taken only by `Drop`.
    pool: Option<r2d2::Pool<Manager>>,
    description: String,
    /// What the listener connects with.
    config: postgres::Config,
    tls: tokio_postgres_rustls::MakeRustlsConnect,
    /// Set when the engine is dropped: listeners stop.
    closed: Arc<AtomicBool>,
    /// Ordered writes of this node waiting for the cluster's write lock at once: the others
    /// wait here, without a connection, so that reads keep the pool.
    pub(crate) ordered_writers: tokio::sync::Semaphore,
}

impl PostgresEngine {
    /// Connects, checks the schema version and migrates. Runs on a thread of its own: the
    /// synchronous client drives a small runtime of its own, which cannot start inside Tokio's.
    pub(crate) fn connect(url: &str, options: &PostgresOptions) -> Result<Self, StoreError> {
        let (url, tls) = crate::postgres_tls::connector(url, options.ca_file.as_deref())?;
        let mut config: postgres::Config =
            url.parse().map_err(|e| StoreError::Unavailable(format!("the database URL is not valid: {e}")))?;
        let description = describe(&config);
        // A node that vanishes mid-write must not hold the cluster's write lock for long: the
        // server ends a session idle in a transaction, waits for locks are bounded, and dead
        // peers are noticed by keepalives within about a minute.
        let server_options = format!(
            "{} -c lock_timeout=30s -c idle_in_transaction_session_timeout=60s",
            config.get_options().unwrap_or_default()
        );
        config
            .options(server_options.trim())
            .connect_timeout(CONNECTION_TIMEOUT)
            .keepalives(true)
            .keepalives_idle(Duration::from_secs(30))
            .keepalives_interval(Duration::from_secs(10))
            .keepalives_retries(3);
        let max = options.max_connections.unwrap_or(DEFAULT_MAX_CONNECTIONS).max(2);
        let result = std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    // One connection first: a wrong host, password or certificate fails at
                    // once with PostgreSQL's own reason, not after the pool's timeout.
                    let mut client = config.connect(tls.clone()).map_err(|e| {
                        StoreError::Unavailable(format!("{description}: {}", crate::DbError::Postgres(e)))
                    })?;
                    migrate::run_postgres(&mut client)?;
                    drop(client);
                    let manager = Manager { config: config.clone(), tls: tls.clone() };
                    r2d2::Pool::builder()
                        .max_size(max)
                        .min_idle(Some(1))
                        .test_on_check_out(false)
                        .connection_timeout(CONNECTION_TIMEOUT)
                        .idle_timeout(Some(Duration::from_secs(300)))
                        .build(manager)
                        .map_err(|e| StoreError::Unavailable(format!("{description}: {e}")))
                })
                .join()
        });
        let pool = result.map_err(|_| StoreError::Task("connecting to PostgreSQL panicked".into()))??;
        Ok(Self {
            pool: Some(pool),
            description,
            config,
            tls,
            closed: Arc::new(AtomicBool::new(false)),
            ordered_writers: tokio::sync::Semaphore::new(ORDERED_WRITERS),
        })
    }

    /// Starts a listener thread on a connection of its own (LISTEN holds its connection).
    pub(crate) fn subscribe(&self) -> UnboundedReceiver<Notice> {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let (config, tls, closed) = (self.config.clone(), self.tls.clone(), Arc::clone(&self.closed));
        let description = self.description.clone();
        let spawned = std::thread::Builder::new()
            .name("lambdabox-listen".into())
            .spawn(move || listen(&config, &tls, &closed, &tx, &description));
        if let Err(err) = spawned {
            tracing::error!(error = %err, "cannot start the change listener; changes reach this node at the periodic resync");
        }
        rx
    }

    pub(crate) fn describe(&self) -> String {
        self.description.clone()
    }

    fn get(&self) -> Result<r2d2::PooledConnection<Manager>, StoreError> {
        let pool = self.pool.as_ref().ok_or_else(|| StoreError::Unavailable("the store is closed".into()))?;
        pool.get().map_err(|e| StoreError::Unavailable(format!("{}: {e}", self.description)))
    }

    /// Whether the database answers, within `PING_TIMEOUT`.
    pub(crate) fn ping(&self) -> Result<(), StoreError> {
        let pool = self.pool.as_ref().ok_or_else(|| StoreError::Unavailable("the store is closed".into()))?;
        let mut conn = pool
            .get_timeout(PING_TIMEOUT)
            .map_err(|e| StoreError::Unavailable(format!("{}: {e}", self.description)))?;
        let answered = conn.client.simple_query("SELECT 1");
        if answered.is_err() {
            conn.broken = true;
        }
        answered?;
        Ok(())
    }

    pub(crate) fn read<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        F: FnOnce(&Connection<'_>) -> Result<T, StoreError>,
    {
        self.with_connection(|client, statements| {
            let tx =
                client.build_transaction().isolation_level(IsolationLevel::RepeatableRead).read_only(true).start()?;
            let conn = Connection::postgres(PgTransaction { tx, statements });
            let value = f(&conn)?;
            conn.commit()?;
            Ok(value)
        })
    }

    pub(crate) fn write<T, F>(&self, f: F, ordered: bool) -> Result<T, StoreError>
    where
        F: FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    {
        self.with_connection(|client, statements| {
            let mut tx = client.transaction()?;
            if ordered {
                tx.batch_execute(&format!("SELECT pg_advisory_xact_lock({WRITE_LOCK})"))?;
            }
            let conn = Connection::postgres(PgTransaction { tx, statements });
            let value = f(&conn)?;
            conn.commit()?;
            Ok(value)
        })
    }

    /// Runs `f` on a pooled connection; one that turned out lost is not pooled again.
    fn with_connection<T>(
        &self,
        f: impl FnOnce(&mut postgres::Client, &mut StatementCache) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.get()?;
        let PgClient { client, statements, broken } = &mut *conn;
        let result = f(client, statements);
        if matches!(result, Err(StoreError::Unavailable(_))) {
            *broken = true;
        }
        result
    }
}

/// Listens for changes until the engine closes or the receiver is dropped; reconnects after a
/// lost connection, reporting `Resync` each time it (re)starts listening.
fn listen(
    config: &postgres::Config,
    tls: &tokio_postgres_rustls::MakeRustlsConnect,
    closed: &AtomicBool,
    tx: &UnboundedSender<Notice>,
    description: &str,
) {
    let mut failures = 0_u32;
    while !closed.load(Ordering::Acquire) && !tx.is_closed() {
        let result = (|| -> Result<(), postgres::Error> {
            let mut client = config.connect(tls.clone())?;
            client.batch_execute(&format!("LISTEN {CHANNEL}"))?;
            failures = 0;
            if tx.send(Notice::Resync).is_err() {
                return Ok(());
            }
            loop {
                if closed.load(Ordering::Acquire) || tx.is_closed() {
                    return Ok(());
                }
                {
                    let mut notifications = client.notifications();
                    let mut batch = notifications.timeout_iter(Duration::from_millis(500));
                    while let Some(notification) = batch.next()? {
                        if let Some(change) = Change::decode(notification.payload())
                            && tx.send(Notice::Changed(change)).is_err()
                        {
                            return Ok(());
                        }
                    }
                }
                if client.is_closed() {
                    // timeout_iter ends quietly on a closed connection; a query says why.
                    client.batch_execute("SELECT 1")?;
                }
            }
        })();
        if let Err(err) = result {
            failures = failures.saturating_add(1);
            if failures == 1 || failures.is_multiple_of(60) {
                tracing::warn!(error = %crate::DbError::Postgres(err), database = description, "change listener lost its connection; reconnecting");
            }
            std::thread::sleep(Duration::from_millis(500));
        }
    }
}

impl Drop for PostgresEngine {
    /// Each client owns a small runtime, which may not be dropped on one of Tokio's threads.
    fn drop(&mut self) {
        self.closed.store(true, Ordering::Release);
        if let Some(pool) = self.pool.take() {
            let _ = std::thread::spawn(move || drop(pool)).join();
        }
    }
}

/// `PostgreSQL user@host:port/database`, for logs and messages (never the password).
fn describe(config: &postgres::Config) -> String {
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(host)) => host.clone(),
        #[cfg(unix)]
        Some(Host::Unix(path)) => path.display().to_string(),
        None => "localhost".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user().unwrap_or("");
    let db = config.get_dbname().unwrap_or(user);
    format!("PostgreSQL {user}@{host}:{port}/{db}")
}
