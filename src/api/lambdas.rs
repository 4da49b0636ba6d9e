//! `GET/POST lambdas`, `GET/PUT/DELETE lambdas/{uuid}` in LivePerson's V1 lambda shape.

use actix_web::{HttpResponse, delete, get, post, put, routes, web};
use serde::Deserialize;
use serde_json::{Value, json};

use super::account::{RUNTIME_UUID, check_account};
use super::error_body::ApiError;
use crate::auth::permission::marker::{LambdaRead, LambdaWrite};
use crate::auth::{Authorized, Guarded};
use crate::error::Error;
use crate::state::AppState;
use lambdabox_domain::events;
use lambdabox_domain::lambda::{EnvVar, LambdaId, LambdaState};
use lambdabox_services::lifecycle::{CreateLambda, SaveLambda, Saved};
use lambdabox_services::lifecycle::{Deployment, Lambda};

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_lambdas).service(get_lambda).service(create_lambda).service(update_lambda).service(delete_lambda);
}

/// RFC 3339 time of Unix milliseconds.
pub fn iso(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

fn deployment_json(d: &Deployment) -> Value {
    let error = d.error.as_ref().map(|msg| {
        json!({
            "errorCode": "com.liveperson.faas.fm.contract-error",
            "errorMsg": msg,
            "errorLine": d.error_line,
        })
    });
    json!({
        "uuid": d.id.to_string(),
        "lambdaUUID": d.lambda.as_str(),
        "lambdaVersion": d.lambda_version,
        "deploymentState": d.state,
        "deploymentError": error,
        "createdAt": iso(d.created_at),
        "deployedAt": (d.state == "Succeeded").then(|| iso(d.created_at)),
        "createdBy": d.created_by,
    })
}

/// A lambda in LivePerson's V1 shape.
pub fn lambda_json(l: &Lambda) -> Value {
    json!({
        "uuid": l.id.as_str(),
        "version": l.version,
        "name": l.name,
        "description": l.description,
        "eventId": l.event_id,
        "skills": l.skills,
        "samplePayload": l.sample_input,
        "state": l.state().as_str(),
        "runtime": {"uuid": RUNTIME_UUID, "name": "QuickJS (lambdabox)", "baseImageName": "lambdabox-quickjs"},
        "createdAt": iso(l.created_at),
        "createdBy": l.created_by,
        "updatedAt": iso(l.updated_at),
        "updatedBy": l.updated_by,
        "lastDeployment": l.last_attempt.as_ref().map(deployment_json),
        "servingDeployment": l.serving.as_ref().map(deployment_json),
        "implementation": {"code": l.code, "dependencies": [], "environmentVariables": l.env},
    })
}

/// LivePerson's clients name "no event" by its display name too.
fn event_id(raw: String) -> String {
    if raw == events::NO_EVENT_NAME { events::NO_EVENT.to_owned() } else { raw }
}

fn parse_id(raw: &str) -> Result<LambdaId, Error> {
    LambdaId::parse(raw).map_err(|_| Error::LambdaMissing(format!("There is no lambda {raw} in this account")))
}

// LivePerson's Node client asks for `lambdas/` with empty filters (`?eventId=&state=`).
#[routes]
#[get("/api/account/{accountId}/lambdas")]
#[get("/api/account/{accountId}/lambdas/")]
async fn list_lambdas(
    state: web::Data<AppState>,
    _auth: Authorized<LambdaRead>,
    path: web::Path<String>,
    query: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let mut states = Vec::new();
    let (mut event, mut name) = (None, None);
    // An empty value filters nothing, as on LivePerson Functions.
    for (key, value) in query.into_inner().into_iter().filter(|(_, value)| !value.is_empty()) {
        match key.as_str() {
            "state" => states
                .push(LambdaState::parse(&value).ok_or_else(|| Error::BadInput(format!("unknown state '{value}'")))?),
            "eventId" => event = Some(event_id(value)),
            "name" => name = Some(value.to_lowercase()),
            _ => {}
        }
    }
    let all = _auth.caller.lambdas(&state).list().await?;
    let list: Vec<Value> = all
        .iter()
        .filter(|l| states.is_empty() || states.contains(&l.state()))
        .filter(|l| event.as_ref().is_none_or(|e| l.event_id.as_deref().unwrap_or("no_event") == e))
        .filter(|l| name.as_ref().is_none_or(|n| l.name.to_lowercase().contains(n)))
        .map(lambda_json)
        .collect();
    Ok(HttpResponse::Ok().json(list))
}

#[get("/api/account/{accountId}/lambdas/{uuid}")]
async fn get_lambda(
    state: web::Data<AppState>,
    _auth: Authorized<LambdaRead>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (account, uuid) = path.into_inner();
    check_account(&state, &account)?;
    let lambda = _auth.caller.lambdas(&state).get(&parse_id(&uuid)?).await.map_err(missing)?;
    // LivePerson answers a one-element array here.
    Ok(HttpResponse::Ok().json([lambda_json(&lambda)]))
}

fn missing(err: impl Into<Error>) -> Error {
    match err.into() {
        Error::NotFound(msg) => Error::LambdaMissing(msg),
        other => other,
    }
}

/// The code and environment of a lambda body.
#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Implementation {
    code: Option<String>,
    #[serde(default)]
    environment_variables: Vec<EnvVar>,
}

