//! Background retention: log entries older than the retention period (30 days by default) and
//! activity older than 90 days are purged in small batches, idle sessions are dropped.
//! `run_once(now)` is the step the loop repeats and tests call.

use std::time::Duration;

use lambdabox_store::{Store, StoreError, activity, logs, sessions};

/// Activity is kept this long.
pub const ACTIVITY_RETENTION: Duration = Duration::from_secs(90 * 24 * 3600);
/// Rows deleted per transaction, so purges never hold the writer long.
const BATCH: i64 = 5_000;

/// What to keep.
#[derive(Debug, Clone, Copy)]
pub struct Retention {
    /// Log entries.
    pub logs: Duration,
    /// Idle sessions.
    pub sessions: Duration,
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Purges everything due at `now` (Unix ms); returns how many log entries went.
pub async fn run_once(store: &Store, retention: Retention, now: i64) -> Result<usize, StoreError> {
    let mut purged = 0;
    loop {
        let cutoff = now - ms(retention.logs);
        let n = store.append(move |tx| logs::purge_before(tx, cutoff, BATCH)).await?;
        purged += n;
        if n < usize::try_from(BATCH).unwrap_or(usize::MAX) {
            break;
        }
    }
    let (activity_cutoff, idle_cutoff) = (now - ms(ACTIVITY_RETENTION), now - ms(retention.sessions));
    store
        .write(move |tx| {
            activity::purge_before(tx, activity_cutoff)?;
            lambdabox_store::login_failures::purge_before(tx, now - ms(crate::throttle::RETENTION))?;
            sessions::delete_idle_sessions(tx, idle_cutoff)
        })
        .await?;
    Ok(purged)
}

/// Runs `run_once` every ten minutes for as long as the runtime lives. Retention compares
/// against the times the store stamped rows with, so it reads the same (system) time.
pub fn spawn(store: Store, retention: Retention) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            match run_once(&store, retention, lambdabox_domain::now_ms()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(entries = n, "purged old log entries"),
                Err(err) => tracing::error!(error = %err, "retention purge failed"),
            }
        }
    });
}
