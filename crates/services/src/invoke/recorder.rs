//! Hands invocation rows and their console entries to a background task that writes them in
//! batches, so recording never slows the invoke path. Debug entries are never stored (as on
//! LivePerson). `flush` waits until everything sent so far is stored.

use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use super::{InvokeRequest, Outcome};
use lambdabox_domain::now_ms;
use lambdabox_runtime::{LogEntry, LogLevel};
use lambdabox_store::Store;
use lambdabox_store::invocations::{self, InvocationRow};
use lambdabox_store::logs::{self, LogRow};

/// Rows kept waiting before new ones are dropped (the database is stuck if this fills).
const QUEUE: usize = 100_000;
/// Largest batch per transaction.
const BATCH: usize = 2_000;
/// How long the writer lets rows gather after the first one of a batch arrives: under load
/// this turns thousands of wake-ups and transactions a second into a few hundred. A flush
/// waits at most that long.
const GATHER: Duration = Duration::from_millis(5);

enum Message {
    Row(InvocationRow, Vec<LogRow>),
    /// Log entries written after the invocation answered (its row is recorded already).
    Logs(Vec<LogRow>),
    Flush(oneshot::Sender<()>),
}

/// Sender side of the recorder.
pub struct Recorder {
    tx: mpsc::Sender<Message>,
}

impl Recorder {
    /// Starts the writer task on the current tokio runtime.
    pub fn start(store: Store) -> Self {
        let (tx, rx) = mpsc::channel(QUEUE);
        tokio::spawn(write_batches(store, rx));
        Self { tx }
    }

    /// Queues one invocation row without waiting.
    pub fn record(
        &self,
        request: &InvokeRequest,
        outcome: Outcome,
        error: Option<(&str, &str)>,
        duration: Duration,
        logs: &[LogEntry],
    ) {
        let row = InvocationRow {
            lambda_uuid: request.lambda.to_string(),
            request_id: request.request_id.clone(),
            source: request.source.as_str(),
            external_system: request.external_system.clone(),
            outcome: outcome.as_str(),
            error_code: error.map(|(code, _)| code.to_owned()),
            error_message: error.map(|(_, message)| truncated(message, MAX_ERROR_MESSAGE_CHARS)),
            duration_us: i64::try_from(duration.as_micros()).unwrap_or(i64::MAX),
            at: now_ms(),
        };
        if self.tx.try_send(Message::Row(row, log_rows(request, logs))).is_err() {
            tracing::warn!("invocation recorder queue full; dropped one invocation record");
        }
    }

    /// Queues the log entries an invocation wrote after it answered, under its request id.
    pub fn record_after(&self, request: &InvokeRequest, logs: &[LogEntry]) {
        let rows = log_rows(request, logs);
        if !rows.is_empty() && self.tx.try_send(Message::Logs(rows)).is_err() {
            tracing::warn!("invocation recorder queue full; dropped the late log entries of one invocation");
        }
    }

    /// Waits until every row queued before this call is stored.
    pub async fn flush(&self) {
        let (done, wait) = oneshot::channel();
        if self.tx.send(Message::Flush(done)).await.is_ok() {
            let _ = wait.await;
        }
    }
}

/// The stored form of `logs` (debug entries are never stored).
fn log_rows(request: &InvokeRequest, logs: &[LogEntry]) -> Vec<LogRow> {
    logs.iter()
        .filter(|e| e.level != LogLevel::Debug)
        .map(|e| LogRow {
            id: 0,
            lambda_uuid: request.lambda.to_string(),
            request_id: request.request_id.clone(),
            level: format!("{:?}", e.level),
            message: e.message.clone(),
            extras: serde_json::to_string(&e.extras).unwrap_or_else(|_| "[]".into()),
            at: e.timestamp,
        })
        .collect()
}

async fn write_batches(store: Store, mut rx: mpsc::Receiver<Message>) {
    let mut rows = Vec::with_capacity(BATCH);
    let mut log_rows = Vec::new();
    let mut waiting = Vec::new();
    while let Some(first) = rx.recv().await {
        if matches!(first, Message::Row(..) | Message::Logs(..)) {
            tokio::time::sleep(GATHER).await;
        }
        let mut next = Some(first);
        // Take whatever else is already queued, up to one batch.
        while let Some(message) = next.take() {
            match message {
                Message::Row(row, logs) => {
                    rows.push(row);
                    log_rows.extend(logs);
                }
                Message::Logs(logs) => log_rows.extend(logs),
                Message::Flush(done) => waiting.push(done),
            }
            if rows.len() >= BATCH {
                break;
            }
            next = rx.try_recv().ok();
        }
        if !rows.is_empty() || !log_rows.is_empty() {
            let batch = std::mem::take(&mut rows);
            let batch_logs = std::mem::take(&mut log_rows);
            let n = batch.len();
            // An ordered write: on PostgreSQL, entries of several nodes then commit in the
            // order of their ids, which the live log stream relies on.
            let written = store
                .write(move |tx| {
                    invocations::insert_batch(tx, &batch)?;
                    logs::insert_batch(tx, &batch_logs)
                })
                .await;
            if let Err(err) = written {
                tracing::error!(error = %err, rows = n, "could not store invocation records");
            }
        }
        for done in waiting.drain(..) {
            let _ = done.send(());
        }
    }
}

/// How much of a failure's message the invocation history keeps.
const MAX_ERROR_MESSAGE_CHARS: usize = 1000;

fn truncated(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}
