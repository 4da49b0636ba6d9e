//! Browser sessions: a random token in an HttpOnly, SameSite=Lax cookie (Secure when
//! configured), looked up server-side by its hash, ending after the idle timeout or at logout.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};

use super::AuthState;
use crate::error::Error;
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
pub async fn create(auth: &AuthState, user: UserId) -> Result<Cookie<'static>, Error> {
    let session = auth.identity.start_session(user, idle_ms(auth)).await?;
    Ok(cookie(auth, session.token))
}

fn idle_ms(auth: &AuthState) -> i64 {
    i64::try_from(auth.session_idle.as_millis()).unwrap_or(i64::MAX)
}

fn cookie(auth: &AuthState, value: String) -> Cookie<'static> {
    Cookie::build(COOKIE, value).path("/").http_only(true).same_site(SameSite::Lax).secure(auth.secure_cookies).finish()
}

/// A cookie that deletes the session cookie in the browser.
pub fn removal_cookie(auth: &AuthState) -> Cookie<'static> {
    let mut c = cookie(auth, String::new());
    c.set_max_age(CookieDuration::ZERO);
    c
}

/// Looks up the session behind a cookie value; `None` if unknown or idle too long.
pub async fn resolve(auth: &AuthState, token: &str) -> Result<Option<Session>, Error> {
    let hash = token_hash(token);
    let row = auth.identity.session(&hash, idle_ms(auth)).await?;
    Ok(row.map(|row| Session { token_hash: hash, user_id: row.user_id, csrf_token: row.csrf_token }))
}

/// Ends a session (logout).
pub async fn destroy(auth: &AuthState, token_hash: Vec<u8>) -> Result<(), Error> {
    Ok(auth.identity.end_session(&token_hash).await?)
}
