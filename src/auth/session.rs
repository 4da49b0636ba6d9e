//! Browser sessions: a random token in an HttpOnly, SameSite=Lax cookie (Secure when
//! configured), looked up server-side by its hash, ending after the idle timeout or at logout.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::state::AppState;
use lambdabox_domain::UserId;
use lambdabox_store::{now_ms, sessions};

/// Name of the session cookie.
pub const COOKIE: &str = "lambdabox_session";
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

/// A resolved, live session.
#[derive(Debug, Clone)]
pub struct Session {
    /// Hash of the cookie token.
    pub token_hash: Vec<u8>,
    /// Whose session.
    pub user_id: UserId,
    /// The session's CSRF token.
    pub csrf_token: String,
}

/// Starts a session for `user`; returns the cookie to set.
pub async fn create(state: &AppState, user: UserId) -> Result<Cookie<'static>, Error> {
    let token = random_token();
    let hash = token_hash(&token);
    let csrf = random_token();
    let idle_cutoff = now_ms() - idle_ms(state);
    state
        .store
        .write(move |tx| {
            sessions::delete_idle_sessions(tx, idle_cutoff)?;
            sessions::insert_session(tx, &hash, user, &csrf, now_ms())
        })
        .await?;
    Ok(cookie(state, token))
}

fn idle_ms(state: &AppState) -> i64 {
    i64::try_from(state.config.session_idle.as_millis()).unwrap_or(i64::MAX)
}

fn cookie(state: &AppState, value: String) -> Cookie<'static> {
    Cookie::build(COOKIE, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies)
        .finish()
}

/// A cookie that deletes the session cookie in the browser.
pub fn removal_cookie(state: &AppState) -> Cookie<'static> {
    let mut c = cookie(state, String::new());
    c.set_max_age(CookieDuration::ZERO);
    c
}

/// Looks up the session behind a cookie value; `None` if unknown or idle too long.
pub async fn resolve(state: &AppState, token: &str) -> Result<Option<Session>, Error> {
    let hash = token_hash(token);
    let lookup = hash.clone();
    let row = state.store.read(move |conn| sessions::get_session(conn, &lookup)).await?;
    let Some(row) = row else { return Ok(None) };
    let now = now_ms();
    if now - row.last_seen_at > idle_ms(state) {
        let expired = hash.clone();
        state.store.write(move |tx| sessions::delete_session(tx, &expired)).await?;
        return Ok(None);
    }
    if now - row.last_seen_at > TOUCH_EVERY_MS {
        let touched = hash.clone();
        state.store.write(move |tx| sessions::touch_session(tx, &touched, now)).await?;
    }
    Ok(Some(Session { token_hash: hash, user_id: row.user_id, csrf_token: row.csrf_token }))
}

/// Ends a session (logout).
pub async fn destroy(state: &AppState, token_hash: Vec<u8>) -> Result<(), Error> {
    state.store.write(move |tx| sessions::delete_session(tx, &token_hash)).await?;
    Ok(())
}
