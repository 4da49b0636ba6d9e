//! Remembers recently verified bearer tokens with their user, so the invoke path does not
//! query the database for every call. Every write to users, profiles or credentials goes
//! through `accounts::Accounts`, which bumps the epoch and empties the cache at once
//! (revocation takes effect immediately). A verification reads the epoch *before* its database
//! read and stores its answer only if no write happened meanwhile, so an answer read before a
//! change is never cached after it. Entries also age out after a few seconds and never outlive
//! the token's `exp`.

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

/// The state of the users, profiles and credentials when a verification began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Epoch(u64);

/// The cache.
#[derive(Default)]
pub struct IdentityCache {
    epoch: AtomicU64,
    map: Mutex<HashMap<String, Entry>>,
}

impl IdentityCache {
    /// The user of a token verified recently, if still valid.
    pub fn get(&self, token: &str, now_ms: i64) -> Option<User> {
        let epoch = self.epoch.load(Ordering::Acquire);
        let map = self.map.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        map.get(token)
            .filter(|e| e.epoch == epoch && e.at.elapsed() < MAX_AGE && now_ms < e.exp_ms)
            .map(|e| e.user.clone())
    }

    /// The epoch to read before the database read whose answer may be cached.
    pub fn epoch(&self) -> Epoch {
        Epoch(self.epoch.load(Ordering::Acquire))
    }

    /// Remembers a token verified by a database read that began at `read_at`; forgets it
    /// instead if users or credentials changed since.
    pub fn put(&self, read_at: Epoch, token: String, user: User, exp_ms: i64) {
        let mut map = self.map.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // Checked under the lock: `invalidate` bumps the epoch before it clears the map, so
        // an entry inserted here either sees the new epoch or is cleared by it.
        let epoch = self.epoch.load(Ordering::Acquire);
        if read_at.0 != epoch {
            return;
        }
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, e| e.epoch == epoch && e.at.elapsed() < MAX_AGE);
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
        }
        map.insert(token, Entry { user, epoch, at: Instant::now(), exp_ms });
    }

    /// Users, profiles or credentials changed: forget everything.
    pub(crate) fn invalidate(&self) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        self.map.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lambdabox_domain::{ProfileId, UserId};

    fn user() -> User {
        User {
            id: UserId(1),
            username: "ana".into(),
            profile_id: ProfileId(1),
            profile_name: "Administrator".into(),
            permissions: vec![],
            disabled: false,
            created_at: 0,
        }
    }

    #[test]
    fn an_answer_read_before_a_change_is_not_cached_after_it() {
        let cache = IdentityCache::default();
        let read_at = cache.epoch();
        // A user write lands while the verification's database read is in flight.
        cache.invalidate();
        cache.put(read_at, "t".into(), user(), i64::MAX);
        assert!(cache.get("t", 0).is_none());
    }

    #[test]
    fn an_answer_is_cached_until_the_next_change() {
        let cache = IdentityCache::default();
        cache.put(cache.epoch(), "t".into(), user(), i64::MAX);
        assert_eq!(cache.get("t", 0).map(|u| u.id), Some(UserId(1)));
        cache.invalidate();
        assert!(cache.get("t", 0).is_none());
    }
}
