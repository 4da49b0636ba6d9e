//! lambdabox's services: everything the server does between an HTTP request and the store or
//! the sandbox. `invoke` is the one path into the sandbox; `lifecycle`, `settings`, `vault`,
//! `scheduler` and `reports` own their writes, rules and activity entries. No HTTP here.

pub mod crypto;
pub mod egress;
pub mod error;
pub mod housekeeping;
pub mod invoke;
pub mod lifecycle;
pub mod logsearch;
pub mod reports;
pub mod scheduler;
pub mod settings;
pub mod vault;

pub use error::Error;
