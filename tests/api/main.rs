//! The integration test binary: every test drives the real app over HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod helpers;
mod postgres;
mod smtp;

mod architecture;
mod bad_input;
mod cli;
mod cluster;
mod database_outage;
mod functions;
mod functions_ui;
mod invocations;
mod invoke;
mod lambdas;
mod login;
mod logs;
mod logs_search;
mod master_key;
mod permissions;
mod postgres_login;
mod project;
mod reports;
mod schedules;
mod schedules_ui;
mod settings;
mod setup;
mod skills;
mod sso;
mod tls;
mod tokens;
mod users;
mod users_api;
mod workers;
