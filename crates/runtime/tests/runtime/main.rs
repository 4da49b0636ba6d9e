//! Runtime integration tests: the QuickJS sandbox driven through its public API, with JS
//! fixtures from `tests/lambdas` and real HTTP servers on 127.0.0.1.

mod after_callback;
mod contract;
mod crypto;
mod fixtures;
mod helpers;
mod host_reach;
mod http;
mod intl;
mod isolation;
mod limits;
mod logs;
mod modules;
mod mtls;
mod node_builtins;
mod scale;
mod server;
mod toolbelt;
