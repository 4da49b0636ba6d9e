//! A node whose PostgreSQL database goes away: `/readyz` says so at once, requests that need
//! the database answer 503 (which a load balancer may retry elsewhere) instead of hanging,
//! deployed lambdas keep answering from memory, and everything works again when the database
//! is back.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;
use crate::lambdas::{Api, HELLO};
use crate::postgres::{Proxy, TestDatabase};

async fn readyz(app: &TestApp) -> (StatusCode, Value) {
    let res = app.client().get(app.url("/readyz")).send().await.unwrap();
    (res.status(), res.json().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_answers_503_invocations_go_on_and_it_heals() {
    let Some(database) = TestDatabase::create("outage") else { return };
    let proxy = Proxy::start(database.server_addr()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut config = test_config(dir.path());
    config.database.url = Some(database.url_via(proxy.addr));
    let api = Api::on(TestApp::spawn_with(config, Some(dir)).await).await;
    let uuid = api.deployed("outage", HELLO).await;
    assert_eq!(api.invoke(&uuid, json!({"name": "before"})).await.status(), StatusCode::OK);
    let (status, body) = readyz(&api.app).await;
    assert_eq!((status, &body["database"]), (StatusCode::OK, &json!({"engine": "postgresql", "reachable": true})));

    proxy.cut();
    // Deployed code and the caller's token are in memory: the invoke path needs no database.
    let res = api.invoke(&uuid, json!({"name": "during"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.unwrap(), json!({"hello": "during"}));

    let started = Instant::now();
    let (status, body) = readyz(&api.app).await;
    assert_eq!((status, &body["database"]["reachable"]), (StatusCode::SERVICE_UNAVAILABLE, &json!(false)));
    assert!(started.elapsed() < Duration::from_secs(4), "readyz answered after {:?}", started.elapsed());

    let started = Instant::now();
    let res = api.get("/lambdas").await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(res.headers()["retry-after"], "1");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["errorCode"], "com.liveperson.faas.unavailable", "{body}");
    assert!(started.elapsed() < Duration::from_secs(8), "the request waited {:?}", started.elapsed());

    proxy.restore();
    let healed = Instant::now();
    while readyz(&api.app).await.0 != StatusCode::OK {
        assert!(healed.elapsed() < Duration::from_secs(10), "the node did not reconnect");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let res = api.get("/lambdas").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.unwrap().as_array().unwrap().len(), 1);
    assert_eq!(api.invoke(&uuid, json!({"name": "after"})).await.status(), StatusCode::OK);
}
