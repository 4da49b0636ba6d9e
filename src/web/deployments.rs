//! Deployments: the deployed functions with their state and pending changes, the code review
//! before "Approve & Deploy", undeploy; the test page is in `test_page`.

mod test_page;

use actix_web::{HttpResponse, get, post, web};
use askama::Template;

use super::functions::{Row, event_name};
use super::layout::{Layout, format_time};
use super::page_error::PageError;
use super::{NoticeQuery, redirect, render};
use crate::auth::Authorized;
use crate::auth::permission::Action;
use crate::auth::permission::marker::{LambdaRead, LambdaWrite};
use crate::error::Error;
use crate::state::AppState;
use lambdabox_domain::lambda::LambdaId;
use lambdabox_services::lifecycle::Deployed;
use lambdabox_services::lifecycle::Lambda;

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_deployments)
        .service(review_deployment)
        .service(deploy_lambda)
        .service(undeploy_lambda)
        .service(test_page::show_test)
        .service(test_page::run_test);
}

fn account(state: &AppState) -> String {
    state.account().map(ToString::to_string).unwrap_or_default()
}

fn parse_id(raw: &str) -> Result<LambdaId, Error> {
    LambdaId::parse(raw).map_err(|_| Error::NotFound(format!("no function {raw}")))
}

/// A deployed function.
struct DeployedRow {
    row: Row,
    deployed_at: String,
    deployed_by: String,
    pending: bool,
}

#[derive(Template)]
#[template(path = "deployments/list.html")]
struct ListPage {
    layout: Layout,
    deployed: Vec<DeployedRow>,
    undeployed: Vec<Row>,
    can_write: bool,
}

#[get("/deployments")]
async fn list_deployments(
    state: web::Data<AppState>,
    auth: Authorized<LambdaRead>,
    q: web::Query<NoticeQuery>,
) -> Result<HttpResponse, PageError> {
    let all = auth.caller.lambdas(&state).list().await?;
    let (serving, rest): (Vec<&Lambda>, Vec<&Lambda>) = all.iter().partition(|l| l.serving.is_some());
    let deployed = serving
        .into_iter()
        .filter_map(|l| {
            let s = l.serving.as_ref()?;
            Some(DeployedRow {
                row: Row::of(l),
                deployed_at: format_time(s.created_at),
                deployed_by: s.created_by.clone(),
                pending: s.lambda_version != l.version,
            })
        })
        .collect();
    let undeployed = rest.into_iter().map(Row::of).collect();
    render(&ListPage {
        layout: Layout::new(&account(&state), &auth.caller, "deployments", q.notice.as_deref()),
        deployed,
        undeployed,
        can_write: Action::LambdaWrite.allows(&auth.caller.user.permissions),
    })
}

#[derive(Template)]
#[template(path = "deployments/review.html")]
struct ReviewPage {
    layout: Layout,
    id: String,
    name: String,
    event: String,
    version: i64,
    code: String,
    env: Vec<lambdabox_domain::lambda::EnvVar>,
    serving_version: Option<i64>,
    /// The serving deployment's code, for the diff against `code`.
    serving_code: Option<String>,
    /// Why this very version already failed to deploy (the page asks before trying again).
    failed_before: Option<String>,
}

#[get("/deployments/{id}/review")]
async fn review_deployment(
    state: web::Data<AppState>,
    auth: Authorized<LambdaWrite>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let lambda = auth.caller.lambdas(&state).get(&parse_id(&path)?).await?;
    render(&ReviewPage {
        layout: Layout::new(&account(&state), &auth.caller, "deployments", None),
        id: lambda.id.to_string(),
        name: lambda.name.clone(),
        event: event_name(lambda.event_id.as_deref()),
        version: lambda.version,
        code: lambda.code.clone(),
        env: lambda.env.clone(),
        serving_version: lambda.serving.as_ref().map(|s| s.lambda_version),
        serving_code: lambda.serving.as_ref().map(|s| s.code.clone()),
        failed_before: lambda.failure_cause().map(str::to_owned),
    })
}

#[post("/deployments/{id}")]
async fn deploy_lambda(
    state: web::Data<AppState>,
    auth: Authorized<LambdaWrite>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = parse_id(&path)?;
    match auth.lambda_editor(&state).deploy(&id).await? {
        Deployed::Serving => Ok(redirect("/deployments?notice=deployed")),
        Deployed::Failed { .. } => Ok(redirect(&format!("/functions/{id}/edit?notice=deploy-failed"))),
    }
}

#[post("/deployments/{id}/undeploy")]
async fn undeploy_lambda(
    state: web::Data<AppState>,
    auth: Authorized<LambdaWrite>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = parse_id(&path)?;
    let undeployed = auth.lambda_editor(&state).undeploy(&id).await?;
    if undeployed.paused_schedules > 0 {
        return Ok(redirect("/deployments?notice=undeployed-schedules-paused"));
    }
    Ok(redirect("/deployments?notice=undeployed"))
}
