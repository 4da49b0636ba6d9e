//! Schedules: the list (cron, active or paused, last run with its logs, next run), the form to
//! create or edit one with a preview of the next run times, pause, resume and delete.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;
use serde_json::json;

use super::layout::{Layout, format_time};
use super::page_error::PageError;
use super::{NoticeQuery, redirect, render};
use crate::auth::permission::Action;
use crate::auth::permission::marker::{ScheduleRead, ScheduleWrite};
use crate::auth::{Authorized, Caller, Guarded};
use crate::error::Error;
use crate::state::AppState;
use crate::state::handles::Schedules;
use crate::web::filters;
use lambdabox_domain::schedule::{CRON_EXAMPLES, RunStatus, SHORTCUTS, ScheduleId, parse_payload_text};
use lambdabox_services::scheduler::Schedule;
use lambdabox_services::scheduler::ScheduleInput;

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_schedules)
        .service(new_schedule)
        .service(preview_schedule)
        .service(create_schedule)
        .service(edit_schedule)
        .service(save_schedule)
        .service(pause_schedule)
        .service(resume_schedule)
        .service(delete_schedule);
}

fn account(state: &AppState) -> String {
    state.account().map(ToString::to_string).unwrap_or_default()
}

type PageResult = Result<HttpResponse, PageError>;

fn parse_id(raw: &str) -> Result<ScheduleId, Error> {
    ScheduleId::parse(raw).map_err(|_| Error::NotFound(format!("no schedule {raw}")))
}

/// The last run as the list shows it.
pub struct LastRun {
    at: String,
    label: String,
    class: &'static str,
    request_id: String,
}

/// A row of the schedules table.
pub struct Row {
    id: String,
    lambda_id: String,
    lambda_name: String,
    cron: String,
    active: bool,
    paused_reason: String,
    last_run: Option<LastRun>,
    next_run: String,
}

impl Row {
    fn of(scheduler: &Schedules<'_>, s: &Schedule) -> Self {
        let last_run = s.last_run.as_ref().map(|r| {
            let (label, class) = match r.status {
                RunStatus::Succeeded => ("Succeeded".to_owned(), "on"),
                RunStatus::Running => ("Running".to_owned(), "off"),
                RunStatus::Missed => ("Missed: lambdabox was not running".to_owned(), "off"),
                RunStatus::Failed => {
                    let why = r.outcome.clone().or_else(|| r.error.clone()).unwrap_or_default();
                    (format!("Failed {why}").trim().to_owned(), "error")
                }
            };
            LastRun { at: format_time(r.due_at), label, class, request_id: r.request_id.clone().unwrap_or_default() }
        });
        Self {
            id: s.id.to_string(),
            lambda_id: s.lambda.to_string(),
            lambda_name: s.lambda_name.clone(),
            cron: s.cron.clone(),
            active: s.active,
            paused_reason: s.paused_reason.clone().unwrap_or_default(),
            last_run,
            next_run: scheduler.next_run(s).map_or_else(|| "-".to_owned(), format_time),
        }
    }
}

#[derive(Template)]
#[template(path = "schedules/list.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<Row>,
    can_write: bool,
    max: usize,
}

#[get("/schedules")]
async fn list_schedules(
    state: web::Data<AppState>,
    auth: Authorized<ScheduleRead>,
    q: web::Query<NoticeQuery>,
) -> Result<HttpResponse, PageError> {
    let schedules = auth.caller.schedules(&state);
    let all = schedules.list().await.map_err(Error::from)?;
    render(&ListPage {
        layout: Layout::new(&account(&state), &auth.caller, "schedules", q.notice.as_deref()),
        rows: all.iter().map(|s| Row::of(&schedules, s)).collect(),
        can_write: Action::ScheduleWrite.allows(&auth.caller.user.permissions),
        max: schedules.max_scheduled_lambdas(),
    })
}

/// A lambda the form offers.
pub struct LambdaOption {
    id: String,
    name: String,
    state: &'static str,
}

