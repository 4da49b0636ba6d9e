//! Users and profiles (FaaS-Admin only): create, disable, delete users, reset passwords,
//! assign profiles, and manage custom profiles. Nobody can lock the account out: the last
//! active FaaS-Admin cannot be disabled, deleted or demoted, and users cannot do so to themselves.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::layout::{Layout, format_time};
use super::page_error::PageError;
use super::{NoticeQuery, redirect};
use crate::auth::permission::marker::UsersManage;
use crate::auth::{Authorized, Guarded};
use crate::error::Error;
use crate::state::AppState;
use crate::web::filters;
use lambdabox_domain::{Password, Permission, ProfileId, UserId, Username};

/// Registers `/users` and `/profiles`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_users)
        .service(create_user)
        .service(update_user_profile)
        .service(disable_user)
        .service(enable_user)
        .service(reset_password)
        .service(delete_user)
        .service(create_profile)
        .service(set_sso_groups)
        .service(update_profile)
        .service(delete_profile);
}

struct UserRow {
    id: i64,
    username: String,
    profile_id: i64,
    disabled: bool,
    created: String,
    is_self: bool,
}

struct ProfileRow {
    id: i64,
    name: String,
    builtin: bool,
    permissions: Vec<Permission>,
    user_count: i64,
    sso_groups: String,
}

#[derive(Template)]
#[template(path = "users/users.html")]
struct UsersPage {
    layout: Layout,
    errors: Vec<String>,
    users: Vec<UserRow>,
    profiles: Vec<ProfileRow>,
    all_permissions: [Permission; 3],
    /// Single sign-on is configured: profiles show their SSO groups.
    sso: bool,
    /// `--oidc-group-profiles`, as given.
    sso_command_line: Vec<(String, String)>,
}

async fn page(
    state: &AppState,
    auth: &Authorized<UsersManage>,
    errors: Vec<String>,
    status: StatusCode,
    notice: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let (user_list, profile_list) = auth.user_admin(state).users_and_profiles().await?;
    let me = auth.caller.user.id;
    let account = state.account().map(ToString::to_string).unwrap_or_default();
    let page = UsersPage {
        layout: Layout::new(&account, &auth.caller, "users", notice),
        errors,
        users: user_list
            .into_iter()
            .map(|u| UserRow {
                id: u.id.0,
                is_self: u.id == me,
                username: u.username,
                profile_id: u.profile_id.0,
                disabled: u.disabled,
                created: format_time(u.created_at),
            })
            .collect(),
        profiles: profile_list
            .into_iter()
            .map(|p| ProfileRow {
                id: p.id.0,
                name: p.name,
                builtin: p.builtin,
                permissions: p.permissions,
                user_count: p.user_count,
                sso_groups: p.sso_groups.join(", "),
            })
            .collect(),
        all_permissions: Permission::ALL,
        sso: state.auth().sso.is_some(),
        sso_command_line: state.auth().sso.as_ref().map(|s| s.group_profiles.clone()).unwrap_or_default(),
    };
    let html = page.render().map_err(Error::internal)?;
    Ok(HttpResponse::build(status).content_type("text/html; charset=utf-8").body(html))
}

/// Turns a rule violation into the page with the message; other errors propagate.
async fn refuse(
    state: &AppState,
    auth: &Authorized<UsersManage>,
    err: impl Into<Error>,
) -> Result<HttpResponse, PageError> {
    let err = err.into();
    if !matches!(err, Error::BadInput(_) | Error::Conflict(_) | Error::NotFound(_)) {
        return Err(err.into());
    }
    page(state, auth, vec![err.to_string()], err.status(), None).await
}

/// The page after a change: a redirect with a notice, or the page with what was refused.
async fn answer(
    state: &AppState,
    auth: &Authorized<UsersManage>,
    result: Result<(), Error>,
    notice: &str,
) -> Result<HttpResponse, PageError> {
    match result {
        Ok(()) => Ok(redirect(&format!("/users?notice={notice}"))),
        Err(e) => refuse(state, auth, e).await,
    }
}

#[get("/users")]
async fn list_users(
    state: web::Data<AppState>,
    auth: Authorized<UsersManage>,
    q: web::Query<NoticeQuery>,
) -> Result<HttpResponse, PageError> {
    page(&state, &auth, vec![], StatusCode::OK, q.notice.as_deref()).await
}

/// The new-user form.
#[derive(Deserialize)]
pub struct NewUserForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    profile_id: i64,
}

#[post("/users")]
async fn create_user(
    state: web::Data<AppState>,
    req: Guarded<Authorized<UsersManage>, web::Form<NewUserForm>>,
) -> Result<HttpResponse, PageError> {
    let (auth, form) = (req.auth, req.body.into_inner());
    let result = async {
        let name = Username::parse(&form.username).map_err(Error::BadInput)?;
        let password = Password::parse_new(form.password).map_err(Error::BadInput)?;
        let hash = crate::auth::password::hash(password).await?;
        auth.user_admin(&state).create_user(name, hash, ProfileId(form.profile_id)).await?;
        Ok(())
    }
    .await;
    answer(&state, &auth, result, "user-created").await
}

/// The profile assignment form.
#[derive(Deserialize)]
pub struct ProfileForm {
    profile_id: i64,
}

