//! Activity: every change (functions, deployments, settings, users, sign-ins) with who and
//! when, filterable by user and kind; kept 90 days.

use actix_web::{HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use super::layout::{Layout, format_time};
use super::page_error::PageError;
use super::render;
use crate::auth::Authorized;
use crate::auth::permission::marker::ReportingRead;
use crate::state::AppState;

/// Registers `/activity`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_activity);
}

/// Kinds offered in the filter: prefix and label.
const KINDS: &[(&str, &str)] = &[
    ("lambda.", "Functions"),
    ("allowlist.", "Allowlist"),
    ("secret.", "Secrets"),
    ("schedule.", "Schedules"),
    ("user.", "Users"),
    ("credentials.", "API credentials"),
    ("email_report.", "Email reports"),
    ("settings.", "Settings"),
];

struct Row {
    at: String,
    user: String,
    kind: String,
    description: String,
}

#[derive(Template)]
#[template(path = "activity/activity.html")]
struct ActivityPage {
    layout: Layout,
    rows: Vec<Row>,
    user: String,
    kind: String,
    kinds: &'static [(&'static str, &'static str)],
}

/// Filters.
#[derive(Deserialize)]
pub struct ActivityQuery {
    user: Option<String>,
    kind: Option<String>,
}

#[get("/activity")]
async fn list_activity(
    state: web::Data<AppState>,
    auth: Authorized<ReportingRead>,
    q: web::Query<ActivityQuery>,
) -> Result<HttpResponse, PageError> {
    let user = q.user.clone().filter(|u| !u.trim().is_empty());
    let kind = q.kind.clone().filter(|k| KINDS.iter().any(|(p, _)| p == k));
    let rows = auth.caller.reporting(&state).search_activity(user.clone(), kind.clone(), 500).await?;
    let account = state.account().map(ToString::to_string).unwrap_or_default();
    render(&ActivityPage {
        layout: Layout::new(&account, &auth.caller, "home", None),
        rows: rows
            .into_iter()
            .map(|a| Row { at: format_time(a.at), user: a.username, kind: a.kind, description: a.description })
            .collect(),
        user: user.unwrap_or_default(),
        kind: kind.unwrap_or_default(),
        kinds: KINDS,
    })
}
