//! Schedules through the API and the UI: create, list, edit, pause, resume, delete; cron and
//! payload validation; only productive lambdas; the limit; exactly-once firing driven by
//! `scheduler.tick(now)` on a manual clock; missed runs after a restart; undeploy pauses.

use lambdabox_domain::schedule::{RunStatus, ScheduleId};
use lambdabox_services::clock::Clock;
use lambdabox_store::activity;
use lambdabox_store::schedules::{self, ScheduleRun};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::macros::datetime;

use crate::helpers::*;
use crate::lambdas::{Api, HELLO};

/// The manual clock starts here: half a minute past noon (and a fraction: due times are whole minutes).
pub const T0: OffsetDateTime = datetime!(2030-01-01 12:00:30.250 UTC);

/// Succeeds only if it got the schedule's input: `{timestamp: <a due minute>, headers: [], payload}`.
const CHECKS_INPUT: &str = "function lambda(input, callback) {\n  \
    if (typeof input.timestamp !== 'number' || input.timestamp % 300000 !== 0) { callback(new Error('timestamp')); return; }\n  \
    if (!Array.isArray(input.headers) || input.payload.name !== 'Ada') { callback(new Error('bad input')); return; }\n  \
    callback(null, { ok: true });\n}\n";

/// An app whose scheduler clock stands at `now`, with the administrator's token.
async fn start_at(now: OffsetDateTime, dir: Option<tempfile::TempDir>, path: &std::path::Path) -> Api {
    let mut config = test_config(path);
    config.clock = Clock::manual(now);
    let app = TestApp::spawn_with(config, dir).await;
    let admin = app.setup().await;
    let token = app.token(&admin).await;
    Api { app, admin, token }
}

pub async fn scheduled_app() -> Api {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    start_at(T0, Some(dir), &path).await
}

