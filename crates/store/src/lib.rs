//! The SQLite store: the only module with SQL. One database file in WAL mode with foreign keys
//! on; reads use a small pool of connections, writes one dedicated connection, and all of it
//! runs on the blocking pool so HTTP workers never wait on the disk.

pub mod accounts;
pub mod activity;
pub mod allowlist;
pub mod credentials;
pub mod email_reports;
pub mod invocations;
pub mod lambdas;
pub mod logs;
pub mod metrics;
pub mod migrate;
pub mod profiles;
pub mod schedules;
pub mod secrets;
pub mod sessions;
pub mod users;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::OpenFlags;
/// The connection and transaction types the store's functions take (so callers that compose
/// several of them in one transaction need no SQL crate of their own).
pub use rusqlite::{Connection, Transaction};

/// File name of the database inside the data dir.
pub const DB_FILE: &str = "lambdabox.db";

/// Idle read connections kept open.
const MAX_IDLE_READERS: usize = 8;

/// Failures of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite reported an error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
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
}

/// Handle to the database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

impl Store {
    /// Opens (creating if needed) the database in `data_dir` and migrates it.
    pub fn open(data_dir: &Path) -> Result<Self, StoreError> {
        let path = data_dir.join(DB_FILE);
        // Check the schema version before anything (even switching to WAL) touches the file.
        migrate::refuse_newer(&Connection::open_with_flags(&path, open_flags())?)?;
        let mut writer = open_connection(&path)?;
        migrate::run(&mut writer)?;
        Ok(Self { inner: Arc::new(Inner { path, writer: Mutex::new(writer), readers: Mutex::new(Vec::new()) }) })
    }

    /// Runs `f` with a read connection on the blocking pool.
    pub async fn read<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        run_blocking(move || {
            let conn = match lock(&inner.readers).pop() {
                Some(conn) => conn,
                None => open_connection(&inner.path)?,
            };
            let result = f(&conn);
            let mut idle = lock(&inner.readers);
            if idle.len() < MAX_IDLE_READERS {
                idle.push(conn);
            }
            result
        })
        .await
    }

    /// Runs `f` in one write transaction on the blocking pool; commits if `f` returns `Ok`.
    pub async fn write<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction<'_>) -> Result<T, StoreError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        run_blocking(move || {
            let mut conn = lock(&inner.writer);
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })
        .await
    }

    /// Checks that the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.read(|conn| Ok(conn.query_row("SELECT 1", [], |_| Ok(()))?)).await
    }

    /// Flushes the write-ahead log into the database file (on shutdown).
    pub async fn checkpoint(&self) -> Result<(), StoreError> {
        let inner = Arc::clone(&self.inner);
        run_blocking(move || {
            let conn = lock(&inner.writer);
            conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
            lock(&inner.readers).clear();
            Ok(())
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

fn open_connection(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(path, open_flags())?;
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
pub(crate) fn unique_violation(err: rusqlite::Error, message: impl Into<String>) -> StoreError {
    match err {
        rusqlite::Error::SqliteFailure(e, _)
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY =>
        {
            StoreError::Conflict(message.into())
        }
        other => StoreError::Sqlite(other),
    }
}
