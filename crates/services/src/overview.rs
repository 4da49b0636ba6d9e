//! What the Home, Activity and Events pages read: the account's figures, the activity stream
//! and invocation outcome counts.

use lambdabox_store::metrics;
use lambdabox_store::{Store, activity, invocations};

pub use lambdabox_store::activity::Activity;
pub use lambdabox_store::invocations::OutcomeCounts;
pub use lambdabox_store::metrics::HomeMetrics;

use crate::Error;

/// The newest activity entries.
pub async fn recent_activity(store: &Store, limit: i64) -> Result<Vec<Activity>, Error> {
    Ok(store.read(move |conn| activity::list_recent(conn, limit)).await?)
}

/// Activity entries of a user and/or of a kind, newest first.
pub async fn search_activity(
    store: &Store,
    user: Option<String>,
    kind: Option<String>,
    limit: i64,
) -> Result<Vec<Activity>, Error> {
    Ok(store.read(move |conn| activity::search(conn, user.as_deref(), kind.as_deref(), limit)).await?)
}

/// The Home page's figures and its newest activity entries.
pub async fn home(store: &Store, activity_limit: i64) -> Result<(HomeMetrics, Vec<Activity>), Error> {
    Ok(store.read(move |conn| Ok((metrics::home_metrics(conn)?, activity::list_recent(conn, activity_limit)?))).await?)
}

/// Invocation outcomes between `from` and `to` (Unix ms), of every lambda.
pub async fn outcome_counts(store: &Store, from: i64, to: i64) -> Result<OutcomeCounts, Error> {
    Ok(store.read(move |conn| invocations::count_outcomes(conn, from, to, None)).await?)
}
