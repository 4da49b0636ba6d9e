//! Renders `crate::Error` as a readable HTML page with the request id, or as a redirect to the
//! sign-in page when the visitor is not signed in (or to setup before provisioning).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use crate::error::Error;
use crate::web::filters;

/// An error on an HTML route.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct PageError(pub Error);

impl From<Error> for PageError {
    fn from(err: Error) -> Self {
        Self(err)
    }
}

impl From<lambdabox_services::Error> for PageError {
    fn from(err: lambdabox_services::Error) -> Self {
        Self(err.into())
    }
}

/// The error page.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage<'a> {
    /// HTTP status code.
    pub status: u16,
    /// Short title for the status.
    pub title: &'a str,
    /// What happened, for the user.
    pub message: String,
    /// Request id to quote to an administrator.
    pub request_id: &'a str,
}

impl PageError {
    /// Builds the response, quoting `request_id` on the page, and logs server-side failures.
    pub fn response_with_id(&self, request_id: &str) -> HttpResponse {
        self.0.log();
        self.build(request_id)
    }

    fn build(&self, request_id: &str) -> HttpResponse {
        match &self.0 {
            Error::Unauthenticated => {
                return HttpResponse::SeeOther().insert_header((header::LOCATION, "/login")).finish();
            }
            Error::NotProvisioned => {
                return HttpResponse::SeeOther().insert_header((header::LOCATION, "/setup")).finish();
            }
            _ => {}
        }
        let status = self.0.status();
        let page = ErrorPage {
            status: status.as_u16(),
            title: status.canonical_reason().unwrap_or("Error"),
            message: self.0.to_string(),
            request_id,
        };
        let mut res = HttpResponse::build(status);
        if let Some(secs) = self.0.retry_after() {
            res.insert_header(("Retry-After", secs.to_string()));
        }
        match page.render() {
            Ok(html) => res.content_type("text/html; charset=utf-8").body(html),
            Err(_) => res.content_type("text/plain; charset=utf-8").body(page.message),
        }
    }
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        match self.0 {
            Error::Unauthenticated | Error::NotProvisioned => StatusCode::SEE_OTHER,
            _ => self.0.status(),
        }
    }

    fn error_response(&self) -> HttpResponse {
        // `web::request_log` re-renders with the request id; this is the fallback.
        self.build("-")
    }
}
