//! `GET /api/openapi.json`: the OpenAPI 3 description of the machine API, kept in
//! `static/openapi.json` beside the other embedded assets.

use actix_web::{HttpResponse, get, web};

/// The description, embedded at build time.
const SPEC: &str = include_str!("../../static/openapi.json");

/// Registers `/api/openapi.json`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(openapi_json);
}

#[get("/api/openapi.json")]
async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(SPEC)
}
