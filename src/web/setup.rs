//! First run: while no account exists every page leads here. The form creates the account and
//! its administrator (after the terms are accepted) and signs the administrator in.

use actix_web::cookie::Cookie;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::page_error::PageError;
use super::{redirect, render};
use crate::error::Error;
use crate::state::AppState;
use crate::web::filters;
use lambdabox_domain::{AccountId, Password, Username};

/// Registers `/setup`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show_setup).service(submit_setup);
}

#[derive(Template)]
#[template(path = "setup/setup.html")]
struct SetupPage {
    errors: Vec<String>,
    account_id: String,
    username: String,
}

/// The setup form's fields.
#[derive(Debug, Deserialize)]
pub struct SetupForm {
    #[serde(default)]
    account_id: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
    accept_terms: Option<String>,
}

/// A validated setup request.
pub struct Provisioning {
    /// The account id.
    pub account: AccountId,
    /// The administrator's name.
    pub admin: Username,
    /// The administrator's password.
    pub password: Password,
}

fn validate(form: SetupForm) -> Result<Provisioning, Vec<String>> {
    let mut errors = Vec::new();
    let account = AccountId::parse(&form.account_id).map_err(|e| errors.push(e)).ok();
    let admin = Username::parse(&form.username).map_err(|e| errors.push(e)).ok();
    if form.password != form.password_confirm {
        errors.push("the two passwords do not match".into());
    }
    let password = Password::parse_new(form.password).map_err(|e| errors.push(e)).ok();
    if form.accept_terms.as_deref() != Some("yes") {
        errors.push("you must accept the terms of use".into());
    }
    match (account, admin, password) {
        (Some(account), Some(admin), Some(password)) if errors.is_empty() => {
            Ok(Provisioning { account, admin, password })
        }
        _ => Err(errors),
    }
}

/// Provisions the account and administrator; shared by the UI and `lambdabox setup`.
pub async fn provision(state: &AppState, p: Provisioning) -> Result<lambdabox_domain::UserId, Error> {
    let hash = crate::auth::password::hash(p.password).await?;
    let user = state.identity().provision(&p.account, &p.admin, hash).await?;
    state.set_provisioned(p.account);
    Ok(user)
}

#[get("/setup")]
async fn show_setup(state: web::Data<AppState>) -> Result<HttpResponse, PageError> {
    if state.account().is_some() {
        return Ok(redirect("/login"));
    }
    render(&SetupPage { errors: vec![], account_id: String::new(), username: String::new() })
}

#[post("/setup")]
async fn submit_setup(state: web::Data<AppState>, form: web::Form<SetupForm>) -> Result<HttpResponse, PageError> {
    if state.account().is_some() {
        return Err(Error::Conflict("lambdabox is already set up; setup can run only once".into()).into());
    }
    let form = form.into_inner();
    let (account_id, username) = (form.account_id.clone(), form.username.clone());
    let provisioning = match validate(form) {
        Ok(p) => p,
        Err(errors) => {
            let page = SetupPage { errors, account_id, username };
            let html = page.render().map_err(Error::internal)?;
            return Ok(HttpResponse::BadRequest().content_type("text/html; charset=utf-8").body(html));
        }
    };
    let user = provision(&state, provisioning).await?;
    tracing::info!(account = %account_id, admin = %username, "account provisioned");
    let cookie: Cookie<'static> = crate::auth::session::create(state.auth(), user).await?;
    let mut res = redirect("/?notice=welcome");
    res.add_cookie(&cookie).map_err(Error::internal)?;
    Ok(res)
}
