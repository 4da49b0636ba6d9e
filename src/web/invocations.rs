//! A function's invocation history (`/functions/{id}/invocations`): a chart of invocations and
//! failures over the last day, the latest invocations with their source, outcome, duration and
//! error, each linked to its log entries, and how to invoke the function. The chart partial is
//! also Home's.

use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;

use super::invoke_snippet::InvokeSnippets;
use super::layout::{Layout, format_time};
use super::page_error::PageError;
use super::render;
use crate::auth::Authorized;
use crate::auth::permission::marker::LambdaRead;
use crate::error::Error;
use crate::state::AppState;
use crate::state::handles::Reporting;
use lambdabox_domain::lambda::LambdaId;

/// How many invocations the history lists.
const HISTORY: usize = 50;
const HOUR_MS: i64 = 3_600_000;

/// Registers `/functions/{id}/invocations`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show_invocations);
}

/// The data of an invocation chart: the last 24 hours, per hour.
pub struct InvocationChart {
    /// `{"bucketMs": …, "points": [[start, invocations, failures], …]}`.
    pub json: String,
    /// "hour".
    pub bucket_label: &'static str,
    /// "24 hours".
    pub span_label: &'static str,
    /// Invocations in the span.
    pub total: i64,
    /// Failed ones.
    pub failed: i64,
}

impl InvocationChart {
    /// The chart of one function (or of all), up to now.
    pub async fn last_day(reporting: &Reporting<'_>, lambda: Option<&LambdaId>) -> Result<Self, Error> {
        let now = lambdabox_domain::now_ms();
        let points = reporting.invocation_series(lambda, now, HOUR_MS, 24).await?;
        let (total, failed) = points.iter().fold((0, 0), |(t, f), p| (t + p.1, f + p.2));
        let rows: Vec<[i64; 3]> = points.iter().map(|p| [p.0, p.1, p.2]).collect();
        let json = serde_json::json!({ "bucketMs": HOUR_MS, "points": rows }).to_string().replace("</", "<\\/");
        Ok(Self { json, bucket_label: "hour", span_label: "24 hours", total, failed })
    }
}

/// One row of the history.
struct Row {
    at: String,
    source: String,
    outcome: &'static str,
    outcome_class: &'static str,
    duration: String,
    request_id: String,
    error_code: String,
    error_message: String,
}

#[derive(Template)]
#[template(path = "functions/invocations.html")]
struct InvocationsPage {
    layout: Layout,
    id: String,
    name: String,
    deployed: bool,
    chart: InvocationChart,
    rows: Vec<Row>,
    invoke: InvokeSnippets,
}

/// An invocation's outcome as shown, and its class (`ok` or `failed`).
pub(super) fn outcome(outcome: &str) -> (&'static str, &'static str) {
    match outcome {
        "SUCCEEDED" => ("Succeeded", "ok"),
        "CODING_FAILURE" => ("Failed", "failed"),
        "TIMEOUT" => ("Timed out", "failed"),
        _ => ("Platform failure", "failed"),
    }
}

#[get("/functions/{id}/invocations")]
async fn show_invocations(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Authorized<LambdaRead>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = LambdaId::parse(&path).map_err(|_| Error::NotFound(format!("no function {path}")))?;
    let lambda = auth.caller.lambdas(&state).get(&id).await?;
    let reporting = auth.caller.reporting(&state);
    let chart = InvocationChart::last_day(&reporting, Some(&id)).await?;
    let recent = reporting.recent_invocations(&id, HISTORY).await?;
    let rows = recent
        .into_iter()
        .map(|r| {
            let (outcome, outcome_class) = outcome(&r.outcome);
            let source = match r.external_system.filter(|s| !s.is_empty()) {
                Some(system) => format!("{} ({system})", r.source),
                None => r.source,
            };
            Row {
                at: format_seconds(r.at),
                source,
                outcome,
                outcome_class,
                duration: duration(r.duration_us),
                request_id: r.request_id,
                error_code: r.error_code.unwrap_or_default(),
                error_message: r.error_message.unwrap_or_default(),
            }
        })
        .collect();
    let account = state.account().map(ToString::to_string).unwrap_or_default();
    let invoke = InvokeSnippets::for_lambda(&req, &state, &lambda);
    render(&InvocationsPage {
        layout: Layout::new(&account, &auth.caller, "functions", None),
        id: id.to_string(),
        name: lambda.name.clone(),
        deployed: lambda.serving.is_some(),
        chart,
        rows,
        invoke,
    })
}

/// A duration in microseconds as milliseconds with one decimal.
pub(super) fn duration(us: i64) -> String {
    format!("{:.1} ms", us as f64 / 1000.0)
}

/// `2026-12-07 09:41:07 UTC`: the history needs seconds.
fn format_seconds(ms: i64) -> String {
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000) else {
        return format_time(ms);
    };
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    t.format(&fmt).unwrap_or_else(|_| format_time(ms))
}
