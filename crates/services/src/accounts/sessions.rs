//! Browser sessions: a random token whose hash is stored with the user and the session's CSRF
//! token, ending after the idle timeout or at logout. The cookie itself is the server's.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

use lambdabox_domain::UserId;
use lambdabox_store::sessions::{self, SessionRow};

use super::Accounts;
use crate::Error;

/// Activity is written back at most this often (ms), to keep reads cheap.
const TOUCH_EVERY_MS: i64 = 60_000;

/// A random URL-safe token of 32 bytes.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 of a token, as stored.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// A session just started: the token goes into the cookie and nowhere else.
#[derive(Debug)]
pub struct NewSession {
    /// The cookie's value.
    pub token: String,
}

impl Accounts {
    /// Starts a session for `user` (and ends sessions idle longer than `idle_ms`).
    pub async fn start_session(&self, user: UserId, idle_ms: i64) -> Result<NewSession, Error> {
        let token = random_token();
        let hash = token_hash(&token);
        let csrf = random_token();
        let now = self.clock.now_ms();
        self.store
            .write(move |tx| {
                sessions::delete_idle_sessions(tx, now - idle_ms)?;
                sessions::insert_session(tx, &hash, user, &csrf, now)
            })
            .await?;
        Ok(NewSession { token })
    }

    /// The live session stored under `hash`: `None` if unknown or idle longer than `idle_ms`
    /// (then it is ended).
    pub async fn session(&self, hash: &[u8], idle_ms: i64) -> Result<Option<SessionRow>, Error> {
        let lookup = hash.to_vec();
        let Some(row) = self.store.read(move |conn| sessions::get_session(conn, &lookup)).await? else {
            return Ok(None);
        };
        let now = self.clock.now_ms();
        if now - row.last_seen_at > idle_ms {
            self.end_session(hash).await?;
            return Ok(None);
        }
        if now - row.last_seen_at > TOUCH_EVERY_MS {
            let touched = hash.to_vec();
            self.store.write(move |tx| sessions::touch_session(tx, &touched, now)).await?;
        }
        Ok(Some(row))
    }

    /// Ends a session (logout).
    pub async fn end_session(&self, hash: &[u8]) -> Result<(), Error> {
        let hash = hash.to_vec();
        Ok(self.store.write(move |tx| sessions::delete_session(tx, &hash)).await?)
    }
}
