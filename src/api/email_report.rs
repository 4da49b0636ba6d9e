//! `email-report`: the account's report settings (SMTP, frequency), recipients and last send
//! status; `PUT` (FaaS-Admin), recipients (FaaS-Admin or FaaS-Developer), a test email
//! (FaaS-Admin). The SMTP password is write-only: answers say only whether one is stored.

use actix_web::{HttpResponse, delete, get, post, put, web};
use serde::Deserialize;
use serde_json::{Value, json};

use super::account::check_account;
use super::error_body::ApiError;
use super::lambdas::iso;
use crate::auth::permission::marker::{EmailReportRecipientsWrite, EmailReportSettingsWrite, ReportingRead};
use crate::auth::{Authorized, Guarded};
use crate::error::Error;
use crate::state::AppState;
use crate::state::handles::Reporting;
use lambdabox_services::reports::Overview;
use lambdabox_services::reports::settings::{MAX_RECIPIENTS, RawSettings};

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(get_email_report)
        .service(update_email_report)
        .service(add_recipient)
        .service(remove_recipient)
        .service(send_test_email);
}

/// The report document of `GET` (and the answer to changes).
pub fn overview_json(o: &Overview) -> Value {
    let s = o.settings.as_ref();
    let last = o.last.as_ref().map(|p| {
        json!({
            "period": p.key,
            "from": iso(p.start),
            "to": iso(p.end),
            "status": p.status.as_str(),
            "attempts": p.attempts,
            "lastAttemptAt": iso(p.last_attempt_at),
            "nextAttemptAt": p.next_attempt_at.map(iso),
            "error": p.last_error,
            "sentAt": p.sent_at.map(iso),
        })
    });
    json!({
        "host": s.map(|s| &s.host),
        "port": s.map(|s| s.port),
        "security": s.map(|s| s.security.as_str()),
        "username": s.map(|s| &s.username),
        "passwordSet": s.is_some_and(|s| s.password_sealed.is_some()),
        "from": s.map(|s| &s.from),
        "frequency": s.map_or("none", |s| s.frequency.as_str()),
        "recipients": o.recipients,
        "maxRecipients": MAX_RECIPIENTS,
        "lastSend": last,
        "updatedAt": s.map(|s| iso(s.updated_at)),
        "updatedBy": s.map(|s| &s.updated_by),
    })
}

async fn current(reporting: Reporting<'_>) -> Result<HttpResponse, ApiError> {
    let overview = reporting.email_report().await.map_err(Error::from)?;
    Ok(HttpResponse::Ok().json(overview_json(&overview)))
}

#[get("/api/account/{accountId}/email-report")]
async fn get_email_report(
    state: web::Data<AppState>,
    auth: Authorized<ReportingRead>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    current(auth.caller.reporting(&state)).await
}

/// Body of `PUT email-report`. `password` omitted (or empty) keeps the stored one; an empty
/// `username` turns authentication off and drops the password.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SettingsBody {
    #[serde(default)]
    host: String,
    port: Option<i64>,
    #[serde(default)]
    security: String,
    #[serde(default)]
    username: String,
    password: Option<String>,
    #[serde(default)]
    from: String,
    #[serde(default)]
    frequency: String,
}

#[put("/api/account/{accountId}/email-report")]
async fn update_email_report(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: Guarded<Authorized<EmailReportSettingsWrite>, web::Json<SettingsBody>>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let b = req.body.into_inner();
    let raw = RawSettings {
        host: b.host,
        port: b.port,
        security: b.security,
        username: b.username,
        password: b.password,
        from: b.from,
        frequency: b.frequency,
    };
    let valid = raw.validate().map_err(Error::BadInput)?;
    req.auth.report_settings(&state).save(valid).await.map_err(Error::from)?;
    current(req.auth.caller.reporting(&state)).await
}

/// Body of `POST email-report/recipients`.
#[derive(Debug, Deserialize)]
pub struct RecipientBody {
    #[serde(default)]
    email: String,
}

#[post("/api/account/{accountId}/email-report/recipients")]
async fn add_recipient(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: Guarded<Authorized<EmailReportRecipientsWrite>, web::Json<RecipientBody>>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let email = req.auth.recipients(&state).add(&req.body.email).await.map_err(Error::from)?;
    Ok(HttpResponse::Created().json(json!({"email": email})))
}

#[delete("/api/account/{accountId}/email-report/recipients/{email}")]
async fn remove_recipient(
    state: web::Data<AppState>,
    _auth: Authorized<EmailReportRecipientsWrite>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (account, email) = path.into_inner();
    check_account(&state, &account)?;
    _auth.recipients(&state).remove(&email).await.map_err(Error::from)?;
    Ok(HttpResponse::NoContent().finish())
}

/// Optional body of `POST email-report/test`: send to `to` instead of the recipients.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TestBody {
    to: Option<String>,
}

#[post("/api/account/{accountId}/email-report/test")]
async fn send_test_email(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: Guarded<Authorized<EmailReportSettingsWrite>, web::Bytes>,
) -> Result<HttpResponse, ApiError> {
    check_account(&state, &path)?;
    let body: TestBody = if req.body.iter().all(u8::is_ascii_whitespace) {
        TestBody::default()
    } else {
        serde_json::from_slice(&req.body).map_err(|e| Error::BadInput(format!("malformed JSON: {e}")))?
    };
    let result = req.auth.report_settings(&state).send_test(body.to.as_deref()).await.map_err(Error::from)?;
    // The request worked either way: the answer reports what the SMTP server said.
    Ok(HttpResponse::Ok().json(match result {
        Ok(answer) => json!({"sent": true, "response": answer}),
        Err(error) => json!({"sent": false, "error": error}),
    }))
}