fn ms(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

async fn create(api: &Api, lambda: &str, cron: &str, payload: Value) -> Response {
    api.post("/schedules", json!({"lambdaUUID": lambda, "cronExpression": cron, "isActive": true, "payload": payload}))
        .await
}

pub async fn created(api: &Api, lambda: &str, cron: &str, payload: Value) -> Value {
    let res = create(api, lambda, cron, payload).await;
    assert_eq!(res.status(), StatusCode::CREATED, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

async fn error_of(res: Response, status: StatusCode) -> String {
    assert_eq!(res.status(), status);
    let body: Value = res.json().await.unwrap();
    body["errorMsg"].as_str().unwrap().to_owned()
}

/// (successful, unsuccessful) production invocations so far.
async fn invocation_counts(api: &Api) -> (i64, i64) {
    api.app.state.hooks().flush().await;
    let res = api.get("/reports/invocationCounts?startTimestamp=0&endTimestamp=99999999999999").await;
    let body: Value = res.json().await.unwrap();
    (body["successfulInvocations"].as_i64().unwrap(), body["unsuccessfulInvocations"].as_i64().unwrap())
}

/// The app's database, opened beside it as an operator's tool would.
fn store(api: &Api) -> lambdabox_store::Store {
    lambdabox_store::Store::open(&api.app.data_dir).unwrap()
}

async fn runs(api: &Api, schedule: &Value) -> Vec<ScheduleRun> {
    let id = ScheduleId::parse(schedule["uuid"].as_str().unwrap()).unwrap();
    store(api).read(move |conn| schedules::list_runs(conn, &id, 1000)).await.unwrap()
}

async fn activity_texts(api: &Api) -> Vec<String> {
    let recent = store(api).read(|conn| activity::list_recent(conn, 100)).await.unwrap();
    recent.into_iter().map(|a| format!("{} {}", a.kind, a.description)).collect()
}

#[tokio::test]
async fn schedules_are_created_listed_edited_paused_and_deleted_through_the_api() {
    let api = scheduled_app().await;
    let lambda = api.deployed("nightly", HELLO).await;
    let s = created(&api, &lambda, "*/5 * * * *", json!({"name": "Ada"})).await;
    assert_eq!(s["lambdaUUID"], lambda.as_str());
    assert_eq!(s["cronExpression"], "*/5 * * * *");
    assert_eq!(s["isActive"], true);
    assert_eq!(s["payload"], json!({"name": "Ada"}));
    assert_eq!(s["createdBy"], ADMIN);
    assert_eq!(s["nextExecution"], "2030-01-01T12:05:00Z");
    assert_eq!(s["lastExecution"], Value::Null);
    assert_eq!(s["didLastExecutionFail"], false);
    let uuid = s["uuid"].as_str().unwrap();

    let list: Vec<Value> = api.get("/schedules").await.json().await.unwrap();
    assert_eq!(list, vec![s.clone()]);
    let one: Value = api.get(&format!("/schedules/{uuid}")).await.json().await.unwrap();
    assert_eq!(one, s);

    let res = api.put(&format!("/schedules/{uuid}"), json!({"cronExpression": "@hourly", "payload": [1, 2]})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let edited: Value = res.json().await.unwrap();
    assert_eq!((edited["cronExpression"].as_str(), edited["payload"].clone()), (Some("@hourly"), json!([1, 2])));
    assert_eq!(edited["nextExecution"], "2030-01-01T13:00:00Z");

    let paused: Value = api.put(&format!("/schedules/{uuid}"), json!({"isActive": false})).await.json().await.unwrap();
    assert_eq!((paused["isActive"].clone(), paused["nextExecution"].clone()), (json!(false), Value::Null));
    let resumed: Value = api.put(&format!("/schedules/{uuid}"), json!({"isActive": true})).await.json().await.unwrap();
    assert_eq!(resumed["isActive"], true);

    assert_eq!(api.delete(&format!("/schedules/{uuid}")).await.status(), StatusCode::NO_CONTENT);
    let missing = error_of(api.get(&format!("/schedules/{uuid}")).await, StatusCode::NOT_FOUND).await;
    assert!(missing.contains("no schedule"), "{missing}");
    assert_eq!(api.delete(&format!("/schedules/{uuid}")).await.status(), StatusCode::NOT_FOUND);
    let log = activity_texts(&api).await.join("\n");
    for kind in ["schedule.created", "schedule.edited", "schedule.paused", "schedule.resumed", "schedule.deleted"] {
        assert!(log.contains(kind), "activity has {kind}: {log}");
    }
}

#[tokio::test]
async fn bad_cron_expressions_and_payloads_are_refused_with_examples() {
    let api = scheduled_app().await;
    let lambda = api.deployed("hello", HELLO).await;
    let cases = [
        ("* * * * * *", "the shortest interval is one minute"),
        ("0 */5 * * * * *", "not supported"),
        ("61 * * * *", "not a valid cron expression"),
        ("every minute", "field(s), not 5"),
        ("", "a cron expression is required"),
        ("@reboot", "not a known shortcut"),
        ("0 0 31 2 *", "never matches"),
    ];
    for (cron, reason) in cases {
        let msg = error_of(create(&api, &lambda, cron, json!({})).await, StatusCode::BAD_REQUEST).await;
        assert!(msg.contains(reason), "{cron}: {msg}");
        assert!(msg.contains("Examples: '*/15 * * * *' (every 15 minutes)"), "{cron}: {msg}");
    }
    for shortcut in ["@hourly", "@daily", "@weekly", "@monthly", "@yearly"] {
        assert_eq!(create(&api, &lambda, shortcut, json!({})).await.status(), StatusCode::CREATED, "{shortcut}");
    }
    let big = json!({"text": "x".repeat(8_000)});
    let msg = error_of(create(&api, &lambda, "@daily", big).await, StatusCode::BAD_REQUEST).await;
    assert!(msg.contains("at most 8000"), "{msg}");
    let msg =
        error_of(api.post("/schedules", json!({"cronExpression": "@daily"})).await, StatusCode::BAD_REQUEST).await;
    assert!(msg.contains("lambdaUUID is required"), "{msg}");
    let unknown = "0b9f6c2e-5d1a-4e8b-9c3d-7a6f5e4d3c2b";
    let msg = error_of(create(&api, unknown, "@daily", json!({})).await, StatusCode::BAD_REQUEST).await;
    assert!(msg.contains("no lambda"), "{msg}");
    let res = api.post("/schedules", json!({"lambdaUUID": 5})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "wrong JSON types are refused");
}

#[tokio::test]
async fn only_productive_lambdas_can_be_scheduled() {
    let api = scheduled_app().await;
    let draft = api.create("draft", HELLO).await;
    let msg = error_of(create(&api, &draft, "@daily", json!({})).await, StatusCode::BAD_REQUEST).await;
    assert!(msg.contains("not productive") && msg.contains("Draft"), "{msg}");
    assert_eq!(api.deploy(&draft).await.status(), StatusCode::OK);
    created(&api, &draft, "@daily", json!({})).await;
}

#[tokio::test]
async fn at_most_ten_lambdas_can_be_scheduled() {
    let api = scheduled_app().await;
    let mut lambdas = Vec::new();
    for i in 0..11 {
        lambdas.push(api.deployed(&format!("job{i}"), HELLO).await);
    }
    let mut last = Value::Null;
    for lambda in &lambdas[..10] {
        last = created(&api, lambda, "@daily", json!({})).await;
    }
    let msg = error_of(create(&api, &lambdas[10], "@daily", json!({})).await, StatusCode::CONFLICT).await;
    assert!(msg.contains("at most 10 lambdas"), "{msg}");
    // A second schedule for a lambda that already has one does not count against the limit.
    created(&api, &lambdas[0], "@hourly", json!({})).await;
    let res =
        api.put(&format!("/schedules/{}", last["uuid"].as_str().unwrap()), json!({"lambdaUUID": lambdas[10]})).await;
    assert_eq!(res.status(), StatusCode::OK, "moving a schedule to another lambda keeps the count");
    let msg = error_of(create(&api, &lambdas[9], "@daily", json!({})).await, StatusCode::CONFLICT).await;
    assert!(msg.contains("delete a schedule first"), "{msg}");
}

#[tokio::test]
async fn the_limit_of_scheduled_lambdas_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = test_config(dir.path());
    config.clock = Clock::manual(T0);
    config.max_scheduled_lambdas = 1;
    let app = TestApp::spawn_with(config, Some(dir)).await;
    let admin = app.setup().await;
    let token = app.token(&admin).await;
    let api = Api { app, admin, token };
    let (a, b) = (api.deployed("a", HELLO).await, api.deployed("b", HELLO).await);
    created(&api, &a, "@daily", json!({})).await;
    let msg = error_of(create(&api, &b, "@daily", json!({})).await, StatusCode::CONFLICT).await;
    assert!(msg.contains("at most 1 lambdas"), "{msg}");
}

#[tokio::test]
async fn a_due_run_fires_exactly_once_with_the_schedule_input() {
    let api = scheduled_app().await;
    let lambda = api.deployed("every5", CHECKS_INPUT).await;
    let due = datetime!(2030-01-01 12:05:00 UTC);
    let s = created(&api, &lambda, "*/5 * * * *", json!({"name": "Ada"})).await;
    let scheduler = &api.app.state.hooks().scheduler();

    let early = scheduler.tick(datetime!(2030-01-01 12:04:59 UTC)).await.unwrap();
    assert!(early.fired.is_empty(), "nothing is due before 12:05");
    let first = scheduler.tick(due).await.unwrap();
    assert_eq!(first.fired.len(), 1);
    assert!(scheduler.tick(due).await.unwrap().fired.is_empty(), "the same minute never fires twice");
    assert!(scheduler.tick(datetime!(2030-01-01 12:05:40 UTC)).await.unwrap().fired.is_empty());
    assert_eq!(invocation_counts(&api).await, (1, 0), "one invocation, and it got the schedule's input");

    // Two ticks racing for the next due time: one claims it, the other finds nothing.
    let next = datetime!(2030-01-01 12:10:00 UTC);
    let (a, b) = tokio::join!(scheduler.tick(next), scheduler.tick(next));
    assert_eq!(a.unwrap().fired.len() + b.unwrap().fired.len(), 1);
    assert_eq!(invocation_counts(&api).await.0, 2);

    let history = runs(&api, &s).await;
    assert_eq!(history.len(), 2);
    assert!(history.iter().all(|r| r.status == RunStatus::Succeeded), "{history:?}");
    let one: Value = api.get(&format!("/schedules/{}", s["uuid"].as_str().unwrap())).await.json().await.unwrap();
    assert_eq!(one["lastExecution"], "2030-01-01T12:10:00Z");
    assert_eq!(one["didLastExecutionFail"], false);
    let html = api.app.get(&api.admin, "/schedules").await.text().await.unwrap();
    let request_id = history[0].request_id.clone().unwrap();
    assert!(html.contains(&format!("/logs?lambda={lambda}&amp;requestId={request_id}")), "the last run links its logs");
    assert!(html.contains("data-run=\"Succeeded\""));
}

#[tokio::test]
async fn a_failing_run_is_shown_as_failed() {
    let api = scheduled_app().await;
    let lambda = api.deployed("fails", "function lambda(input, callback) {\n  callback(new Error('nope'));\n}\n").await;
    let s = created(&api, &lambda, "* * * * *", json!({})).await;
    let report = api.app.state.hooks().scheduler().tick(datetime!(2030-01-01 12:01:00 UTC)).await.unwrap();
    assert_eq!(report.fired.len(), 1);
    assert_eq!(invocation_counts(&api).await, (0, 1));
    let one: Value = api.get(&format!("/schedules/{}", s["uuid"].as_str().unwrap())).await.json().await.unwrap();
    assert_eq!(one["didLastExecutionFail"], true);
    let html = api.app.get(&api.admin, "/schedules").await.text().await.unwrap();
    assert!(html.contains("Failed CODING_FAILURE"), "{html}");
}

#[tokio::test]
async fn runs_missed_while_lambdabox_was_down_are_recorded_as_missed_not_replayed() {
    let dir = tempfile::tempdir().unwrap();
    let api = start_at(T0, None, dir.path()).await;
    let lambda = api.deployed("every5", HELLO).await;
    let s = created(&api, &lambda, "*/5 * * * *", json!({"name": "Ada"})).await;
    assert_eq!(
        api.app.state.hooks().scheduler().tick(datetime!(2030-01-01 12:05:00 UTC)).await.unwrap().fired.len(),
        1
    );
    api.app.state.hooks().flush().await;
    api.app.stop().await;

    // Down from 12:05 to 13:02:10: 12:10 ... 13:00 (11 due times) were missed.
    let mut config = test_config(dir.path());
    config.clock = Clock::manual(datetime!(2030-01-01 13:02:10 UTC));
    let app = TestApp::spawn_with(config, None).await;
    let (admin, status) = app.login(ADMIN, ADMIN_PASSWORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let token = app.token(&admin).await;
    let api = Api { app, admin, token };
    let history = runs(&api, &s).await;
    let missed: Vec<&ScheduleRun> = history.iter().filter(|r| r.status == RunStatus::Missed).collect();
    assert_eq!(missed.len(), 11, "{history:?}");
    assert_eq!(missed[0].due_at, ms(datetime!(2030-01-01 13:00:00 UTC)));
    assert_eq!(invocation_counts(&api).await, (1, 0), "missed runs are not replayed");
    let log = activity_texts(&api).await.join("\n");
    assert!(log.contains("schedule.missed") && log.contains("missed 11 run(s)"), "{log}");

    let one: Value = api.get(&format!("/schedules/{}", s["uuid"].as_str().unwrap())).await.json().await.unwrap();
    assert_eq!(one["lastExecution"], "2030-01-01T12:05:00Z");
    assert_eq!(one["nextExecution"], "2030-01-01T13:05:00Z", "it continues from the next future due time");
    let scheduler = &api.app.state.hooks().scheduler();
    assert!(scheduler.tick(datetime!(2030-01-01 13:02:10 UTC)).await.unwrap().fired.is_empty());
    assert_eq!(scheduler.tick(datetime!(2030-01-01 13:05:00 UTC)).await.unwrap().fired.len(), 1);
    assert_eq!(invocation_counts(&api).await, (2, 0));
    let html = api.app.get(&api.admin, "/schedules").await.text().await.unwrap();
    assert!(html.contains("data-run=\"Succeeded\""));
}

#[tokio::test]
async fn undeploying_a_lambda_pauses_its_schedules_and_says_so() {
    let api = scheduled_app().await;
    let lambda = api.deployed("hourly", HELLO).await;
    let s = created(&api, &lambda, "@hourly", json!({"name": "Ada"})).await;
    let uuid = s["uuid"].as_str().unwrap();
    let res = api.delete(&format!("/deployments/{lambda}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["pausedSchedules"], 1);
    assert!(body["message"].as_str().unwrap().contains("1 active schedule(s) were paused"), "{body}");
    let one: Value = api.get(&format!("/schedules/{uuid}")).await.json().await.unwrap();
    assert_eq!(one["isActive"], false);
    assert_eq!(one["pausedReason"], "the lambda was undeployed");
    assert!(activity_texts(&api).await.iter().any(|t| t.contains("Paused 1 schedule(s) of lambda hourly")));
    let report = api.app.state.hooks().scheduler().tick(datetime!(2030-01-01 13:00:00 UTC)).await.unwrap();
    assert!(report.fired.is_empty(), "a paused schedule does not run");

    let msg =
        error_of(api.put(&format!("/schedules/{uuid}"), json!({"isActive": true})).await, StatusCode::BAD_REQUEST)
            .await;
    assert!(msg.contains("not productive"), "{msg}");
    assert_eq!(api.deploy(&lambda).await.status(), StatusCode::OK);
    let resumed: Value = api.put(&format!("/schedules/{uuid}"), json!({"isActive": true})).await.json().await.unwrap();
    assert_eq!((resumed["isActive"].clone(), resumed["pausedReason"].clone()), (json!(true), Value::Null));

    // The UI says so too.
    let res = api.app.post_form(&api.admin, &format!("/deployments/{lambda}/undeploy"), &[]).await;
    assert_eq!(res.headers()["location"], "/deployments?notice=undeployed-schedules-paused");
    let page = api.app.get(&api.admin, "/deployments?notice=undeployed-schedules-paused").await.text().await.unwrap();
    assert!(page.contains("Its schedules were paused"));
    let list = api.app.get(&api.admin, "/schedules").await.text().await.unwrap();
    assert!(list.contains("data-status=\"paused\"") && list.contains("the lambda was undeployed"));

    // Removing the lambda removes its schedules.
    assert_eq!(api.delete(&format!("/lambdas/{lambda}")).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(api.get(&format!("/schedules/{uuid}")).await.status(), StatusCode::NOT_FOUND);
}
