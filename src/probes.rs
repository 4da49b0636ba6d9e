//! Operational endpoints for probes: `/healthz` (the process is up) and `/readyz` (the store
//! answers).

use actix_web::{HttpResponse, get, web};
use serde_json::json;

use crate::state::AppState;

/// Registers the probe routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(healthz).service(readyz);
}

#[get("/healthz")]
async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({"status": "ok"}))
}

#[get("/readyz")]
async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let hooks = state.hooks();
    let database = hooks.database_engine();
    match hooks.ping().await {
        Ok(()) => HttpResponse::Ok().json(json!({
            "status": "ready",
            "provisioned": state.account().is_some(),
            "database": {"engine": database, "reachable": true},
        })),
        Err(err) => {
            tracing::error!(error = %err, "readiness check failed");
            HttpResponse::ServiceUnavailable().json(json!({
                "status": "unavailable",
                "reason": "store not reachable",
                "database": {"engine": database, "reachable": false},
            }))
        }
    }
}
