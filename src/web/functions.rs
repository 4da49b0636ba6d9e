//! Functions: the list with states and row actions, the Create-a-Function wizard (`wizard`),
//! the editor (save with optimistic concurrency, deployment history, restore), and removal.

mod wizard;

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::invoke_snippet::InvokeSnippets;
use super::layout::{Layout, format_time};
use super::page_error::PageError;
use super::{redirect, render};
use crate::auth::permission::Action;
use crate::auth::permission::marker::{LambdaRead, LambdaWrite};
use crate::auth::{Authorized, Caller, Guarded};
use crate::error::Error;
use crate::state::AppState;
use crate::web::filters;
use lambdabox_domain::declaration::move_declaration_to_first_line;
use lambdabox_domain::events::{self, NO_EVENT};
use lambdabox_domain::lambda::{EnvVar, LambdaId, LambdaState};
use lambdabox_domain::skills::parse_skill_list;
use lambdabox_services::lifecycle::{Deployment, Lambda, OutcomeCounts};
use lambdabox_services::lifecycle::{SaveLambda, Saved};

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_functions)
        .service(wizard::new_function)
        .service(wizard::create_function)
        .service(edit_function)
        // before /functions/{id}, which would take "check" for an id
        .service(check_function)
        .service(save_function)
        .service(fix_declaration)
        .service(remove_function)
        .service(show_deployment);
}

/// A row of the functions table.
pub struct Row {
    /// Uuid.
    pub id: String,
    /// Name.
    pub name: String,
    /// Event display name.
    pub event: String,
    /// Skill ids, comma-separated (empty: none).
    pub skills: String,
    /// State.
    pub state: LambdaState,
    /// Cause of a Build/Deploy Error.
    pub cause: String,
    /// Last change.
    pub changed: String,
    /// Who changed it.
    pub changed_by: String,
}

impl Row {
    /// The row of a lambda.
    pub fn of(l: &Lambda) -> Self {
        Self {
            id: l.id.to_string(),
            name: l.name.clone(),
            event: event_name(l.event_id.as_deref()),
            skills: l.skills.join(", "),
            state: l.state(),
            cause: l.failure_cause().unwrap_or_default().to_owned(),
            changed: format_time(l.updated_at),
            changed_by: l.updated_by.clone(),
        }
    }

    /// CSS class of the state badge.
    pub fn state_class(&self) -> &'static str {
        state_class(self.state)
    }
}

/// CSS class of a state badge.
pub fn state_class(state: LambdaState) -> &'static str {
    match state {
        LambdaState::Draft => "draft",
        LambdaState::Productive => "productive",
        LambdaState::Modified => "modified",
        LambdaState::BuildError | LambdaState::DeployError => "error",
    }
}

/// The display name of an event id.
pub fn event_name(id: Option<&str>) -> String {
    events::event(id.unwrap_or(NO_EVENT)).map_or_else(|| id.unwrap_or_default().to_owned(), |e| e.name.to_owned())
}

fn account(state: &AppState) -> String {
    state.account().map(ToString::to_string).unwrap_or_default()
}

fn parse_id(raw: &str) -> Result<LambdaId, Error> {
    LambdaId::parse(raw).map_err(|_| Error::NotFound(format!("no function {raw}")))
}

#[derive(Template)]
#[template(path = "functions/list.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<Row>,
    filter: String,
    filters: [&'static str; 5],
    can_write: bool,
}

/// `?state=` filter and notice.
#[derive(Deserialize)]
pub struct ListQuery {
    state: Option<String>,
    notice: Option<String>,
}

#[get("/functions")]
async fn list_functions(
    state: web::Data<AppState>,
    auth: Authorized<LambdaRead>,
    q: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    let all = auth.caller.lambdas(&state).list().await?;
    let filter = q.state.as_deref().and_then(LambdaState::parse);
    let rows = all.iter().filter(|l| filter.is_none_or(|f| l.state() == f)).map(Row::of).collect();
    render(&ListPage {
        layout: Layout::new(&account(&state), &auth.caller, "functions", q.notice.as_deref()),
        rows,
        filter: filter.map(|f| f.as_str().to_owned()).unwrap_or_default(),
        filters: ["Draft", "Productive", "Modified", "Build Error", "Deploy Error"],
        can_write: Action::LambdaWrite.allows(&auth.caller.user.permissions),
    })
}

/// A row of the deployment history.
pub struct HistoryRow {
    id: i64,
    version: i64,
    state: String,
    error: String,
    at: String,
    by: String,
    serving: bool,
}

