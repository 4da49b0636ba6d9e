//! Settings › Reporting: the email report's SMTP settings and frequency (FaaS-Admin), its
//! recipients (FaaS-Admin, FaaS-Developer), the last send status and a test email button.
//! The stored SMTP password is never sent back to the browser, only shown as set.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::layout::{Layout, format_time};
use super::page_error::PageError;
use super::{NoticeQuery, redirect};
use crate::auth::permission::Action;
use crate::auth::permission::marker::{EmailReportRecipientsWrite, EmailReportSettingsWrite, ReportingRead};
use crate::auth::{Authorized, Caller, Guarded};
use crate::error::Error;
use crate::state::AppState;
use crate::web::filters;
use lambdabox_domain::report::{Frequency, SmtpSecurity};
use lambdabox_services::reports::PeriodRow;
use lambdabox_services::reports::settings::{MAX_RECIPIENTS, RawSettings};

/// Registers `/settings/reporting` and its form targets.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(show_reporting)
        .service(update_reporting)
        .service(add_recipient)
        .service(remove_recipient)
        .service(send_test_email);
}

/// The settings form as shown (saved values, or what was entered when it was refused).
#[derive(Debug, Default)]
pub struct SettingsForm {
    host: String,
    port: String,
    security: String,
    username: String,
    from: String,
    frequency: String,
}

struct LastSend {
    period: String,
    status: &'static str,
    attempts: i64,
    last_attempt: String,
    next_attempt: Option<String>,
    error: Option<String>,
}

