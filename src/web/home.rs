//! Home: the account's metrics and the activity stream (who did what).

use actix_web::{HttpResponse, get, web};
use askama::Template;

use super::invocations::InvocationChart;
use super::layout::{Layout, format_time};
use super::page_error::PageError;
use super::{NoticeQuery, render};
use crate::auth::Authorized;
use crate::auth::permission::Action;
use crate::auth::permission::marker::ReportingRead;
use crate::state::AppState;
use lambdabox_services::overview::HomeMetrics;

/// Registers `/`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show_home);
}

/// One line of the activity stream.
struct ActivityRow {
    at: String,
    user: String,
    description: String,
}

#[derive(Template)]
#[template(path = "home/home.html")]
struct HomePage {
    layout: Layout,
    metrics: HomeMetrics,
    activity: Vec<ActivityRow>,
    can_write: bool,
    chart: InvocationChart,
}

#[get("/")]
async fn show_home(
    state: web::Data<AppState>,
    auth: Authorized<ReportingRead>,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, PageError> {
    let account = state.account().map(ToString::to_string).unwrap_or_default();
    let reporting = auth.caller.reporting(&state);
    let (metrics, recent) = reporting.home(15).await?;
    let chart = InvocationChart::last_day(&reporting, None).await?;
    let activity = recent
        .into_iter()
        .map(|a| ActivityRow { at: format_time(a.at), user: a.username, description: a.description })
        .collect();
    let can_write = Action::LambdaWrite.allows(&auth.caller.user.permissions);
    let layout = Layout::new(&account, &auth.caller, "home", query.notice.as_deref());
    render(&HomePage { layout, metrics, activity, can_write, chart })
}
