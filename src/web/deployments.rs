//! Deployments: the deployed functions with their state and pending changes, the code review
//! before "Approve & Deploy", undeploy, and the test page that invokes a function's saved code
//! (not counted as production traffic, logs not stored).

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::functions::{Row, event_name};
use super::layout::{Layout, format_time};
use super::page_error::PageError;
use super::{NoticeQuery, redirect, render};
use crate::auth::permission::Action;
use crate::auth::permission::marker::{LambdaInvoke, LambdaRead, LambdaWrite};
use crate::auth::{Authorized, Guarded};
use crate::error::Error;
use crate::state::AppState;
use lambdabox_domain::lambda::LambdaId;
use lambdabox_domain::outcome::{LogEntry, RunOutcome};
use lambdabox_services::invoke::Outcome;
use lambdabox_services::lifecycle::Deployed;
use lambdabox_services::lifecycle::Lambda;

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_deployments)
        .service(review_deployment)
        .service(deploy_lambda)
        .service(undeploy_lambda)
        .service(show_test)
        .service(run_test);
}

fn account(state: &AppState) -> String {
    state.account().map(ToString::to_string).unwrap_or_default()
}

fn parse_id(raw: &str) -> Result<LambdaId, Error> {
    LambdaId::parse(raw).map_err(|_| Error::NotFound(format!("no function {raw}")))
}

/// A deployed function.
struct DeployedRow {
    row: Row,
    deployed_at: String,
    deployed_by: String,
    pending: bool,
}

#[derive(Template)]
#[template(path = "deployments/list.html")]
struct ListPage {
    layout: Layout,
    deployed: Vec<DeployedRow>,
    undeployed: Vec<Row>,
    can_write: bool,
}

#[get("/deployments")]
async fn list_deployments(
    state: web::Data<AppState>,
    auth: Authorized<LambdaRead>,
    q: web::Query<NoticeQuery>,
) -> Result<HttpResponse, PageError> {
    let all = auth.caller.lambdas(&state).list().await?;
    let (serving, rest): (Vec<&Lambda>, Vec<&Lambda>) = all.iter().partition(|l| l.serving.is_some());
    let deployed = serving
        .into_iter()
        .filter_map(|l| {
            let s = l.serving.as_ref()?;
            Some(DeployedRow {
                row: Row::of(l),
                deployed_at: format_time(s.created_at),
                deployed_by: s.created_by.clone(),
                pending: s.lambda_version != l.version,
            })
        })
        .collect();
    let undeployed = rest.into_iter().map(Row::of).collect();
    render(&ListPage {
        layout: Layout::new(&account(&state), &auth.caller, "deployments", q.notice.as_deref()),
        deployed,
        undeployed,
        can_write: Action::LambdaWrite.allows(&auth.caller.user.permissions),
    })
}

#[derive(Template)]
#[template(path = "deployments/review.html")]
struct ReviewPage {
    layout: Layout,
    id: String,
    name: String,
    event: String,
    version: i64,
    code: String,
    env: Vec<lambdabox_domain::lambda::EnvVar>,
    serving_version: Option<i64>,
}

#[get("/deployments/{id}/review")]
async fn review_deployment(
    state: web::Data<AppState>,
    auth: Authorized<LambdaWrite>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let lambda = auth.caller.lambdas(&state).get(&parse_id(&path)?).await?;
    render(&ReviewPage {
        layout: Layout::new(&account(&state), &auth.caller, "deployments", None),
        id: lambda.id.to_string(),
        name: lambda.name.clone(),
        event: event_name(lambda.event_id.as_deref()),
        version: lambda.version,
        code: lambda.code.clone(),
        env: lambda.env.clone(),
        serving_version: lambda.serving.as_ref().map(|s| s.lambda_version),
    })
}

#[post("/deployments/{id}")]
async fn deploy_lambda(
    state: web::Data<AppState>,
    auth: Authorized<LambdaWrite>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = parse_id(&path)?;
    match auth.lambda_editor(&state).deploy(&id).await? {
        Deployed::Serving => Ok(redirect("/deployments?notice=deployed")),
        Deployed::Failed { .. } => Ok(redirect(&format!("/functions/{id}/edit?notice=deploy-failed"))),
    }
}

