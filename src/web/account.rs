//! The signed-in user's API credentials: create (secret shown once), list, revoke.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::layout::{Layout, format_time};
use super::page_error::PageError;
use super::{NoticeQuery, redirect};
use crate::auth::{Caller, Guarded};
use crate::error::Error;
use crate::state::AppState;
use crate::web::filters;
use lambdabox_services::Error as ServiceError;
use lambdabox_services::accounts::NewCredentials;

/// Registers `/account/credentials`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_credentials).service(create_credential).service(revoke_credential);
}

struct CredentialRow {
    name: String,
    client_id: String,
    created: String,
    last_used: String,
    revoked: bool,
}

#[derive(Template)]
#[template(path = "account/credentials.html")]
struct CredentialsPage {
    layout: Layout,
    errors: Vec<String>,
    created: Option<NewCredentials>,
    credentials: Vec<CredentialRow>,
    base_url: String,
}

async fn page(
    req: &HttpRequest,
    state: &AppState,
    caller: &Caller,
    created: Option<NewCredentials>,
    errors: Vec<String>,
    status: StatusCode,
    notice: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let rows = caller.credentials(state).list().await?;
    let account = state.account().map(ToString::to_string).unwrap_or_default();
    let page = CredentialsPage {
        layout: Layout::new(&account, caller, "", notice),
        errors,
        created,
        credentials: rows
            .into_iter()
            .map(|c| CredentialRow {
                name: c.name,
                client_id: c.client_id,
                created: format_time(c.created_at),
                last_used: c.last_used_at.map_or_else(|| "never".into(), format_time),
                revoked: c.revoked_at.is_some(),
            })
            .collect(),
        base_url: super::invoke_snippet::public_base(req, state),
    };
    let html = page.render().map_err(Error::internal)?;
    Ok(HttpResponse::build(status).content_type("text/html; charset=utf-8").body(html))
}

#[get("/account/credentials")]
async fn list_credentials(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<NoticeQuery>,
) -> Result<HttpResponse, PageError> {
    let created = caller.session.as_ref().and_then(|s| state.auth().pending_secrets.take(&s.token_hash));
    let mut res = page(&req, &state, &caller, created, vec![], StatusCode::OK, q.notice.as_deref()).await?;
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    Ok(res)
}

/// The new-credential form.
#[derive(Deserialize)]
pub struct NewCredentialForm {
    #[serde(default)]
    name: String,
}

#[post("/account/credentials")]
async fn create_credential(
    req: HttpRequest,
    state: web::Data<AppState>,
    guarded: Guarded<Caller, web::Form<NewCredentialForm>>,
) -> Result<HttpResponse, PageError> {
    let caller = guarded.auth;
    match caller.credentials(&state).create(&guarded.body.into_inner().name).await {
        Ok(created) => match &caller.session {
            // Post/redirect/get: a reload neither creates a second credential nor shows the secret again.
            Some(session) => {
                state.auth().pending_secrets.put(session.token_hash.clone(), created);
                Ok(redirect("/account/credentials"))
            }
            None => page(&req, &state, &caller, Some(created), vec![], StatusCode::OK, None).await,
        },
        Err(e @ ServiceError::BadInput(_)) => {
            let e = Error::from(e);
            page(&req, &state, &caller, None, vec![e.to_string()], e.status(), None).await
        }
        Err(e) => Err(e.into()),
    }
}

#[post("/account/credentials/{client_id}/revoke")]
async fn revoke_credential(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    caller.credentials(&state).revoke(&path.into_inner()).await?;
    Ok(redirect("/account/credentials?notice=credential-revoked"))
}
