//! lambdabox: a self-hosted, single-binary Functions-as-a-Service appliance.
//!
//! `startup::App` assembles the server; `web` is the UI, `api` the machine API, `auth` decides
//! who may do what, `store` holds all SQL, `domain` the pure types, `runtime` the QuickJS
//! sandbox and `invoke` the one path every invocation takes into it.

pub mod api;
pub mod auth;
pub mod cli;
pub mod commands;
pub mod config;
pub mod crypto;
pub mod domain;
pub mod egress;
pub mod error;
pub mod housekeeping;
pub mod invoke;
pub mod lifecycle;
pub mod logsearch;
pub mod middleware;
pub mod ops;
pub mod reports;
pub mod runtime;
pub mod scheduler;
pub mod settings;
pub mod startup;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod vault;
pub mod web;

pub use config::Config;
pub use startup::App;
