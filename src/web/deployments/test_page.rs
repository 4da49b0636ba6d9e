//! The test page of the Deployments section: invokes a function's saved code with an input the
//! user types (not counted as production traffic, logs not stored) and shows the result,
//! error code, duration and console entries.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::{account, parse_id};
use crate::auth::permission::marker::LambdaInvoke;
use crate::auth::{Authorized, Guarded};
use crate::error::Error;
use crate::state::AppState;
use crate::web::filters;
use crate::web::invoke_snippet::InvokeSnippets;
use crate::web::layout::{Layout, format_time};
use crate::web::page_error::PageError;
use crate::web::render;
use lambdabox_domain::outcome::{LogEntry, RunOutcome};
use lambdabox_services::invoke::Outcome;
use lambdabox_services::lifecycle::Lambda;

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
    /// How to invoke it for real.
    invoke: InvokeSnippets,
}

fn test_page(
    req: &HttpRequest,
    state: &AppState,
    auth: &Authorized<LambdaInvoke>,
    lambda: &Lambda,
    input: String,
) -> TestPage {
    TestPage {
        layout: Layout::new(&account(state), &auth.caller, "deployments", None),
        errors: vec![],
        id: lambda.id.to_string(),
        name: lambda.name.clone(),
        state: lambda.state().as_str().to_owned(),
        input,
        run: None,
        invoke: InvokeSnippets::for_lambda(req, state, lambda),
    }
}

#[get("/functions/{id}/test")]
pub(super) async fn show_test(
    http: HttpRequest,
    state: web::Data<AppState>,
    auth: Authorized<LambdaInvoke>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let lambda = auth.caller.lambdas(&state).get(&parse_id(&path)?).await?;
    let input = serde_json::to_string_pretty(&lambda.sample_input).unwrap_or_default();
    render(&test_page(&http, &state, &auth, &lambda, input))
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
pub(super) async fn run_test(
    http: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: Guarded<Authorized<LambdaInvoke>, web::Form<TestForm>>,
) -> Result<HttpResponse, PageError> {
    let (auth, form) = (req.auth, req.body.into_inner());
    let lambda = auth.caller.lambdas(&state).get(&parse_id(&path)?).await?;
    let mut page = test_page(&http, &state, &auth, &lambda, form.input.clone());
    let parsed = if form.input.chars().count() > MAX_TEST_INPUT {
        Err(format!("the input is longer than {MAX_TEST_INPUT} characters"))
    } else {
        serde_json::from_str::<serde_json::Value>(&form.input)
            .map_err(|e| format!("the input is not valid JSON: {e}"))
            .and_then(lambdabox_domain::input::parse)
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
