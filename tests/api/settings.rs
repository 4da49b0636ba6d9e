//! Settings through the API and the UI: the allowlist the lambdas' HTTP clients enforce (hot),
//! encrypted secrets that lambdas read and update, and their validation and permissions.

use lambdabox_domain::Permission;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::*;
use crate::lambdas::Api;

/// A real HTTP server on 127.0.0.1 answering every request with `{"pong": true}`.
async fn pong_server() -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = vec![0u8; 8192];
                let _ = socket.read(&mut buf).await;
                let body = "{\"pong\":true}";
                let res = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(res.as_bytes()).await;
            });
        }
    });
    port
}

const CALLER: &str = "async function lambda(input, callback) {
  const { Toolbelt } = require('lp-faas-toolbelt');
  try {
    const body = await Toolbelt.HTTPClient()({ uri: input.payload.url, json: true });
    callback(null, body);
  } catch (e) {
    callback(new Error(e.message));
  }
}";

#[tokio::test]
async fn the_allowlist_decides_what_lambdas_reach_and_changes_apply_at_once() {
    let api = Api::start().await;
    let port = pong_server().await;
    let url = format!("http://127.0.0.1:{port}/ping");
    let uuid = api.deployed("caller", CALLER).await;

    let res = api.invoke(&uuid, json!({"url": url})).await;
    assert_eq!(res.status().as_u16(), 901);
    let body = res.json::<Value>().await.unwrap();
    assert_eq!(body["errorMsg"], "Error [ERR_SOCKET_CLOSED]: Socket is closed", "as on LivePerson: {body}");
    assert!(body["errorLogs"].to_string().contains("127.0.0.1"), "the reason is in the log: {body}");

    let res = api.post("/proxy-settings", json!({"domain": format!("127.0.0.1:{port}")})).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let res = api.invoke(&uuid, json!({"url": url})).await;
    assert_eq!(res.status(), StatusCode::OK, "reachable right after adding");
    assert_eq!(res.json::<Value>().await.unwrap(), json!({"pong": true}));

    let other_port = format!("http://127.0.0.1:{}/", port.wrapping_add(1));
    let res = api.invoke(&uuid, json!({"url": other_port})).await;
    assert_eq!(res.status().as_u16(), 901, "the port restricts the entry");

    assert_eq!(api.delete(&format!("/proxy-settings/{id}")).await.status(), StatusCode::NO_CONTENT);
    let res = api.invoke(&uuid, json!({"url": url})).await;
    assert_eq!(res.status().as_u16(), 901, "refused right after removing");
}

#[tokio::test]
async fn allowlist_entries_are_validated_and_guarded() {
    let api = Api::start().await;
    for bad in ["https://x.com/a", "a..b", "*.*.x", "x.com:99999", ""] {
        let res = api.post("/proxy-settings", json!({"domain": bad})).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
    assert_eq!(api.post("/proxy-settings", json!({"domain": "*.Example.com"})).await.status(), StatusCode::CREATED);
    assert_eq!(api.post("/proxy-settings", json!({"domain": "*.example.com"})).await.status(), StatusCode::CONFLICT);
    let list: Value = api.get("/proxy-settings").await.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["domain"], "*.example.com");

    let dev = api.app.user_with(&api.admin, "dev", &[Permission::FaasDeveloper]).await;
    let token = api.app.token(&dev).await;
    let res = api.app.client().get(api.url("/proxy-settings")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "developers read the allowlist");
    let res = api
        .app
        .client()
        .post(api.url("/proxy-settings"))
        .bearer_auth(&token)
        .json(&json!({"domain": "x.com"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "only FaaS-Admin changes it");
    let html = api.app.get(&dev, "/settings").await.text().await.unwrap();
    assert!(html.contains("*.example.com") && !html.contains("id=\"allowlist-form\""), "read-only for developers");
}

const SECRETS: &str = "async function lambda(input, callback) {
  const { Toolbelt } = require('lp-faas-toolbelt');
  const client = Toolbelt.SecretClient();
  try {
    const counter = await client.readSecret('counter');
    const config = await client.readSecret('config');
    const updated = await client.updateSecret({ key: 'counter', value: counter.value + 1 });
    callback(null, { before: counter.value, after: updated.value, url: config.value.url });
  } catch (e) {
    callback(e);
  }
}";

#[tokio::test]
async fn lambdas_read_and_update_typed_secrets_that_are_encrypted_at_rest() {
    let api = Api::start().await;
    let res = api.post("/secrets", json!({"key": "counter", "type": "number", "value": 41})).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let plaintext = "https://very-secret-config.example";
    let res = api.post("/secrets", json!({"key": "config", "type": "json", "value": {"url": plaintext}})).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let uuid = api.deployed("secrets", SECRETS).await;
    let res = api.invoke(&uuid, json!({})).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.unwrap(), json!({"before": 41, "after": 42, "url": plaintext}));
    let res = api.invoke(&uuid, json!({})).await;
    assert_eq!(res.json::<Value>().await.unwrap()["after"], 43, "the update was stored");

    let list: Value = api.get("/secrets").await.json().await.unwrap();
    assert!(!list.to_string().contains(plaintext), "values are never returned");
    let html = api.app.get(&api.admin, "/settings?tab=secrets").await.text().await.unwrap();
    assert!(html.contains("data-secret=\"config\"") && !html.contains(plaintext));

    api.app.stop().await;
    for file in ["lambdabox.db", "lambdabox.db-wal"] {
        let bytes = std::fs::read(api.app.data_dir.join(file)).unwrap_or_default();
        assert!(!bytes.windows(plaintext.len()).any(|w| w == plaintext.as_bytes()), "{file} holds no plaintext");
    }
}

