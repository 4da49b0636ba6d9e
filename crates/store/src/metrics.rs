//! Read-only figures for the Home page and reports.

use crate::db::Connection;

use super::{StoreError, invocations, lambdas};
use lambdabox_domain::lambda::MAX_LAMBDAS;

/// The tiles on Home.
#[derive(Debug, Clone)]
pub struct HomeMetrics {
    /// Lambdas in the account.
    pub lambdas: i64,
    /// Limit of lambdas.
    pub lambda_limit: usize,
    /// Deployed lambdas.
    pub deployed: i64,
    /// Production invocations since the first of the month (UTC).
    pub invocations_this_month: i64,
    /// Failed production invocations since the first of the month.
    pub failures_this_month: i64,
    /// The first of the month, `YYYY-MM-01`.
    pub month_start: String,
}

/// Start of the current UTC month in Unix ms, and its date.
pub fn month_start() -> (i64, String) {
    let now = time::OffsetDateTime::now_utc();
    let first = now.replace_day(1).unwrap_or(now).replace_time(time::Time::MIDNIGHT);
    let ms = i64::try_from(first.unix_timestamp_nanos() / 1_000_000).unwrap_or(0);
    (ms, format!("{:04}-{:02}-01", first.year(), u8::from(first.month())))
}

/// Current figures.
pub fn home_metrics(conn: &Connection) -> Result<HomeMetrics, StoreError> {
    let (lambdas, deployed) = lambdas::count_lambdas(conn)?;
    let (from, month_start) = month_start();
    let counts = invocations::count_outcomes(conn, from, i64::MAX, None)?;
    Ok(HomeMetrics {
        lambdas,
        lambda_limit: MAX_LAMBDAS,
        deployed,
        invocations_this_month: counts.total(),
        failures_this_month: counts.failed(),
        month_start,
    })
}
