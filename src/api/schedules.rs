//! `GET/POST schedules`, `GET/PUT/DELETE schedules/{uuid}` in LivePerson's V1 schedule shape
//! (`{lambdaUUID, cronExpression, isActive, payload}` in, plus `uuid`, `nextExecution`,
//! `lastExecution`, `didLastExecutionFail` and `createdBy` out).

use actix_web::{HttpResponse, delete, get, post, put, web};
use serde::Deserialize;
use serde_json::{Value, json};

use super::account::check_account;
use super::error_body::ApiError;
use super::lambdas::iso;
use crate::auth::permission::marker::{ScheduleRead, ScheduleWrite};
use crate::auth::{Authorized, Guarded};
use crate::error::Error;
use crate::state::AppState;
use crate::state::handles::Schedules;
use lambdabox_domain::schedule::{RunStatus, ScheduleId};
use lambdabox_services::scheduler::Schedule;
use lambdabox_services::scheduler::ScheduleInput;

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_schedules)
        .service(get_schedule)
        .service(create_schedule)
        .service(update_schedule)
        .service(delete_schedule);
}

/// A schedule in LivePerson's V1 shape (plus why lambdabox paused it, if it did).
pub fn schedule_json(scheduler: &Schedules<'_>, s: &Schedule) -> Value {
    let last = s.last_executed.as_ref();
    json!({
        "uuid": s.id.as_str(),
        "lambdaUUID": s.lambda.as_str(),
        "cronExpression": s.cron,
        "isActive": s.active,
        "nextExecution": scheduler.next_run(s).map(iso),
        "lastExecution": last.map(|r| iso(r.due_at)),
        "didLastExecutionFail": last.is_some_and(|r| r.status == RunStatus::Failed),
        "createdBy": s.created_by,
        "payload": s.payload,
        "pausedReason": s.paused_reason,
    })
}

fn parse_id(raw: &str) -> Result<ScheduleId, Error> {
    ScheduleId::parse(raw).map_err(|_| Error::NotFound(format!("There is no schedule {raw} in this account")))
}

/// Body of `POST` and `PUT schedules`; on `PUT`, missing fields keep their values.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleBody {
    #[serde(rename = "lambdaUUID")]
    lambda_uuid: Option<String>,
    cron_expression: Option<String>,
    is_active: Option<bool>,
    payload: Option<Value>,
}

#[get("/api/account/{accountId}/schedules")]
async fn list_schedules(
    state: web::Data<AppState>,
    _auth: Authorized<ScheduleRead>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let all = _auth.caller.schedules(&state).list().await.map_err(Error::from)?;
    Ok(HttpResponse::Ok()
        .json(all.iter().map(|s| schedule_json(&_auth.caller.schedules(&state), s)).collect::<Vec<_>>()))
}

#[get("/api/account/{accountId}/schedules/{uuid}")]
async fn get_schedule(
    state: web::Data<AppState>,
    _auth: Authorized<ScheduleRead>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (account, uuid) = path.into_inner();
    check_account(&state, &account)?;
    let schedule = _auth.caller.schedules(&state).get(&parse_id(&uuid)?).await.map_err(Error::from)?;
    Ok(HttpResponse::Ok().json(schedule_json(&_auth.caller.schedules(&state), &schedule)))
}

#[post("/api/account/{accountId}/schedules")]
async fn create_schedule(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: Guarded<Authorized<ScheduleWrite>, web::Json<ScheduleBody>>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let body = req.body.into_inner();
    let input = ScheduleInput {
        lambda: body.lambda_uuid.ok_or_else(|| Error::BadInput("lambdaUUID is required".into()))?,
        cron: body.cron_expression.ok_or_else(|| Error::BadInput("cronExpression is required".into()))?,
        payload: body.payload.unwrap_or_else(|| json!({})),
        active: body.is_active.unwrap_or(true),
    };
    let schedule = req.auth.schedule_editor(&state).create(input).await.map_err(Error::from)?;
    Ok(HttpResponse::Created().json(schedule_json(&req.auth.caller.schedules(&state), &schedule)))
}

#[put("/api/account/{accountId}/schedules/{uuid}")]
async fn update_schedule(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    req: Guarded<Authorized<ScheduleWrite>, web::Json<ScheduleBody>>,
) -> Result<HttpResponse, ApiError> {
    let (account, uuid) = path.into_inner();
    check_account(&state, &account)?;
    let id = parse_id(&uuid)?;
    let current = req.auth.caller.schedules(&state).get(&id).await.map_err(Error::from)?;
    let body = req.body.into_inner();
    let input = ScheduleInput {
        lambda: body.lambda_uuid.unwrap_or_else(|| current.lambda.to_string()),
        cron: body.cron_expression.unwrap_or(current.cron),
        payload: body.payload.unwrap_or(current.payload),
        active: body.is_active.unwrap_or(current.active),
    };
    let schedule = req.auth.schedule_editor(&state).update(&id, input).await.map_err(Error::from)?;
    Ok(HttpResponse::Ok().json(schedule_json(&req.auth.caller.schedules(&state), &schedule)))
}

#[delete("/api/account/{accountId}/schedules/{uuid}")]
async fn delete_schedule(
    state: web::Data<AppState>,
    auth: Authorized<ScheduleWrite>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (account, uuid) = path.into_inner();
    check_account(&state, &account)?;
    auth.schedule_editor(&state).delete(&parse_id(&uuid)?).await.map_err(Error::from)?;
    Ok(HttpResponse::NoContent().finish())
}
