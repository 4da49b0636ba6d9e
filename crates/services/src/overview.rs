//! What the Home, Activity and Events pages read: the account's figures, the activity stream
//! and invocation outcome counts.

use lambdabox_store::metrics;
use lambdabox_store::{Store, activity, invocations};

pub use lambdabox_store::activity::Activity;
pub use lambdabox_store::invocations::{OutcomeCounts, RecentInvocation};
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

/// The latest invocations of a lambda, newest first.
pub async fn recent_invocations(store: &Store, lambda: String, limit: usize) -> Result<Vec<RecentInvocation>, Error> {
    Ok(store.read(move |conn| invocations::recent(conn, &lambda, limit)).await?)
}

/// Invocations and failures over time, in `buckets` buckets of `bucket_ms` ending at `now`
/// (the bucket holding `now` last), of one lambda or all: one (bucket start, invocations,
/// failures) per bucket, empty ones included.
pub async fn invocation_series(
    store: &Store,
    lambda: Option<String>,
    now: i64,
    bucket_ms: i64,
    buckets: i64,
) -> Result<Vec<(i64, i64, i64)>, Error> {
    let bucket_ms = bucket_ms.max(1);
    let last = (now / bucket_ms) * bucket_ms;
    let first = last - bucket_ms * (buckets.max(1) - 1);
    let counted = store.read(move |conn| invocations::per_bucket(conn, lambda.as_deref(), first, bucket_ms)).await?;
    let mut counted = counted.into_iter().peekable();
    let mut series = Vec::new();
    let mut at = first;
    while at <= last {
        let mut point = (at, 0, 0);
        while let Some(&(bucket, total, failed)) = counted.peek() {
            if bucket > at {
                break;
            }
            if bucket == at {
                point = (at, total, failed);
            }
            counted.next();
        }
        series.push(point);
        at += bucket_ms;
    }
    Ok(series)
}

/// The invocation recorded under a request id, with its lambda's uuid.
pub async fn invocation_by_request(
    store: &Store,
    request_id: String,
) -> Result<Option<(String, RecentInvocation)>, Error> {
    Ok(store.read(move |conn| invocations::by_request(conn, &request_id)).await?)
}