/// Body of `POST` and `PUT lambdas`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LambdaBody {
    name: String,
    #[serde(default)]
    description: String,
    event_id: Option<String>,
    template_id: Option<String>,
    #[serde(default)]
    implementation: Implementation,
    sample_payload: Option<Value>,
    version: Option<i64>,
    /// Skill ids, as strings or numbers.
    skills: Option<Vec<Value>>,
}

/// Skill ids from the body: LivePerson's clients send them as strings or numbers.
fn skill_ids(raw: Option<Vec<Value>>) -> Result<Option<Vec<String>>, Error> {
    let Some(raw) = raw else { return Ok(None) };
    raw.into_iter()
        .map(|v| match v {
            Value::String(s) => Ok(s),
            Value::Number(n) => Ok(n.to_string()),
            other => Err(Error::BadInput(format!("skills must be skill ids (strings or numbers), not {other}"))),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

#[post("/api/account/{accountId}/lambdas")]
async fn create_lambda(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: Guarded<Authorized<LambdaWrite>, web::Json<LambdaBody>>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let body = req.body.into_inner();
    let create = CreateLambda {
        name: body.name,
        description: body.description,
        event_id: body.event_id.map(event_id),
        template_id: body.template_id,
        code: body.implementation.code,
        env: body.implementation.environment_variables,
        sample_input: body.sample_payload,
        skills: skill_ids(body.skills)?.unwrap_or_default(),
    };
    let lambda = req.auth.lambda_editor(&state).create(create).await?;
    Ok(HttpResponse::Created().json(lambda_json(&lambda)))
}

#[put("/api/account/{accountId}/lambdas/{uuid}")]
async fn update_lambda(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    req: Guarded<Authorized<LambdaWrite>, web::Json<LambdaBody>>,
) -> Result<HttpResponse, ApiError> {
    let (account, uuid) = path.into_inner();
    check_account(&state, &account)?;
    let id = parse_id(&uuid)?;
    let body = req.body.into_inner();
    let current = req.auth.caller.lambdas(&state).get(&id).await.map_err(missing)?;
    let version = body.version.ok_or_else(|| Error::BadInput("version is required (the version you edited)".into()))?;
    let save = SaveLambda {
        version,
        name: body.name,
        description: body.description,
        code: body.implementation.code.unwrap_or(current.code),
        env: body.implementation.environment_variables,
        sample_input: body.sample_payload.unwrap_or(current.sample_input),
        skills: skill_ids(body.skills)?,
    };
    match req.auth.lambda_editor(&state).save(&id, save).await? {
        Saved::Unchanged => Ok(HttpResponse::NotModified().finish()),
        Saved::Version(_, warning) => {
            let lambda = req.auth.caller.lambdas(&state).get(&id).await?;
            let mut body = lambda_json(&lambda);
            body["warnings"] = json!(warning.into_iter().collect::<Vec<_>>());
            Ok(HttpResponse::Accepted().json(body))
        }
    }
}

#[delete("/api/account/{accountId}/lambdas/{uuid}")]
async fn delete_lambda(
    state: web::Data<AppState>,
    auth: Authorized<LambdaWrite>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (account, uuid) = path.into_inner();
    check_account(&state, &account)?;
    let id = parse_id(&uuid)?;
    auth.lambda_editor(&state).remove(&id).await.map_err(missing)?;
    Ok(HttpResponse::NoContent().finish())
}
