//! The crate `Error` and THE table of error codes: each code's HTTP status and the
//! LivePerson-style `errorCode` string clients match. Nothing else decides a status.
//! `api::error_body` renders errors as JSON, `web::page_error` as HTML pages.

use std::time::Duration;

use actix_web::http::StatusCode;

use lambdabox_domain::Permission;

/// Everything that can go wrong while serving a request.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request is malformed or a field is invalid; the message says which and why.
    #[error("{0}")]
    BadInput(String),
    /// No valid session or bearer token.
    #[error("sign-in required")]
    Unauthenticated,
    /// Signed in, but the profile lacks the permission named.
    #[error("this action requires the {} permission", either(allowed))]
    Forbidden {
        /// The permissions that would allow the action (any one of them).
        allowed: &'static [Permission],
    },
    /// The request failed the CSRF check (missing or wrong token, or a foreign origin).
    #[error("the form has expired or did not come from this site; reload the page and try again")]
    Csrf,
    /// No such thing (route, user, lambda, ...).
    #[error("{0}")]
    NotFound(String),
    /// The change conflicts with the current state (duplicate name, stale version, ...).
    #[error("{0}")]
    Conflict(String),
    /// The body exceeds the configured limit.
    #[error("the request body is larger than the limit of {limit} bytes")]
    PayloadTooLarge {
        /// The configured limit in bytes.
        limit: usize,
    },
    /// Slow down: too many attempts or the invoker is busy.
    #[error("{message}")]
    TooManyRequests {
        /// What is limited and when to retry.
        message: String,
        /// Sent as `Retry-After`.
        retry_after: Duration,
    },
    /// No lambda with that id.
    #[error("{0}")]
    LambdaMissing(String),
    /// The lambda exists but is not deployed.
    #[error("{0}")]
    NotDeployed(String),
    /// The lambda ran and failed; answered with HTTP 901 as LivePerson does.
    #[error("{message}")]
    LambdaFailed {
        /// LivePerson handler code (`com.liveperson.faas.handler.*`).
        code: &'static str,
        /// error.message or the callback's value.
        message: String,
        /// The invocation's console entries.
        logs: Vec<lambdabox_domain::outcome::LogEntry>,
    },
    /// lambdabox could not finish running the lambda (its worker process was lost); answered
    /// 500, with the reason and the logs the lambda wrote before.
    #[error("{message}")]
    PlatformFailure {
        /// What happened to the worker.
        message: String,
        /// The invocation's console entries up to then.
        logs: Vec<lambdabox_domain::outcome::LogEntry>,
    },
    /// The appliance has no account yet: run the setup first.
    #[error("lambdabox is not set up yet: open the web UI or run `lambdabox setup`")]
    NotProvisioned,
    /// A bug or an environment failure; details are logged, never shown.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
    /// The database cannot be reached now; the client (or a load balancer) may retry.
    #[error("the database is not reachable; try again shortly")]
    Unavailable(String),
}

/// Stable identity of an error, for the code table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    BadInput,
    Unauthenticated,
    Forbidden,
    Csrf,
    NotFound,
    Conflict,
    PayloadTooLarge,
    TooManyRequests,
    LambdaMissing,
    NotDeployed,
    LambdaFailed,
    PlatformFailure,
    NotProvisioned,
    Unavailable,
    Internal,
}

/// THE table: code → HTTP status → `errorCode` string in JSON bodies.
pub const ERROR_CODES: &[(ErrorCode, u16, &str)] = &[
    (ErrorCode::BadInput, 400, "com.liveperson.faas.es.badinput"),
    (ErrorCode::Unauthenticated, 401, "com.liveperson.faas.unauthorized"),
    (ErrorCode::Forbidden, 403, "com.liveperson.faas.forbidden"),
    (ErrorCode::Csrf, 403, "com.liveperson.faas.csrf"),
    (ErrorCode::NotFound, 404, "com.liveperson.faas.notfound"),
    (ErrorCode::Conflict, 409, "com.liveperson.faas.conflict"),
    (ErrorCode::PayloadTooLarge, 413, "com.liveperson.faas.es.payload-too-large"),
    (ErrorCode::TooManyRequests, 429, "com.liveperson.faas.too-many-requests"),
    (ErrorCode::LambdaMissing, 404, "com.liveperson.faas.es.missinglambda"),
    (ErrorCode::NotDeployed, 404, "com.liveperson.faas.es.notdeployed"),
    (ErrorCode::LambdaFailed, 901, "com.liveperson.faas.handler.custom-failure"),
    (ErrorCode::PlatformFailure, 500, "com.liveperson.faas.es.general"),
    (ErrorCode::NotProvisioned, 503, "com.liveperson.faas.not-provisioned"),
    (ErrorCode::Unavailable, 503, "com.liveperson.faas.unavailable"),
    (ErrorCode::Internal, 500, "com.liveperson.faas.internal"),
];

