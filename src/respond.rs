//! Errors rendered in the style of the route they happened on: the JSON body LivePerson's
//! clients expect under `/api` and `/oauth` (`api::error_body`), an HTML page elsewhere
//! (`web::page_error`). Extractors and middleware that run before any handler use it.

use actix_web::HttpRequest;

use crate::error::Error;

/// Converts an error into the response style of the route: JSON under `/api` and `/oauth`,
/// an HTML page (or a redirect to sign-in) elsewhere.
pub fn render_for(req: &HttpRequest, err: Error) -> actix_web::Error {
    if is_api_path(req.path()) {
        crate::api::error_body::ApiError(err).into()
    } else {
        crate::web::page_error::PageError(err).into()
    }
}

/// Whether a path belongs to the machine API.
pub fn is_api_path(path: &str) -> bool {
    path.starts_with("/api/") || path.starts_with("/oauth/")
}
