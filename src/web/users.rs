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
use lambdabox_domain::{Password, Permission, ProfileId, UserId, Username};
use lambdabox_store::{StoreError, activity, profiles, users};

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
}

#[derive(Template)]
#[template(path = "users/users.html")]
struct UsersPage {
    layout: Layout,
    errors: Vec<String>,
    users: Vec<UserRow>,
    profiles: Vec<ProfileRow>,
    all_permissions: [Permission; 3],
}

async fn page(
    state: &AppState,
    auth: &Authorized<UsersManage>,
    errors: Vec<String>,
    status: StatusCode,
    notice: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let (user_list, profile_list) =
        state.store.read(|conn| Ok((users::list_users(conn)?, profiles::list_profiles(conn)?))).await?;
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
            })
            .collect(),
        all_permissions: Permission::ALL,
    };
    let html = page.render().map_err(Error::internal)?;
    Ok(HttpResponse::build(status).content_type("text/html; charset=utf-8").body(html))
}

/// Turns a rule violation into the page with the message; other errors propagate.
async fn refuse(state: &AppState, auth: &Authorized<UsersManage>, err: Error) -> Result<HttpResponse, PageError> {
    match err {
        Error::BadInput(msg) => page(state, auth, vec![msg], StatusCode::BAD_REQUEST, None).await,
        Error::Conflict(msg) => page(state, auth, vec![msg], StatusCode::CONFLICT, None).await,
        Error::NotFound(msg) => page(state, auth, vec![msg], StatusCode::NOT_FOUND, None).await,
        other => Err(other.into()),
    }
}

/// Records a user-management change in the activity stream.
async fn note(
    state: &AppState,
    auth: &Authorized<UsersManage>,
    kind: &'static str,
    subject: &str,
    description: String,
) -> Result<(), Error> {
    // Users changed: cached bearer tokens must be checked again.
    state.token_cache.invalidate();
    Ok(activity::record(&state.store, &auth.caller.user.username, kind, subject, description).await?)
}

fn store_err(err: StoreError) -> Error {
    match err {
        StoreError::Conflict(msg) => Error::Conflict(msg),
        other => other.into(),
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
    let form_name = form.username.trim().to_owned();
    let result = async {
        let name = Username::parse(&form.username).map_err(Error::BadInput)?;
        let password = Password::parse_new(form.password).map_err(Error::BadInput)?;
        let profile = ProfileId(form.profile_id);
        let hash = crate::auth::password::hash(password).await?;
        state
            .store
            .write(move |tx| {
                if profiles::get_profile(tx, profile)?.is_none() {
                    return Err(StoreError::Conflict("that profile does not exist".into()));
                }
                users::insert_user(tx, &name, &hash, profile)
            })
            .await
            .map_err(store_err)
    }
    .await;
    match result {
        Ok(_) => {
            let name = form_name.clone();
            note(&state, &auth, "user.created", &name, format!("Created user {name}")).await?;
            Ok(redirect("/users?notice=user-created"))
        }
        Err(e) => refuse(&state, &auth, e).await,
    }
}

/// Checks that changing `target` keeps at least one other active FaaS-Admin, and that callers
/// do not lock themselves out.
async fn guard_admin_change(
    state: &AppState,
    auth: &Authorized<UsersManage>,
    target: UserId,
    what: &str,
) -> Result<(), Error> {
    if target == auth.caller.user.id {
        return Err(Error::Conflict(format!("you cannot {what} yourself")));
    }
    let (user, others) = state
        .store
        .read(move |conn| Ok((users::get_user(conn, target)?, users::count_active_admins(conn, Some(target))?)))
        .await?;
    let Some(user) = user else {
        return Err(Error::NotFound("no such user".into()));
    };
    if user.permissions.contains(&Permission::FaasAdmin) && !user.disabled && others == 0 {
        return Err(Error::Conflict(format!("cannot {what} the last active user with FaaS-Admin")));
    }
    Ok(())
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
    let target = UserId(path.into_inner());
    let profile = ProfileId(req.body.profile_id);
    let result = async {
        let new_profile = state
            .store
            .read(move |c| profiles::get_profile(c, profile))
            .await?
            .ok_or_else(|| Error::BadInput("that profile does not exist".into()))?;
        if !new_profile.permissions.contains(&Permission::FaasAdmin) {
            guard_admin_change(&state, &auth, target, "remove FaaS-Admin from").await?;
        }
        let changed = state.store.write(move |tx| users::update_user_profile(tx, target, profile)).await?;
        if changed { Ok(()) } else { Err(Error::NotFound("no such user".into())) }
    }
    .await;
    match result {
        Ok(()) => {
            note(
                &state,
                &auth,
                "user.updated",
                &target.0.to_string(),
                format!("Changed the profile of user #{}", target.0),
            )
            .await?;
            Ok(redirect("/users?notice=user-updated"))
        }
        Err(e) => refuse(&state, &auth, e).await,
    }
}

async fn set_disabled(
    state: &AppState,
    auth: &Authorized<UsersManage>,
    target: UserId,
    disabled: bool,
) -> Result<HttpResponse, PageError> {
    let result = async {
        if disabled {
            guard_admin_change(state, auth, target, "disable").await?;
        }
        let changed = state.store.write(move |tx| users::update_user_disabled(tx, target, disabled)).await?;
        if changed { Ok(()) } else { Err(Error::NotFound("no such user".into())) }
    }
    .await;
    match result {
        Ok(()) => {
            let what = if disabled { "Disabled" } else { "Enabled" };
            note(state, auth, "user.updated", &target.0.to_string(), format!("{what} user #{}", target.0)).await?;
            Ok(redirect("/users?notice=user-updated"))
        }
        Err(e) => refuse(state, auth, e).await,
    }
}

#[post("/users/{id}/disable")]
async fn disable_user(
    state: web::Data<AppState>,
    auth: Authorized<UsersManage>,
    path: web::Path<i64>,
) -> Result<HttpResponse, PageError> {
    set_disabled(&state, &auth, UserId(path.into_inner()), true).await
}

#[post("/users/{id}/enable")]
async fn enable_user(
    state: web::Data<AppState>,
    auth: Authorized<UsersManage>,
    path: web::Path<i64>,
) -> Result<HttpResponse, PageError> {
    set_disabled(&state, &auth, UserId(path.into_inner()), false).await
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
        let changed = state.store.write(move |tx| users::update_user_password(tx, target, &hash)).await?;
        if changed { Ok(()) } else { Err(Error::NotFound("no such user".into())) }
    }
    .await;
    match result {
        Ok(()) => {
            note(
                &state,
                &auth,
                "user.updated",
                &target.0.to_string(),
                format!("Reset the password of user #{}", target.0),
            )
            .await?;
            Ok(redirect("/users?notice=password-reset"))
        }
        Err(e) => refuse(&state, &auth, e).await,
    }
}

