//! The Schedules section: permission-checked, shows its empty state until schedules land.

use actix_web::{HttpResponse, get, web};
use askama::Template;

use super::layout::Layout;
use super::page_error::PageError;
use super::render;
use crate::auth::Authorized;
use crate::auth::permission::marker::ScheduleRead;
use crate::state::AppState;

/// Registers the section pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_schedules);
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

#[get("/schedules")]
async fn list_schedules(state: web::Data<AppState>, auth: Authorized<ScheduleRead>) -> Result<HttpResponse, PageError> {
    section(
        &state,
        &auth.caller,
        "schedules",
        "Schedules",
        "No schedules",
        "Schedules run a productive function on a cron expression.",
    )
}
