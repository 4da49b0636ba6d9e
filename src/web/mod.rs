//! The server-rendered UI: one file per nav section, plus setup, sign-in, users, the user's API
//! credentials, embedded assets and error pages. Handlers extract, call the store, render.

pub mod account;
pub mod activity;
pub mod assets;
pub mod deployments;
pub mod filters;
pub mod functions;
pub mod home;
pub mod invocations;
pub mod invoke_snippet;
pub mod layout;
pub mod login;
pub mod logs;
pub mod page_error;
pub mod reporting;
pub mod schedules;
pub mod settings;
pub mod setup;
pub mod sso;
pub mod users;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use askama::Template;

use page_error::PageError;

/// Registers the UI routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(assets::serve_asset)
        .service(assets::favicon)
        .configure(setup::configure)
        .configure(login::configure)
        .configure(sso::configure)
        .configure(home::configure)
        .configure(invocations::configure)
        .configure(functions::configure)
        .configure(deployments::configure)
        .configure(logs::configure)
        .configure(activity::configure)
        .configure(settings::configure)
        .configure(schedules::configure)
        .configure(reporting::configure)
        .configure(users::configure)
        .configure(account::configure);
}

/// Renders a template as an HTML response.
pub fn render(page: &impl Template) -> Result<HttpResponse, PageError> {
    let html = page.render().map_err(crate::error::Error::internal)?;
    Ok(HttpResponse::Ok().content_type("text/html; charset=utf-8").body(html))
}

/// A 303 redirect (after a successful form post).
pub fn redirect(location: &str) -> HttpResponse {
    HttpResponse::SeeOther().insert_header((header::LOCATION, location)).finish()
}

/// Query string carrying a notice code after a redirect.
#[derive(Debug, serde::Deserialize)]
pub struct NoticeQuery {
    /// Code from `layout::NOTICES`.
    pub notice: Option<String>,
}
