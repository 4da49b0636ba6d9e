//! `GET events` (the catalogue) and the reports: `lambdaCounts`, `invocationCounts`.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use serde_json::{Value, json};

use super::account::check_account;
use super::error_body::ApiError;
use crate::auth::Authorized;
use crate::auth::permission::marker::{LambdaRead, ReportingRead};
use crate::error::Error;
use crate::state::AppState;
use lambdabox_domain::events::{EVENTS, templates_for};

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_events).service(get_lambda_counts).service(get_invocation_counts);
}

#[get("/api/account/{accountId}/events")]
async fn list_events(
    state: web::Data<AppState>,
    _auth: Authorized<LambdaRead>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let list: Vec<Value> = EVENTS
        .iter()
        .map(|e| {
            json!({
                "eventId": e.id,
                "eventName": e.name,
                "description": e.description,
                "lambdaLimit": e.lambda_limit,
                "samplePayload": serde_json::from_str::<Value>(e.sample_payload).unwrap_or(Value::Null),
                "templates": templates_for(e).iter().map(|t| json!({"id": t.id, "name": t.name, "description": t.description})).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(list))
}

#[get("/api/account/{accountId}/reports/lambdaCounts")]
async fn get_lambda_counts(
    state: web::Data<AppState>,
    _auth: Authorized<ReportingRead>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let (total, deployed) = _auth.caller.lambdas(&state).count().await?;
    Ok(HttpResponse::Ok().json(json!({"accountId": path.into_inner(), "total": total, "deployed": deployed})))
}

/// Time range of a report, epoch milliseconds.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RangeQuery {
    start_timestamp: i64,
    end_timestamp: i64,
}

#[get("/api/account/{accountId}/reports/invocationCounts")]
async fn get_invocation_counts(
    state: web::Data<AppState>,
    _auth: Authorized<ReportingRead>,
    path: web::Path<String>,
    query: web::Query<RangeQuery>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let RangeQuery { start_timestamp: from, end_timestamp: to } = query.into_inner();
    if from > to {
        return Err(Error::BadInput("startTimestamp must not be after endTimestamp".into()).into());
    }
    let counts = _auth.caller.reporting(&state).outcome_counts(from, to).await?;
    Ok(HttpResponse::Ok().json(json!({
        "accountId": path.into_inner(),
        "successfulInvocations": counts.succeeded,
        "unsuccessfulInvocations": counts.failed(),
    })))
}
