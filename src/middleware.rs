//! Cross-cutting request handling: the request id and request log, the first-run gate that
//! sends everything to setup, body-parsing errors rendered in the route's style, and 404s.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};
use tracing::Instrument;

use crate::error::Error;
use crate::respond::{is_api_path, render_for};
use crate::state::AppState;
use crate::web::page_error::PageError;

/// The request's id: taken from `X-Request-ID` when it is sane, else generated.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

const REQUEST_ID: &str = "x-request-id";

fn request_id(req: &ServiceRequest) -> String {
    req.headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty() && v.len() <= 128 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
        })
        .map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_owned)
}

/// Opens the request span, logs the outcome, returns `X-Request-ID`, and renders HTML error
/// pages with the request id.
pub async fn request_log(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let id = request_id(&req);
    req.extensions_mut().insert(RequestId(id.clone()));
    let span = tracing::info_span!("request", method = %req.method(), path = %req.path(), request_id = %id);
    let started = Instant::now();
    // Inner middleware (CSRF, setup gate) turn refusals into responses, so they get the
    // request id and the HTML page like handler errors do.
    let res = next.call(req).instrument(span.clone()).await?.map_into_boxed_body();
    let page = res.response().error().and_then(|e| e.as_error::<PageError>()).map(|e| e.response_with_id(&id));
    let mut res = match page {
        Some(html) => res.into_response(html),
        None => res,
    };
    if let Ok(value) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(HeaderName::from_static(REQUEST_ID), value);
    }
    let status = res.status().as_u16();
    span.in_scope(|| tracing::info!(status, duration_ms = started.elapsed().as_secs_f64() * 1000.0, "request"));
    Ok(res)
}

const OPEN_BEFORE_SETUP: &[&str] =
    &["/setup", "/static/", "/healthz", "/readyz", "/api/openapi.json", "/api-docs", "/favicon.ico"];

/// Before provisioning, every page leads to `/setup` and the API answers 503.
pub async fn setup_gate(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    match provisioned_or_open(&req).await {
        Ok(()) => Ok(next.call(req).await?.map_into_boxed_body()),
        Err(err) => {
            let rendered = render_for(req.request(), err);
            Ok(req.error_response(rendered))
        }
    }
}

async fn provisioned_or_open(req: &ServiceRequest) -> Result<(), Error> {
    let Some(state) = req.app_data::<web::Data<AppState>>() else {
        return Ok(());
    };
    if state.account().is_some() || OPEN_BEFORE_SETUP.iter().any(|p| req.path().starts_with(p)) {
        return Ok(());
    }
    // `lambdabox setup` may have run beside the server: look again before refusing.
    match state.identity().account().await? {
        Some(account) => {
            state.set_provisioned(account);
            Ok(())
        }
        None => Err(Error::NotProvisioned),
    }
}

/// Renders body and query parsing failures in the route's style with a clear message.
pub fn json_error(err: actix_web::error::JsonPayloadError, req: &HttpRequest) -> actix_web::Error {
    use actix_web::error::JsonPayloadError as E;
    let limit = limit_of(req);
    let error = match err {
        E::Overflow { .. } | E::OverflowKnownLength { .. } => Error::PayloadTooLarge { limit },
        E::ContentType => Error::BadInput("expected a JSON body (Content-Type: application/json)".into()),
        E::Deserialize(e) => Error::BadInput(format!("malformed JSON: {e}")),
        other => Error::BadInput(format!("could not read the JSON body: {other}")),
    };
    render_for(req, error)
}

/// Form-body counterpart of `json_error`.
pub fn form_error(err: actix_web::error::UrlencodedError, req: &HttpRequest) -> actix_web::Error {
    use actix_web::error::UrlencodedError as E;
    let error = match err {
        E::Overflow { .. } => Error::PayloadTooLarge { limit: limit_of(req) },
        E::ContentType => Error::BadInput("expected a form body (application/x-www-form-urlencoded)".into()),
        E::Parse(e) => Error::BadInput(format!("invalid form field: {e}")),
        other => Error::BadInput(format!("could not read the form: {other}")),
    };
    render_for(req, error)
}

/// Query-string counterpart of `json_error`.
pub fn query_error(err: actix_web::error::QueryPayloadError, req: &HttpRequest) -> actix_web::Error {
    render_for(req, Error::BadInput(format!("invalid query string: {err}")))
}

/// Path counterpart of `json_error` (e.g. a non-numeric id).
pub fn path_error(err: actix_web::error::PathError, req: &HttpRequest) -> actix_web::Error {
    render_for(req, Error::NotFound(format!("no such page or resource ({err})")))
}

fn limit_of(req: &HttpRequest) -> usize {
    req.app_data::<web::Data<AppState>>().map_or(0, |s| s.config.max_body_bytes)
}

/// Unknown routes: 404 in the route's style.
pub async fn not_found(req: HttpRequest) -> Result<HttpResponse, actix_web::Error> {
    let what = if is_api_path(req.path()) { "no such API route" } else { "no such page" };
    Err(render_for(&req, Error::NotFound(format!("{what}: {}", req.path()))))
}
