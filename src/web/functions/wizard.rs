//! The Create-a-Function wizard: (1) event and template with a live preview, (2) domains for
//! the allowlist, editable only with the allowlist-write permission, (3) name and description.
//! One form; step 2's "Add to allowlist" posts it with `step=allowlist` and comes back to it.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::account;
use crate::auth::permission::Action;
use crate::auth::permission::marker::{LambdaWrite, WhitelistRead, WhitelistWrite};
use crate::auth::{Authorized, Caller, Guarded};
use crate::error::Error;
use crate::state::AppState;
use crate::web::filters;
use crate::web::layout::Layout;
use crate::web::page_error::PageError;
use crate::web::redirect;
use lambdabox_domain::allowlist::parse_entries;
use lambdabox_domain::events::{self, EVENTS, Event, Template as LambdaTemplate};
use lambdabox_domain::skills::parse_skill_list;
use lambdabox_services::Error as ServiceError;
use lambdabox_services::allowlist::AddedEntries;
use lambdabox_services::lifecycle::CreateLambda;

#[derive(Template)]
#[template(path = "functions/new.html")]
struct NewPage {
    layout: Layout,
    errors: Vec<String>,
    events: &'static [Event],
    event: &'static Event,
    templates: Vec<&'static LambdaTemplate>,
    template: String,
    name: String,
    description: String,
    /// Skill ids as typed (events with a skills filter).
    skills: String,
    step2: AllowlistStep,
}

/// Step 2: the allowlist as the caller may see it, and what they asked to add.
#[derive(Default)]
struct AllowlistStep {
    can_read: bool,
    can_write: bool,
    entries: Vec<String>,
    /// The domains field, kept when refused.
    domains: String,
    errors: Vec<String>,
    added: Vec<String>,
    skipped: Vec<String>,
}

/// Wizard state carried in the query string or form.
#[derive(Deserialize, Default)]
pub struct WizardForm {
    event: Option<String>,
    template: Option<String>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    /// Skill ids, comma-separated (events with a skills filter).
    #[serde(default)]
    skills: String,
    /// Step 2's domains, one per line (or separated by spaces or commas).
    #[serde(default)]
    domains: String,
    /// `allowlist` when step 2's button was pressed; creating otherwise.
    step: Option<String>,
}

async fn wizard(state: &AppState, caller: &Caller, form: WizardForm, step2: AllowlistStep) -> Result<NewPage, Error> {
    let event = form.event.as_deref().and_then(events::event).unwrap_or(&EVENTS[0]);
    let templates = events::templates_for(event);
    let template = form
        .template
        .filter(|t| templates.iter().any(|x| x.id == t))
        .unwrap_or_else(|| event.default_template.to_owned());
    let perms = &caller.user.permissions;
    let can_read = Action::WhitelistRead.allows(perms);
    let entries = match caller.authorized::<WhitelistRead>() {
        Some(auth) => auth.allowlist(state).list().await?,
        None => vec![],
    };
    Ok(NewPage {
        layout: Layout::new(&account(state), caller, "functions", None),
        errors: vec![],
        events: EVENTS,
        event,
        templates,
        template,
        name: form.name,
        description: form.description,
        skills: form.skills,
        step2: AllowlistStep {
            can_read,
            can_write: Action::WhitelistWrite.allows(perms),
            entries: entries.into_iter().map(|e| e.pattern).collect(),
            ..step2
        },
    })
}

fn html(status: StatusCode, page: &NewPage) -> Result<HttpResponse, PageError> {
    let body = page.render().map_err(Error::internal)?;
    Ok(HttpResponse::build(status).content_type("text/html; charset=utf-8").body(body))
}

#[get("/functions/new")]
pub(super) async fn new_function(
    state: web::Data<AppState>,
    auth: Authorized<LambdaWrite>,
    q: web::Query<WizardForm>,
) -> Result<HttpResponse, PageError> {
    let page = wizard(&state, &auth.caller, q.into_inner(), AllowlistStep::default()).await?;
    html(StatusCode::OK, &page)
}

/// Who may create functions (`LambdaWrite`), and whether they may change the allowlist too
/// (`WhitelistWrite`, for step 2's domains).
type Creator = (Authorized<LambdaWrite>, Option<Authorized<WhitelistWrite>>);

