//! Email reports end to end: settings and recipients through the API and the Settings ›
//! Reporting page, reports sent to a real SMTP server on 127.0.0.1 by `Reporter::tick(now)`,
//! once per period even across restarts, failures shown and retried, the password sealed.

use lambdabox_domain::Permission;
use lambdabox_services::reports::TickOutcome;
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

use crate::helpers::*;
use crate::lambdas::{Api, HELLO};
use crate::smtp::{SmtpSink, dead_port};

const SMTP_PASSWORD: &str = "Smtp-Pass-7f3a9c-never-in-clear";

/// An app whose report goes to `sink` daily, with two recipients.
async fn configured(api: &Api, sink: &SmtpSink, frequency: &str) {
    let res = api.put("/email-report", settings(sink.port(), frequency)).await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
    for email in ["ops@example.com", "dev@example.com"] {
        let res = api.post("/email-report/recipients", json!({"email": email})).await;
        assert_eq!(res.status(), StatusCode::CREATED, "{}", res.text().await.unwrap());
    }
}

fn settings(port: u16, frequency: &str) -> Value {
    json!({
        "host": "127.0.0.1", "port": port, "security": "none",
        "username": "reporter", "password": SMTP_PASSWORD,
        "from": "lambdabox@example.com", "frequency": frequency,
    })
}

/// 00:05 UTC on the day `days` after today: the daily report then covers the day before.
fn after_midnight(days: i64) -> OffsetDateTime {
    let day = OffsetDateTime::now_utc().date() + Duration::days(days);
    day.midnight().assume_utc() + Duration::minutes(5)
}

fn sorted(list: &[String]) -> Vec<String> {
    let mut list = list.to_vec();
    list.sort();
    list
}

async fn tick(app: &TestApp, now: OffsetDateTime) -> TickOutcome {
    app.state.hooks().flush().await;
    app.state.hooks().reporter().tick(now).await.unwrap()
}

async fn report(api: &Api) -> Value {
    let res = api.get("/email-report").await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

/// An app whose lambdas time out after 300 ms, with an admin API client.
async fn start() -> Api {
    let dir = tempfile::tempdir().unwrap();
    let mut config = test_config(dir.path());
    config.lambda_timeout = std::time::Duration::from_millis(300);
    let app = TestApp::spawn_with(config, Some(dir)).await;
    let admin = app.setup().await;
    Api { token: app.token(&admin).await, app, admin }
}

#[tokio::test]
async fn a_daily_report_has_totals_with_deltas_and_a_row_per_deployed_lambda() {
    let api = start().await;
    let sink = SmtpSink::start().await;
    configured(&api, &sink, "daily").await;
    let hello = api.deployed("hello", HELLO).await;
    let broken = api.deployed("broken", "function lambda(input, callback) {\n  null.x;\n}").await;
    let slow = api.deployed("slow", "function lambda(input, callback) {\n  while (true) {}\n}").await;
    api.create("draft_only", HELLO).await;
    for _ in 0..3 {
        assert_eq!(api.invoke(&hello, json!({"name": "Ada"})).await.status(), StatusCode::OK);
    }
    for _ in 0..2 {
        assert_eq!(api.invoke(&broken, json!({})).await.status().as_u16(), 901);
    }
    assert_eq!(api.invoke(&slow, json!({})).await.status().as_u16(), 901);

    let today = OffsetDateTime::now_utc().date();
    assert_eq!(tick(&api.app, after_midnight(1)).await, TickOutcome::Sent(format!("daily:{today}")));
    let mails = sink.mails();
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.from, "lambdabox@example.com");
    assert_eq!(sorted(&mail.to), ["dev@example.com", "ops@example.com"]);
    assert_eq!(mail.auth.as_deref(), Some(format!("reporter\0{SMTP_PASSWORD}").as_str()), "the sealed password opens");
    let parsed = mail.parse();
    let subject = parsed.header("Subject");
    assert!(subject.contains(ACCOUNT) && subject.contains(&today.to_string()), "{subject}");
    assert!(parsed.header("Content-Type").starts_with("multipart/alternative"), "{:?}", parsed.headers);
    let text = parsed.part("text/plain");
    for line in [
        "Functions: 4 of 50",
        "Deployed functions: 3\r\n",
        "Successful invocations: 3 (+3)",
        "Failed invocations: 3 (+3)",
        "Timeouts: 1 (+1)",
        "Coding failures: 2 (+2)",
        "hello (No Event): successful 3, failed 0, timeouts 0, coding failures 0",
        "broken (No Event): successful 0, failed 2, timeouts 0, coding failures 2",
        "slow (No Event): successful 0, failed 1, timeouts 1, coding failures 0",
    ] {
        assert!(text.contains(line), "text part has '{line}':\n{text}");
    }
    assert!(!text.contains("draft_only"), "only deployed lambdas have a row");
    let html = parsed.part("text/html");
    assert!(html.contains("<td style=\"border-top:1px solid #eef0f4\">hello</td>"), "{html}");
    assert!(html.contains("(+3)") && html.contains(ACCOUNT), "{html}");

    // The next day: one lambda more, no invocations; deltas against the first report.
    api.create("another", HELLO).await;
    let tomorrow = today + Duration::days(1);
    assert_eq!(tick(&api.app, after_midnight(2)).await, TickOutcome::Sent(format!("daily:{tomorrow}")));
    let text = sink.mails()[1].parse().part("text/plain");
    for line in ["Functions: 5 of 50 (+1)", "Deployed functions: 3 (+0)", "Successful invocations: 0 (-3)"] {
        assert!(text.contains(line), "second report has '{line}':\n{text}");
    }
    let status = report(&api).await;
    assert_eq!(status["lastSend"]["status"], "sent");
    assert_eq!(status["lastSend"]["period"], format!("daily:{tomorrow}"));
}

