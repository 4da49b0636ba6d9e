//! The Schedules page: the form with its preview (a Preview button, and the JSON endpoint the
//! page's script calls), create, edit, pause, resume and delete; what read-only users see.

use lambdabox_domain::Permission;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::lambdas::HELLO;
use crate::schedules::{created, scheduled_app};

#[tokio::test]
async fn the_ui_creates_previews_edits_pauses_resumes_and_deletes_schedules() {
    let api = scheduled_app().await;
    let (app, admin) = (&api.app, &api.admin);
    let empty = app.get(admin, "/schedules").await.text().await.unwrap();
    assert!(empty.contains("No schedules") && empty.contains("id=\"create-schedule\""));
    let lambda = api.deployed("report", HELLO).await;
    api.create("draft_only", HELLO).await;
    let form = app.get(admin, "/schedules/new").await.text().await.unwrap();
    assert!(form.contains(&lambda) && !form.contains("draft_only"), "only productive lambdas are offered");
    assert!(form.contains("/static/js/schedules.js") && form.contains("data-cron-example=\"0 9 * * 1-5\""));

    let fields = |cron: &'static str, payload: &'static str| {
        vec![("lambda", lambda.clone()), ("cron", cron.to_owned()), ("payload", payload.to_owned())]
    };
    let post = |path: String, mut f: Vec<(&'static str, String)>, extra: &[(&'static str, &'static str)]| {
        f.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form(admin, &path, &pairs).await
        }
    };
    let res = post("/schedules".into(), fields("*/20 * * * *", "{}"), &[("preview", "1")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    for t in ["12:20", "12:40", "13:00", "13:20", "13:40"] {
        assert!(html.contains(&format!("<li>2030-01-01 {t} UTC</li>")), "preview shows {t}");
    }
    let res = post("/schedules".into(), fields("* * * * * *", "{}"), &[("preview", "1")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("Examples:"));
    let res = post("/schedules".into(), fields("@daily", "{not json"), &[("active", "on")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let html = res.text().await.unwrap();
    assert!(html.contains("not valid JSON") && html.contains("{not json"), "the form keeps what was typed");

    let res = post("/schedules".into(), fields("*/20 * * * *", "{\"name\": \"Ada\"}"), &[("active", "on")]).await;
    assert_eq!(res.headers()["location"], "/schedules?notice=schedule-created");
    let list = app.get(admin, "/schedules?notice=schedule-created").await.text().await.unwrap();
    assert!(
        list.contains("Schedule created.") && list.contains("*/20 * * * *") && list.contains("data-status=\"active\"")
    );
    assert!(list.contains("2030-01-01 12:20 UTC"), "the next run is listed");
    let all: Vec<Value> = api.get("/schedules").await.json().await.unwrap();
    let id = all[0]["uuid"].as_str().unwrap().to_owned();
    assert_eq!(all[0]["payload"], json!({"name": "Ada"}));

    let edit = app.get(admin, &format!("/schedules/{id}/edit")).await.text().await.unwrap();
    assert!(edit.contains("value=\"*/20 * * * *\"") && edit.contains("<li>2030-01-01 12:20 UTC</li>"));
    let res = post(format!("/schedules/{id}"), fields("0 9 * * 1-5", "{}"), &[("active", "on")]).await;
    assert_eq!(res.headers()["location"], "/schedules?notice=schedule-saved");
    let one: Value = api.get(&format!("/schedules/{id}")).await.json().await.unwrap();
    assert_eq!(
        (one["cronExpression"].as_str(), one["nextExecution"].as_str()),
        (Some("0 9 * * 1-5"), Some("2030-01-02T09:00:00Z"))
    );

    let res = app.post_form(admin, &format!("/schedules/{id}/pause"), &[]).await;
    assert_eq!(res.headers()["location"], "/schedules?notice=schedule-paused");
    assert!(app.get(admin, "/schedules").await.text().await.unwrap().contains("data-status=\"paused\""));
    let res = app.post_form(admin, &format!("/schedules/{id}/resume"), &[]).await;
    assert_eq!(res.headers()["location"], "/schedules?notice=schedule-resumed");
    assert!(app.get(admin, "/schedules").await.text().await.unwrap().contains("data-status=\"active\""));
    let res = app.post_form(admin, &format!("/schedules/{id}/delete"), &[]).await;
    assert_eq!(res.headers()["location"], "/schedules?notice=schedule-deleted");
    assert!(app.get(admin, "/schedules").await.text().await.unwrap().contains("No schedules"));
}

#[tokio::test]
async fn the_form_preview_endpoint_answers_json() {
    let api = scheduled_app().await;
    let res = api.app.get(&api.admin, &format!("/schedules/preview?cron={}", "%40hourly")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["nextRuns"][0], "2030-01-01 13:00 UTC");
    assert_eq!(body["nextRuns"].as_array().unwrap().len(), 5);
    let res = api.app.get(&api.admin, "/schedules/preview?cron=*+*+*+*+*+*").await;
    assert_eq!(res.status(), StatusCode::OK, "an invalid expression is an answer, not a failed request");
    let body: Value = res.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("Examples"));
    assert_eq!(body["nextRuns"], json!([]));
    let js = api.app.get(&api.admin, "/static/js/schedules.js").await;
    assert_eq!(js.status(), StatusCode::OK);
}

#[tokio::test]
async fn invocation_users_see_schedules_but_cannot_change_them() {
    let api = scheduled_app().await;
    let lambda = api.deployed("seen", HELLO).await;
    created(&api, &lambda, "@daily", json!({})).await;
    let viewer = api.app.user_with(&api.admin, "viewer", &[Permission::FaasInvocation]).await;
    let html = api.app.get(&viewer, "/schedules").await.text().await.unwrap();
    assert!(html.contains("@daily") && !html.contains("create-schedule") && !html.contains("/pause"));
    let admin_only = api.app.user_with(&api.admin, "ops", &[Permission::FaasAdmin]).await;
    let token = api.app.token(&admin_only).await;
    let res = api
        .app
        .client()
        .post(api.url("/schedules"))
        .bearer_auth(&token)
        .json(&json!({"lambdaUUID": lambda, "cronExpression": "@hourly"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED, "FaaS-Admin may create schedules");
}
