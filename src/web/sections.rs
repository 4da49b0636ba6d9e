//! The product sections whose content arrives with their own features (logs, settings). Each
//! is permission-checked like the rest and shows its empty state.

use actix_web::{HttpResponse, get, web};
use askama::Template;

use super::layout::Layout;
use super::page_error::PageError;
use super::render;
use crate::auth::Authorized;
use crate::auth::permission::marker::ReportingRead;
use crate::state::AppState;

/// Registers the section pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(search_logs).service(show_settings);
}

#[derive(Template)]
#[template(path = "sections/section.html")]
struct SectionPage {
    layout: Layout,
    key: &'static str,
    title: &'static str,
    empty_title: &'static str,
    empty_text: &'static str,
}

fn section(
    state: &AppState,
    caller: &crate::auth::Caller,
    key: &'static str,
    title: &'static str,
    empty_title: &'static str,
    empty_text: &'static str,
) -> Result<HttpResponse, PageError> {
    let account = state.account().map(ToString::to_string).unwrap_or_default();
    let layout = Layout::new(&account, caller, key, None);
    render(&SectionPage { layout, key, title, empty_title, empty_text })
}

#[get("/logs")]
async fn search_logs(state: web::Data<AppState>, auth: Authorized<ReportingRead>) -> Result<HttpResponse, PageError> {
    section(
        &state,
        &auth.caller,
        "logs",
        "Logs",
        "No log entries",
        "Console output of production invocations is kept here for 30 days.",
    )
}

#[get("/settings")]
async fn show_settings(state: web::Data<AppState>, auth: Authorized<ReportingRead>) -> Result<HttpResponse, PageError> {
    section(
        &state,
        &auth.caller,
        "settings",
        "Settings",
        "Account settings",
        "The domain allowlist, secrets and email reports of the account are managed here.",
    )
}
