//! Slows down password guessing: after too many failed sign-ins in the lockout window, a user
//! name (and, with a higher threshold, a client address) is locked until the window passes.
//! The failures are kept in the database, so every node sharing it counts the same ones and a
//! restart forgets nothing.

use std::time::Duration;

use lambdabox_domain::now_ms;
use lambdabox_store::{Store, StoreError, login_failures};

use crate::Error;

/// Failures are kept this long, whatever the window (the housekeeping purge).
pub const RETENTION: Duration = Duration::from_secs(24 * 3600);

/// Failure limits per user name and per client address.
#[derive(Clone)]
pub struct LoginThrottle {
    store: Store,
    per_user: u32,
    per_address: u32,
    window: Duration,
}

impl std::fmt::Debug for LoginThrottle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginThrottle")
            .field("per_user", &self.per_user)
            .field("per_address", &self.per_address)
            .field("window", &self.window)
            .finish_non_exhaustive()
    }
}

fn user_key(username: &str) -> String {
    format!("user:{}", username.to_lowercase())
}

fn address_key(address: &str) -> String {
    format!("addr:{address}")
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

impl LoginThrottle {
    /// A throttle allowing `per_user` / `per_address` failures per `window`.
    pub fn new(store: Store, per_user: u32, per_address: u32, window: Duration) -> Self {
        Self { store, per_user, per_address, window }
    }

    /// `Ok(Err(wait))` while the user or the address is locked.
    pub async fn check(&self, username: &str, address: &str) -> Result<Result<(), Duration>, Error> {
        let now = now_ms();
        let since = now - ms(self.window);
        let keys = [(user_key(username), self.per_user), (address_key(address), self.per_address)];
        let counts = self
            .store
            .read(move |conn| {
                keys.iter()
                    .map(|(key, limit)| Ok((login_failures::failures_since(conn, key, since)?, *limit)))
                    .collect::<Result<Vec<_>, StoreError>>()
            })
            .await?;
        let mut wait = 0_i64;
        for ((count, oldest), limit) in counts {
            if let Some(oldest) = oldest.filter(|_| count >= i64::from(limit)) {
                wait = wait.max(oldest + ms(self.window) - now);
            }
        }
        let wait = Duration::from_millis(u64::try_from(wait).unwrap_or(0));
        Ok(if wait.is_zero() { Ok(()) } else { Err(wait) })
    }

    /// Counts a failed attempt.
    pub async fn record_failure(&self, username: &str, address: &str) -> Result<(), Error> {
        let (user, address) = (user_key(username), address_key(address));
        let now = now_ms();
        Ok(self.store.append(move |tx| login_failures::record_failure(tx, &[&user, &address], now)).await?)
    }

    /// A successful sign-in clears the user's count (not the address's).
    pub async fn record_success(&self, username: &str) -> Result<(), Error> {
        let user = user_key(username);
        Ok(self.store.append(move |tx| login_failures::clear(tx, &user)).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn throttle(per_user: u32, per_address: u32) -> (LoginThrottle, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        (LoginThrottle::new(store, per_user, per_address, Duration::from_secs(60)), dir)
    }

    #[tokio::test]
    async fn locks_user_after_limit_and_success_clears() {
        let (t, _dir) = throttle(3, 100).await;
        for _ in 0..3 {
            assert!(t.check("Ann", "1.1.1.1").await.unwrap().is_ok());
            t.record_failure("Ann", "1.1.1.1").await.unwrap();
        }
        let wait = t.check("ann", "2.2.2.2").await.unwrap().unwrap_err();
        assert!(wait > Duration::from_secs(55) && wait <= Duration::from_secs(60), "{wait:?}");
        assert!(t.check("bob", "1.1.1.1").await.unwrap().is_ok());
        t.record_success("ann").await.unwrap();
        assert!(t.check("ann", "1.1.1.1").await.unwrap().is_ok());
    }

    #[tokio::test]
    async fn locks_address_after_its_limit() {
        let (t, _dir) = throttle(100, 2).await;
        t.record_failure("a", "9.9.9.9").await.unwrap();
        t.record_failure("b", "9.9.9.9").await.unwrap();
        assert!(t.check("c", "9.9.9.9").await.unwrap().is_err());
        assert!(t.check("c", "8.8.8.8").await.unwrap().is_ok());
    }
}