#[derive(Template)]
#[template(path = "schedules/form.html")]
struct FormPage {
    layout: Layout,
    errors: Vec<String>,
    action: String,
    is_new: bool,
    lambdas: Vec<LambdaOption>,
    form: ScheduleForm,
    preview: Vec<String>,
    examples: &'static [(&'static str, &'static str)],
    shortcuts: String,
}

/// The schedule form; `preview` is set by the Preview button.
#[derive(Debug, Deserialize, Default)]
pub struct ScheduleForm {
    #[serde(default)]
    lambda: String,
    #[serde(default)]
    cron: String,
    #[serde(default)]
    payload: String,
    active: Option<String>,
    preview: Option<String>,
}

impl ScheduleForm {
    fn input(&self) -> Result<ScheduleInput, Error> {
        let payload = parse_payload_text(&self.payload).map_err(Error::BadInput)?;
        Ok(ScheduleInput {
            lambda: self.lambda.clone(),
            cron: self.cron.clone(),
            payload,
            active: self.active.is_some(),
        })
    }
}

async fn form_page(state: &AppState, caller: &Caller, action: String, form: ScheduleForm) -> Result<FormPage, Error> {
    let all = caller.lambdas(state).list().await?;
    let lambdas = all
        .iter()
        .filter(|l| l.serving.is_some() || l.id.as_str() == form.lambda)
        .map(|l| LambdaOption { id: l.id.to_string(), name: l.name.clone(), state: l.state().as_str() })
        .collect();
    Ok(FormPage {
        layout: Layout::new(&account(state), caller, "schedules", None),
        errors: vec![],
        is_new: action == "/schedules",
        action,
        lambdas,
        form,
        preview: vec![],
        examples: CRON_EXAMPLES,
        shortcuts: SHORTCUTS.join(", "),
    })
}

fn with_status(page: &FormPage, status: StatusCode) -> Result<HttpResponse, PageError> {
    let html = page.render().map_err(Error::internal)?;
    Ok(HttpResponse::build(status).content_type("text/html; charset=utf-8").body(html))
}

/// Shows the preview, or saves with `save` and redirects; a refusal shows the form again with
/// what the user typed.
async fn submit<F, Fut>(state: &AppState, caller: &Caller, action: String, form: ScheduleForm, save: F) -> PageResult
where
    F: FnOnce(ScheduleInput) -> Fut,
    Fut: std::future::Future<Output = Result<&'static str, Error>>,
{
    let mut runs = Vec::new();
    let result = if form.preview.is_some() {
        caller.schedules(state).preview(&form.cron).map(|next| runs = next).map_err(Error::from)
    } else {
        let saved = match form.input() {
            Ok(input) => save(input).await,
            Err(e) => Err(e),
        };
        match saved {
            Ok(notice) => return Ok(redirect(&format!("/schedules?notice={notice}"))),
            Err(e) => Err(e),
        }
    };
    let (status, message) = match result {
        Ok(()) => (StatusCode::OK, None),
        Err(e @ (Error::BadInput(_) | Error::Conflict(_))) => (e.status(), Some(e.to_string())),
        Err(e) => return Err(e.into()),
    };
    let mut page = form_page(state, caller, action, form).await?;
    page.errors = message.into_iter().collect();
    page.preview = runs.into_iter().map(format_time).collect();
    with_status(&page, status)
}

#[get("/schedules/new")]
async fn new_schedule(state: web::Data<AppState>, auth: Authorized<ScheduleWrite>) -> PageResult {
    let form = ScheduleForm { payload: "{}".into(), active: Some("on".into()), ..ScheduleForm::default() };
    render(&form_page(&state, &auth.caller, "/schedules".into(), form).await?)
}

/// `?cron=` for the live preview.
#[derive(Deserialize)]
pub struct PreviewQuery {
    #[serde(default)]
    cron: String,
}

