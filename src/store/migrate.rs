//! Schema migrations: the numbered files in `migrations/`, embedded in the binary and applied
//! at start-up in one transaction. The version lives in `PRAGMA user_version`; a database
//! written by a newer lambdabox is refused before anything is touched.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use super::StoreError;

/// Every migration, in order. Append-only: never edit a file that has landed.
#[rustfmt::skip]
const STEPS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_lambdas.sql"),
    include_str!("../../migrations/0003_settings.sql"),
    include_str!("../../migrations/0004_schedules.sql"),
    include_str!("../../migrations/0005_email_reports.sql"),
    include_str!("../../migrations/0006_log_terms.sql"),
];

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
}