#[post("/users/{id}/profile")]
async fn update_user_profile(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    req: Guarded<Authorized<UsersManage>, web::Form<ProfileForm>>,
) -> Result<HttpResponse, PageError> {
    let auth = req.auth;
    let (target, profile) = (UserId(path.into_inner()), ProfileId(req.body.profile_id));
    let result = auth.user_admin(&state).change_profile(target, profile).await.map_err(Error::from);
    answer(&state, &auth, result, "user-updated").await
}

#[post("/users/{id}/disable")]
async fn disable_user(
    state: web::Data<AppState>,
    auth: Authorized<UsersManage>,
    path: web::Path<i64>,
) -> Result<HttpResponse, PageError> {
    let result = auth.user_admin(&state).set_disabled(UserId(path.into_inner()), true).await;
    answer(&state, &auth, result.map_err(Error::from), "user-updated").await
}

#[post("/users/{id}/enable")]
async fn enable_user(
    state: web::Data<AppState>,
    auth: Authorized<UsersManage>,
    path: web::Path<i64>,
) -> Result<HttpResponse, PageError> {
    let result = auth.user_admin(&state).set_disabled(UserId(path.into_inner()), false).await;
    answer(&state, &auth, result.map_err(Error::from), "user-updated").await
}

/// The password reset form.
#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
}

#[post("/users/{id}/password")]
async fn reset_password(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    req: Guarded<Authorized<UsersManage>, web::Form<PasswordForm>>,
) -> Result<HttpResponse, PageError> {
    let (auth, form) = (req.auth, req.body.into_inner());
    let target = UserId(path.into_inner());
    let result = async {
        let password = Password::parse_new(form.password).map_err(Error::BadInput)?;
        let hash = crate::auth::password::hash(password).await?;
        Ok(auth.user_admin(&state).reset_password(target, hash).await?)
    }
    .await;
    answer(&state, &auth, result, "password-reset").await
}

#[post("/users/{id}/delete")]
async fn delete_user(
    state: web::Data<AppState>,
    auth: Authorized<UsersManage>,
    path: web::Path<i64>,
) -> Result<HttpResponse, PageError> {
    let result = auth.user_admin(&state).delete_user(UserId(path.into_inner())).await;
    answer(&state, &auth, result.map_err(Error::from), "user-deleted").await
}

#[post("/profiles")]
async fn create_profile(
    state: web::Data<AppState>,
    req: Guarded<Authorized<UsersManage>, web::Form<Vec<(String, String)>>>,
) -> Result<HttpResponse, PageError> {
    let (auth, fields) = (req.auth, req.body.into_inner());
    let result = async {
        let name = fields.iter().find(|(k, _)| k == "name").map(|(_, v)| v.as_str()).unwrap_or_default();
        let perms = permissions_of(&fields)?;
        let groups = fields.iter().find(|(k, _)| k == "sso_groups").map(|(_, v)| split_groups(v)).unwrap_or_default();
        auth.user_admin(&state).create_profile(name, perms, groups).await?;
        Ok(())
    }
    .await;
    answer(&state, &auth, result, "profile-created").await
}

#[post("/profiles/{id}")]
async fn update_profile(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    req: Guarded<Authorized<UsersManage>, web::Form<Vec<(String, String)>>>,
) -> Result<HttpResponse, PageError> {
    let (auth, fields) = (req.auth, req.body.into_inner());
    let id = ProfileId(path.into_inner());
    let result = async {
        let name = fields.iter().find(|(k, _)| k == "name").map(|(_, v)| v.as_str()).unwrap_or_default();
        let perms = permissions_of(&fields)?;
        let groups = fields.iter().find(|(k, _)| k == "sso_groups").map(|(_, v)| split_groups(v));
        auth.user_admin(&state).update_profile(id, name, perms, groups).await?;
        Ok(())
    }
    .await;
    answer(&state, &auth, result, "profile-updated").await
}

/// The permission checkboxes of a profile form.
fn permissions_of(fields: &[(String, String)]) -> Result<Vec<Permission>, Error> {
    fields
        .iter()
        .filter(|(k, _)| k == "permission")
        .map(|(_, value)| {
            Permission::parse(value).ok_or_else(|| Error::BadInput(format!("unknown permission '{value}'")))
        })
        .collect()
}

/// Groups typed into a form: separated by commas or new lines.
fn split_groups(text: &str) -> Vec<String> {
    text.split([',', '\n']).map(str::trim).filter(|g| !g.is_empty()).map(str::to_owned).collect()
}

/// The SSO groups form of a profile.
#[derive(Deserialize)]
struct SsoGroupsForm {
    #[serde(default)]
    sso_groups: String,
}

#[post("/profiles/{id}/sso-groups")]
async fn set_sso_groups(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    req: Guarded<Authorized<UsersManage>, web::Form<SsoGroupsForm>>,
) -> Result<HttpResponse, PageError> {
    let (auth, form) = (req.auth, req.body.into_inner());
    let groups = split_groups(&form.sso_groups);
    let result = auth.user_admin(&state).set_sso_groups(ProfileId(path.into_inner()), groups).await;
    answer(&state, &auth, result.map_err(Error::from), "sso-groups-saved").await
}

#[post("/profiles/{id}/delete")]
async fn delete_profile(
    state: web::Data<AppState>,
    auth: Authorized<UsersManage>,
    path: web::Path<i64>,
) -> Result<HttpResponse, PageError> {
    let result = auth.user_admin(&state).delete_profile(ProfileId(path.into_inner())).await;
    answer(&state, &auth, result.map_err(Error::from), "profile-deleted").await
}