impl Error {
    /// Wraps any failure that is not the caller's fault.
    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        Self::Internal(err.into())
    }

    /// An internal failure described by a message.
    pub fn internal_msg(message: String) -> Self {
        Self::Internal(anyhow::anyhow!(message))
    }

    /// The error's code in the table.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::BadInput(_) => ErrorCode::BadInput,
            Self::Unauthenticated => ErrorCode::Unauthenticated,
            Self::Forbidden { .. } => ErrorCode::Forbidden,
            Self::Csrf => ErrorCode::Csrf,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::Conflict(_) => ErrorCode::Conflict,
            Self::PayloadTooLarge { .. } => ErrorCode::PayloadTooLarge,
            Self::TooManyRequests { .. } => ErrorCode::TooManyRequests,
            Self::LambdaMissing(_) => ErrorCode::LambdaMissing,
            Self::NotDeployed(_) => ErrorCode::NotDeployed,
            Self::LambdaFailed { .. } => ErrorCode::LambdaFailed,
            Self::PlatformFailure { .. } => ErrorCode::PlatformFailure,
            Self::NotProvisioned => ErrorCode::NotProvisioned,
            Self::Unavailable(_) => ErrorCode::Unavailable,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }

    /// HTTP status from the table.
    pub fn status(&self) -> StatusCode {
        let code = self.code();
        ERROR_CODES
            .iter()
            .find(|(c, _, _)| *c == code)
            .and_then(|(_, status, _)| StatusCode::from_u16(*status).ok())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The `errorCode` string from the table (a lambda failure carries its own).
    pub fn error_code(&self) -> &'static str {
        if let Self::LambdaFailed { code, .. } = self {
            return code;
        }
        let code = self.code();
        ERROR_CODES.iter().find(|(c, _, _)| *c == code).map_or("com.liveperson.faas.internal", |(_, _, s)| s)
    }

    /// Seconds for a `Retry-After` header, where one applies.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            Self::TooManyRequests { retry_after, .. } => Some(retry_after.as_secs().max(1)),
            Self::Unavailable(_) => Some(1),
            _ => None,
        }
    }

    /// Logs the full cause chain of server-side failures once, at the boundary.
    pub fn log(&self) {
        match self {
            Self::Internal(err) => tracing::error!(error = ?err, "request failed"),
            Self::Unavailable(cause) => {
                tracing::error!(error = %cause, "request failed: the database is not reachable")
            }
            _ => {}
        }
    }
}

impl From<lambdabox_services::invoke::InvokeError> for Error {
    fn from(err: lambdabox_services::invoke::InvokeError) -> Self {
        use lambdabox_services::invoke::InvokeError as E;
        match err {
            E::Missing(_) => Self::LambdaMissing(err.to_string()),
            E::NotDeployed(..) => Self::NotDeployed(err.to_string()),
            E::Busy | E::TooManyInFlight(_) | E::MemoryBudget(_) => {
                Self::TooManyRequests { message: err.to_string(), retry_after: Duration::from_secs(1) }
            }
            E::Store(err) => lambdabox_services::Error::from(err).into(),
            other => Self::internal(other),
        }
    }
}

impl From<lambdabox_services::scheduler::ScheduleError> for Error {
    fn from(err: lambdabox_services::scheduler::ScheduleError) -> Self {
        use lambdabox_services::scheduler::ScheduleError as E;
        match err {
            E::Invalid(msg) => Self::BadInput(msg),
            E::NotFound(msg) => Self::NotFound(msg),
            E::LimitReached(msg) => Self::Conflict(msg),
            E::Store(err) => lambdabox_services::Error::from(err).into(),
        }
    }
}

impl From<lambdabox_services::Error> for Error {
    fn from(err: lambdabox_services::Error) -> Self {
        use lambdabox_services::Error as E;
        match err {
            E::BadInput(msg) => Self::BadInput(msg),
            E::NotFound(msg) => Self::NotFound(msg),
            E::Conflict(msg) => Self::Conflict(msg),
            E::Unavailable(cause) => Self::Unavailable(cause),
            E::Internal(err) => Self::Internal(err),
        }
    }
}

impl From<lambdabox_services::reports::ReportError> for Error {
    fn from(err: lambdabox_services::reports::ReportError) -> Self {
        lambdabox_services::Error::from(err).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_exactly_one_row() {
        let all = [
            ErrorCode::BadInput,
            ErrorCode::Unauthenticated,
            ErrorCode::Forbidden,
            ErrorCode::Csrf,
            ErrorCode::NotFound,
            ErrorCode::Conflict,
            ErrorCode::PayloadTooLarge,
            ErrorCode::TooManyRequests,
            ErrorCode::LambdaMissing,
            ErrorCode::NotDeployed,
            ErrorCode::LambdaFailed,
            ErrorCode::PlatformFailure,
            ErrorCode::NotProvisioned,
            ErrorCode::Unavailable,
            ErrorCode::Internal,
        ];
        for code in all {
            assert_eq!(ERROR_CODES.iter().filter(|(c, _, _)| *c == code).count(), 1, "{code:?}");
        }
        assert_eq!(ERROR_CODES.len(), all.len());
    }
}

#[cfg(test)]
mod status_tests {
    use super::*;

    #[test]
    fn lambda_failures_are_901() {
        let e = Error::LambdaFailed { code: "x", message: "m".into(), logs: vec![] };
        assert_eq!(e.status().as_u16(), 901);
    }
}

/// "A", "A or B", "A, B or C".
fn either(permissions: &[Permission]) -> String {
    match permissions {
        [] => Permission::FaasAdmin.to_string(),
        [one] => one.to_string(),
        [rest @ .., last] => {
            format!("{} or {last}", rest.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))
        }
    }
}
