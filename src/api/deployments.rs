//! `POST /deployments/{uuid}` (deploy the current version) and `DELETE` (undeploy).

use actix_web::{HttpResponse, delete, post, web};
use serde_json::json;

use super::account::check_account;
use super::error_body::ApiError;
use crate::auth::Authorized;
use crate::auth::permission::marker::LambdaWrite;
use crate::error::Error;
use crate::state::AppState;
use lambdabox_domain::lambda::LambdaId;
use lambdabox_services::lifecycle::Deployed;

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(deploy_lambda).service(undeploy_lambda);
}

fn parse(state: &AppState, account: &str, uuid: &str) -> Result<LambdaId, Error> {
    check_account(state, account)?;
    LambdaId::parse(uuid).map_err(|_| Error::LambdaMissing(format!("There is no lambda {uuid} in this account")))
}

#[post("/api/account/{accountId}/deployments/{uuid}")]
async fn deploy_lambda(
    state: web::Data<AppState>,
    auth: Authorized<LambdaWrite>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (account, uuid) = path.into_inner();
    let id = parse(&state, &account, &uuid)?;
    match auth.lambda_editor(&state).deploy(&id).await? {
        Deployed::Serving => Ok(HttpResponse::Ok().json(json!({"message": "Lambda deployed", "state": "Productive"}))),
        Deployed::Failed { cause, line } => Ok(HttpResponse::UnprocessableEntity().json(json!({
            "errorCode": "com.liveperson.faas.fm.contract-error",
            "errorMsg": format!("deployment failed: {cause}"),
            "errorLine": line,
            "state": "Build Error",
        }))),
    }
}

#[delete("/api/account/{accountId}/deployments/{uuid}")]
async fn undeploy_lambda(
    state: web::Data<AppState>,
    auth: Authorized<LambdaWrite>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (account, uuid) = path.into_inner();
    let id = parse(&state, &account, &uuid)?;
    let undeployed = auth.lambda_editor(&state).undeploy(&id).await?;
    let paused = undeployed.paused_schedules;
    let message = match paused {
        0 => "Lambda undeployed".to_owned(),
        n => format!("Lambda undeployed; its {n} active schedule(s) were paused"),
    };
    Ok(HttpResponse::Ok().json(json!({"message": message, "state": "Draft", "pausedSchedules": paused})))
}
