//! Sign-in and sign-out. Failed attempts are throttled per user name and per client address;
//! the answer never says whether the user exists, and passwords never reach the logs.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::page_error::PageError;
use super::{redirect, render};
use crate::auth::{Caller, password, session};
use crate::error::Error;
use crate::state::AppState;
use crate::web::filters;
use lambdabox_domain::Password;

/// Registers `/login` and `/logout`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show_login).service(submit_login).service(logout);
}

#[derive(Template)]
#[template(path = "login/login.html")]
struct LoginPage {
    errors: Vec<String>,
    username: String,
    /// "Sign in with SSO" is offered.
    sso: bool,
    /// The password form is shown (not under --oidc-only, unless asked for with ?local=1).
    password_form: bool,
}

impl LoginPage {
    fn new(state: &AppState, local: bool, errors: Vec<String>, username: String) -> Self {
        let sso = state.auth().sso.as_ref();
        Self { errors, username, sso: sso.is_some(), password_form: local || !sso.is_some_and(|s| s.only) }
    }
}

/// `?local=1` shows the password form under --oidc-only (the setup administrator's way in when
/// the identity provider is down).
#[derive(Deserialize)]
pub struct LoginQuery {
    #[serde(default)]
    local: Option<String>,
}

/// The sign-in form.
#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

#[get("/login")]
async fn show_login(state: web::Data<AppState>, query: web::Query<LoginQuery>) -> Result<HttpResponse, PageError> {
    if state.account().is_none() {
        return Ok(redirect("/setup"));
    }
    render(&LoginPage::new(&state, query.local.is_some(), vec![], String::new()))
}

/// The client's address: the peer's, or behind trusted proxies the last address in
/// X-Forwarded-For that is not one of them (earlier entries are the client's to forge).
fn client_address(req: &HttpRequest, trusted: &[ipnet::IpNet]) -> String {
    let Some(peer) = req.peer_addr().map(|a| a.ip()) else { return "unknown".into() };
    let is_trusted = |ip: &std::net::IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer.to_string();
    }
    let forwarded = req.headers().get_all("x-forwarded-for").filter_map(|v| v.to_str().ok()).collect::<Vec<_>>();
    let hops = forwarded.iter().flat_map(|v| v.split(',')).map(str::trim).collect::<Vec<_>>();
    for hop in hops.iter().rev() {
        match hop.parse::<std::net::IpAddr>() {
            Ok(ip) if is_trusted(&ip) => continue,
            Ok(ip) => return ip.to_string(),
            Err(_) => break,
        }
    }
    peer.to_string()
}

#[post("/login")]
async fn submit_login(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, PageError> {
    if state.account().is_none() {
        return Err(Error::NotProvisioned.into());
    }
    let LoginForm { username, password } = form.into_inner();
    let address = client_address(&req, &state.config.trusted_proxies);
    let username = username.trim().to_owned();
    if let Err(wait) = state.auth().throttle.check(&username, &address).await? {
        tracing::warn!(user = %username, %address, "sign-in refused: locked after failed attempts");
        return Err(Error::TooManyRequests {
            message: format!(
                "too many failed sign-in attempts; try again in {} minute(s)",
                wait.as_secs().div_ceil(60).max(1)
            ),
            retry_after: wait,
        }
        .into());
    }
    // Only a valid user name is looked up: the database may compare names more loosely than
    // the throttle keys them (PostgreSQL's case-insensitive collation ignores some code points),
    // and no user can have another name.
    let login = match lambdabox_domain::Username::parse(&username) {
        Ok(_) => state.identity().login(&username).await?,
        Err(_) => None,
    };
    // Users who sign in through SSO have no password: they fail like an unknown name.
    let hash = login.as_ref().map(|l| l.password_hash.clone()).filter(|h| !h.is_empty());
    let ok = password::verify(Password::new(password), hash).await?;
    let sso_only = state.auth().sso.as_ref().is_some_and(|s| s.only);
    match login {
        // Under --oidc-only a right password of anyone but the setup administrator is answered
        // like a wrong one: the page must not confirm passwords it will not accept.
        Some(login) if ok && !login.disabled && (!sso_only || login.break_glass) => {
            state.auth().throttle.record_success(&username).await?;
            tracing::info!(user = %username, "signed in");
            // A fresh session id at every sign-in: never keep one planted before it.
            if let Some(old) = req.cookie(session::COOKIE) {
                session::destroy(state.auth(), session::token_hash(old.value())).await?;
            }
            let cookie = session::create(state.auth(), login.id).await?;
            state.identity().record_sign_in(&username).await?;
            let mut res = redirect("/");
            res.add_cookie(&cookie).map_err(Error::internal)?;
            Ok(res)
        }
        _ => {
            state.auth().throttle.record_failure(&username, &address).await?;
            tracing::info!(user = %username, %address, "sign-in failed");
            let errors = vec![if sso_only {
                "wrong user name or password, or the user is disabled; only the administrator created at setup \
                 signs in with a password here, everyone else uses \"Sign in with SSO\""
                    .into()
            } else {
                "wrong user name or password, or the user is disabled".into()
            }];
            let page = LoginPage::new(&state, true, errors, username);
            let html = page.render().map_err(Error::internal)?;
            Ok(HttpResponse::Unauthorized().content_type("text/html; charset=utf-8").body(html))
        }
    }
}

#[post("/logout")]
async fn logout(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, PageError> {
    if let Some(s) = caller.session {
        session::destroy(state.auth(), s.token_hash).await?;
    }
    let mut res = redirect("/login");
    res.add_removal_cookie(&session::removal_cookie(state.auth())).map_err(Error::internal)?;
    Ok(res)
}
