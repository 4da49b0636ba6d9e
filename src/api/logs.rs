//! `logs` (search), `logs/export` (CSV in LivePerson's format) and `activity`.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use serde_json::json;

use super::account::check_account;
use super::error_body::ApiError;
use super::lambdas::iso;
use crate::auth::Authorized;
use crate::auth::permission::marker::ReportingRead;
use crate::error::Error;
use crate::state::AppState;
use lambdabox_services::logsearch::{LogQuery, MAX_EXPORT_LINES, to_csv};

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(search_logs).service(export_logs).service(list_activity);
}

fn query(pairs: &[(String, String)]) -> Result<LogQuery, Error> {
    LogQuery::from_pairs(pairs, lambdabox_domain::now_ms()).map_err(Error::BadInput)
}

fn number(pairs: &[(String, String)], key: &str, default: i64, max: i64) -> Result<i64, Error> {
    match pairs.iter().find(|(k, _)| k == key) {
        None => Ok(default),
        Some((_, v)) => v
            .parse::<i64>()
            .ok()
            .filter(|n| (0..=max).contains(n))
            .ok_or_else(|| Error::BadInput(format!("{key} must be a number from 0 to {max}"))),
    }
}

#[get("/api/account/{accountId}/logs")]
async fn search_logs(
    state: web::Data<AppState>,
    _auth: Authorized<ReportingRead>,
    path: web::Path<String>,
    q: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let filter = query(&q)?.filter();
    let limit = number(&q, "limit", 100, 1000)?;
    let offset = number(&q, "offset", 0, i64::MAX)?;
    let rows = _auth.caller.reporting(&state).search_logs(filter, limit, offset).await?;
    let body: Vec<_> = rows
        .iter()
        .map(|r| {
            json!({
                "lambdaUUID": r.lambda_uuid,
                "requestID": r.request_id,
                "level": r.level,
                "message": r.message,
                "extras": serde_json::from_str::<serde_json::Value>(&r.extras).unwrap_or(json!([])),
                "timestamp": r.at,
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(body))
}

#[get("/api/account/{accountId}/logs/export")]
async fn export_logs(
    state: web::Data<AppState>,
    _auth: Authorized<ReportingRead>,
    path: web::Path<String>,
    q: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let filter = query(&q)?.filter();
    let mut rows = _auth.caller.reporting(&state).search_logs(filter, MAX_EXPORT_LINES, 0).await?;
    rows.reverse();
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, "attachment; filename=\"lambdabox-logs.csv\""))
        .body(to_csv(&rows)))
}

#[get("/api/account/{accountId}/activity")]
async fn list_activity(
    state: web::Data<AppState>,
    _auth: Authorized<ReportingRead>,
    path: web::Path<String>,
    q: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let limit = number(&q, "limit", 100, 1000)?;
    let rows = _auth.caller.reporting(&state).recent_activity(limit).await?;
    let body: Vec<_> = rows
        .iter()
        .map(|a| json!({"at": iso(a.at), "user": a.username, "kind": a.kind, "subject": a.subject, "description": a.description}))
        .collect();
    Ok(HttpResponse::Ok().json(body))
}