impl HistoryRow {
    fn of(d: &Deployment, serving: Option<i64>) -> Self {
        Self {
            id: d.id,
            version: d.lambda_version,
            state: match d.state.as_str() {
                "BuildError" => "Build Error".to_owned(),
                "DeployError" => "Deploy Error".to_owned(),
                other => other.to_owned(),
            },
            error: d.error.clone().unwrap_or_default(),
            at: format_time(d.created_at),
            by: d.created_by.clone(),
            serving: Some(d.id) == serving,
        }
    }
}

#[derive(Template)]
#[template(path = "functions/edit.html")]
struct EditPage {
    layout: Layout,
    errors: Vec<String>,
    id: String,
    name: String,
    description: String,
    event: String,
    /// Whether the event takes skills (the field is shown only then).
    skills_filter: bool,
    /// Skill ids, comma-separated.
    skills: String,
    version: i64,
    code: String,
    env: Vec<EnvVar>,
    state: LambdaState,
    state_class: &'static str,
    cause: String,
    error_line: u32,
    sample: String,
    history: Vec<HistoryRow>,
    modules: &'static [(&'static str, &'static str)],
    can_write: bool,
    unsaved: bool,
    /// Offer "Move the declaration to the first line" (the code was refused for it).
    fix_declaration: bool,
    metrics: Vec<MetricsRow>,
    /// How to invoke it (the page as shown by GET; not on a re-shown form).
    invoke: Option<InvokeSnippets>,
}

/// Invocations of one time window, as bar widths in percent of the window's total.
pub struct MetricsRow {
    label: &'static str,
    total: i64,
    succeeded: i64,
    failed: i64,
    timeouts: i64,
    ok_pct: i64,
    failed_pct: i64,
    timeout_pct: i64,
}

impl MetricsRow {
    fn of(label: &'static str, c: OutcomeCounts) -> Self {
        let total = c.total();
        let pct = |n: i64| if total == 0 { 0 } else { n * 100 / total };
        let failed = c.coding_failures + c.platform_failures;
        Self {
            label,
            total,
            succeeded: c.succeeded,
            failed,
            timeouts: c.timeouts,
            ok_pct: pct(c.succeeded),
            failed_pct: pct(failed),
            timeout_pct: pct(c.timeouts),
        }
    }
}

/// Modules `require()` offers, shown in the editor sidebar.
pub const MODULES: &[(&str, &str)] = &[
    ("lp-faas-toolbelt", "HTTPClient, SecretClient, OrchestratorClient"),
    ("lodash", "utilities"),
    ("luxon", "dates and times"),
    ("jsonwebtoken", "sign, verify, decode (HS256, RS256)"),
    ("oauth-1.0a", "OAuth 1 request signing"),
    ("crypto", "createHash, createHmac, randomBytes, randomUUID"),
];

/// Restore a deployment into the editor, and the notice.
#[derive(Deserialize)]
pub struct EditQuery {
    restore: Option<i64>,
    notice: Option<String>,
}

fn edit_page(account: &str, caller: &Caller, lambda: &Lambda, notice: Option<&str>) -> EditPage {
    let failed_line =
        lambda.last_attempt.as_ref().filter(|_| lambda.failure_cause().is_some()).and_then(|a| a.error_line);
    EditPage {
        layout: Layout::new(account, caller, "functions", notice),
        errors: vec![],
        id: lambda.id.to_string(),
        name: lambda.name.clone(),
        description: lambda.description.clone(),
        event: event_name(lambda.event_id.as_deref()),
        skills_filter: lambda.event_id.as_deref().and_then(events::event).is_some_and(|e| e.skills_filter),
        skills: lambda.skills.join(", "),
        version: lambda.version,
        code: lambda.code.clone(),
        env: lambda.env.clone(),
        state: lambda.state(),
        state_class: state_class(lambda.state()),
        cause: lambda.failure_cause().unwrap_or_default().to_owned(),
        error_line: failed_line.and_then(|l| u32::try_from(l).ok()).unwrap_or(0),
        sample: serde_json::to_string_pretty(&lambda.sample_input).unwrap_or_default(),
        history: Vec::new(),
        modules: MODULES,
        can_write: Action::LambdaWrite.allows(&caller.user.permissions),
        unsaved: false,
        fix_declaration: false,
        metrics: Vec::new(),
        invoke: None,
    }
}

