//! Single sign-on: `GET /login/sso` sends the browser to the identity provider with a fresh
//! state, nonce and PKCE challenge (sealed in a short-lived cookie of this browser);
//! `GET /login/sso/callback` takes the answer, and on success starts a session exactly as a
//! password sign-in does. Every refusal is a page that says why, and starts no session.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::http::StatusCode;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use super::page_error::{ErrorPage, PageError};
use super::redirect;
use crate::auth::session;
use crate::error::Error;
use crate::middleware::RequestId;
use crate::state::AppState;
use lambdabox_services::accounts::SsoSignIn;
use lambdabox_services::sso::{FLOW_LIFETIME, SsoError};

/// The cookie carrying a started sign-in's sealed secrets. Over HTTPS it is a `__Host-` cookie
/// (Secure, this host only, `Path=/`), which a sibling subdomain or a plain-HTTP answer cannot
/// plant to sign a victim in as somebody else.
const FLOW_COOKIE: &str = "lambdabox_sso";
const FLOW_COOKIE_SECURE: &str = "__Host-lambdabox_sso";
/// Where the flow cookie is sent: the two routes of the flow only.
const FLOW_PATH: &str = "/login/sso";

/// Registers `/login/sso` and `/login/sso/callback`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(start).service(callback);
}

#[get("/login/sso")]
async fn start(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, PageError> {
    let Some(sso) = &state.auth().sso else {
        return Err(Error::NotFound("single sign-on is not configured".into()).into());
    };
    if state.account().is_none() {
        return Ok(redirect("/setup"));
    }
    let redirect_uri = format!("{}/login/sso/callback", super::invoke_snippet::public_base(&req, &state));
    match sso.client.start(&redirect_uri).await {
        Ok(started) => {
            let mut res = HttpResponse::SeeOther()
                .insert_header(("Location", started.authorize_url))
                .insert_header(("Cache-Control", "no-store"))
                .finish();
            let max_age = CookieDuration::seconds(i64::try_from(FLOW_LIFETIME.as_secs()).unwrap_or(600));
            let mut cookie = flow_cookie(&state, started.sealed_flow);
            cookie.set_max_age(max_age);
            res.add_cookie(&cookie).map_err(Error::internal)?;
            Ok(res)
        }
        Err(e) => Ok(refusal(&req, &e)),
    }
}

/// The identity provider's answer.
#[derive(Deserialize)]
struct Answer {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

#[get("/login/sso/callback")]
async fn callback(
    req: HttpRequest,
    state: web::Data<AppState>,
    answer: web::Query<Answer>,
) -> Result<HttpResponse, PageError> {
    let Some(sso) = &state.auth().sso else {
        return Err(Error::NotFound("single sign-on is not configured".into()).into());
    };
    if state.account().is_none() {
        return Ok(redirect("/setup"));
    }
    // Whatever happens next, the flow is used up.
    let mut removal = flow_cookie(&state, String::new());
    removal.set_max_age(CookieDuration::ZERO);
    let mut res = match callback_response(&req, &state, sso, answer.into_inner()).await {
        Ok(res) => res,
        Err(e) => {
            let id = req.extensions().get::<RequestId>().map(|id| id.0.clone()).unwrap_or_else(|| "-".into());
            e.response_with_id(&id)
        }
    };
    res.add_cookie(&removal).map_err(Error::internal)?;
    Ok(res)
}

async fn callback_response(
    req: &HttpRequest,
    state: &AppState,
    sso: &crate::auth::identity::SsoAuth,
    answer: Answer,
) -> Result<HttpResponse, PageError> {
    if let Some(error) = answer.error {
        let detail = answer.error_description.map(|d| format!(": {d}")).unwrap_or_default();
        let status = if error == "access_denied" { StatusCode::FORBIDDEN } else { StatusCode::BAD_REQUEST };
        let message = format!("The sign-in could not be completed: the identity provider answered {error}{detail}");
        tracing::info!(%error, "SSO sign-in ended at the identity provider");
        return Ok(page(req, status, message));
    }
    let (Some(code), Some(flow_state)) = (answer.code, answer.state) else {
        let message = "The sign-in could not be completed: the answer has no code or no state".to_owned();
        return Ok(page(req, StatusCode::BAD_REQUEST, message));
    };
    let cookie = req.cookie(flow_cookie_name(state));
    let who = match sso.client.finish(cookie.as_ref().map(Cookie::value), &flow_state, &code).await {
        Ok(who) => who,
        Err(e) => {
            tracing::warn!("SSO sign-in refused: {e}");
            return Ok(refusal(req, &e));
        }
    };
    let outcome = state.identity().sso_sign_in(&who, &sso.group_profiles).await?;
    let user = match outcome {
        SsoSignIn::SignedIn { user, .. } => user,
        SsoSignIn::Unmapped { groups } => {
            tracing::info!(user = %who.username, ?groups, "SSO sign-in refused: no mapped group");
            let named = if groups.is_empty() { "none".to_owned() } else { groups.join(", ") };
            let message = format!(
                "Sign-in refused for {}: none of your groups is mapped to a profile (your groups: {named}). Ask \
                 an administrator to map one of them to a profile.",
                who.username
            );
            return Ok(page(req, StatusCode::FORBIDDEN, message));
        }
        SsoSignIn::Disabled { username } => {
            tracing::info!(user = %username, "SSO sign-in refused: the user is disabled");
            let message = format!("The user {username} is disabled; ask an administrator to enable it.");
            return Ok(page(req, StatusCode::FORBIDDEN, message));
        }
        SsoSignIn::NameTaken { username } => {
            let message = format!(
                "A user named {username} already exists here and signs in with a password, so the identity \
                 provider's {username} cannot take it over. An administrator can rename or delete that user."
            );
            return Ok(page(req, StatusCode::CONFLICT, message));
        }
        SsoSignIn::BadName { username } => {
            let message = format!(
                "The identity provider's user name {username:?} cannot be used here: user names may contain only \
                 letters, digits, '.', '_', '-' and '@' (at most 64 characters)."
            );
            return Ok(page(req, StatusCode::FORBIDDEN, message));
        }
    };
    tracing::info!(user = %user.username, "signed in with SSO");
    if let Some(old) = req.cookie(session::COOKIE) {
        session::destroy(state.auth(), session::token_hash(old.value())).await?;
    }
    let cookie = session::create(state.auth(), user.id).await?;
    let mut res = redirect("/");
    res.add_cookie(&cookie).map_err(Error::internal)?;
    Ok(res)
}

fn flow_cookie_name(state: &AppState) -> &'static str {
    if state.auth().secure_cookies { FLOW_COOKIE_SECURE } else { FLOW_COOKIE }
}

fn flow_cookie(state: &AppState, value: String) -> Cookie<'static> {
    let secure = state.auth().secure_cookies;
    Cookie::build(flow_cookie_name(state), value)
        .path(if secure { "/" } else { FLOW_PATH })
        .http_only(true)
        // Lax: the provider's redirect back is a top-level GET from another site.
        .same_site(SameSite::Lax)
        .secure(state.auth().secure_cookies)
        .finish()
}

fn refusal(req: &HttpRequest, e: &SsoError) -> HttpResponse {
    let status = match e {
        SsoError::Unreachable { .. } => StatusCode::BAD_GATEWAY,
        SsoError::Refused(_) => StatusCode::BAD_REQUEST,
    };
    if let SsoError::Unreachable { .. } = e {
        tracing::error!("{e}");
    }
    page(req, status, e.to_string())
}

/// The error page with `status` and `message`, and a way back to the sign-in page.
fn page(req: &HttpRequest, status: StatusCode, message: String) -> HttpResponse {
    let request_id = req.extensions().get::<RequestId>().map(|id| id.0.clone()).unwrap_or_else(|| "-".into());
    let page = ErrorPage {
        status: status.as_u16(),
        title: status.canonical_reason().unwrap_or("Error"),
        message,
        request_id: &request_id,
    };
    match page.render() {
        Ok(html) => HttpResponse::build(status).content_type("text/html; charset=utf-8").body(html),
        Err(_) => HttpResponse::build(status).content_type("text/plain; charset=utf-8").body(page.message),
    }
}
