//! The permission matrix over real routes: for users holding each single permission (and
//! none), every guarded route answers as `auth::permission::MATRIX` says, in the UI and the API.

use lambdabox::auth::permission::Action;
use lambdabox_domain::Permission;
use reqwest::{Client, Method, StatusCode};

use crate::helpers::*;

/// Every guarded route that exists, with the action it performs. POSTs send an empty form, so
/// an allowed caller gets a validation answer (400), never a change.
const ROUTES: &[(Method, &str, Action)] = &[
    (Method::GET, "/", Action::ReportingRead),
    (Method::GET, "/functions", Action::LambdaRead),
    (Method::GET, "/functions/new", Action::LambdaWrite),
    (Method::POST, "/functions", Action::LambdaWrite),
    (Method::GET, "/functions/{id}/edit", Action::LambdaRead),
    (Method::POST, "/functions/{id}", Action::LambdaWrite),
    (Method::POST, "/functions/{id}/remove", Action::LambdaWrite),
    (Method::POST, "/functions/{id}/fix-declaration", Action::LambdaWrite),
    (Method::POST, "/functions/check", Action::LambdaWrite),
    (Method::POST, "/profiles/999999/sso-groups", Action::UsersManage),
    (Method::GET, "/functions/{id}/deployments/1", Action::LambdaRead),
    (Method::GET, "/functions/{id}/test", Action::LambdaInvoke),
    (Method::POST, "/functions/{id}/test", Action::LambdaInvoke),
    (Method::GET, "/deployments", Action::LambdaRead),
    (Method::GET, "/deployments/{id}/review", Action::LambdaWrite),
    (Method::POST, "/deployments/{id}", Action::LambdaWrite),
    (Method::POST, "/deployments/{id}/undeploy", Action::LambdaWrite),
    (Method::GET, "/schedules", Action::ScheduleRead),
    (Method::GET, "/schedules/preview?cron=%40daily", Action::ScheduleRead),
    (Method::GET, "/schedules/new", Action::ScheduleWrite),
    (Method::POST, "/schedules", Action::ScheduleWrite),
    (Method::GET, "/schedules/{id}/edit", Action::ScheduleWrite),
    (Method::POST, "/schedules/{id}", Action::ScheduleWrite),
    (Method::POST, "/schedules/{id}/pause", Action::ScheduleWrite),
    (Method::POST, "/schedules/{id}/resume", Action::ScheduleWrite),
    (Method::POST, "/schedules/{id}/delete", Action::ScheduleWrite),
    (Method::GET, "/logs", Action::ReportingRead),
    (Method::GET, "/settings", Action::ReportingRead),
    (Method::POST, "/settings/allowlist", Action::WhitelistWrite),
    (Method::POST, "/settings/allowlist/999999/delete", Action::WhitelistWrite),
    (Method::POST, "/settings/secrets", Action::SecretWrite),
    (Method::POST, "/settings/secrets/none/replace", Action::SecretWrite),
    (Method::POST, "/settings/secrets/none/delete", Action::SecretWrite),
    (Method::GET, "/activity", Action::ReportingRead),
    (Method::GET, "/api/account/{acc}/proxy-settings", Action::WhitelistRead),
    (Method::POST, "/api/account/{acc}/proxy-settings", Action::WhitelistWrite),
    (Method::DELETE, "/api/account/{acc}/proxy-settings/999999", Action::WhitelistWrite),
    (Method::GET, "/api/account/{acc}/secrets", Action::SecretRead),
    (Method::POST, "/api/account/{acc}/secrets", Action::SecretWrite),
    (Method::PUT, "/api/account/{acc}/secrets/none", Action::SecretWrite),
    (Method::DELETE, "/api/account/{acc}/secrets/none", Action::SecretWrite),
    (Method::GET, "/api/account/{acc}/logs", Action::ReportingRead),
    (Method::GET, "/api/account/{acc}/logs/export", Action::ReportingRead),
    (Method::GET, "/api/account/{acc}/activity", Action::ReportingRead),
    (Method::GET, "/settings/reporting", Action::ReportingRead),
    (Method::POST, "/settings/reporting", Action::EmailReportSettingsWrite),
    (Method::POST, "/settings/reporting/test", Action::EmailReportSettingsWrite),
    (Method::POST, "/settings/reporting/recipients", Action::EmailReportRecipientsWrite),
    (Method::POST, "/settings/reporting/recipients/delete", Action::EmailReportRecipientsWrite),
    (Method::GET, "/users", Action::UsersManage),
    (Method::POST, "/users", Action::UsersManage),
    (Method::POST, "/profiles", Action::UsersManage),
    (Method::POST, "/users/999999/disable", Action::UsersManage),
    (Method::POST, "/users/999999/password", Action::UsersManage),
    (Method::POST, "/users/999999/delete", Action::UsersManage),
    (Method::GET, "/api/account/{acc}/users", Action::UsersManage),
    (Method::POST, "/api/account/{acc}/users", Action::UsersManage),
    (Method::PUT, "/api/account/{acc}/users/999999", Action::UsersManage),
    (Method::DELETE, "/api/account/{acc}/users/999999", Action::UsersManage),
    (Method::GET, "/api/account/{acc}/profiles", Action::UsersManage),
    (Method::POST, "/api/account/{acc}/profiles", Action::UsersManage),
    (Method::PUT, "/api/account/{acc}/profiles/999999", Action::UsersManage),
    (Method::DELETE, "/api/account/{acc}/profiles/999999", Action::UsersManage),
    (Method::GET, "/api/account/{acc}/runtimes", Action::LambdaRead),
    (Method::GET, "/api/account/{acc}/events", Action::LambdaRead),
    (Method::GET, "/api/account/{acc}/lambdas", Action::LambdaRead),
    (Method::POST, "/api/account/{acc}/lambdas", Action::LambdaWrite),
    (Method::GET, "/api/account/{acc}/lambdas/{id}", Action::LambdaRead),
    (Method::PUT, "/api/account/{acc}/lambdas/{id}", Action::LambdaWrite),
    (Method::DELETE, "/api/account/{acc}/lambdas/{id}", Action::LambdaWrite),
    (Method::POST, "/api/account/{acc}/deployments/{id}", Action::LambdaWrite),
    (Method::DELETE, "/api/account/{acc}/deployments/{id}", Action::LambdaWrite),
    (Method::POST, "/api/account/{acc}/lambdas/{id}/invoke?v=1", Action::LambdaInvoke),
    (Method::POST, "/api/account/{acc}/events/conversational_command/invoke?v=1", Action::LambdaInvoke),
    (Method::GET, "/api/account/{acc}/events/conversational_command/isImplemented?v=1", Action::LambdaInvoke),
    (Method::GET, "/api/account/{acc}/schedules", Action::ScheduleRead),
    (Method::POST, "/api/account/{acc}/schedules", Action::ScheduleWrite),
    (Method::GET, "/api/account/{acc}/schedules/{id}", Action::ScheduleRead),
    (Method::PUT, "/api/account/{acc}/schedules/{id}", Action::ScheduleWrite),
    (Method::DELETE, "/api/account/{acc}/schedules/{id}", Action::ScheduleWrite),
    (Method::GET, "/api/account/{acc}/reports/limitCounts", Action::ReportingRead),
    (Method::GET, "/api/account/{acc}/reports/lambdaCounts", Action::ReportingRead),
    (Method::GET, "/api/account/{acc}/reports/invocationCounts?startTimestamp=0&endTimestamp=1", Action::ReportingRead),
    (Method::GET, "/api/account/{acc}/email-report", Action::ReportingRead),
    (Method::PUT, "/api/account/{acc}/email-report", Action::EmailReportSettingsWrite),
    (Method::POST, "/api/account/{acc}/email-report/test", Action::EmailReportSettingsWrite),
    (Method::POST, "/api/account/{acc}/email-report/recipients", Action::EmailReportRecipientsWrite),
    (
        Method::DELETE,
        "/api/account/{acc}/email-report/recipients/nobody@example.com",
        Action::EmailReportRecipientsWrite,
    ),
];

