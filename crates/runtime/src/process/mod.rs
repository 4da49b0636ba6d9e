//! Lambda JavaScript in worker processes. The server keeps the queue, the capabilities
//! (egress, secrets, the orchestrator, log storage) and the watchdog; each worker process is
//! the same binary started as `lambdabox worker`, runs one JS thread with its warm contexts,
//! and asks the server over a socketpair for everything beyond computing (`wire` is the
//! protocol). A worker stuck in a built-in past its deadline is killed with SIGKILL and
//! replaced; the invocations it had in flight end with a platform failure. See `harden` for
//! what a worker may not do.

mod harden;
pub(crate) mod os;
mod outbox;
pub(crate) mod server;
mod wire;
mod worker;

pub(crate) use worker::Link;
pub use worker::main as worker_main;