impl LastSend {
    fn of(p: &PeriodRow) -> Self {
        Self {
            period: p.key.clone(),
            status: p.status.as_str(),
            attempts: p.attempts,
            last_attempt: format_time(p.last_attempt_at),
            next_attempt: p.next_attempt_at.map(format_time),
            error: p.last_error.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "settings/reporting.html")]
struct ReportingPage {
    layout: Layout,
    errors: Vec<String>,
    can_edit_settings: bool,
    can_edit_recipients: bool,
    form: SettingsForm,
    password_set: bool,
    configured: bool,
    securities: [SmtpSecurity; 3],
    frequencies: [Frequency; 3],
    recipients: Vec<String>,
    max_recipients: usize,
    last: Option<LastSend>,
    test_result: Option<Result<String, String>>,
    /// The Settings tabs.
    can_read_allowlist: bool,
    can_read_secrets: bool,
    tab: &'static str,
}

/// What to show besides the saved state.
#[derive(Default)]
struct Extra {
    errors: Vec<String>,
    form: Option<SettingsForm>,
    test_result: Option<Result<String, String>>,
    notice: Option<String>,
}

async fn page(state: &AppState, caller: &Caller, extra: Extra, status: StatusCode) -> Result<HttpResponse, PageError> {
    let overview = caller.reporting(state).email_report().await.map_err(Error::from)?;
    let saved = overview.settings.as_ref();
    let form = extra.form.unwrap_or_else(|| match saved {
        Some(s) => SettingsForm {
            host: s.host.clone(),
            port: s.port.to_string(),
            security: s.security.as_str().to_owned(),
            username: s.username.clone(),
            from: s.from.clone(),
            frequency: s.frequency.as_str().to_owned(),
        },
        None => SettingsForm {
            port: "587".into(),
            security: SmtpSecurity::StartTls.as_str().into(),
            frequency: Frequency::None.as_str().into(),
            ..SettingsForm::default()
        },
    });
    let perms = &caller.user.permissions;
    let account = state.account().map(ToString::to_string).unwrap_or_default();
    let page = ReportingPage {
        layout: Layout::new(&account, caller, "settings", extra.notice.as_deref()),
        errors: extra.errors,
        can_edit_settings: Action::EmailReportSettingsWrite.allows(perms),
        can_edit_recipients: Action::EmailReportRecipientsWrite.allows(perms),
        form,
        password_set: saved.is_some_and(|s| s.password_sealed.is_some()),
        configured: saved.is_some(),
        securities: SmtpSecurity::ALL,
        frequencies: Frequency::ALL,
        recipients: overview.recipients,
        max_recipients: MAX_RECIPIENTS,
        last: overview.last.as_ref().map(LastSend::of),
        test_result: extra.test_result,
        can_read_allowlist: Action::WhitelistRead.allows(perms),
        can_read_secrets: Action::SecretRead.allows(perms),
        tab: "reporting",
    };
    let html = page.render().map_err(Error::internal)?;
    Ok(HttpResponse::build(status).content_type("text/html; charset=utf-8").body(html))
}

/// Shows a refused change on the page; other errors propagate.
async fn refuse(
    state: &AppState,
    caller: &Caller,
    err: Error,
    form: Option<SettingsForm>,
) -> Result<HttpResponse, PageError> {
    if !matches!(err, Error::BadInput(_) | Error::Conflict(_) | Error::NotFound(_)) {
        return Err(err.into());
    }
    let status = err.status();
    page(state, caller, Extra { errors: vec![err.to_string()], form, ..Extra::default() }, status).await
}

#[get("/settings/reporting")]
async fn show_reporting(
    state: web::Data<AppState>,
    auth: Authorized<ReportingRead>,
    q: web::Query<NoticeQuery>,
) -> Result<HttpResponse, PageError> {
    let extra = Extra { notice: q.into_inner().notice, ..Extra::default() };
    page(&state, &auth.caller, extra, StatusCode::OK).await
}

/// The settings form. The password field left empty keeps the stored password.
#[derive(Debug, Deserialize)]
pub struct SettingsFields {
    #[serde(default)]
    host: String,
    #[serde(default)]
    port: String,
    #[serde(default)]
    security: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    frequency: String,
}

#[post("/settings/reporting")]
async fn update_reporting(
    state: web::Data<AppState>,
    req: Guarded<Authorized<EmailReportSettingsWrite>, web::Form<SettingsFields>>,
) -> Result<HttpResponse, PageError> {
    let (caller, f) = (req.auth.caller.clone(), req.body.into_inner());
    let raw = RawSettings {
        host: f.host.clone(),
        port: f.port.trim().parse().ok(),
        security: f.security.clone(),
        username: f.username.clone(),
        password: Some(f.password),
        from: f.from.clone(),
        frequency: f.frequency.clone(),
    };
    let entered = SettingsForm {
        host: f.host,
        port: f.port,
        security: f.security,
        username: f.username,
        from: f.from,
        frequency: f.frequency,
    };
    let result = match raw.validate() {
        Ok(valid) => req.auth.report_settings(&state).save(valid).await.map_err(Error::from),
        Err(msg) => Err(Error::BadInput(msg)),
    };
    match result {
        Ok(()) => Ok(redirect("/settings/reporting?notice=report-settings-saved")),
        Err(e) => refuse(&state, &caller, e, Some(entered)).await,
    }
}

/// A recipient field.
#[derive(Debug, Deserialize)]
pub struct RecipientField {
    #[serde(default)]
    email: String,
}

#[post("/settings/reporting/recipients")]
async fn add_recipient(
    state: web::Data<AppState>,
    req: Guarded<Authorized<EmailReportRecipientsWrite>, web::Form<RecipientField>>,
) -> Result<HttpResponse, PageError> {
    let caller = req.auth.caller.clone();
    match req.auth.recipients(&state).add(&req.body.email).await {
        Ok(_) => Ok(redirect("/settings/reporting?notice=recipient-added")),
        Err(e) => refuse(&state, &caller, e.into(), None).await,
    }
}

#[post("/settings/reporting/recipients/delete")]
async fn remove_recipient(
    state: web::Data<AppState>,
    req: Guarded<Authorized<EmailReportRecipientsWrite>, web::Form<RecipientField>>,
) -> Result<HttpResponse, PageError> {
    let caller = req.auth.caller.clone();
    match req.auth.recipients(&state).remove(&req.body.email).await {
        Ok(()) => Ok(redirect("/settings/reporting?notice=recipient-removed")),
        Err(e) => refuse(&state, &caller, e.into(), None).await,
    }
}

/// The test email form: an address, or empty for every recipient.
#[derive(Debug, Deserialize)]
pub struct TestFields {
    #[serde(default)]
    to: String,
}

#[post("/settings/reporting/test")]
async fn send_test_email(
    state: web::Data<AppState>,
    req: Guarded<Authorized<EmailReportSettingsWrite>, web::Form<TestFields>>,
) -> Result<HttpResponse, PageError> {
    let caller = req.auth.caller.clone();
    match req.auth.report_settings(&state).send_test(Some(&req.body.to)).await {
        Ok(result) => {
            page(&state, &caller, Extra { test_result: Some(result), ..Extra::default() }, StatusCode::OK).await
        }
        Err(e) => refuse(&state, &caller, e.into(), None).await,
    }
}
