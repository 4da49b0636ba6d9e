//! Browser sessions: a random token in an HttpOnly, SameSite=Lax cookie (Secure when
//! configured), looked up server-side by its hash, ending after the idle timeout or at logout.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};

use crate::error::Error;
use crate::state::AppState;
use lambdabox_domain::UserId;

/// Name of the session cookie.
pub const COOKIE: &str = "lambdabox_session";

pub use lambdabox_services::accounts::{random_token, token_hash};

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
    let session = state.identity().start_session(user, idle_ms(state)).await?;
    Ok(cookie(state, session.token))
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
    let row = state.identity().session(&hash, idle_ms(state)).await?;
    Ok(row.map(|row| Session { token_hash: hash, user_id: row.user_id, csrf_token: row.csrf_token }))
}

/// Ends a session (logout).
pub async fn destroy(state: &AppState, token_hash: Vec<u8>) -> Result<(), Error> {
    Ok(state.identity().end_session(&token_hash).await?)
}
