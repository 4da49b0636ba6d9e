//! Schema migrations: the numbered files in `migrations/` (SQLite) and `migrations/postgres/`
//! (PostgreSQL, numbered alike: step N of one engine is step N of the other), embedded in the
//! binary and applied at start-up in one transaction. SQLite keeps the version in
//! `PRAGMA user_version`, PostgreSQL in the table `lambdabox_schema`; a database written by a
//! newer lambdabox is refused before anything is changed.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use super::StoreError;

/// Every migration, in order. Append-only: never edit a file that has landed.
#[rustfmt::skip]
const STEPS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_lambdas.sql"),
    include_str!("../migrations/0003_settings.sql"),
    include_str!("../migrations/0004_schedules.sql"),
    include_str!("../migrations/0005_email_reports.sql"),
    include_str!("../migrations/0006_log_terms.sql"),
    include_str!("../migrations/0007_log_lambda_index.sql"),
    include_str!("../migrations/0008_lambda_skills.sql"),
    include_str!("../migrations/0009_sso.sql"),
    include_str!("../migrations/0010_invocation_errors.sql"),
    include_str!("../migrations/0011_cluster.sql"),
    include_str!("../migrations/0012_login_failures.sql"),
];

/// The same steps for PostgreSQL.
#[rustfmt::skip]
const POSTGRES_STEPS: &[&str] = &[
    include_str!("../migrations/postgres/0001_init.sql"),
    include_str!("../migrations/postgres/0002_lambdas.sql"),
    include_str!("../migrations/postgres/0003_settings.sql"),
    include_str!("../migrations/postgres/0004_schedules.sql"),
    include_str!("../migrations/postgres/0005_email_reports.sql"),
    include_str!("../migrations/postgres/0006_log_terms.sql"),
    include_str!("../migrations/postgres/0007_log_lambda_index.sql"),
    include_str!("../migrations/postgres/0008_lambda_skills.sql"),
    include_str!("../migrations/postgres/0009_sso.sql"),
    include_str!("../migrations/postgres/0010_invocation_errors.sql"),
    include_str!("../migrations/postgres/0011_cluster.sql"),
    include_str!("../migrations/postgres/0012_login_failures.sql"),
];

const _: () = assert!(STEPS.len() == POSTGRES_STEPS.len(), "both engines have the same migration steps");

/// Key of the advisory lock nodes starting together take around migrating.
const MIGRATION_LOCK: i64 = 0x6c62_6f78_4d69_6772;

/// The schema version this binary writes.
pub fn latest_version() -> usize {
    STEPS.len()
}

/// Refuses a database written by a newer lambdabox, without changing it.
pub fn refuse_newer(conn: &Connection) -> Result<(), StoreError> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let supported = latest_version();
    if usize::try_from(found).map_or(true, |found| found > supported) {
        return Err(StoreError::NewerSchema { found, supported });
    }
    Ok(())
}

/// Brings the database up to `latest_version()`, or refuses a newer one.
pub fn run(conn: &mut Connection) -> Result<(), StoreError> {
    refuse_newer(conn)?;
    let migrations = Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect());
    migrations.to_latest(conn).map_err(|err| StoreError::Migration(err.to_string()))
}

/// Brings a PostgreSQL database up to `latest_version()`, or refuses a newer one. Nodes that
/// start together wait for each other on a transaction-scoped lock; the steps and the new
/// version commit together.
pub(crate) fn run_postgres(client: &mut postgres::Client) -> Result<(), StoreError> {
    let mut tx = client.transaction()?;
    tx.batch_execute(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))?;
    let exists: bool = tx.query_one("SELECT to_regclass('lambdabox_schema') IS NOT NULL", &[])?.get(0);
    if !exists {
        tx.batch_execute(
            "CREATE TABLE lambdabox_schema (
                 singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                 version BIGINT NOT NULL
             )",
        )?;
    }
    let found: i64 = tx.query_opt("SELECT version FROM lambdabox_schema", &[])?.map_or(0, |row| row.get(0));
    let supported = latest_version();
    let done = usize::try_from(found).ok().filter(|found| *found <= supported);
    let Some(done) = done else {
        return Err(StoreError::NewerSchema { found, supported });
    };
    for (i, step) in POSTGRES_STEPS.iter().enumerate().skip(done) {
        tx.batch_execute(step)
            .map_err(|e| StoreError::Migration(format!("step {}: {}", i + 1, crate::DbError::Postgres(e))))?;
    }
    let version = i64::try_from(supported).unwrap_or(i64::MAX);
    tx.execute(
        "INSERT INTO lambdabox_schema (singleton, version) VALUES (1, $1)
         ON CONFLICT (singleton) DO UPDATE SET version = excluded.version",
        &[&version],
    )?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        run(&mut conn).unwrap();
        run(&mut conn).unwrap();
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version as usize, latest_version());
    }

    #[test]
    fn newer_schema_is_refused_untouched() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
        let err = run(&mut conn).unwrap_err();
        assert!(matches!(err, StoreError::NewerSchema { found: 999, .. }), "{err}");
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).unwrap();
        assert_eq!(tables, 0);
    }

    #[test]
    fn schema_7_indexes_the_lambda_of_entries_stored_before_it() {
        let mut conn = Connection::open_in_memory().unwrap();
        let before = Migrations::new(STEPS[..6].iter().map(|sql| M::up(sql)).collect());
        before.to_latest(&mut conn).unwrap();
        for (lambda, message) in [("aa-1", "emea order"), ("bb-2", "emea order"), ("aa-1", "refund")] {
            conn.execute(
                "INSERT INTO logs (lambda_uuid, request_id, level, message, at) VALUES (?1, 'r', 'Info', ?2, 0)",
                [lambda, message],
            )
            .unwrap();
        }
        run(&mut conn).unwrap();
        let ids = |query: &str| -> Vec<i64> {
            let mut stmt = conn.prepare("SELECT rowid FROM logs_fts WHERE logs_fts MATCH ?1 ORDER BY rowid").unwrap();
            stmt.query_map([query], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        };
        assert_eq!(ids("lambda : \"\u{E000}aa1\" AND {message extras} : (\"emea\" OR \"refund\")"), [1, 3]);
        assert_eq!(ids("{message extras} : (\"emea\")"), [1, 2]);
        let terms: i64 = conn.query_row("SELECT count(*) FROM logs_fts_terms", [], |r| r.get(0)).unwrap();
        assert_eq!(terms, 5, "emea, order, refund and the two lambda terms");
    }
}
