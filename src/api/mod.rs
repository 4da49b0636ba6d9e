//! The JSON API for machines: `/oauth/token` and everything under `/api/`. Errors are
//! rendered by `error_body`; every route takes an `Authorized<A>` extractor.

pub mod account;
pub mod error_body;
pub mod oauth;
pub mod openapi;

use actix_web::web;

/// Registers the API routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(oauth::configure)
        .configure(account::configure)
        .configure(openapi::configure);
}
