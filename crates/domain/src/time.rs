//! The product's one notion of "now": Unix milliseconds, the unit of every timestamp it
//! stores, logs or returns. Services that need a settable time take a `Clock` instead.

use std::time::{SystemTime, UNIX_EPOCH};

/// The current time in Unix milliseconds (0 if the system clock is before 1970).
pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}