#[tokio::test]
async fn a_period_is_reported_once_even_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(test_config(dir.path()), None).await;
    let admin = app.setup().await;
    let api = Api { token: app.token(&admin).await, app, admin };
    let sink = SmtpSink::start().await;
    configured(&api, &sink, "weekly").await;
    let now = after_midnight(1);
    assert!(matches!(tick(&api.app, now).await, TickOutcome::Sent(key) if key.starts_with("weekly:")));
    assert_eq!(tick(&api.app, now).await, TickOutcome::Idle);
    assert_eq!(tick(&api.app, now + Duration::hours(3)).await, TickOutcome::Idle);
    assert_eq!(sink.mails().len(), 1);
    let subject = sink.mails()[0].parse().header("Subject");
    assert!(subject.contains("weekly") && subject.contains(" to "), "a Monday-to-Sunday range: {subject}");

    api.app.stop().await;
    let restarted = TestApp::spawn_with(test_config(dir.path()), None).await;
    assert_eq!(tick(&restarted, now + Duration::minutes(1)).await, TickOutcome::Idle);
    assert_eq!(sink.mails().len(), 1, "still one mail after the restart");
    assert!(matches!(tick(&restarted, now + Duration::days(7)).await, TickOutcome::Sent(_)), "next week's report");
    assert_eq!(sink.mails().len(), 2);
    restarted.stop().await;
}

