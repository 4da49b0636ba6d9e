//! Logs: search the stored console entries of production invocations by function, level, time
//! range (default: the last 24 hours) and free text, optionally grouped by request id; export
//! the view as CSV in LivePerson's format.

use std::collections::HashMap;

use actix_web::{HttpResponse, get, web};
use askama::Template;

use super::layout::{Layout, format_time};
use super::page_error::PageError;
use super::render;
use crate::auth::Authorized;
use crate::auth::permission::marker::ReportingRead;
use crate::state::AppState;
use crate::web::filters;
use lambdabox_services::logsearch::{LogQuery, PAGE_SIZE};

/// Registers `/logs`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(search_logs);
}

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
        from: lambdabox_services::logsearch::datetime_local(query.from),
        to: lambdabox_services::logsearch::datetime_local(query.to),
        export_href: format!("/api/account/{account}/logs/export?{}", query.export_params()),
        prev_href: if query.page > 0 { format!("/logs?{}", query.page_params(query.page - 1)) } else { String::new() },
        next_href: if has_more { format!("/logs?{}", query.page_params(query.page + 1)) } else { String::new() },
        query,
        groups,
        count,
        has_more,
    })
}

fn format_time_seconds(ms: i64) -> String {
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000) else {
        return format_time(ms);
    };
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second].[subsecond digits:3]");
    t.format(&fmt).unwrap_or_else(|_| format_time(ms))
}
