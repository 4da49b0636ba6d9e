//! Per-lambda limit on outgoing requests per second (LivePerson: 20/s, then 429), shared by
//! all workers of a sandbox.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Fixed one-second windows of request counts, keyed by lambda UUID.
#[derive(Debug, Default)]
pub(crate) struct RateLimits {
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimits {
    /// Takes one request from `lambda`'s current window; false when the window is full.
    pub(crate) fn try_acquire(&self, lambda: &str, per_second: u32) -> bool {
        let Ok(mut windows) = self.windows.lock() else {
            return false;
        };
        let now = Instant::now();
        if windows.len() > 10_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < Duration::from_secs(1));
        }
        let window = windows.entry(lambda.to_owned()).or_insert((now, 0));
        if now.duration_since(window.0) >= Duration::from_secs(1) {
            *window = (now, 0);
        }
        if window.1 >= per_second {
            return false;
        }
        window.1 += 1;
        true
    }
}