/// The next run times of a cron expression, for the form's script: `{nextRuns, error}`. An
/// invalid expression is a normal answer here (200 with the reason), not a failed request.
#[get("/schedules/preview")]
async fn preview_schedule(
    state: web::Data<AppState>,
    _auth: Authorized<ScheduleRead>,
    q: web::Query<PreviewQuery>,
) -> HttpResponse {
    match _auth.caller.schedules(&state).preview(&q.cron) {
        Ok(runs) => HttpResponse::Ok().json(json!({
            "nextRuns": runs.into_iter().map(format_time).collect::<Vec<_>>(),
            "error": null,
        })),
        Err(e) => HttpResponse::Ok().json(json!({"nextRuns": [], "error": e.to_string()})),
    }
}

#[post("/schedules")]
async fn create_schedule(
    state: web::Data<AppState>,
    req: Guarded<Authorized<ScheduleWrite>, web::Form<ScheduleForm>>,
) -> PageResult {
    let editor = req.auth.schedule_editor(&state);
    let (caller, form) = (req.auth.caller.clone(), req.body.into_inner());
    submit(&state, &caller, "/schedules".into(), form, |input| async move {
        editor.create(input).await.map(|_| "schedule-created").map_err(Error::from)
    })
    .await
}

#[get("/schedules/{id}/edit")]
async fn edit_schedule(
    state: web::Data<AppState>,
    auth: Authorized<ScheduleWrite>,
    path: web::Path<String>,
) -> PageResult {
    let id = parse_id(&path)?;
    let s = auth.caller.schedules(&state).get(&id).await.map_err(Error::from)?;
    let form = ScheduleForm {
        lambda: s.lambda.to_string(),
        cron: s.cron.clone(),
        payload: serde_json::to_string_pretty(&s.payload).unwrap_or_default(),
        active: s.active.then(|| "on".to_owned()),
        preview: None,
    };
    let mut page = form_page(&state, &auth.caller, format!("/schedules/{id}"), form).await?;
    page.preview =
        auth.caller.schedules(&state).preview(&s.cron).unwrap_or_default().into_iter().map(format_time).collect();
    render(&page)
}

#[post("/schedules/{id}")]
async fn save_schedule(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: Guarded<Authorized<ScheduleWrite>, web::Form<ScheduleForm>>,
) -> PageResult {
    let id = parse_id(&path)?;
    req.auth.caller.schedules(&state).get(&id).await.map_err(Error::from)?;
    let editor = req.auth.schedule_editor(&state);
    let (caller, form) = (req.auth.caller.clone(), req.body.into_inner());
    let target = id.clone();
    submit(&state, &caller, format!("/schedules/{id}"), form, |input| async move {
        editor.update(&target, input).await.map(|_| "schedule-saved").map_err(Error::from)
    })
    .await
}

async fn set_active(state: &AppState, auth: &Authorized<ScheduleWrite>, raw: &str, active: bool) -> PageResult {
    let id = parse_id(raw)?;
    auth.schedule_editor(state).set_active(&id, active).await.map_err(Error::from)?;
    Ok(redirect(if active { "/schedules?notice=schedule-resumed" } else { "/schedules?notice=schedule-paused" }))
}

#[post("/schedules/{id}/pause")]
async fn pause_schedule(
    state: web::Data<AppState>,
    auth: Authorized<ScheduleWrite>,
    path: web::Path<String>,
) -> PageResult {
    set_active(&state, &auth, &path, false).await
}

#[post("/schedules/{id}/resume")]
async fn resume_schedule(
    state: web::Data<AppState>,
    auth: Authorized<ScheduleWrite>,
    path: web::Path<String>,
) -> PageResult {
    set_active(&state, &auth, &path, true).await
}

#[post("/schedules/{id}/delete")]
async fn delete_schedule(
    state: web::Data<AppState>,
    auth: Authorized<ScheduleWrite>,
    path: web::Path<String>,
) -> PageResult {
    let id = parse_id(&path)?;
    auth.schedule_editor(&state).delete(&id).await.map_err(Error::from)?;
    Ok(redirect("/schedules?notice=schedule-deleted"))
}
