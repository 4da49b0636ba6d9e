//! Logs: search the stored console entries of production invocations by function, level, time
//! range (default: the last 24 hours) and free text, optionally grouped by request id; export
//! the view as CSV in LivePerson's format.

use std::collections::HashMap;

use std::time::Duration;

use actix_web::web::Bytes;
use actix_web::{HttpResponse, get, web};
use askama::Template;
use futures_util::stream;

use super::layout::{Layout, format_time};
use super::page_error::PageError;
use super::render;
use crate::auth::Authorized;
use crate::auth::permission::Action;
use crate::auth::permission::marker::ReportingRead;
use crate::state::AppState;
use crate::web::filters;
use lambdabox_services::logsearch::{LogQuery, PAGE_SIZE};

/// Registers `/logs` and its live stream `/logs/stream`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(search_logs).service(stream_logs);
}

/// How often a live stream looks for new entries.
const FOLLOW_EVERY: Duration = Duration::from_secs(1);
/// How far back a poll looks (entries are stored a little after they were logged; work after
/// the callback logs up to the invocation's deadline later).
const FOLLOW_WINDOW_MS: i64 = 5 * 60 * 1000;
/// A comment line this often keeps proxies from closing a quiet stream.
const HEARTBEAT_EVERY: u32 = 15;
/// How often (in polls) a stream checks again that its user may still read logs.
const RECHECK_EVERY: u32 = 15;
/// Live streams open at once, box-wide; past it new ones get 429.
const MAX_LIVE_STREAMS: usize = 32;

struct Entry {
    lambda: String,
    request_id: String,
    level: String,
    message: String,
    extras: String,
    time: String,
}

struct Group {
    request_id: String,
    entries: Vec<Entry>,
}

#[derive(Template)]
#[template(path = "logs/logs.html")]
struct LogsPage {
    layout: Layout,
    errors: Vec<String>,
    lambdas: Vec<(String, String)>,
    query: LogQuery,
    from: String,
    to: String,
    groups: Vec<Group>,
    count: usize,
    has_more: bool,
    export_href: String,
    prev_href: String,
    next_href: String,
    /// The invocation of the request the page is filtered by, when there is one.
    invocation: Option<RequestSummary>,
}

/// What became of the invocation behind a request id.
struct RequestSummary {
    function: String,
    at: String,
    outcome: &'static str,
    failed: bool,
    duration: String,
    error_code: String,
    error_message: String,
}

#[get("/logs")]
async fn search_logs(
    state: web::Data<AppState>,
    auth: Authorized<ReportingRead>,
    q: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    let account = state.account().map(ToString::to_string).unwrap_or_default();
    let (query, errors) = match LogQuery::from_pairs(&q, lambdabox_domain::now_ms()) {
        Ok(query) => (query, vec![]),
        Err(e) => (LogQuery::default_for(lambdabox_domain::now_ms()), vec![e]),
    };
    let all = auth.caller.lambdas(&state).list().await?;
    let names: HashMap<String, String> = all.iter().map(|l| (l.id.to_string(), l.name.clone())).collect();
    let filter = query.filter();
    let offset = i64::try_from(query.page * PAGE_SIZE).unwrap_or(0);
    let limit = i64::try_from(PAGE_SIZE + 1).unwrap_or(101);
    // Entries of invocations answered just now are still in the recorder's batch.
    let mut rows = auth.caller.reporting(&state).search_logs(filter, limit, offset).await?;
    let has_more = rows.len() > PAGE_SIZE;
    rows.truncate(PAGE_SIZE);
    let count = rows.len();
    let entries = rows.into_iter().map(|r| Entry {
        lambda: names.get(&r.lambda_uuid).cloned().unwrap_or_else(|| r.lambda_uuid.clone()),
        request_id: r.request_id,
        level: r.level,
        message: r.message,
        extras: if r.extras == "[]" { String::new() } else { r.extras },
        time: format_time_seconds(r.at),
    });
    let invocation = if query.request_id.is_empty() {
        None
    } else {
        auth.caller.reporting(&state).invocation_by_request(&query.request_id).await?.map(|(lambda, r)| {
            let (outcome, class) = super::invocations::outcome(&r.outcome);
            RequestSummary {
                function: names.get(&lambda).cloned().unwrap_or(lambda),
                at: format_time_seconds(r.at),
                outcome,
                failed: class == "failed",
                duration: super::invocations::duration(r.duration_us),
                error_code: r.error_code.unwrap_or_default(),
                error_message: r.error_message.unwrap_or_default(),
            }
        })
    };
    let groups = if query.group {
        let mut groups: Vec<Group> = Vec::new();
        for e in entries {
            match groups.iter_mut().find(|g| g.request_id == e.request_id) {
                Some(g) => g.entries.push(e),
                None => groups.push(Group { request_id: e.request_id.clone(), entries: vec![e] }),
            }
        }
        groups
    } else {
        vec![Group { request_id: String::new(), entries: entries.collect() }]
    };
    render(&LogsPage {
        layout: Layout::new(&account, &auth.caller, "logs", None),
        errors,
        lambdas: all.iter().map(|l| (l.id.to_string(), l.name.clone())).collect(),
        from: lambdabox_services::logsearch::datetime_field(query.from),
        to: lambdabox_services::logsearch::datetime_field(query.to),
        export_href: format!("/api/account/{account}/logs/export?{}", query.export_params()),
        prev_href: if query.page > 0 { format!("/logs?{}", query.page_params(query.page - 1)) } else { String::new() },
        next_href: if has_more { format!("/logs?{}", query.page_params(query.page + 1)) } else { String::new() },
        query,
        groups,
        count,
        has_more,
        invocation,
    })
}

