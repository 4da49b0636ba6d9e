//! Users and profiles for automation (FaaS-Admin only): `users` and `profiles` under
//! `/api/account/{accountId}/`, with the same rules as the Users page (a user cannot disable,
//! delete or demote themselves; the last active FaaS-Admin stays; the built-in Administrator
//! profile cannot change; a profile in use cannot be deleted).

use actix_web::{HttpResponse, delete, get, post, put, web};
use serde::Deserialize;
use serde_json::{Value, json};

use super::account::check_account;
use super::error_body::ApiError;
use super::lambdas::iso;
use crate::auth::permission::marker::UsersManage;
use crate::auth::{Authorized, Guarded};
use crate::error::Error;
use crate::state::AppState;
use lambdabox_domain::{Password, Permission, ProfileId, UserId, Username};
use lambdabox_services::accounts::{Profile, User};

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_users)
        .service(create_user)
        .service(update_user)
        .service(delete_user)
        .service(list_profiles)
        .service(create_profile)
        .service(update_profile)
        .service(delete_profile);
}

fn user_json(user: &User) -> Value {
    json!({
        "id": user.id.0,
        "username": user.username,
        "profileId": user.profile_id.0,
        "profile": user.profile_name,
        "permissions": user.permissions.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
        "disabled": user.disabled,
        "createdAt": iso(user.created_at),
    })
}

fn profile_json(profile: &Profile) -> Value {
    json!({
        "id": profile.id.0,
        "name": profile.name,
        "builtIn": profile.builtin,
        "permissions": profile.permissions.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
        "users": profile.user_count,
        "ssoGroups": profile.sso_groups,
    })
}

/// The `{accountId}/…/{id}` of a route, the account checked: the id, or 404 naming `what`.
fn account_and_id(state: &AppState, path: web::Path<(String, String)>, what: &str) -> Result<i64, Error> {
    let (account, id) = path.into_inner();
    check_account(state, &account)?;
    id.parse().map_err(|_| Error::NotFound(format!("no such {what}")))
}

async fn user_by_id(state: &AppState, auth: &Authorized<UsersManage>, id: UserId) -> Result<User, Error> {
    let (users, _) = auth.user_admin(state).users_and_profiles().await?;
    users.into_iter().find(|u| u.id == id).ok_or_else(|| Error::NotFound("no such user".into()))
}

async fn profile_by_id(state: &AppState, auth: &Authorized<UsersManage>, id: ProfileId) -> Result<Profile, Error> {
    let (_, profiles) = auth.user_admin(state).users_and_profiles().await?;
    profiles.into_iter().find(|p| p.id == id).ok_or_else(|| Error::NotFound("no such profile".into()))
}

async fn password_hash(raw: String) -> Result<String, Error> {
    let password = Password::parse_new(raw).map_err(Error::BadInput)?;
    crate::auth::password::hash(password).await
}

fn permissions_of(names: &[String]) -> Result<Vec<Permission>, Error> {
    names
        .iter()
        .map(|name| Permission::parse(name).ok_or_else(|| Error::BadInput(format!("unknown permission '{name}'"))))
        .collect()
}

#[get("/api/account/{accountId}/users")]
async fn list_users(
    auth: Authorized<UsersManage>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let (users, _) = auth.user_admin(&state).users_and_profiles().await.map_err(Error::from)?;
    Ok(HttpResponse::Ok().json(users.iter().map(user_json).collect::<Vec<_>>()))
}

/// `{username, password, profileId}`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewUser {
    username: String,
    password: String,
    profile_id: i64,
}

#[post("/api/account/{accountId}/users")]
async fn create_user(
    req: Guarded<Authorized<UsersManage>, web::Json<NewUser>>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let (auth, body) = (req.auth, req.body.into_inner());
    let name = Username::parse(&body.username).map_err(Error::BadInput)?;
    let hash = password_hash(body.password).await?;
    let id = auth.user_admin(&state).create_user(name, hash, ProfileId(body.profile_id)).await.map_err(Error::from)?;
    Ok(HttpResponse::Created().json(user_json(&user_by_id(&state, &auth, id).await?)))
}

