//! Bad input of every kind gets the right status and a clear message, and changes nothing.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn unknown_routes_get_404_in_the_style_of_the_route() {
    let (app, admin) = TestApp::provisioned().await;
    let res = app.get(&admin, "/no/such/page").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let request_id = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    let html = res.text().await.unwrap();
    assert!(html.contains("No such page") && html.contains(&request_id), "page quotes the request id");
    let token = app.token(&admin).await;
    let res = app.client().get(app.url("/api/nothing")).bearer_auth(token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["errorCode"], "com.liveperson.faas.notfound");
    let res = app.get(&admin, "/users/abc/delete").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_413() {
    let (app, admin) = TestApp::provisioned().await;
    let big = "x".repeat(200 * 1024);
    let res = app
        .client()
        .post(app.url("/login"))
        .form(&[("username", big.as_str()), ("password", "p")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let res = admin.post(app.url("/users")).form(&[("username", big.as_str())]).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE, "also when the CSRF check reads the form");
    let res = app.client().post(app.url("/oauth/token")).form(&[("grant_type", big.as_str())]).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["errorMsg"].as_str().unwrap().contains("larger than the limit"));
}

#[tokio::test]
async fn malformed_forms_and_values_get_400_and_change_nothing() {
    let (app, admin) = TestApp::provisioned().await;
    let res = app
        .post_form(&admin, "/users", &[("username", "x"), ("password", "long-enough"), ("profile_id", "not-a-number")])
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let long = "a".repeat(65);
    let res =
        app.post_form(&admin, "/users", &[("username", &long), ("password", "long-enough"), ("profile_id", "1")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("at most 64"));
    let res = app
        .post_form(&admin, "/users", &[("username", "ok"), ("password", "long-enough"), ("profile_id", "4242")])
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let res = app
        .post_form(&admin, "/users", &[("username", "ok"), ("password", "x".repeat(300).as_str()), ("profile_id", "1")])
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let users = app.get(&admin, "/users").await.text().await.unwrap();
    assert_eq!(users.matches("data-user=").count(), 1, "only the admin exists");
    let res = app
        .client()
        .post(app.url("/oauth/token"))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}
