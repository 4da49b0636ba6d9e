//! The LivePerson V1 invocation API used by external systems with a FaaS-Invocation token:
//! `lambdas/{uuid}/invoke`, `events/{eventId}/invoke` and `events/{eventId}/isImplemented`.

use actix_web::{HttpMessage, HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;
use serde_json::{Value, json};

use super::account::check_account;
use super::error_body::ApiError;
use crate::auth::permission::marker::LambdaInvoke;
use crate::auth::{Authorized, Guarded};
use crate::error::Error;
use crate::middleware::RequestId;
use crate::state::AppState;
use lambdabox_domain::events;
use lambdabox_domain::input;
use lambdabox_domain::lambda::LambdaId;
use lambdabox_domain::outcome::{FailureCode, RunOutcome};
use lambdabox_services::invoke::{Chain, InvokeRequest, Source};

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(invoke_lambda).service(invoke_event).service(is_implemented);
}

/// The query every invocation carries.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvokeQuery {
    v: Option<String>,
    external_system: Option<String>,
    skill_id: Option<String>,
}

impl InvokeQuery {
    fn check(&self) -> Result<(), Error> {
        match self.v.as_deref() {
            None | Some("1") => Ok(()),
            Some(other) => Err(Error::BadInput(format!("unsupported API version v={other}; use v=1"))),
        }
    }
}

/// The invocation input from a request body, LivePerson's defaults filled in (see
/// `lambdabox_domain::input`).
pub fn parse_input(body: Value) -> Result<Value, Error> {
    input::parse(body).map_err(Error::BadInput)
}

fn request_id(req: &HttpRequest) -> String {
    req.extensions().get::<RequestId>().map_or_else(|| uuid::Uuid::new_v4().to_string(), |r| r.0.clone())
}

fn failure(result: RunOutcome, logs: Vec<lambdabox_domain::outcome::LogEntry>) -> Result<Value, Error> {
    match result {
        RunOutcome::Ok(value) => Ok(value),
        RunOutcome::Failure { code: FailureCode::PlatformFailure, message } => {
            Err(Error::PlatformFailure { message, logs })
        }
        RunOutcome::Failure { code, message } => Err(Error::LambdaFailed { code: code.as_str(), message, logs }),
    }
}

#[post("/api/account/{accountId}/lambdas/{uuid}/invoke")]
async fn invoke_lambda(
    http: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<InvokeQuery>,
    req: Guarded<Authorized<LambdaInvoke>, web::Json<Value>>,
) -> Result<HttpResponse, ApiError> {
    let (account, uuid) = path.into_inner();
    check_account(&state, &account)?;
    query.check()?;
    let lambda = LambdaId::parse(&uuid)
        .map_err(|_| Error::LambdaMissing(format!("There is no lambda {uuid} in this account")))?;
    let invoking = req.auth.invoking(&state);
    let input = parse_input(req.body.into_inner())?;
    let account = state.account().cloned().ok_or(Error::NotProvisioned)?;
    let invocation = invoking
        .invoke(InvokeRequest {
            account,
            lambda,
            input,
            source: Source::Api,
            request_id: request_id(&http),
            external_system: query.into_inner().external_system,
            chain: Chain::default(),
        })
        .await
        .map_err(Error::from)?;
    let value = failure(invocation.result, invocation.logs)?;
    Ok(HttpResponse::Ok().json(value))
}

#[post("/api/account/{accountId}/events/{eventId}/invoke")]
async fn invoke_event(
    http: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<InvokeQuery>,
    req: Guarded<Authorized<LambdaInvoke>, web::Json<Value>>,
) -> Result<HttpResponse, ApiError> {
    let (account, event_id) = path.into_inner();
    check_account(&state, &account)?;
    query.check()?;
    events::event(&event_id).ok_or_else(|| Error::BadInput(format!("unknown event '{event_id}'")))?;
    let input = parse_input(req.body.into_inner())?;
    let account = state.account().cloned().ok_or(Error::NotProvisioned)?;
    let invoking = req.auth.invoking(&state);
    let query = query.into_inner();
    let serving = invoking.serving_for_event(&event_id, query.skill_id.as_deref()).await?;
    let request_id = request_id(&http);
    let external_system = query.external_system;
    let mut results = Vec::with_capacity(serving.len());
    // Like LivePerson, every productive lambda of the event (or, with a skillId, those of the
    // skill, else the default one) runs in turn; a failure ends the chain.
    for deployment in serving {
        let invocation = invoking
            .invoke(InvokeRequest {
                account: account.clone(),
                lambda: deployment.lambda.clone(),
                input: input.clone(),
                source: Source::Event,
                request_id: request_id.clone(),
                external_system: external_system.clone(),
                chain: Chain::default(),
            })
            .await
            .map_err(Error::from)?;
        let result = failure(invocation.result, invocation.logs)?;
        results.push(
            json!({"uuid": deployment.lambda.as_str(), "timestamp": lambdabox_domain::now_ms(), "result": result}),
        );
    }
    Ok(HttpResponse::Ok().json(results))
}

#[get("/api/account/{accountId}/events/{eventId}/isImplemented")]
async fn is_implemented(
    state: web::Data<AppState>,
    _auth: Authorized<LambdaInvoke>,
    path: web::Path<(String, String)>,
    query: web::Query<InvokeQuery>,
) -> Result<HttpResponse, ApiError> {
    let (account, event_id) = path.into_inner();
    check_account(&state, &account)?;
    query.check()?;
    events::event(&event_id).ok_or_else(|| Error::BadInput(format!("unknown event '{event_id}'")))?;
    let serving = _auth.invoking(&state).serving_for_event(&event_id, query.skill_id.as_deref()).await?;
    Ok(HttpResponse::Ok().json(json!({"implemented": !serving.is_empty()})))
}
