//! lambdabox's services: everything the server does between an HTTP request and the store or
//! the sandbox. `invoke` is the one path into the sandbox; `lifecycle`, `settings`, `vault`,
//! `scheduler` and `reports` own their writes, rules and activity entries. No HTTP here.

pub mod accounts;
pub mod allowlist;
pub mod clock;
pub mod cluster;
pub mod crypto;
pub mod data_dir;
pub mod egress;
pub mod error;
pub mod housekeeping;
mod identity_cache;
pub mod invoke;
pub mod lifecycle;
pub mod local;
pub mod logsearch;
pub mod overview;
pub mod reports;
pub mod scheduler;
pub mod sso;
pub mod throttle;
pub mod vault;

pub use error::Error;
/// The database handle the server assembles its services over; every query and write goes
/// through a service of this crate.
pub use lambdabox_store::Store;
