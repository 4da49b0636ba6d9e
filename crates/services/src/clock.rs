//! The services' clock: the system clock in production, a manual one in tests, so tests can
//! set "now" (even across a restart) instead of waiting for cron minutes or idle timeouts.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use time::OffsetDateTime;

/// Where the scheduler reads the current time; cheap to clone (clones share a manual time).
#[derive(Clone, Default)]
pub struct Clock(Option<Arc<AtomicI64>>);

impl Clock {
    /// The system clock (UTC).
    pub fn system() -> Self {
        Self(None)
    }

    /// A clock that stands at `at` until `set` moves it. With it, nothing fires by itself: the
    /// timer is not started and tests call `Scheduler::tick`.
    pub fn manual(at: OffsetDateTime) -> Self {
        Self(Some(Arc::new(AtomicI64::new(to_ms(at)))))
    }

    /// Whether this is a manual clock.
    pub fn is_manual(&self) -> bool {
        self.0.is_some()
    }

    /// Moves a manual clock (the system clock ignores it).
    pub fn set(&self, at: OffsetDateTime) {
        if let Some(ms) = &self.0 {
            ms.store(to_ms(at), Ordering::SeqCst);
        }
    }

    /// The current time in Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        match &self.0 {
            Some(ms) => ms.load(Ordering::SeqCst),
            None => lambdabox_domain::now_ms(),
        }
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(ms) => write!(f, "Clock::manual({})", ms.load(Ordering::SeqCst)),
            None => f.write_str("Clock::system()"),
        }
    }
}

/// Unix milliseconds of a time.
pub fn to_ms(at: OffsetDateTime) -> i64 {
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}
