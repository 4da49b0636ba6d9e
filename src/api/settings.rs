//! `proxy-settings` (the domain allowlist, as LivePerson names it) and `secrets`.

use actix_web::{HttpResponse, delete, get, post, put, web};
use serde::Deserialize;
use serde_json::json;

use super::account::check_account;
use super::error_body::ApiError;
use super::lambdas::iso;
use crate::auth::permission::marker::{SecretRead, SecretWrite, WhitelistRead, WhitelistWrite};
use crate::auth::{Authorized, Guarded};
use crate::error::Error;
use crate::state::AppState;

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_proxy_settings)
        .service(add_proxy_setting)
        .service(delete_proxy_setting)
        .service(list_secrets)
        .service(create_secret)
        .service(update_secret)
        .service(delete_secret);
}

#[get("/api/account/{accountId}/proxy-settings")]
async fn list_proxy_settings(
    state: web::Data<AppState>,
    _auth: Authorized<WhitelistRead>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let entries = _auth.allowlist(&state).list().await?;
    let body: Vec<_> = entries
        .iter()
        .map(|e| json!({"id": e.id, "domain": e.pattern, "createdAt": iso(e.created_at), "createdBy": e.created_by}))
        .collect();
    Ok(HttpResponse::Ok().json(body))
}

/// `{domain}`.
#[derive(Deserialize)]
pub struct DomainBody {
    domain: String,
}

#[post("/api/account/{accountId}/proxy-settings")]
async fn add_proxy_setting(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: Guarded<Authorized<WhitelistWrite>, web::Json<DomainBody>>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let _user = &req.auth.caller.user.username;
    let id = req.auth.allowlist_editor(&state).add(&req.body.domain).await?;
    let entry = req.auth.allowlist(&state).list().await?.into_iter().find(|e| e.id == id);
    let domain = entry.map(|e| e.pattern).unwrap_or_default();
    Ok(HttpResponse::Created().json(json!({"id": id, "domain": domain})))
}

#[delete("/api/account/{accountId}/proxy-settings/{id}")]
async fn delete_proxy_setting(
    state: web::Data<AppState>,
    auth: Authorized<WhitelistWrite>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (account, id) = path.into_inner();
    check_account(&state, &account)?;
    let id: i64 = id.parse().map_err(|_| Error::NotFound("There is no such allowlist entry".into()))?;
    auth.allowlist_editor(&state).remove(id).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[get("/api/account/{accountId}/secrets")]
async fn list_secrets(
    state: web::Data<AppState>,
    _auth: Authorized<SecretRead>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let list = _auth.secrets(&state).list().await?;
    let body: Vec<_> = list
        .iter()
        .map(|s| json!({"key": s.name, "type": s.kind, "value": "********", "updatedAt": iso(s.updated_at), "updatedBy": s.updated_by}))
        .collect();
    Ok(HttpResponse::Ok().json(body))
}

/// `{key, value, type}`; the value may be any JSON for type `json`.
#[derive(Deserialize)]
pub struct SecretBody {
    key: Option<String>,
    value: serde_json::Value,
    #[serde(rename = "type", default)]
    kind: String,
}

fn value_text(value: &serde_json::Value, kind: &str) -> String {
    match value {
        serde_json::Value::String(s) if kind != "json" => s.clone(),
        other => other.to_string(),
    }
}

#[post("/api/account/{accountId}/secrets")]
async fn create_secret(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: Guarded<Authorized<SecretWrite>, web::Json<SecretBody>>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let account = state.account().cloned().ok_or(Error::NotProvisioned)?;
    let body = req.body.into_inner();
    let key = body.key.unwrap_or_default();
    let text = value_text(&body.value, &body.kind);
    req.auth.secret_editor(&state).create(&account, &key, &body.kind, &text).await?;
    Ok(HttpResponse::Created().json(json!({"key": key, "value": "********"})))
}

#[put("/api/account/{accountId}/secrets/{key}")]
async fn update_secret(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    req: Guarded<Authorized<SecretWrite>, web::Json<SecretBody>>,
) -> Result<HttpResponse, ApiError> {
    let (account, key) = path.into_inner();
    check_account(&state, &account)?;
    let account = state.account().cloned().ok_or(Error::NotProvisioned)?;
    let body = req.body.into_inner();
    let current = req.auth.secrets(&state).list().await?.into_iter().find(|s| s.name == key);
    let kind = current.map(|s| s.kind).unwrap_or_default();
    req.auth.secret_editor(&state).replace(&account, &key, &value_text(&body.value, &kind)).await?;
    Ok(HttpResponse::Ok().json(json!({"key": key, "value": "********"})))
}

#[delete("/api/account/{accountId}/secrets/{key}")]
async fn delete_secret(
    state: web::Data<AppState>,
    auth: Authorized<SecretWrite>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (account, key) = path.into_inner();
    check_account(&state, &account)?;
    auth.secret_editor(&state).delete(&key).await?;
    Ok(HttpResponse::NoContent().finish())
}