#[tokio::test]
async fn secret_errors_carry_livepersons_codes_and_bad_secrets_are_refused() {
    let api = Api::start().await;
    let code = "async function lambda(input, callback) {
  const client = require('lp-faas-toolbelt').Toolbelt.SecretClient();
  try { await client.readSecret(input.payload.name); callback(null, 'found'); }
  catch (e) { callback(null, { code: e.errorCode || e.code, message: e.message }); }
}";
    let uuid = api.deployed("missing", code).await;
    let res = api.invoke(&uuid, json!({"name": "nope"})).await;
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "com.liveperson.faas.secret.not-found", "{body}");

    let cases = [
        (json!({"key": "bad name", "value": "x"}), StatusCode::BAD_REQUEST),
        (json!({"key": "n", "type": "number", "value": "forty"}), StatusCode::BAD_REQUEST),
        (json!({"key": "j", "type": "yaml", "value": "x"}), StatusCode::BAD_REQUEST),
        (json!({"key": "long", "value": "x".repeat(10_001)}), StatusCode::BAD_REQUEST),
        (json!({"key": "ok", "value": "fine"}), StatusCode::CREATED),
        (json!({"key": "ok", "value": "again"}), StatusCode::CONFLICT),
    ];
    for (body, status) in cases {
        assert_eq!(api.post("/secrets", body.clone()).await.status(), status, "{body}");
    }
    assert_eq!(api.put("/secrets/ok", json!({"value": "replaced"})).await.status(), StatusCode::OK);
    assert_eq!(api.put("/secrets/none", json!({"value": "x"})).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(api.delete("/secrets/ok").await.status(), StatusCode::NO_CONTENT);
    assert_eq!(api.delete("/secrets/ok").await.status(), StatusCode::NOT_FOUND);

    let dev = api.app.user_with(&api.admin, "dev", &[Permission::FaasDeveloper]).await;
    let token = api.app.token(&dev).await;
    let res = api
        .app
        .client()
        .post(api.url("/secrets"))
        .bearer_auth(&token)
        .json(&json!({"key": "k", "value": "v"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn settings_forms_work_in_the_ui() {
    let (app, admin) = TestApp::provisioned().await;
    let res = app.post_form(&admin, "/settings/allowlist", &[("domain", "api.example.com")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app.post_form(&admin, "/settings/allowlist", &[("domain", "not a host")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("is not a valid host"));
    let res = app
        .post_form(&admin, "/settings/secrets", &[("name", "token"), ("kind", "string"), ("value", "s3cr3t-value")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = app.get(&admin, "/settings?tab=secrets").await.text().await.unwrap();
    assert!(html.contains("data-secret=\"token\"") && !html.contains("s3cr3t-value"));
    let res = app.post_form(&admin, "/settings/secrets/token/replace", &[("value", "new")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app.post_form(&admin, "/settings/secrets/token/delete", &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let activity = app.get(&admin, "/activity").await.text().await.unwrap();
    assert!(
        activity.contains("Added api.example.com to the domain allowlist") && activity.contains("Deleted secret token")
    );
}

const READ_TOKEN: &str = "async function lambda(input, callback) {
  const s = await require('lp-faas-toolbelt').Toolbelt.SecretClient().readSecret('token');
  callback(null, s.value);
}";

/// An app with the secret `token` and a deployed lambda reading it; returns (dir, lambda).
async fn app_with_secret(dir: &std::path::Path) -> String {
    let app = TestApp::spawn_with(test_config(dir), None).await;
    let admin = app.setup().await;
    let api = Api { token: app.token(&admin).await, app, admin };
    assert_eq!(api.post("/secrets", json!({"key": "token", "value": "abc"})).await.status(), StatusCode::CREATED);
    let uuid = api.deployed("reader", READ_TOKEN).await;
    api.app.stop().await;
    uuid
}

async fn reads_secret(dir: &std::path::Path, uuid: &str) {
    let app = TestApp::spawn_with(test_config(dir), None).await;
    let (admin, _) = app.login(ADMIN, ADMIN_PASSWORD).await;
    let api = Api { token: app.token(&admin).await, app, admin };
    let res = api.invoke(uuid, json!({})).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.unwrap(), json!("abc"));
    assert!(!dir.join("master.key.next").exists());
    api.app.stop().await;
}

#[tokio::test]
async fn rotate_key_re_encrypts_every_secret() {
    let dir = tempfile::tempdir().unwrap();
    let uuid = app_with_secret(dir.path()).await;
    let before = std::fs::read(dir.path().join("master.key")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lambdabox"))
        .args(["rotate-key", "--data-dir", dir.path().to_str().unwrap()])
        .env_remove("LAMBDABOX_MASTER_KEY")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 secret(s) re-encrypted"));
    assert_ne!(std::fs::read(dir.path().join("master.key")).unwrap(), before, "a new key");
    reads_secret(dir.path(), &uuid).await;
}

#[tokio::test]
async fn an_interrupted_rotation_leaves_every_secret_readable() {
    use lambdabox_services::crypto::MasterKey;
    // Interrupted after writing the new key, before re-sealing.
    let dir = tempfile::tempdir().unwrap();
    let uuid = app_with_secret(dir.path()).await;
    MasterKey::generate().write_next(dir.path()).unwrap();
    reads_secret(dir.path(), &uuid).await;

    // Interrupted after re-sealing (committed), before promoting the new key.
    let dir = tempfile::tempdir().unwrap();
    let uuid = app_with_secret(dir.path()).await;
    let store = lambdabox_store::Store::open(dir.path()).unwrap();
    let old = MasterKey::load(dir.path(), None).unwrap();
    let next = MasterKey::generate();
    next.write_next(dir.path()).unwrap();
    let account = lambdabox_domain::AccountId::parse(ACCOUNT).unwrap();
    assert_eq!(lambdabox_services::data_dir::reseal_all(&store, &account, &old, &next).await.unwrap(), 1);
    drop(store);
    reads_secret(dir.path(), &uuid).await;
}

#[tokio::test]
async fn the_outbound_request_rate_per_function_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = test_config(dir.path());
    config.lambda_http_requests_per_second = 2;
    let app = TestApp::spawn_with(config, None).await;
    let admin = app.setup().await;
    let api = Api { token: app.token(&admin).await, app, admin };
    let port = pong_server().await;
    let res = api.post("/proxy-settings", json!({"domain": format!("127.0.0.1:{port}")})).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let burst = "async function lambda(input, callback) {
  const { Toolbelt } = require('lp-faas-toolbelt');
  const http = Toolbelt.HTTPClient();
  const calls = [1, 2, 3, 4, 5].map(() => http({ uri: input.payload.url, json: true }));
  const settled = await Promise.allSettled(calls);
  callback(null, settled.map((s) => (s.status === 'fulfilled' ? 200 : s.reason.statusCode)));
}";
    let uuid = api.deployed("burst", burst).await;
    let res = api.invoke(&uuid, json!({"url": format!("http://127.0.0.1:{port}/ping")})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let statuses: Vec<u64> =
        res.json::<Value>().await.unwrap().as_array().unwrap().iter().map(|s| s.as_u64().unwrap()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 2, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 3, "{statuses:?}");
}
