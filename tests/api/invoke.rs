//! The V1 invocation API as external systems use it: results, failures as 901 with the
//! LivePerson codes and logs, request ids, event invocation, reports, and every error status.

use lambdabox_domain::Permission;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;
use crate::lambdas::{Api, HELLO};

#[tokio::test]
async fn an_invocation_token_invokes_and_gets_the_result_and_request_id_back() {
    let api = Api::start().await;
    let uuid = api.deployed("hello", HELLO).await;
    let invoker = api.app.user_with(&api.admin, "crm", &[Permission::FaasInvocation]).await;
    let token = api.app.token(&invoker).await;
    let res = api
        .app
        .client()
        .post(api.url(&format!("/lambdas/{uuid}/invoke?v=1&externalSystem=crm")))
        .bearer_auth(&token)
        .header("X-Request-ID", "req-4711")
        .json(&json!({"timestamp": 0, "headers": [], "payload": {"name": "Ada"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["x-request-id"], "req-4711");
    assert_eq!(res.json::<Value>().await.unwrap(), json!({"hello": "Ada"}));

    let res = api
        .app
        .client()
        .post(api.url("/lambdas"))
        .bearer_auth(&token)
        .json(&json!({"name": "nope", "implementation": {"code": HELLO}}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "FaaS-Invocation cannot create");
}

#[tokio::test]
async fn lambda_failures_answer_901_with_code_message_and_logs() {
    let api = Api::start().await;
    let cases = [
        (
            "custom",
            "function lambda(input, callback) {\n  console.info('about to fail');\n  callback(new Error('nope'));\n}",
            "com.liveperson.faas.handler.custom-failure",
            "nope",
        ),
        (
            "thrown",
            "function lambda(input, callback) {\n  null.x;\n}",
            "com.liveperson.faas.handler.runtime-exception",
            "",
        ),
        (
            "logs",
            "function lambda(input, callback) {\n  for (let i = 0; i < 20; i++) console.info('line ' + i);\n  callback(null, 1);\n}",
            "com.liveperson.faas.handler.log-limit-reached",
            "",
        ),
    ];
    for (name, code, error_code, message) in cases {
        let uuid = api.deployed(name, code).await;
        let res = api.invoke(&uuid, json!({})).await;
        assert_eq!(res.status().as_u16(), 901, "{name}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["errorCode"], error_code, "{name}: {body}");
        assert!(body["errorMsg"].as_str().unwrap().contains(message));
        assert!(body["errorLogs"].is_array(), "{name}: logs come along");
    }
}

#[tokio::test]
async fn a_lambda_that_never_calls_back_times_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = test_config(dir.path());
    config.lambda_timeout = std::time::Duration::from_millis(300);
    let app = TestApp::spawn_with(config, None).await;
    let admin = app.setup().await;
    let api = Api { token: app.token(&admin).await, app, admin };
    let uuid = api.deployed("forever", "function lambda(input, callback) {\n  while (true) {}\n}").await;
    let started = std::time::Instant::now();
    let res = api.invoke(&uuid, json!({})).await;
    assert_eq!(res.status().as_u16(), 901);
    assert_eq!(res.json::<Value>().await.unwrap()["errorCode"], "com.liveperson.faas.handler.executiontime-exceeded");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(api.invoke(&uuid, json!({})).await.status().as_u16(), 901, "the worker survived");
}

#[tokio::test]
async fn unknown_undeployed_and_malformed_invocations_get_their_errors() {
    let api = Api::start().await;
    let draft = api.create("draft", HELLO).await;
    let res = api.invoke(&draft, json!({})).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.json::<Value>().await.unwrap()["errorCode"], "com.liveperson.faas.es.notdeployed");
    let res = api.invoke("3f2c1e0a-1111-4222-8333-444455556666", json!({})).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.json::<Value>().await.unwrap()["errorCode"], "com.liveperson.faas.es.missinglambda");
    let deployed = api.deployed("deployed", HELLO).await;
    for bad in [json!([1, 2]), json!({"headers": {"a": "b"}}), json!({"timestamp": "yesterday"})] {
        let res = api.post(&format!("/lambdas/{deployed}/invoke?v=1"), bad.clone()).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(res.json::<Value>().await.unwrap()["errorCode"], "com.liveperson.faas.es.badinput");
    }
    let res = api
        .app
        .client()
        .post(api.url(&format!("/lambdas/{deployed}/invoke?v=1")))
        .bearer_auth(&api.token)
        .header("content-type", "application/json")
        .body("{\"payload\":")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(res.json::<Value>().await.unwrap()["errorCode"], "com.liveperson.faas.es.badinput");
    let res = api.post(&format!("/lambdas/{deployed}/invoke?v=2"), json!({})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn event_invocation_runs_every_productive_lambda_of_the_event() {
    let api = Api::start().await;
    let event = "conversational_command";
    let res = api.get(&format!("/events/{event}/isImplemented?v=1&externalSystem=aw")).await;
    assert_eq!(res.json::<Value>().await.unwrap(), json!({"implemented": false}));
    let res =
        api.post(&format!("/events/{event}/invoke?v=1&externalSystem=aw"), json!({"payload": {"arguments": []}})).await;
    assert_eq!(res.json::<Value>().await.unwrap(), json!([]), "no lambda: empty array");
    for name in ["cmd_a", "cmd_b"] {
        let res = api.post("/lambdas", json!({"name": name, "eventId": event})).await;
        let uuid = res.json::<Value>().await.unwrap()["uuid"].as_str().unwrap().to_owned();
        assert_eq!(api.deploy(&uuid).await.status(), StatusCode::OK);
    }
    let res = api.get(&format!("/events/{event}/isImplemented?v=1&externalSystem=aw")).await;
    assert_eq!(res.json::<Value>().await.unwrap(), json!({"implemented": true}));
    let res = api
        .post(&format!("/events/{event}/invoke?v=1&externalSystem=aw"), json!({"payload": {"arguments": ["a", "b"]}}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let results: Value = res.json().await.unwrap();
    assert_eq!(results.as_array().unwrap().len(), 2);
    assert_eq!(results[0]["result"], "Command received with 2 argument(s): a, b");
    assert!(results[0]["timestamp"].is_number());
    let res = api.get("/events/not_an_event/isImplemented?v=1").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn production_invocations_are_counted_and_test_runs_are_not() {
    let api = Api::start().await;
    let ok = api.deployed("ok", HELLO).await;
    let bad = api.deployed("bad", "function lambda(input, callback) { callback('no'); }").await;
    for _ in 0..3 {
        assert_eq!(api.invoke(&ok, json!({})).await.status(), StatusCode::OK);
    }
    assert_eq!(api.invoke(&bad, json!({})).await.status().as_u16(), 901);
    let res = api
        .app
        .post_form(&api.admin, &format!("/functions/{ok}/test"), &[("input", "{\"payload\": {\"name\": \"t\"}}")])
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let counts: Value =
        api.get("/reports/invocationCounts?startTimestamp=0&endTimestamp=99999999999999").await.json().await.unwrap();
    assert_eq!(counts["successfulInvocations"], 3);
    assert_eq!(counts["unsuccessfulInvocations"], 1);
    let home = api.app.get(&api.admin, "/").await.text().await.unwrap();
    assert!(home.contains("<span class=\"tile-value\">4</span>"), "home counts this month's invocations");
    let details = api.app.get(&api.admin, &format!("/functions/{ok}/edit")).await.text().await.unwrap();
    assert!(
        details.contains("id=\"invocation-metrics\"") && details.contains("<td class=\"small nowrap\">3</td>"),
        "per-lambda metrics"
    );
}

#[tokio::test]
async fn a_full_queue_answers_429_with_retry_after() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = test_config(dir.path());
    config.lambda_workers = 1;
    config.lambda_queue = 1;
    let app = TestApp::spawn_with(config, None).await;
    let admin = app.setup().await;
    let api = Api { token: app.token(&admin).await, app, admin };
    let uuid = api.deployed("busy", "function lambda(input, callback) {\n  const end = Date.now() + 300;\n  while (Date.now() < end) {}\n  callback(null, 'done');\n}").await;
    // One runs, the worker holds a few more ready (it asks for up to eight), one waits in
    // the queue: the rest are refused.
    let calls = (0..20).map(|_| api.invoke(&uuid, json!({})));
    let responses = futures_util::future::join_all(calls).await;
    let busy: Vec<_> = responses.iter().filter(|r| r.status() == StatusCode::TOO_MANY_REQUESTS).collect();
    assert!(!busy.is_empty(), "some calls were refused");
    assert!(busy.iter().all(|r| r.headers().contains_key("retry-after")));
    assert!(responses.iter().any(|r| r.status() == StatusCode::OK), "the others ran");
}

/// Calls itself through `OrchestratorClient` one level deeper each time, and answers the depth
/// it reached with what its child answered, or the error that stopped the chain.
const SELF_CALLER: &str = r#"async function lambda(input) {
  const { Toolbelt } = require('lp-faas-toolbelt');
  const { self, depth } = input.payload;
  try {
    const [reply] = await Toolbelt.OrchestratorClient().invoke([{ uuid: self, payload: { self, depth: depth + 1 }, retries: 0 }], 20000);
    return { depth, child: reply.body };
  } catch (e) {
    return { depth, error: e.message };
  }
}
"#;

#[tokio::test]
async fn orchestrated_calls_nest_at_most_the_configured_depth() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = test_config(dir.path());
    config.invoke_limits.orchestrator_max_depth = 2;
    let app = TestApp::spawn_with(config, None).await;
    let admin = app.setup().await;
    let api = Api { token: app.token(&admin).await, app, admin };
    let uuid = api.deployed("self_caller", SELF_CALLER).await;
    let res = api.invoke(&uuid, json!({"self": uuid, "depth": 0})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["child"]["depth"], 1, "{body}");
    let deepest = &body["child"]["child"];
    assert_eq!(deepest["depth"], 2, "{body}");
    let error = deepest["error"].as_str().unwrap_or_default();
    assert!(error.contains("--orchestrator-max-depth"), "the third level is refused clearly: {body}");
    assert!(deepest.get("child").is_none());
}

#[tokio::test]
async fn invocations_past_the_in_flight_limit_answer_429_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = test_config(dir.path());
    config.invoke_limits.max_in_flight = 1;
    let app = TestApp::spawn_with(config, None).await;
    let admin = app.setup().await;
    let api = Api { token: app.token(&admin).await, app, admin };
    let uuid = api
        .deployed(
            "slow",
            "async function lambda(input) {\n  await new Promise((r) => setTimeout(r, 300));\n  return 'done';\n}",
        )
        .await;
    let calls = (0..4).map(|_| api.invoke(&uuid, json!({})));
    let responses = futures_util::future::join_all(calls).await;
    assert!(responses.iter().any(|r| r.status() == StatusCode::OK), "one ran");
    let mut refused = 0;
    for res in responses.into_iter().filter(|r| r.status() == StatusCode::TOO_MANY_REQUESTS) {
        assert!(res.headers().contains_key("retry-after"));
        let body: Value = res.json().await.unwrap();
        assert!(body["errorMsg"].as_str().unwrap_or_default().contains("--lambda-max-in-flight"), "{body}");
        refused += 1;
    }
    assert!(refused > 0, "the others were refused");
}