/// A lambda id that does not exist: allowed callers get 404, never a change.
const NO_SUCH_LAMBDA: &str = "0b9f6c2e-5d1a-4e8b-9c3d-7a6f5e4d3c2b";

async fn call(
    app: &TestApp,
    client: &Client,
    bearer: Option<&str>,
    method: &Method,
    path: &str,
) -> (StatusCode, String) {
    let url = app.url(&path.replace("{acc}", ACCOUNT).replace("{id}", NO_SUCH_LAMBDA));
    let mut req = client.request(method.clone(), url);
    if let Some(token) = bearer {
        req = req.bearer_auth(token);
    } else if method == Method::POST {
        let csrf = app.csrf(client).await;
        req = req.form(&[("csrf_token", csrf.as_str())]);
    }
    let res = req.send().await.unwrap();
    (res.status(), res.text().await.unwrap())
}

#[tokio::test]
async fn every_route_enforces_the_matrix_for_every_permission() {
    let (app, admin) = TestApp::provisioned().await;
    let mut holders: Vec<(Vec<Permission>, Client, String)> = Vec::new();
    let sets: [&[Permission]; 3] =
        [&[Permission::FaasAdmin], &[Permission::FaasDeveloper], &[Permission::FaasInvocation]];
    for (i, perms) in sets.iter().enumerate() {
        let client = app.user_with(&admin, &format!("user{i}"), perms).await;
        let token = app.token(&client).await;
        holders.push((perms.to_vec(), client, token));
    }
    for (perms, client, token) in &holders {
        for (method, path, action) in ROUTES {
            let allowed = action.allows(perms);
            let is_api = path.starts_with("/api/");
            let (status, body) = call(&app, client, is_api.then_some(token.as_str()), method, path).await;
            if allowed {
                assert_ne!(status, StatusCode::FORBIDDEN, "{perms:?} {method} {path}: {body}");
                assert!(
                    status.is_success() || status.is_client_error() || status.is_redirection(),
                    "{perms:?} {method} {path}: {status}"
                );
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{perms:?} {method} {path}: {body}");
                let missing = action.missing_permission().as_str();
                assert!(body.contains(missing), "{method} {path}: the denial names {missing}: {body}");
                if is_api {
                    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
                    assert_eq!(json["errorCode"], "com.liveperson.faas.forbidden");
                } else {
                    assert!(body.contains("<html"), "UI denial is a readable page");
                }
            }
        }
    }
    // The admin user was never changed by the denied or empty posts.
    assert_eq!(app.get(&admin, "/users").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn navigation_shows_only_permitted_sections() {
    let (app, admin) = TestApp::provisioned().await;
    let invoker = app.user_with(&admin, "invoker", &[Permission::FaasInvocation]).await;
    let html = app.get(&invoker, "/").await.text().await.unwrap();
    assert!(html.contains("data-nav=\"functions\""));
    assert!(!html.contains("data-nav=\"users\""), "Users is for FaaS-Admin");
    let html = app.get(&admin, "/").await.text().await.unwrap();
    for key in ["home", "functions", "deployments", "schedules", "logs", "settings", "users"] {
        assert!(html.contains(&format!("data-nav=\"{key}\"")), "admin sees {key}");
    }
}

#[tokio::test]
async fn anonymous_callers_are_sent_to_login_or_get_401() {
    let (app, _) = TestApp::provisioned().await;
    let anon = app.client();
    for (method, path, _) in ROUTES {
        let url = app.url(&path.replace("{acc}", ACCOUNT).replace("{id}", NO_SUCH_LAMBDA));
        let res = anon.request(method.clone(), url).send().await.unwrap();
        if path.starts_with("/api/") {
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{path}");
        } else {
            assert_eq!(res.status(), StatusCode::SEE_OTHER, "{path}");
            assert_eq!(res.headers()["location"], "/login");
        }
    }
}

#[tokio::test]
async fn the_openapi_description_covers_every_api_route() {
    let (app, _) = TestApp::provisioned().await;
    let spec: serde_json::Value =
        app.client().get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    for (method, path, _) in ROUTES.iter().filter(|(_, p, _)| p.starts_with("/api/")) {
        let templated = path
            .split('?')
            .next()
            .unwrap()
            .replace("{acc}", "{accountId}")
            .replace("{id}", "{uuid}")
            .replace("proxy-settings/999999", "proxy-settings/{id}")
            .replace("users/999999", "users/{id}")
            .replace("profiles/999999", "profiles/{id}")
            .replace("secrets/none", "secrets/{key}")
            .replace("recipients/nobody@example.com", "recipients/{email}")
            .replace("events/conversational_command", "events/{eventId}");
        let op = &spec["paths"][&templated][method.as_str().to_lowercase()];
        assert!(op.is_object(), "{method} {templated} is described");
    }
}

#[tokio::test]
async fn the_api_description_carries_the_binary_s_version_and_has_a_readable_page() {
    let (app, _) = TestApp::provisioned().await;
    let spec: serde_json::Value =
        app.client().get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert_eq!(spec["info"]["version"], env!("CARGO_PKG_VERSION"));
    let page = app.client().get(app.url("/api-docs")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("/static/vendor/swagger-ui/swagger-ui-bundle.js") && html.contains("/static/js/api-docs.js"));
    for asset in [
        "/static/vendor/swagger-ui/swagger-ui-bundle.js",
        "/static/vendor/swagger-ui/swagger-ui.css",
        "/static/js/api-docs.js",
    ] {
        assert_eq!(app.client().get(app.url(asset)).send().await.unwrap().status(), StatusCode::OK, "{asset}");
    }
}
