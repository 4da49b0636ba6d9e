//! Renders `crate::Error` as the JSON body LivePerson clients expect:
//! `{"errorCode": "...", "errorMsg": "..."}`, with `Retry-After` where it applies.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::error::Error;

/// An error on a JSON route.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct ApiError(pub Error);

impl From<Error> for ApiError {
    fn from(err: Error) -> Self {
        Self(err)
    }
}

impl From<lambdabox_services::Error> for ApiError {
    fn from(err: lambdabox_services::Error) -> Self {
        Self(err.into())
    }
}

/// The JSON error body.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody<'a> {
    /// Stable code from the error table.
    pub error_code: &'static str,
    /// Human-readable explanation.
    pub error_msg: String,
    /// Console entries of a failed lambda.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_logs: Option<&'a [lambdabox_domain::outcome::LogEntry]>,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.0.status()
    }

    fn error_response(&self) -> HttpResponse {
        self.0.log();
        let mut res = HttpResponse::build(self.status_code());
        if let Some(secs) = self.0.retry_after() {
            res.insert_header(("Retry-After", secs.to_string()));
        }
        if matches!(self.0, Error::Unauthenticated) {
            res.insert_header(("WWW-Authenticate", "Bearer"));
        }
        let error_logs = match &self.0 {
            Error::LambdaFailed { logs, .. } | Error::PlatformFailure { logs, .. } => Some(logs.as_slice()),
            _ => None,
        };
        res.json(ErrorBody { error_code: self.0.error_code(), error_msg: self.0.to_string(), error_logs })
    }
}
