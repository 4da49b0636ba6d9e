//! `GET /api/openapi.json`: the OpenAPI 3 description of the machine API, kept in
//! `static/openapi.json` beside the other embedded assets and served with this binary's
//! version. `GET /api-docs` shows it readably (Swagger UI, bundled in static/vendor).

use std::sync::LazyLock;

use actix_web::{HttpResponse, get, web};

/// The description, embedded at build time.
const SPEC: &str = include_str!("../../static/openapi.json");

/// The description as served: `info.version` is the binary's.
static SERVED: LazyLock<String> = LazyLock::new(|| match serde_json::from_str::<serde_json::Value>(SPEC) {
    Ok(mut spec) => {
        spec["info"]["version"] = serde_json::Value::from(env!("CARGO_PKG_VERSION"));
        spec.to_string()
    }
    Err(e) => {
        tracing::error!("static/openapi.json is not JSON: {e}");
        SPEC.to_owned()
    }
});

/// The API page: a page of its own (no session needed, like the JSON it shows).
const DOCS_PAGE: &str = include_str!("../../templates/api_docs.html");

/// Registers `/api/openapi.json` and `/api-docs`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(openapi_json).service(api_docs);
}

#[get("/api/openapi.json")]
async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(SERVED.as_str())
}

#[get("/api-docs")]
async fn api_docs() -> HttpResponse {
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(DOCS_PAGE)
}
