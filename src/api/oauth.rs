//! `POST /oauth/token` (OAuth 2.0 client credentials grant, RFC 6749 §4.4): client id and
//! secret in the form body or in HTTP Basic auth; answers a bearer JWT with `expires_in`.
//! Errors use the OAuth error shape (`{"error": ..., "error_description": ...}`).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use super::error_body::ApiError;
use crate::auth::token::{self, GrantError};
use crate::state::AppState;

/// Registers `/oauth/token`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(issue_token);
}

/// The token request form.
#[derive(Debug, Deserialize)]
pub struct TokenForm {
    grant_type: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
}

#[derive(Serialize)]
struct OAuthError {
    error: &'static str,
    error_description: &'static str,
}

fn oauth_error(status: u16, error: &'static str, error_description: &'static str) -> HttpResponse {
    let status = actix_web::http::StatusCode::from_u16(status).unwrap_or(actix_web::http::StatusCode::BAD_REQUEST);
    let mut res = HttpResponse::build(status);
    res.insert_header((header::CACHE_CONTROL, "no-store"));
    if status.as_u16() == 401 {
        res.insert_header((header::WWW_AUTHENTICATE, "Basic realm=\"lambdabox\""));
    }
    res.json(OAuthError { error, error_description })
}

fn basic_auth(req: &HttpRequest) -> Option<(String, String)> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

#[post("/oauth/token")]
async fn issue_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, ApiError> {
    let form = form.into_inner();
    if form.grant_type.as_deref() != Some("client_credentials") {
        return Ok(oauth_error(400, "unsupported_grant_type", "only grant_type=client_credentials is supported"));
    }
    let credentials = basic_auth(&req).or_else(|| form.client_id.zip(form.client_secret));
    let Some((client_id, client_secret)) = credentials else {
        return Ok(oauth_error(400, "invalid_request", "client_id and client_secret are required"));
    };
    match token::issue(state.auth(), client_id, client_secret).await? {
        Ok(token) => Ok(HttpResponse::Ok().insert_header((header::CACHE_CONTROL, "no-store")).json(token)),
        Err(GrantError::InvalidClient) => {
            Ok(oauth_error(401, "invalid_client", "unknown client, wrong secret, revoked credentials or disabled user"))
        }
    }
}
