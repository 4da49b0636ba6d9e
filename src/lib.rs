//! lambdabox: a self-hosted, single-binary Functions-as-a-Service appliance.
//!
//! This crate is the server: `startup::App` assembles it, `web` is the UI, `api` the machine
//! API, `auth` decides who may do what and `error` decides every status. The layers below are
//! crates of their own: `lambdabox_services` (the invoke path and every write), the store and
//! the sandbox beneath it, and `lambdabox_domain` (the pure types). See ARCHITECTURE.md.

pub mod api;
pub mod auth;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod middleware;
pub mod probes;
pub mod project;
pub mod respond;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod tls;
pub mod web;

pub use config::Config;
pub use startup::App;
