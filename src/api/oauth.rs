//! `POST /oauth/token` (OAuth 2.0 client credentials grant, RFC 6749 §4.4): client id and
//! secret in the form body or in HTTP Basic auth; answers a bearer JWT with `expires_in`.
//! Errors use the OAuth error shape (`{"error": ..., "error_description": ...}`).
//! `POST /sentinel/api/account/{accountId}/app/token` is the same grant where LivePerson's
//! client libraries ask for it (LivePerson's Java client sends the fields in the query string).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use super::error_body::ApiError;
use crate::auth::token::{self, GrantError};
use crate::state::AppState;

/// Registers `/oauth/token` and LivePerson's sentinel token route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(issue_token).service(issue_sentinel_token);
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
    grant(&req, &state, form.into_inner()).await
}

#[post("/sentinel/api/account/{accountId}/app/token")]
async fn issue_sentinel_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    super::account::check_account(&state, &path)?;
    let from_body: TokenForm = serde_urlencoded::from_bytes(&body)
        .map_err(|e| crate::error::Error::BadInput(format!("the token request is not a form: {e}")))?;
    let from_query: TokenForm = serde_urlencoded::from_str(req.query_string())
        .map_err(|e| crate::error::Error::BadInput(format!("the token request's query is not valid: {e}")))?;
    let form = TokenForm {
        grant_type: from_body.grant_type.or(from_query.grant_type),
        client_id: from_body.client_id.or(from_query.client_id),
        client_secret: from_body.client_secret.or(from_query.client_secret),
    };
    grant(&req, &state, form).await
}

async fn grant(req: &HttpRequest, state: &AppState, form: TokenForm) -> Result<HttpResponse, ApiError> {
    if form.grant_type.as_deref() != Some("client_credentials") {
        return Ok(oauth_error(400, "unsupported_grant_type", "only grant_type=client_credentials is supported"));
    }
    let credentials = basic_auth(req).or_else(|| form.client_id.zip(form.client_secret));
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
