//! Read-only figures for the Home page and reports.

use rusqlite::Connection;

use super::StoreError;

/// Default number of lambdas an account may have.
pub const DEFAULT_LAMBDA_LIMIT: i64 = 50;

/// The tiles on Home.
#[derive(Debug, Clone)]
pub struct HomeMetrics {
    /// Lambdas in the account.
    pub lambdas: i64,
    /// Limit of lambdas.
    pub lambda_limit: i64,
    /// Deployed lambdas.
    pub deployed: i64,
    /// Production invocations since the first of the month (UTC).
    pub invocations_this_month: i64,
    /// Failed production invocations since the first of the month.
    pub failures_this_month: i64,
    /// The first of the month, `YYYY-MM-01`.
    pub month_start: String,
}

/// Current figures. Lambdas and invocations have no tables until schema 2, so they count 0.
pub fn home_metrics(conn: &Connection) -> Result<HomeMetrics, StoreError> {
    let _ = conn;
    let today = time::OffsetDateTime::now_utc().date();
    Ok(HomeMetrics {
        lambdas: 0,
        lambda_limit: DEFAULT_LAMBDA_LIMIT,
        deployed: 0,
        invocations_this_month: 0,
        failures_this_month: 0,
        month_start: format!("{:04}-{:02}-01", today.year(), u8::from(today.month())),
    })
}
