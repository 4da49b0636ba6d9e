//! Shows a freshly created secret exactly once after a redirect (post/redirect/get), so a
//! reload neither repeats the creation nor shows the secret again. Kept in memory per session
//! for a few minutes; a restart forgets it, which only hides a secret sooner.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use lambdabox_services::accounts::NewCredentials;

/// How long a secret waits to be shown.
const KEEP: Duration = Duration::from_secs(300);

/// Secrets waiting to be shown, by session.
#[derive(Default)]
pub struct PendingSecrets {
    map: Mutex<HashMap<Vec<u8>, (Instant, NewCredentials)>>,
}

impl PendingSecrets {
    /// Keeps `created` for the session until `take`.
    pub fn put(&self, session: Vec<u8>, created: NewCredentials) {
        let mut map = self.map.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        map.retain(|_, (at, _)| at.elapsed() < KEEP);
        map.insert(session, (Instant::now(), created));
    }

    /// The waiting secret of the session, removed.
    pub fn take(&self, session: &[u8]) -> Option<NewCredentials> {
        let mut map = self.map.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        map.remove(session).filter(|(at, _)| at.elapsed() < KEEP).map(|(_, c)| c)
    }
}