/// Any of `{profileId, disabled, password}`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserChange {
    profile_id: Option<i64>,
    disabled: Option<bool>,
    password: Option<String>,
}

#[put("/api/account/{accountId}/users/{id}")]
async fn update_user(
    req: Guarded<Authorized<UsersManage>, web::Json<UserChange>>,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let target = UserId(account_and_id(&state, path, "user")?);
    let (auth, change) = (req.auth, req.body.into_inner());
    user_by_id(&state, &auth, target).await?;
    // Checked before anything changes, so a refused password leaves the rest as it was.
    let hash = match change.password {
        Some(raw) => Some(password_hash(raw).await?),
        None => None,
    };
    let admin = auth.user_admin(&state);
    if let Some(profile) = change.profile_id {
        admin.change_profile(target, ProfileId(profile)).await.map_err(Error::from)?;
    }
    if let Some(disabled) = change.disabled {
        admin.set_disabled(target, disabled).await.map_err(Error::from)?;
    }
    if let Some(hash) = hash {
        admin.reset_password(target, hash).await.map_err(Error::from)?;
    }
    Ok(HttpResponse::Ok().json(user_json(&user_by_id(&state, &auth, target).await?)))
}

#[delete("/api/account/{accountId}/users/{id}")]
async fn delete_user(
    auth: Authorized<UsersManage>,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let target = UserId(account_and_id(&state, path, "user")?);
    auth.user_admin(&state).delete_user(target).await.map_err(Error::from)?;
    Ok(HttpResponse::NoContent().finish())
}

#[get("/api/account/{accountId}/profiles")]
async fn list_profiles(
    auth: Authorized<UsersManage>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let (_, profiles) = auth.user_admin(&state).users_and_profiles().await.map_err(Error::from)?;
    Ok(HttpResponse::Ok().json(profiles.iter().map(profile_json).collect::<Vec<_>>()))
}

/// `{name, permissions: ["FaaS-Admin" | "FaaS-Developer" | "FaaS-Invocation", ...],
/// ssoGroups?: [...]}` (without `ssoGroups` the groups stay as they are).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileBody {
    name: String,
    permissions: Vec<String>,
    #[serde(default)]
    sso_groups: Option<Vec<String>>,
}

#[post("/api/account/{accountId}/profiles")]
async fn create_profile(
    req: Guarded<Authorized<UsersManage>, web::Json<ProfileBody>>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let (auth, body) = (req.auth, req.body.into_inner());
    let permissions = permissions_of(&body.permissions)?;
    let groups = body.sso_groups.unwrap_or_default();
    let id = auth.user_admin(&state).create_profile(&body.name, permissions, groups).await.map_err(Error::from)?;
    Ok(HttpResponse::Created().json(profile_json(&profile_by_id(&state, &auth, id).await?)))
}

#[put("/api/account/{accountId}/profiles/{id}")]
async fn update_profile(
    req: Guarded<Authorized<UsersManage>, web::Json<ProfileBody>>,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let id = ProfileId(account_and_id(&state, path, "profile")?);
    let (auth, body) = (req.auth, req.body.into_inner());
    let permissions = permissions_of(&body.permissions)?;
    auth.user_admin(&state).update_profile(id, &body.name, permissions, body.sso_groups).await.map_err(Error::from)?;
    Ok(HttpResponse::Ok().json(profile_json(&profile_by_id(&state, &auth, id).await?)))
}

#[delete("/api/account/{accountId}/profiles/{id}")]
async fn delete_profile(
    auth: Authorized<UsersManage>,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let id = ProfileId(account_and_id(&state, path, "profile")?);
    auth.user_admin(&state).delete_profile(id).await.map_err(Error::from)?;
    Ok(HttpResponse::NoContent().finish())
}
