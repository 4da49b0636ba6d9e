//! Settings: the Domain Allowlist tab (default) and the Secret Storage tab; Reporting has its
//! own page. Each part shows only what the user's permissions allow reading, and every change
//! is checked against the matrix.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::layout::{Layout, format_time};
use super::page_error::PageError;
use super::redirect;
use crate::auth::permission::Action;
use crate::auth::permission::marker::{ReportingRead, SecretRead, SecretWrite, WhitelistRead, WhitelistWrite};
use crate::auth::{Authorized, Caller, Guarded};
use crate::error::Error;
use crate::state::AppState;
use crate::web::filters;

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show_settings)
        .service(add_allowlist_entry)
        .service(remove_allowlist_entry)
        .service(create_secret)
        .service(replace_secret)
        .service(delete_secret);
}

struct EntryRow {
    id: i64,
    pattern: String,
    added: String,
    by: String,
}

struct SecretRow {
    name: String,
    kind: String,
    updated: String,
    by: String,
}

#[derive(Template)]
#[template(path = "settings/settings.html")]
struct SettingsPage {
    layout: Layout,
    tab: &'static str,
    errors: Vec<String>,
    can_read_allowlist: bool,
    can_write_allowlist: bool,
    can_read_secrets: bool,
    can_write_secrets: bool,
    entries: Vec<EntryRow>,
    secrets: Vec<SecretRow>,
}

/// `?tab=` and notice.
#[derive(Deserialize, Default)]
pub struct TabQuery {
    tab: Option<String>,
    notice: Option<String>,
}

async fn page(
    state: &AppState,
    caller: &Caller,
    tab: Option<&str>,
    errors: Vec<String>,
    status: StatusCode,
    notice: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let perms = &caller.user.permissions;
    let can_read_allowlist = Action::WhitelistRead.allows(perms);
    let can_read_secrets = Action::SecretRead.allows(perms);
    let tab = match tab {
        Some("secrets") if can_read_secrets => "secrets",
        _ if can_read_allowlist => "allowlist",
        _ if can_read_secrets => "secrets",
        _ => "none",
    };
    let entries = match caller.authorized::<WhitelistRead>() {
        Some(auth) => auth.allowlist(state).list().await?,
        None => vec![],
    };
    let secrets = match caller.authorized::<SecretRead>() {
        Some(auth) => auth.secrets(state).list().await?,
        None => vec![],
    };
    let account = state.account().map(ToString::to_string).unwrap_or_default();
    let page = SettingsPage {
        layout: Layout::new(&account, caller, "settings", notice),
        tab,
        errors,
        can_read_allowlist,
        can_write_allowlist: Action::WhitelistWrite.allows(perms),
        can_read_secrets,
        can_write_secrets: Action::SecretWrite.allows(perms),
        entries: entries
            .into_iter()
            .map(|e| EntryRow { id: e.id, pattern: e.pattern, added: format_time(e.created_at), by: e.created_by })
            .collect(),
        secrets: secrets
            .into_iter()
            .map(|s| SecretRow { name: s.name, kind: s.kind, updated: format_time(s.updated_at), by: s.updated_by })
            .collect(),
    };
    let html = page.render().map_err(Error::internal)?;
    Ok(HttpResponse::build(status).content_type("text/html; charset=utf-8").body(html))
}

/// Shows the page again with the reason of a refused change (400/404/409), or propagates.
async fn refuse(
    state: &AppState,
    caller: &Caller,
    tab: &str,
    err: impl Into<Error>,
) -> Result<HttpResponse, PageError> {
    let err = err.into();
    if !matches!(err, Error::BadInput(_) | Error::Conflict(_) | Error::NotFound(_)) {
        return Err(err.into());
    }
    page(state, caller, Some(tab), vec![err.to_string()], err.status(), None).await
}

#[get("/settings")]
async fn show_settings(
    state: web::Data<AppState>,
    auth: Authorized<ReportingRead>,
    q: web::Query<TabQuery>,
) -> Result<HttpResponse, PageError> {
    let perms = &auth.caller.user.permissions;
    if !Action::WhitelistRead.allows(perms) && !Action::SecretRead.allows(perms) {
        // Nothing here but the email reports for this profile.
        return Ok(super::redirect("/settings/reporting"));
    }
    page(&state, &auth.caller, q.tab.as_deref(), vec![], StatusCode::OK, q.notice.as_deref()).await
}

/// The new allowlist entry.
#[derive(Deserialize)]
pub struct EntryForm {
    #[serde(default)]
    domain: String,
}

#[post("/settings/allowlist")]
async fn add_allowlist_entry(
    state: web::Data<AppState>,
    req: Guarded<Authorized<WhitelistWrite>, web::Form<EntryForm>>,
) -> Result<HttpResponse, PageError> {
    let caller = req.auth.caller.clone();
    match req.auth.allowlist_editor(&state).add(&req.body.domain).await {
        Ok(_) => Ok(redirect("/settings?tab=allowlist&notice=allowlist-added")),
        Err(e) => refuse(&state, &caller, "allowlist", e).await,
    }
}

#[post("/settings/allowlist/{id}/delete")]
async fn remove_allowlist_entry(
    state: web::Data<AppState>,
    auth: Authorized<WhitelistWrite>,
    path: web::Path<i64>,
) -> Result<HttpResponse, PageError> {
    match auth.allowlist_editor(&state).remove(path.into_inner()).await {
        Ok(()) => Ok(redirect("/settings?tab=allowlist&notice=allowlist-removed")),
        Err(e) => refuse(&state, &auth.caller, "allowlist", e).await,
    }
}

/// The new-secret form.
#[derive(Deserialize)]
pub struct SecretForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    value: String,
}

#[post("/settings/secrets")]
async fn create_secret(
    state: web::Data<AppState>,
    req: Guarded<Authorized<SecretWrite>, web::Form<SecretForm>>,
) -> Result<HttpResponse, PageError> {
    let (caller, form) = (req.auth.caller.clone(), req.body.into_inner());
    let account = state.account().cloned().ok_or(Error::NotProvisioned)?;
    match req.auth.secret_editor(&state).create(&account, &form.name, &form.kind, &form.value).await {
        Ok(()) => Ok(redirect("/settings?tab=secrets&notice=secret-saved")),
        Err(e) => refuse(&state, &caller, "secrets", e).await,
    }
}

/// The replace-value form.
#[derive(Deserialize)]
pub struct ValueForm {
    #[serde(default)]
    value: String,
}

#[post("/settings/secrets/{name}/replace")]
async fn replace_secret(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: Guarded<Authorized<SecretWrite>, web::Form<ValueForm>>,
) -> Result<HttpResponse, PageError> {
    let caller = req.auth.caller.clone();
    let account = state.account().cloned().ok_or(Error::NotProvisioned)?;
    match req.auth.secret_editor(&state).replace(&account, &path, &req.body.value).await {
        Ok(()) => Ok(redirect("/settings?tab=secrets&notice=secret-saved")),
        Err(e) => refuse(&state, &caller, "secrets", e).await,
    }
}

#[post("/settings/secrets/{name}/delete")]
async fn delete_secret(
    state: web::Data<AppState>,
    auth: Authorized<SecretWrite>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    match auth.secret_editor(&state).delete(&path).await {
        Ok(()) => Ok(redirect("/settings?tab=secrets&notice=secret-deleted")),
        Err(e) => refuse(&state, &auth.caller, "secrets", e).await,
    }
}