#[post("/deployments/{id}/undeploy")]
async fn undeploy_lambda(
    state: web::Data<AppState>,
    auth: Authorized<LambdaWrite>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = parse_id(&path)?;
    let undeployed = auth.lambda_editor(&state).undeploy(&id).await?;
    if undeployed.paused_schedules > 0 {
        return Ok(redirect("/deployments?notice=undeployed-schedules-paused"));
    }
    Ok(redirect("/deployments?notice=undeployed"))
}

/// One console entry on the test page.
struct LogRow {
    level: String,
    message: String,
    extras: String,
    time: String,
}

impl LogRow {
    fn of(e: &LogEntry) -> Self {
        Self {
            level: format!("{:?}", e.level),
            message: e.message.clone(),
            extras: if e.extras.is_empty() {
                String::new()
            } else {
                serde_json::to_string(&e.extras).unwrap_or_default()
            },
            time: format_time(e.timestamp).replace(" UTC", ""),
        }
    }
}

/// What the last test run produced.
struct TestRun {
    outcome: &'static str,
    ok: bool,
    result: String,
    error_code: String,
    duration_ms: String,
    logs: Vec<LogRow>,
}

#[derive(Template)]
#[template(path = "deployments/test.html")]
struct TestPage {
    layout: Layout,
    errors: Vec<String>,
    id: String,
    name: String,
    state: String,
    input: String,
    run: Option<TestRun>,
}

fn test_page(state: &AppState, auth: &Authorized<LambdaInvoke>, lambda: &Lambda, input: String) -> TestPage {
    TestPage {
        layout: Layout::new(&account(state), &auth.caller, "deployments", None),
        errors: vec![],
        id: lambda.id.to_string(),
        name: lambda.name.clone(),
        state: lambda.state().as_str().to_owned(),
        input,
        run: None,
    }
}

#[get("/functions/{id}/test")]
async fn show_test(
    state: web::Data<AppState>,
    auth: Authorized<LambdaInvoke>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let lambda = auth.caller.lambdas(&state).get(&parse_id(&path)?).await?;
    let input = serde_json::to_string_pretty(&lambda.sample_input).unwrap_or_default();
    render(&test_page(&state, &auth, &lambda, input))
}

/// The test form.
#[derive(Deserialize)]
pub struct TestForm {
    #[serde(default)]
    input: String,
}

/// Largest test input, as LivePerson's debugger allows.
const MAX_TEST_INPUT: usize = 10_000;

#[post("/functions/{id}/test")]
async fn run_test(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: Guarded<Authorized<LambdaInvoke>, web::Form<TestForm>>,
) -> Result<HttpResponse, PageError> {
    let (auth, form) = (req.auth, req.body.into_inner());
    let lambda = auth.caller.lambdas(&state).get(&parse_id(&path)?).await?;
    let mut page = test_page(&state, &auth, &lambda, form.input.clone());
    let parsed = if form.input.chars().count() > MAX_TEST_INPUT {
        Err(format!("the input is longer than {MAX_TEST_INPUT} characters"))
    } else {
        serde_json::from_str::<serde_json::Value>(&form.input)
            .map_err(|e| format!("the input is not valid JSON: {e}"))
            .and_then(|v| crate::api::invoke::parse_input(v).map_err(|e| e.to_string()))
    };
    let input = match parsed {
        Ok(input) => input,
        Err(message) => {
            page.errors.push(message);
            let html = page.render().map_err(Error::internal)?;
            return Ok(HttpResponse::BadRequest().content_type("text/html; charset=utf-8").body(html));
        }
    };
    let account_id = state.account().cloned().ok_or(Error::NotProvisioned)?;
    let ran = auth.invoking(&state).test_draft(&account_id, &lambda, input).await.map_err(Error::from)?;
    match ran {
        Err(compile) => page.errors.push(format!("The saved code cannot run: {compile}")),
        Ok(invocation) => {
            let (ok, result, error_code) = match &invocation.result {
                RunOutcome::Ok(v) => (true, serde_json::to_string_pretty(v).unwrap_or_default(), String::new()),
                RunOutcome::Failure { code, message } => (false, message.clone(), code.as_str().to_owned()),
            };
            page.run = Some(TestRun {
                outcome: invocation.outcome.as_str(),
                ok: invocation.outcome == Outcome::Succeeded && ok,
                result,
                error_code,
                duration_ms: format!("{:.1}", invocation.duration.as_secs_f64() * 1000.0),
                logs: invocation.logs.iter().map(LogRow::of).collect(),
            });
        }
    }
    render(&page)
}
