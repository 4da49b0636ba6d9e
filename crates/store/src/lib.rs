//! The store: the only module with SQL. Two engines behind one interface: an embedded SQLite
//! file (the default: WAL mode, foreign keys on, a small pool of read connections and one
//! dedicated writer) or a PostgreSQL server that several lambdabox nodes share. Every function
//! is written once against `db::Connection`; all of it runs on the blocking pool so HTTP
//! workers never wait on the database.

pub mod accounts;
pub mod activity;
pub mod allowlist;
pub mod changes;
pub mod cluster;
pub mod credentials;
pub mod db;
pub mod email_reports;
pub mod invocations;
pub mod lambdas;
pub mod login_failures;
pub mod logs;
pub mod metrics;
pub mod migrate;
mod postgres_engine;
mod postgres_tls;
pub mod profiles;
pub mod schedules;
pub mod secrets;
pub mod sessions;
pub mod users;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The connection type the store's functions take, in reads and in write transactions (so
/// callers that compose several of them in one transaction need no SQL crate of their own).
pub use db::{Connection, DbError, Dialect, Transaction};
pub use postgres_engine::PostgresOptions;
use rusqlite::OpenFlags;

/// File name of the database inside the data dir.
pub const DB_FILE: &str = "lambdabox.db";

/// Idle read connections kept open.
const MAX_IDLE_READERS: usize = 8;

/// Failures of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database reported an error.
    #[error("database error: {0}")]
    Database(DbError),
    /// The database was written by a newer lambdabox.
    #[error(
        "the database has schema version {found}, but this lambdabox understands only up to \
         {supported}; it was written by a newer release. Upgrade lambdabox (the data was not changed)"
    )]
    NewerSchema {
        /// Version found in the file.
        found: i64,
        /// Newest version this binary knows.
        supported: usize,
    },
    /// A migration failed; the transaction was rolled back.
    #[error("database migration failed: {0}")]
    Migration(String),
    /// A stored value is not what the schema promises.
    #[error("corrupt data in the database: {0}")]
    Corrupt(String),
    /// A uniqueness rule would be broken.
    #[error("{0}")]
    Conflict(String),
    /// The blocking task died.
    #[error("database task failed: {0}")]
    Task(String),
    /// No connection to the database could be had.
    #[error("cannot reach the database: {0}")]
    Unavailable(String),
}

impl From<DbError> for StoreError {
    /// A lost connection to PostgreSQL is the database being unavailable, not a failed
    /// statement: worth retrying.
    fn from(err: DbError) -> Self {
        if err.is_connection_error() { Self::Unavailable(err.to_string()) } else { Self::Database(err) }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        DbError::Sqlite(err).into()
    }
}

impl From<postgres::Error> for StoreError {
    fn from(err: postgres::Error) -> Self {
        DbError::Postgres(err).into()
    }
}

/// Handle to the database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Engine>,
}

enum Engine {
    Sqlite(SqliteEngine),
    Postgres(postgres_engine::PostgresEngine),
}

struct SqliteEngine {
    path: PathBuf,
    writer: Mutex<rusqlite::Connection>,
    readers: Mutex<Vec<rusqlite::Connection>>,
}

impl Store {
    /// Opens (creating if needed) the SQLite database in `data_dir` and migrates it.
    pub fn open(data_dir: &Path) -> Result<Self, StoreError> {
        let path = data_dir.join(DB_FILE);
        // Check the schema version before anything (even switching to WAL) touches the file.
        migrate::refuse_newer(&rusqlite::Connection::open_with_flags(&path, open_flags())?)?;
        let mut writer = open_connection(&path)?;
        migrate::run(&mut writer)?;
        let engine = SqliteEngine { path, writer: Mutex::new(writer), readers: Mutex::new(Vec::new()) };
        Ok(Self { inner: Arc::new(Engine::Sqlite(engine)) })
    }

    /// Connects to the PostgreSQL database at `url` (`postgres://…`) and migrates it.
    pub fn connect(url: &str, options: &PostgresOptions) -> Result<Self, StoreError> {
        let engine = postgres_engine::PostgresEngine::connect(url, options)?;
        Ok(Self { inner: Arc::new(Engine::Postgres(engine)) })
    }