#[get("/functions/{id}/edit")]
async fn edit_function(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Authorized<LambdaRead>,
    path: web::Path<String>,
    q: web::Query<EditQuery>,
) -> Result<HttpResponse, PageError> {
    let id = parse_id(&path)?;
    let lambda = auth.caller.lambdas(&state).get(&id).await?;
    let (history, windows) = auth.caller.lambdas(&state).history_and_outcomes(&id, lambdabox_domain::now_ms()).await?;
    let mut page = edit_page(&account(&state), &auth.caller, &lambda, q.notice.as_deref());
    page.metrics = windows.into_iter().map(|(label, c)| MetricsRow::of(label, c)).collect();
    page.history = history.iter().map(|d| HistoryRow::of(d, page_serving(&lambda))).collect();
    page.invoke = Some(InvokeSnippets::for_lambda(&req, &state, &lambda));
    if let Some(restore) = q.restore {
        let d = history.iter().find(|d| d.id == restore).ok_or_else(|| Error::NotFound("no such deployment".into()))?;
        page.code = d.code.clone();
        page.env = d.env.clone();
        page.description = d.description.clone();
        page.layout.notice = super::layout::notice(Some("restored"));
        page.unsaved = true;
    }
    render(&page)
}

fn page_serving(lambda: &Lambda) -> Option<i64> {
    lambda.serving.as_ref().map(|s| s.id)
}

/// The editor form: fields plus repeated `env_key`/`env_value` pairs.
fn parse_editor(fields: &[(String, String)]) -> Result<SaveLambda, Error> {
    let get = |k: &str| fields.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_default();
    let keys = fields.iter().filter(|(k, _)| k == "env_key").map(|(_, v)| v.trim().to_owned());
    let values = fields.iter().filter(|(k, _)| k == "env_value").map(|(_, v)| v.clone());
    let env = keys.zip(values).filter(|(k, _)| !k.is_empty()).map(|(key, value)| EnvVar { key, value }).collect();
    let sample_input = serde_json::from_str(&get("sample"))
        .map_err(|e| Error::BadInput(format!("the sample input is not valid JSON: {e}")))?;
    // Only the editor of an event with a skills filter has the field; others keep theirs.
    let skills = match fields.iter().any(|(k, _)| k == "skills") {
        true => Some(parse_skill_list(&get("skills")).map_err(Error::BadInput)?),
        false => None,
    };
    Ok(SaveLambda {
        version: get("version").parse().map_err(|_| Error::BadInput("version is missing".into()))?,
        name: get("name"),
        description: get("description"),
        code: get("code").replace("\r\n", "\n"),
        env,
        sample_input,
        skills,
    })
}

#[post("/functions/{id}")]
async fn save_function(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: Guarded<Authorized<LambdaWrite>, web::Form<Vec<(String, String)>>>,
) -> Result<HttpResponse, PageError> {
    let (auth, fields) = (req.auth, req.body.into_inner());
    let id = parse_id(&path)?;
    let lambda = auth.caller.lambdas(&state).get(&id).await?;
    let result = match parse_editor(&fields) {
        Ok(save) => auth.lambda_editor(&state).save(&id, save).await.map_err(Error::from),
        Err(e) => Err(e),
    };
    let (status, message) = match result {
        Ok(Saved::Unchanged) => return Ok(redirect(&format!("/functions/{id}/edit?notice=lambda-unchanged"))),
        Ok(Saved::Version(_, None)) => return Ok(redirect(&format!("/functions/{id}/edit?notice=lambda-saved"))),
        Ok(Saved::Version(_, Some(warning))) => {
            let fresh = auth.caller.lambdas(&state).get(&id).await?;
            let mut page = edit_page(&account(&state), &auth.caller, &fresh, Some("lambda-saved"));
            page.errors = vec![format!("Saved, but it cannot be deployed yet: {warning}")];
            page.error_line = warning_line(&warning);
            return render(&page);
        }
        Err(e @ (Error::BadInput(_) | Error::Conflict(_))) => (e.status(), e.to_string()),
        Err(e) => return Err(e.into()),
    };
    // Refused: show the form again with everything the user typed, so nothing is lost.
    let mut page = edit_page(&account(&state), &auth.caller, &lambda, None);
    let get = |k: &str| fields.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_default();
    page.code = get("code");
    page.name = get("name");
    page.description = get("description");
    page.sample = get("sample");
    page.skills = get("skills");
    page.fix_declaration = move_declaration_to_first_line(&page.code).is_ok();
    page.errors = vec![message];
    page.unsaved = true;
    let html = page.render().map_err(Error::internal)?;
    Ok(HttpResponse::build(status).content_type("text/html; charset=utf-8").body(html))
}

