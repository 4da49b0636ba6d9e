//! The JSON API for machines: `/oauth/token` and everything under `/api/`. Errors are
//! rendered by `error_body`; every route takes an `Authorized<A>` extractor.

pub mod account;
pub mod deployments;
pub mod email_report;
pub mod error_body;
pub mod events;
pub mod invoke;
pub mod lambdas;
pub mod logs;
pub mod oauth;
pub mod openapi;
pub mod schedules;
pub mod settings;
pub mod users;

use actix_web::web;

/// Registers the API routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    // Routes are matched in registration order: the invoke path, by far the busiest, first.
    cfg.configure(invoke::configure)
        .configure(oauth::configure)
        .configure(account::configure)
        .configure(lambdas::configure)
        .configure(deployments::configure)
        .configure(events::configure)
        .configure(email_report::configure)
        .configure(settings::configure)
        .configure(logs::configure)
        .configure(schedules::configure)
        .configure(users::configure)
        .configure(openapi::configure);
}
