//! Stored logs: production console entries (not debug, not test runs), search with filters and
//! full text, CSV export in LivePerson's format, and retention.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::lambdas::Api;

const LOGGER: &str = "function lambda(input, callback) {
  console.debug('debug never stored');
  console.info('order received', { order: input.payload.order });
  console.warn('stock low for ' + input.payload.item);
  callback(null, 'ok');
}";

#[tokio::test]
async fn production_logs_are_stored_searchable_and_exportable() {
    let api = Api::start().await;
    let uuid = api.deployed("logger", LOGGER).await;
    for (order, item) in [(1, "apples"), (2, "pears")] {
        let res = api
            .app
            .client()
            .post(api.url(&format!("/lambdas/{uuid}/invoke?v=1")))
            .bearer_auth(&api.token)
            .header("X-Request-ID", format!("req-{order}"))
            .json(&json!({"payload": {"order": order, "item": item}}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
    }
    let res = api
        .app
        .post_form(
            &api.admin,
            &format!("/functions/{uuid}/test"),
            &[("input", "{\"payload\": {\"order\": 99, \"item\": \"test-only\"}}")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    let all: Value = api.get(&format!("/logs?lambdaUUID={uuid}")).await.json().await.unwrap();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 4, "two entries per production call: {all:?}");
    assert!(all.iter().all(|e| e["level"] != "Debug"), "debug is never stored");
    assert!(!serde_json::to_string(all).unwrap().contains("test-only"), "test runs are not stored");

    let found: Value = api.get("/logs?text=pears").await.json().await.unwrap();
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["requestID"], "req-2");
    let prefix: Value = api.get("/logs?text=PEA").await.json().await.unwrap();
    assert_eq!(prefix.as_array().unwrap().len(), 1, "the last word is a prefix: {prefix:?}");
    // Words the tokenizer makes no term of (`-`, `=>`) are ignored, not matched against.
    let punctuated: Value = api.get("/logs?text=stock%20-%20low%20%3D%3E%20pea").await.json().await.unwrap();
    assert_eq!(punctuated.as_array().unwrap().len(), 1, "punctuation-only words are ignored: {punctuated:?}");
    let warn: Value = api.get("/logs?filterLevels=Warn").await.json().await.unwrap();
    assert_eq!(warn.as_array().unwrap().len(), 2);
    let by_request: Value = api.get("/logs?requestId=req-1").await.json().await.unwrap();
    assert_eq!(by_request.as_array().unwrap().len(), 2);
    let extras: Value = api.get("/logs?text=order%20received&requestId=req-2").await.json().await.unwrap();
    assert_eq!(extras[0]["extras"], json!([{"order": 2}]));

    let res = api
        .get(&format!("/logs/export?lambdaUUID={uuid}&startTimestamp=0&endTimestamp=99999999999999&filterLevels=Info"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "lambdaUUID;requestID;timestamp;level;message;extras");
    assert_eq!(lines.len(), 3);
    assert!(lines[1].starts_with(&format!("{uuid};req-1;")) && lines[1].contains(" GMT;Info;order received;"));

    let html = api.app.get(&api.admin, &format!("/logs?lambda={uuid}&q=apples&group=1")).await.text().await.unwrap();
    assert!(html.contains("stock low for apples") && html.contains("req-1") && !html.contains("pears"));

    assert_eq!(api.get("/logs?filterLevels=Trace").await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(api.get("/logs?startTimestamp=10&endTimestamp=5").await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(api.get("/logs?lambdaUUID=nope").await.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn old_entries_are_purged_and_logs_survive_a_restart() {
    let api = Api::start().await;
    let uuid = api.deployed("logger", LOGGER).await;
    assert_eq!(api.invoke(&uuid, json!({"order": 1, "item": "x"})).await.status(), StatusCode::OK);
    let all: Value = api.get("/logs").await.json().await.unwrap();
    assert_eq!(all.as_array().unwrap().len(), 2);

    let store = lambdabox_store::Store::open(&api.app.data_dir).unwrap();
    let retention = lambdabox_services::housekeeping::Retention {
        logs: std::time::Duration::from_secs(30 * 24 * 3600),
        sessions: std::time::Duration::from_secs(3600),
    };
    let now = lambdabox_domain::now_ms();
    assert_eq!(
        lambdabox_services::housekeeping::run_once(&store, retention, now).await.unwrap(),
        0,
        "fresh entries stay"
    );
    let later = now + 31 * 24 * 3600 * 1000;
    assert_eq!(
        lambdabox_services::housekeeping::run_once(&store, retention, later).await.unwrap(),
        2,
        "old entries go"
    );
}

/// Work after the callback runs on in the worker process, and what it logs is stored under
/// the invocation's request id, after the answer went out.
#[tokio::test]
async fn entries_written_after_the_callback_are_stored_with_the_invocation() {
    let api = Api::start().await;
    let code = "function lambda(input, callback) {
  console.info('answering');
  callback(null, 'answered');
  setTimeout(() => console.info('after the answer', input.payload.n), 50);
}";
    let uuid = api.deployed("tail", code).await;
    let res = api.invoke(&uuid, json!({"n": 7})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let request_id = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(res.json::<Value>().await.unwrap(), json!("answered"));
    api.app.state.hooks().flush().await;
    let logs: Value = api.get(&format!("/logs?requestId={request_id}")).await.json().await.unwrap();
    let mut messages: Vec<&str> = logs.as_array().unwrap().iter().map(|e| e["message"].as_str().unwrap()).collect();
    messages.sort_unstable();
    assert_eq!(messages, ["after the answer", "answering"], "{logs:?}");
}

#[tokio::test]
async fn the_live_stream_sends_entries_logged_after_it_opened_and_only_matching_ones() {
    let api = Api::start().await;
    let chatty =
        "function lambda(input, callback) {\n  console.info('live ' + input.payload.n);\n  callback(null, {});\n}\n";
    let uuid = api.deployed("chatty", chatty).await;
    let other = api.deployed("other", chatty).await;
    assert_eq!(api.invoke(&uuid, json!({"n": "before"})).await.status(), StatusCode::OK);

    let mut res = api.app.get(&api.admin, &format!("/logs/stream?lambda={uuid}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    assert!(res.headers().get("content-encoding").is_none_or(|e| e == "identity"), "not compressed");
    assert_eq!(api.invoke(&other, json!({"n": "elsewhere"})).await.status(), StatusCode::OK);
    assert_eq!(api.invoke(&uuid, json!({"n": "after"})).await.status(), StatusCode::OK);
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while !seen.contains("live after") {
        let chunk =
            tokio::time::timeout_at(deadline, res.chunk()).await.expect("an entry within 10 s").unwrap().unwrap();
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(seen.contains("event: entry") && seen.contains("\"function\":\"chatty\""), "{seen}");
    assert!(!seen.contains("live before"), "only entries stored after the stream opened: {seen}");
    assert!(!seen.contains("live elsewhere"), "only the chosen function: {seen}");

    let bad = api.app.get(&api.admin, "/logs/stream?from=yesterday").await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}
