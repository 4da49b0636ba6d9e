//! Slows down password guessing: after too many failed sign-ins in the lockout window, a user
//! name (and, with a higher threshold, a client address) is locked until the window passes.
//! Kept in memory: a restart forgets counts, which only favours the legitimate user.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failure counters per user name and per client address.
#[derive(Debug)]
pub struct LoginThrottle {
    per_user: u32,
    per_address: u32,
    window: Duration,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginThrottle {
    /// A throttle allowing `per_user` / `per_address` failures per `window`.
    pub fn new(per_user: u32, per_address: u32, window: Duration) -> Self {
        Self { per_user, per_address, window, failures: Mutex::new(HashMap::new()) }
    }

    fn keys(username: &str, address: &str) -> [(String, bool); 2] {
        [(format!("user:{}", username.to_lowercase()), true), (format!("addr:{address}"), false)]
    }

    /// `Err(wait)` while the user or the address is locked.
    pub fn check(&self, username: &str, address: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut wait = Duration::ZERO;
        for (key, is_user) in Self::keys(username, address) {
            let limit = if is_user { self.per_user } else { self.per_address };
            if let Some(times) = map.get_mut(&key) {
                while times.front().is_some_and(|t| now.duration_since(*t) > self.window) {
                    times.pop_front();
                }
                if let Some(oldest) = times.front().filter(|_| times.len() >= limit as usize) {
                    wait = wait.max(self.window.saturating_sub(now.duration_since(*oldest)));
                }
            }
        }
        if wait.is_zero() { Ok(()) } else { Err(wait) }
    }

    /// Counts a failed attempt.
    pub fn record_failure(&self, username: &str, address: &str) {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() > 100_000 {
            // Bound memory under a spray of random names: drop entries whose window has passed.
            map.retain(|_, times| times.back().is_some_and(|t| now.duration_since(*t) <= self.window));
        }
        for (key, _) in Self::keys(username, address) {
            let times = map.entry(key).or_default();
            times.push_back(now);
            if times.len() > 1000 {
                times.pop_front();
            }
        }
    }

    /// A successful sign-in clears the user's count (not the address's).
    pub fn record_success(&self, username: &str) {
        let mut map = self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        map.remove(&format!("user:{}", username.to_lowercase()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_user_after_limit_and_success_clears() {
        let t = LoginThrottle::new(3, 100, Duration::from_secs(60));
        for _ in 0..3 {
            assert!(t.check("Ann", "1.1.1.1").is_ok());
            t.record_failure("Ann", "1.1.1.1");
        }
        assert!(t.check("ann", "2.2.2.2").is_err(), "user locked from any address");
        assert!(t.check("bob", "1.1.1.1").is_ok());
        t.record_success("ann");
        assert!(t.check("ann", "1.1.1.1").is_ok());
    }

    #[test]
    fn locks_address_after_its_limit() {
        let t = LoginThrottle::new(100, 2, Duration::from_secs(60));
        t.record_failure("a", "9.9.9.9");
        t.record_failure("b", "9.9.9.9");
        assert!(t.check("c", "9.9.9.9").is_err());
        assert!(t.check("c", "8.8.8.8").is_ok());
    }
}
