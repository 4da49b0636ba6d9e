//! Home: the account's basic metrics.

use actix_web::{HttpResponse, get, web};
use askama::Template;

use super::layout::Layout;
use super::page_error::PageError;
use super::{NoticeQuery, render};
use crate::auth::Authorized;
use crate::auth::permission::marker::ReportingRead;
use crate::state::AppState;
use crate::store::metrics::{self, HomeMetrics};

/// Registers `/`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show_home);
}

#[derive(Template)]
#[template(path = "home/home.html")]
struct HomePage {
    layout: Layout,
    metrics: HomeMetrics,
}

#[get("/")]
async fn show_home(
    state: web::Data<AppState>,
    auth: Authorized<ReportingRead>,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, PageError> {
    let account = state.account().map(ToString::to_string).unwrap_or_default();
    let metrics = state.store.read(metrics::home_metrics).await?;
    let layout = Layout::new(&account, &auth.caller, "home", query.notice.as_deref());
    render(&HomePage { layout, metrics })
}