/// Creates the function (step 3), adding step 2's domains first; or, with `step=allowlist`,
/// only adds the domains and shows the wizard again. Domains need the allowlist-write
/// permission as well: without it, a form that carries some is refused whole.
#[post("/functions")]
pub(super) async fn create_function(
    state: web::Data<AppState>,
    req: Guarded<Creator, web::Form<WizardForm>>,
) -> Result<HttpResponse, PageError> {
    let ((auth, allowlist_writer), mut form) = (req.auth, req.body.into_inner());
    let only_domains = form.step.as_deref() == Some("allowlist");
    // Checked before the domains are even read: no validation answers without the permission.
    if (only_domains || !form.domains.trim().is_empty()) && allowlist_writer.is_none() {
        return Err(Error::Forbidden { allowed: Action::WhitelistWrite.allowed_by() }.into());
    }
    if only_domains {
        let added = match parse_entries(&form.domains) {
            Ok(domains) if domains.is_empty() => Err(vec!["Enter one or more domains to add.".to_owned()]),
            Ok(domains) => add_domains(&state, allowlist_writer.as_ref(), &domains).await?,
            Err(errors) => Err(errors),
        };
        let added = match added {
            Ok(added) => added,
            Err(errors) => {
                let step2 = AllowlistStep { domains: form.domains.clone(), errors, ..AllowlistStep::default() };
                return show_again(&state, &auth.caller, form, step2, vec![]).await;
            }
        };
        // The domains are on the list now: the field starts empty again.
        form.domains.clear();
        let step2 = AllowlistStep { added: added.added, skipped: added.skipped, ..AllowlistStep::default() };
        return html(StatusCode::OK, &wizard(&state, &auth.caller, form, step2).await?);
    }
    // Creating: the domains are validated first, the function is created next (a name or limit
    // refusal leaves the allowlist alone), and the domains are added last.
    let domains = match parse_entries(&form.domains) {
        Ok(domains) => domains,
        Err(errors) => {
            let step2 = AllowlistStep { domains: form.domains.clone(), errors, ..AllowlistStep::default() };
            return show_again(&state, &auth.caller, form, step2, vec![]).await;
        }
    };
    let skills = match parse_skill_list(&form.skills) {
        Ok(skills) => skills,
        Err(msg) => {
            let step2 = AllowlistStep { domains: form.domains.clone(), ..AllowlistStep::default() };
            return show_again(&state, &auth.caller, form, step2, vec![msg]).await;
        }
    };
    let create = CreateLambda {
        name: form.name.clone(),
        description: form.description.clone(),
        event_id: form.event.clone(),
        template_id: form.template.clone(),
        skills,
        ..CreateLambda::default()
    };
    let lambda = match auth.lambda_editor(&state).create(create).await {
        Ok(lambda) => lambda,
        Err(ServiceError::BadInput(msg) | ServiceError::Conflict(msg)) => {
            let step2 = AllowlistStep { domains: form.domains.clone(), ..AllowlistStep::default() };
            return show_again(&state, &auth.caller, form, step2, vec![msg]).await;
        }
        Err(e) => return Err(e.into()),
    };
    let notice = match add_domains(&state, allowlist_writer.as_ref(), &domains).await? {
        Ok(added) => created_notice(&added),
        Err(errors) => {
            tracing::warn!(lambda = %lambda.id, ?errors, "function created; its domains were not added");
            "lambda-created-domains-failed"
        }
    };
    Ok(redirect(&format!("/functions/{}/edit?notice={notice}", lambda.id)))
}

/// Adds validated domains; `Err` holds what to show about them (the allowlist is full...).
async fn add_domains(
    state: &AppState,
    writer: Option<&Authorized<WhitelistWrite>>,
    domains: &[String],
) -> Result<Result<AddedEntries, Vec<String>>, Error> {
    if domains.is_empty() {
        return Ok(Ok(AddedEntries::default()));
    }
    // The caller checked the permission before reading the domains.
    let Some(writer) = writer else {
        return Err(Error::Forbidden { allowed: Action::WhitelistWrite.allowed_by() });
    };
    match writer.allowlist_editor(state).add_all(domains).await {
        Ok(added) => Ok(Ok(added)),
        Err(ServiceError::BadInput(m) | ServiceError::Conflict(m)) => Ok(Err(vec![m])),
        Err(e) => Err(e.into()),
    }
}

/// The wizard again (400) with everything typed, and `errors` about step 1 or 3 on top.
async fn show_again(
    state: &AppState,
    caller: &Caller,
    form: WizardForm,
    step2: AllowlistStep,
    errors: Vec<String>,
) -> Result<HttpResponse, PageError> {
    let mut page = wizard(state, caller, form, step2).await?;
    page.errors = errors;
    html(StatusCode::BAD_REQUEST, &page)
}

fn created_notice(added: &AddedEntries) -> &'static str {
    match (added.added.is_empty(), added.skipped.is_empty()) {
        (true, true) => "lambda-created",
        (false, true) => "lambda-created-domains",
        (_, false) => "lambda-created-domains-skipped",
    }
}
