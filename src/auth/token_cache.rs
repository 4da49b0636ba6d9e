//! Remembers recently verified bearer tokens with their user, so the invoke path does not
//! query the database for every call. Any change to users or credentials bumps the epoch and
//! empties the cache at once (revocation takes effect immediately); entries also age out
//! after a few seconds and never outlive the token's `exp`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use lambdabox_store::users::User;

const MAX_AGE: Duration = Duration::from_secs(10);
const MAX_ENTRIES: usize = 10_000;

struct Entry {
    user: User,
    epoch: u64,
    at: Instant,
    exp_ms: i64,
}

/// The cache.
#[derive(Default)]
pub struct TokenCache {
    epoch: AtomicU64,
    map: Mutex<HashMap<String, Entry>>,
}

impl TokenCache {
    /// The user of a token verified recently, if still valid.
    pub fn get(&self, token: &str, now_ms: i64) -> Option<User> {
        let epoch = self.epoch.load(Ordering::Acquire);
        let map = self.map.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        map.get(token)
            .filter(|e| e.epoch == epoch && e.at.elapsed() < MAX_AGE && now_ms < e.exp_ms)
            .map(|e| e.user.clone())
    }

    /// Remembers a verified token.
    pub fn put(&self, token: String, user: User, exp_ms: i64) {
        let epoch = self.epoch.load(Ordering::Acquire);
        let mut map = self.map.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, e| e.epoch == epoch && e.at.elapsed() < MAX_AGE);
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
        }
        map.insert(token, Entry { user, epoch, at: Instant::now(), exp_ms });
    }

    /// Users or credentials changed: forget everything.
    pub fn invalidate(&self) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        self.map.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
    }
}