/// "Move the declaration to the first line": the editor form comes back with its code
/// rewritten (not saved yet) and everything else as typed.
#[post("/functions/{id}/fix-declaration")]
async fn fix_declaration(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: Guarded<Authorized<LambdaWrite>, web::Form<Vec<(String, String)>>>,
) -> Result<HttpResponse, PageError> {
    let (auth, fields) = (req.auth, req.body.into_inner());
    let id = parse_id(&path)?;
    let lambda = auth.caller.lambdas(&state).get(&id).await?;
    let get = |k: &str| fields.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_default();
    let mut page = edit_page(&account(&state), &auth.caller, &lambda, None);
    page.name = get("name");
    page.description = get("description");
    page.sample = get("sample");
    if page.skills_filter {
        page.skills = get("skills");
    }
    page.version = get("version").parse().unwrap_or(lambda.version);
    page.unsaved = true;
    let code = get("code").replace("\r\n", "\n");
    let status = match move_declaration_to_first_line(&code) {
        Ok(moved) => {
            page.code = moved.code;
            page.layout.notice = super::layout::notice(Some("declaration-moved"));
            page.errors = moved.note.into_iter().collect();
            actix_web::http::StatusCode::OK
        }
        Err(why) => {
            page.code = code;
            page.errors = vec![format!("The declaration could not be moved: {why}")];
            actix_web::http::StatusCode::BAD_REQUEST
        }
    };
    let html = page.render().map_err(Error::internal)?;
    Ok(HttpResponse::build(status).content_type("text/html; charset=utf-8").body(html))
}

/// What the editor checks while typing.
#[derive(Deserialize)]
struct CheckRequest {
    code: String,
}

/// The check a save makes, for the editor's live lint: `{"problems": [{line, message,
/// blocksSave}]}` (empty when the code would save and deploy).
#[post("/functions/check")]
async fn check_function(
    state: web::Data<AppState>,
    req: Guarded<Authorized<LambdaWrite>, web::Json<CheckRequest>>,
) -> Result<HttpResponse, PageError> {
    let code = req.body.into_inner().code.replace("\r\n", "\n");
    let problems = match req.auth.lambda_editor(&state).check(code).await.map_err(Error::from) {
        Ok(None) => vec![],
        Ok(Some(warning)) => {
            vec![serde_json::json!({"line": warning_line(&warning).max(1), "message": warning, "blocksSave": false})]
        }
        Err(Error::BadInput(message)) => {
            vec![serde_json::json!({"line": problem_line(&message), "message": message, "blocksSave": true})]
        }
        Err(e) => return Err(e.into()),
    };
    Ok(HttpResponse::Ok().json(serde_json::json!({ "problems": problems })))
}

/// The line a refusal names ("… line N …"), else the first.
fn problem_line(message: &str) -> u32 {
    message
        .split("line ")
        .skip(1)
        .find_map(|rest| rest.split(|c: char| !c.is_ascii_digit()).next().and_then(|n| n.parse().ok()))
        .unwrap_or(1)
}

fn warning_line(warning: &str) -> u32 {
    warning
        .strip_prefix("syntax error on line ")
        .and_then(|rest| rest.split(':').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[post("/functions/{id}/remove")]
async fn remove_function(
    state: web::Data<AppState>,
    auth: Authorized<LambdaWrite>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = parse_id(&path)?;
    auth.lambda_editor(&state).remove(&id).await?;
    Ok(redirect("/functions?notice=lambda-removed"))
}

#[derive(Template)]
#[template(path = "functions/deployment.html")]
struct DeploymentPage {
    layout: Layout,
    id: String,
    name: String,
    deployment: HistoryRow,
    deployed_code: String,
    current_code: String,
    /// The serving deployment's version and code, for the diff against it.
    serving: Option<(i64, String)>,
    /// How to invoke the function.
    invoke: InvokeSnippets,
}

#[get("/functions/{id}/deployments/{deployment}")]
async fn show_deployment(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Authorized<LambdaRead>,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, PageError> {
    let (raw, deployment) = path.into_inner();
    let id = parse_id(&raw)?;
    let lambda = auth.caller.lambdas(&state).get(&id).await?;
    let d = auth.caller.lambdas(&state).deployment(&id, deployment).await?;
    render(&DeploymentPage {
        layout: Layout::new(&account(&state), &auth.caller, "functions", None),
        id: id.to_string(),
        name: lambda.name.clone(),
        deployment: HistoryRow::of(&d, page_serving(&lambda)),
        deployed_code: d.code,
        serving: lambda.serving.as_ref().map(|s| (s.lambda_version, s.code.clone())),
        invoke: InvokeSnippets::for_lambda(&req, &state, &lambda),
        current_code: lambda.code,
    })
}
