//! Logging: a tracing subscriber writing to stderr, as text or JSON, filtered by `RUST_LOG`
//! (default `info`, without the cron library's chatter). Text has colours only when stderr is
//! a terminal and `NO_COLOR` is not set. Request logs come from `web::request_log`.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// The filter when `RUST_LOG` is not set.
const DEFAULT_FILTER: &str = "info,tokio_cron_scheduler=warn";

use crate::cli::LogFormat;

/// Installs the global subscriber. Safe to call more than once (later calls do nothing).
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let colours = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(colours);
    let result = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
    // A second init (tests start many apps in one process) is not an error worth reporting.
    drop(result);
}