#[tokio::test]
async fn failed_sends_are_shown_and_retried_on_a_later_tick() {
    let api = start().await;
    let sink = SmtpSink::start().await;
    configured(&api, &sink, "daily").await;
    let now = after_midnight(1);

    sink.reject(true);
    let TickOutcome::Failed(_, error) = tick(&api.app, now).await else { panic!("the 554 is a failure") };
    assert!(error.contains("554"), "{error}");
    let status = report(&api).await;
    assert_eq!(status["lastSend"]["status"], "failed", "{status}");
    assert_eq!(status["lastSend"]["attempts"], 1);
    assert!(status["lastSend"]["error"].as_str().unwrap().contains("Rejected by the test sink"), "{status}");
    assert!(status["lastSend"]["nextAttemptAt"].is_string());
    let page = api.app.get(&api.admin, "/settings/reporting").await.text().await.unwrap();
    assert!(page.contains("data-status=\"failed\"") && page.contains("Rejected by the test sink"), "{page}");

    assert_eq!(tick(&api.app, now + Duration::seconds(30)).await, TickOutcome::Idle, "backoff: not yet");
    let res = api.put("/email-report", settings(dead_port(), "daily")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let TickOutcome::Failed(_, error) = tick(&api.app, now + Duration::minutes(2)).await else {
        panic!("a server that is down is a failure")
    };
    assert!(error.to_lowercase().contains("connect"), "{error}");
    assert_eq!(report(&api).await["lastSend"]["attempts"], 2);

    sink.reject(false);
    let res = api.put("/email-report", settings(sink.port(), "daily")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(tick(&api.app, now + Duration::minutes(3)).await, TickOutcome::Idle, "second backoff: 2 minutes");
    assert!(matches!(tick(&api.app, now + Duration::minutes(10)).await, TickOutcome::Sent(_)));
    assert_eq!(sink.mails().len(), 1);
    let status = report(&api).await;
    assert_eq!(status["lastSend"]["status"], "sent");
    assert_eq!(status["lastSend"]["attempts"], 3);
    assert!(status["lastSend"]["error"].is_null());
}

#[tokio::test]
async fn the_smtp_password_is_sealed_in_the_database_and_never_returned() {
    let api = start().await;
    let sink = SmtpSink::start().await;
    configured(&api, &sink, "none").await;
    api.app.state.hooks().checkpoint().await.unwrap();
    for file in ["lambdabox.db", "lambdabox.db-wal"] {
        let bytes = std::fs::read(api.app.data_dir.join(file)).unwrap_or_default();
        assert!(!bytes.windows(SMTP_PASSWORD.len()).any(|w| w == SMTP_PASSWORD.as_bytes()), "{file}");
    }
    let body = api.get("/email-report").await.text().await.unwrap();
    assert!(!body.contains(SMTP_PASSWORD), "{body}");
    let status: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(status["passwordSet"], true);
    assert!(status.get("password").is_none());
    let page = api.app.get(&api.admin, "/settings/reporting").await.text().await.unwrap();
    assert!(!page.contains(SMTP_PASSWORD));
    assert!(page.contains("•••••••• (stored; leave empty to keep)"));

    // Saving without a password keeps it; the test email still authenticates with it.
    let mut keep = settings(sink.port(), "daily");
    keep.as_object_mut().unwrap().remove("password");
    assert_eq!(api.put("/email-report", keep).await.status(), StatusCode::OK);
    let res = api.post("/email-report/test", json!({})).await;
    assert_eq!(res.json::<Value>().await.unwrap()["sent"], true);
    assert_eq!(sink.mails()[0].auth.as_deref(), Some(format!("reporter\0{SMTP_PASSWORD}").as_str()));
    // Without a user name no password is kept.
    let mut anonymous = settings(sink.port(), "daily");
    anonymous["username"] = json!("");
    assert_eq!(api.put("/email-report", anonymous).await.status(), StatusCode::OK);
    assert_eq!(report(&api).await["passwordSet"], false);
}

#[tokio::test]
async fn the_test_email_answers_what_the_smtp_server_said() {
    let api = start().await;
    let res = api.post("/email-report/test", json!({})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "no settings yet");
    assert!(res.text().await.unwrap().contains("SMTP settings"));

    let sink = SmtpSink::start().await;
    configured(&api, &sink, "none").await;
    let res = api.post("/email-report/test", json!({})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["sent"], true, "{body}");
    assert!(body["response"].as_str().unwrap().starts_with("250"), "{body}");
    let mail = &sink.mails()[0];
    assert_eq!(sorted(&mail.to), ["dev@example.com", "ops@example.com"]);
    assert!(mail.parse().header("Subject").contains(&format!("test email for account {ACCOUNT}")));

    let res = api.post("/email-report/test", json!({"to": "someone@example.org"})).await;
    assert_eq!(res.json::<Value>().await.unwrap()["sent"], true);
    assert_eq!(sink.mails()[1].to, ["someone@example.org"]);

    sink.reject(true);
    let body: Value = api.post("/email-report/test", json!({})).await.json().await.unwrap();
    assert_eq!(body["sent"], false);
    assert!(body["error"].as_str().unwrap().contains("554"), "{body}");

    // The button on the settings page shows the answer too.
    sink.reject(false);
    let res = api.app.post_form(&api.admin, "/settings/reporting/test", &[("to", "")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    assert!(page.contains("data-sent=\"true\"") && page.contains("queued as 3"), "{page}");
}

#[tokio::test]
async fn bad_settings_and_recipients_are_refused_and_change_nothing() {
    let api = start().await;
    let sink = SmtpSink::start().await;
    configured(&api, &sink, "daily").await;
    let before = report(&api).await;
    let bad_settings = [
        (json!({"port": 0}), "port"),
        (json!({"host": ""}), "host"),
        (json!({"security": "ssl"}), "security"),
        (json!({"from": "nobody"}), "sender address"),
        (json!({"frequency": "hourly"}), "frequency"),
    ];
    for (change, message) in bad_settings {
        let mut body = settings(sink.port(), "weekly");
        body.as_object_mut().unwrap().extend(change.as_object().unwrap().clone());
        let res = api.put("/email-report", body).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{change}");
        let err: Value = res.json().await.unwrap();
        assert!(err["errorMsg"].as_str().unwrap().contains(message), "{change}: {err}");
    }
    for bad in ["not-an-email", "", "a@b@c", "spaces in@example.com"] {
        let res = api.post("/email-report/recipients", json!({"email": bad})).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
    let res = api.post("/email-report/recipients", json!({"email": "OPS@example.com"})).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "already a recipient, whatever the case");
    for i in 3..=10 {
        let res = api.post("/email-report/recipients", json!({"email": format!("r{i}@example.com")})).await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    let res = api.post("/email-report/recipients", json!({"email": "eleventh@example.com"})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("at most 10"));
    assert_eq!(api.delete("/email-report/recipients/nobody@example.com").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(api.delete("/email-report/recipients/r10@example.com").await.status(), StatusCode::NO_CONTENT);

    let after = report(&api).await;
    for field in ["host", "port", "security", "from", "frequency", "updatedAt"] {
        assert_eq!(after[field], before[field], "{field} unchanged");
    }
    assert_eq!(after["recipients"].as_array().unwrap().len(), 9);

    // The page refuses the same way and keeps what was typed.
    let res = api.app.post_form(&api.admin, "/settings/reporting/recipients", &[("email", "bogus")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("not a valid email address"));
    let fields = [
        ("host", "mail.example.com"),
        ("port", "99999"),
        ("security", "tls"),
        ("username", ""),
        ("password", ""),
        ("from", "x@example.com"),
        ("frequency", "weekly"),
    ];
    let res = api.app.post_form(&api.admin, "/settings/reporting", &fields).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let page = res.text().await.unwrap();
    assert!(page.contains("port must be a number") && page.contains("value=\"mail.example.com\""), "{page}");
    assert_eq!(report(&api).await["host"], before["host"]);
}

#[tokio::test]
async fn the_reporting_page_saves_settings_and_manages_recipients() {
    let (app, admin) = TestApp::provisioned().await;
    let page = app.get(&admin, "/settings/reporting").await.text().await.unwrap();
    assert!(page.contains("id=\"report-settings-form\"") && page.contains("No recipients yet"));
    let fields = [
        ("host", "smtp.example.com"),
        ("port", "465"),
        ("security", "tls"),
        ("username", "mailer"),
        ("password", "pw-from-the-form"),
        ("from", "reports@example.com"),
        ("frequency", "weekly"),
    ];
    let res = app.post_form(&admin, "/settings/reporting", &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/settings/reporting?notice=report-settings-saved");
    let res = app.post_form(&admin, "/settings/reporting/recipients", &[("email", "team@example.com")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = app.get(&admin, "/settings/reporting?notice=recipient-added").await.text().await.unwrap();
    assert!(page.contains("Recipient added."));
    assert!(page.contains("data-recipient=\"team@example.com\""));
    assert!(page.contains("value=\"smtp.example.com\"") && page.contains("value=\"weekly\" checked"));
    assert!(!page.contains("pw-from-the-form"));
    let res = app.post_form(&admin, "/settings/reporting/recipients/delete", &[("email", "team@example.com")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = app.get(&admin, "/settings/reporting").await.text().await.unwrap();
    assert!(!page.contains("data-recipient=\"team@example.com\""));
}

#[tokio::test]
async fn developers_manage_recipients_but_only_admins_change_settings() {
    let (app, admin) = TestApp::provisioned().await;
    let developer = app.user_with(&admin, "dev", &[Permission::FaasDeveloper]).await;
    let invoker = app.user_with(&admin, "crm", &[Permission::FaasInvocation]).await;
    let token = app.token(&developer).await;
    let api = Api { app, admin, token };
    let res = api.post("/email-report/recipients", json!({"email": "dev@example.com"})).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = api.put("/email-report", settings(2525, "daily")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().await.unwrap().contains("FaaS-Admin"));
    let page = api.app.get(&developer, "/settings/reporting").await.text().await.unwrap();
    assert!(!page.contains("id=\"report-settings-form\"") && page.contains("id=\"add-recipient-form\""));
    let page = api.app.get(&invoker, "/settings/reporting").await.text().await.unwrap();
    assert!(page.contains("dev@example.com") && !page.contains("id=\"add-recipient-form\""), "read only");
}