#[post("/users/{id}/delete")]
async fn delete_user(
    state: web::Data<AppState>,
    auth: Authorized<UsersManage>,
    path: web::Path<i64>,
) -> Result<HttpResponse, PageError> {
    let target = UserId(path.into_inner());
    let result = async {
        guard_admin_change(&state, &auth, target, "delete").await?;
        state.store.write(move |tx| users::delete_user(tx, target)).await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => {
            note(&state, &auth, "user.deleted", &target.0.to_string(), format!("Deleted user #{}", target.0)).await?;
            Ok(redirect("/users?notice=user-deleted"))
        }
        Err(e) => refuse(&state, &auth, e).await,
    }
}

#[post("/profiles")]
async fn create_profile(
    state: web::Data<AppState>,
    req: Guarded<Authorized<UsersManage>, web::Form<Vec<(String, String)>>>,
) -> Result<HttpResponse, PageError> {
    let (auth, fields) = (req.auth, req.body.into_inner());
    let result = async {
        let name = fields.iter().find(|(k, _)| k == "name").map(|(_, v)| v.trim().to_owned()).unwrap_or_default();
        if name.is_empty() || name.chars().count() > 50 {
            return Err(Error::BadInput("profile name is required and must be at most 50 characters".into()));
        }
        let mut perms = Vec::new();
        if !fields.iter().any(|(k, _)| k == "permission") {
            return Err(Error::BadInput("choose at least one permission for the profile".into()));
        }
        for (_, value) in fields.iter().filter(|(k, _)| k == "permission") {
            perms.push(
                Permission::parse(value).ok_or_else(|| Error::BadInput(format!("unknown permission '{value}'")))?,
            );
        }
        state.store.write(move |tx| profiles::insert_profile(tx, &name, &perms)).await.map_err(store_err)
    }
    .await;
    match result {
        Ok(_) => {
            note(&state, &auth, "user.profile_created", "", "Created a profile".to_owned()).await?;
            Ok(redirect("/users?notice=profile-created"))
        }
        Err(e) => refuse(&state, &auth, e).await,
    }
}

#[post("/profiles/{id}/delete")]
async fn delete_profile(
    state: web::Data<AppState>,
    auth: Authorized<UsersManage>,
    path: web::Path<i64>,
) -> Result<HttpResponse, PageError> {
    let id = ProfileId(path.into_inner());
    let result = state.store.write(move |tx| profiles::delete_profile(tx, id)).await.map_err(store_err);
    match result {
        Ok(true) => Ok(redirect("/users?notice=profile-deleted")),
        Ok(false) => refuse(&state, &auth, Error::NotFound("no such profile".into())).await,
        Err(e) => refuse(&state, &auth, e).await,
    }
}