    /// The engine behind this store.
    pub fn dialect(&self) -> Dialect {
        match &*self.inner {
            Engine::Sqlite(_) => Dialect::Sqlite,
            Engine::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Where the data lives, for logs and `/readyz` (no password).
    pub fn describe(&self) -> String {
        match &*self.inner {
            Engine::Sqlite(engine) => format!("SQLite {}", engine.path.display()),
            Engine::Postgres(engine) => engine.describe(),
        }
    }

    /// Runs `f` with a read connection on the blocking pool (on PostgreSQL, in a read-only
    /// transaction that sees one snapshot).
    pub async fn read<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection<'_>) -> Result<T, StoreError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        run_blocking(move || match &*inner {
            Engine::Sqlite(engine) => {
                let conn = match lock(&engine.readers).pop() {
                    Some(conn) => conn,
                    None => open_connection(&engine.path)?,
                };
                let result = f(&Connection::sqlite(&conn));
                let mut idle = lock(&engine.readers);
                if idle.len() < MAX_IDLE_READERS {
                    idle.push(conn);
                }
                result
            }
            Engine::Postgres(engine) => engine.read(f),
        })
        .await
    }

    /// Runs `f` in one write transaction on the blocking pool; commits if `f` returns `Ok`.
    /// Write transactions run one at a time, as on SQLite (on PostgreSQL, across every node
    /// sharing the database), so a function may read, decide and write.
    pub async fn write<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction<'_>) -> Result<T, StoreError> + Send + 'static,
    {
        self.write_with(f, true).await
    }

    /// Runs `f` in a write transaction that only appends rows or deletes old ones (invocation
    /// records, log entries, purges): on PostgreSQL it does not wait for other writes.
    pub async fn append<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction<'_>) -> Result<T, StoreError> + Send + 'static,
    {
        self.write_with(f, false).await
    }

    async fn write_with<T, F>(&self, f: F, ordered: bool) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction<'_>) -> Result<T, StoreError> + Send + 'static,
    {
        // On PostgreSQL, ordered writes queue here for a turn before they take a connection.
        let _turn = match &*self.inner {
            Engine::Postgres(engine) if ordered => Some(
                engine
                    .ordered_writers
                    .acquire()
                    .await
                    .map_err(|_| StoreError::Unavailable("the store is closed".into()))?,
            ),
            _ => None,
        };
        let inner = Arc::clone(&self.inner);
        run_blocking(move || match &*inner {
            Engine::Sqlite(engine) => {
                let mut conn = lock(&engine.writer);
                let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                let value = f(&Connection::sqlite(&tx))?;
                tx.commit()?;
                Ok(value)
            }
            Engine::Postgres(engine) => engine.write(f, ordered),
        })
        .await
    }

    /// The change feed of the nodes sharing this database: `None` on SQLite (one node). A
    /// thread listens until the receiver is dropped, reconnecting (and reporting `Resync`)
    /// whenever the connection is lost.
    pub fn subscribe(&self) -> Option<tokio::sync::mpsc::UnboundedReceiver<changes::Notice>> {
        match &*self.inner {
            Engine::Sqlite(_) => None,
            Engine::Postgres(engine) => Some(engine.subscribe()),
        }
    }

    /// Checks that the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        if let Engine::Postgres(_) = &*self.inner {
            let inner = Arc::clone(&self.inner);
            return run_blocking(move || match &*inner {
                Engine::Postgres(engine) => engine.ping(),
                Engine::Sqlite(_) => Ok(()),
            })
            .await;
        }
        self.read(|conn| Ok(conn.query_row("SELECT 1", [], |_| Ok(()))?)).await
    }

    /// Flushes the write-ahead log into the database file (on shutdown; nothing to do on
    /// PostgreSQL).
    pub async fn checkpoint(&self) -> Result<(), StoreError> {
        let inner = Arc::clone(&self.inner);
        run_blocking(move || {
            if let Engine::Sqlite(engine) = &*inner {
                let conn = lock(&engine.writer);
                conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
                lock(&engine.readers).clear();
            }
            Ok(())
        })
        .await
    }

    /// Copies the SQLite database, consistent and while it is in use, to `target` (which
    /// must not exist). PostgreSQL is backed up with its own tools (`pg_dump`).
    pub async fn backup_to(&self, target: PathBuf) -> Result<(), StoreError> {
        let inner = Arc::clone(&self.inner);
        run_blocking(move || match &*inner {
            Engine::Sqlite(engine) => {
                let conn = lock(&engine.writer);
                let target = target.to_str().ok_or_else(|| StoreError::Task("the backup path is not UTF-8".into()))?;
                conn.execute("VACUUM INTO ?1", [target])?;
                Ok(())
            }
            Engine::Postgres(_) => Err(StoreError::Task(
                "a PostgreSQL database is backed up with pg_dump, not with lambdabox backup".into(),
            )),
        })
        .await
    }
}

fn open_flags() -> OpenFlags {
    OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI
}

fn open_connection(path: &Path) -> Result<rusqlite::Connection, StoreError> {
    let conn = rusqlite::Connection::open_with_flags(path, open_flags())?;
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

async fn run_blocking<T, F>(f: F) -> Result<T, StoreError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, StoreError> + Send + 'static,
{
    tokio::task::spawn_blocking(f).await.map_err(|err| StoreError::Task(err.to_string()))?
}

/// A poisoned lock only means another query panicked; the connection itself is still usable.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

pub(crate) use lambdabox_domain::now_ms;

/// Maps a UNIQUE violation to `StoreError::Conflict` with `message`.
pub(crate) fn unique_violation(err: DbError, message: impl Into<String>) -> StoreError {
    if err.is_unique_violation() { StoreError::Conflict(message.into()) } else { err.into() }
}
