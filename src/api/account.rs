//! Account-level read routes of the management API: `runtimes` and `reports/limitCounts`.
//! Every route under `/api/account/{accountId}/` answers 404 for an account id that is not
//! this appliance's.

use actix_web::{HttpResponse, get, web};
use serde_json::json;

use super::error_body::ApiError;
use crate::auth::Authorized;
use crate::auth::permission::marker::{LambdaRead, ReportingRead};
use crate::error::Error;
use crate::state::AppState;
use lambdabox_domain::lambda::MAX_LAMBDAS;

/// The one runtime lambdabox offers, in LivePerson's `{uuid, name, baseImageName}` shape.
pub const RUNTIME_UUID: &str = "6c5b5a1e-4d2c-4f8e-9a51-0c4f1f3b2a10";

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_runtimes).service(get_limit_counts);
}

/// Refuses account ids other than this appliance's.
pub fn check_account(state: &AppState, account_id: &str) -> Result<(), Error> {
    match state.account() {
        Some(account) if account.as_str() == account_id => Ok(()),
        _ => Err(Error::NotFound(format!("unknown account '{account_id}'"))),
    }
}

#[get("/api/account/{accountId}/runtimes")]
async fn list_runtimes(
    state: web::Data<AppState>,
    _auth: Authorized<LambdaRead>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    Ok(HttpResponse::Ok().json(json!([{
        "uuid": RUNTIME_UUID,
        "name": "QuickJS (lambdabox)",
        "baseImageName": "lambdabox-quickjs"
    }])))
}

#[get("/api/account/{accountId}/reports/limitCounts")]
async fn get_limit_counts(
    state: web::Data<AppState>,
    _auth: Authorized<ReportingRead>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    Ok(HttpResponse::Ok().json(json!({
        "limitTotalLambdas": MAX_LAMBDAS,
        "limitDeployedLambdas": MAX_LAMBDAS,
        "invocationLimitPerMonth": null
    })))
}