fn format_time_seconds(ms: i64) -> String {
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000) else {
        return format_time(ms);
    };
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second].[subsecond digits:3]");
    t.format(&fmt).unwrap_or_else(|_| format_time(ms))
}

/// Where a live stream is: the newest entry sent, and polls since the last heartbeat.
struct Follow {
    state: web::Data<AppState>,
    auth: Authorized<ReportingRead>,
    names: HashMap<String, String>,
    filter: lambdabox_services::logsearch::LogFilter,
    last_id: i64,
    quiet: u32,
    polls: u32,
    started: std::time::Instant,
    _slot: crate::state::StreamSlot,
}

impl Follow {
    /// Whether the stream may go on: its user still exists, is enabled and may read logs, and
    /// it has not outlived a session's idle time (it ends; the page can follow again).
    async fn still_allowed(&self) -> bool {
        if self.started.elapsed() > self.state.config.session_idle {
            return false;
        }
        match self.state.identity().user(self.auth.caller.user.id).await {
            Ok(Some(user)) => !user.disabled && Action::ReportingRead.allows(&user.permissions),
            _ => false,
        }
    }
}

/// Server-sent events of log entries stored from now on that match the Logs page's filters
/// (function, levels, text, request id; the time range is ignored): `event: entry` with
/// `{id, time, function, requestId, level, message, extras}`. Ends when the browser leaves.
#[get("/logs/stream")]
async fn stream_logs(
    state: web::Data<AppState>,
    auth: Authorized<ReportingRead>,
    q: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    let now = lambdabox_domain::now_ms();
    let query = LogQuery::from_pairs(&q, now).map_err(crate::error::Error::BadInput)?;
    let slot = state.stream_slot(MAX_LIVE_STREAMS).ok_or_else(|| crate::error::Error::TooManyRequests {
        message: format!("{MAX_LIVE_STREAMS} live log streams are open already; try again later"),
        retry_after: Duration::from_secs(30),
    })?;
    let mut filter = query.filter();
    filter.to = i64::MAX;
    // Start after what is stored already: only new entries are streamed.
    let mut probe = filter.clone();
    probe.from = now - FOLLOW_WINDOW_MS;
    // Once, at the start: what was logged before the stream opened is stored first, then skipped.
    let newest = auth.caller.reporting(&state).search_logs(probe, 1, 0).await?;
    let last_id = newest.first().map_or(0, |r| r.id);
    let names = auth.caller.lambdas(&state).list().await?.into_iter().map(|l| (l.id.to_string(), l.name)).collect();
    let started = std::time::Instant::now();
    let follow = Follow { state, auth, names, filter, last_id, quiet: 0, polls: 0, started, _slot: slot };
    let events = stream::unfold(follow, |mut follow| async move {
        // Polls until there is something to send: an empty chunk would end the response.
        loop {
            tokio::time::sleep(FOLLOW_EVERY).await;
            if follow.state.is_stopping() {
                return None;
            }
            follow.polls += 1;
            if follow.polls % RECHECK_EVERY == 0 && !follow.still_allowed().await {
                return None;
            }
            let mut filter = follow.filter.clone();
            filter.from = lambdabox_domain::now_ms() - FOLLOW_WINDOW_MS;
            let rows = match follow.auth.caller.reporting(&follow.state).stored_logs(filter, 500).await {
                Ok(rows) => rows,
                Err(e) => {
                    tracing::warn!("live log stream ended: {e}");
                    return None;
                }
            };
            let mut fresh: Vec<_> = rows.into_iter().filter(|r| r.id > follow.last_id).collect();
            fresh.sort_by_key(|r| r.id);
            let mut out = String::new();
            for r in &fresh {
                let entry = serde_json::json!({
                    "id": r.id,
                    "time": format_time_seconds(r.at),
                    "function": follow.names.get(&r.lambda_uuid).cloned().unwrap_or_else(|| r.lambda_uuid.clone()),
                    "requestId": r.request_id,
                    "level": r.level,
                    "message": r.message,
                    "extras": if r.extras == "[]" { String::new() } else { r.extras.clone() },
                });
                out.push_str(&format!("id: {}\nevent: entry\ndata: {entry}\n\n", r.id));
            }
            if let Some(last) = fresh.last() {
                follow.last_id = last.id;
                follow.quiet = 0;
            } else {
                follow.quiet += 1;
                if follow.quiet >= HEARTBEAT_EVERY {
                    follow.quiet = 0;
                    out.push_str(": still following\n\n");
                }
            }
            if !out.is_empty() {
                return Some((Ok::<_, actix_web::Error>(Bytes::from(out)), follow));
            }
        }
    });
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header(("Cache-Control", "no-cache"))
        // Not compressed: a compressor would hold events back until its buffer fills.
        .insert_header(("Content-Encoding", "identity"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(events))
}
