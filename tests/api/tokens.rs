//! API credentials and `/oauth/token`: issuance, use as bearer, expiry, revocation.

use base64::Engine;
use lambdabox_domain::Permission;
use reqwest::StatusCode;

use crate::helpers::*;

fn claims(token: &str) -> serde_json::Value {
    let payload = token.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

#[tokio::test]
async fn client_credentials_grant_issues_a_jwt_with_exp_that_works_as_bearer() {
    let (app, admin) = TestApp::provisioned().await;
    let (id, secret) = app.credentials(&admin).await;
    let res = app
        .client()
        .post(app.url("/oauth/token"))
        .form(&[("grant_type", "client_credentials"), ("client_id", &id), ("client_secret", &secret)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    let token = body["access_token"].as_str().unwrap();
    let c = claims(token);
    let (iat, exp) = (c["iat"].as_i64().unwrap(), c["exp"].as_i64().unwrap());
    assert_eq!(exp - iat, 3600, "clients read exp");

    let res =
        app.client().get(app.url(&format!("/api/account/{ACCOUNT}/runtimes"))).bearer_auth(token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let runtimes: serde_json::Value = res.json().await.unwrap();
    assert!(runtimes[0]["uuid"].is_string());

    // HTTP Basic works as well (RFC 6749 §2.3.1).
    let res = app
        .client()
        .post(app.url("/oauth/token"))
        .basic_auth(&id, Some(&secret))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn bad_token_requests_get_oauth_errors() {
    let (app, admin) = TestApp::provisioned().await;
    let (id, _) = app.credentials(&admin).await;
    let post = |form: Vec<(&'static str, String)>| {
        let client = app.client();
        let url = app.url("/oauth/token");
        async move { client.post(url).form(&form).send().await.unwrap() }
    };
    let res = post(vec![("grant_type", "password".into())]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["error"], "unsupported_grant_type");
    let res = post(vec![("grant_type", "client_credentials".into())]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = post(vec![
        ("grant_type", "client_credentials".into()),
        ("client_id", id.clone()),
        ("client_secret", "wrong".into()),
    ])
    .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["error"], "invalid_client");
}

#[tokio::test]
async fn expired_forged_and_revoked_tokens_are_rejected() {
    let (app, admin) = TestApp::provisioned().await;
    let dev = app.user_with(&admin, "dev", &[Permission::FaasDeveloper]).await;
    let token = app.token(&dev).await;
    let url = app.url(&format!("/api/account/{ACCOUNT}/runtimes"));
    let call = |t: String| {
        let client = app.client();
        let url = url.clone();
        async move { client.get(url).bearer_auth(t).send().await.unwrap().status() }
    };
    assert_eq!(call(token.clone()).await, StatusCode::OK);

    // Expired: sign a token with the instance's own key, but with exp in the past.
    let key = lambdabox_services::crypto::MasterKey::load(&app.data_dir, None).unwrap();
    let mut c = claims(&token);
    c["exp"] = serde_json::json!(c["iat"].as_i64().unwrap() - 10);
    let secret = key.derive("access-token-hs256");
    let expired =
        jsonwebtoken::encode(&jsonwebtoken::Header::default(), &c, &jsonwebtoken::EncodingKey::from_secret(&secret))
            .unwrap();
    assert_eq!(call(expired).await, StatusCode::UNAUTHORIZED, "expired");

    // Forged: valid shape, wrong key.
    let forged = jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &claims(&token),
        &jsonwebtoken::EncodingKey::from_secret(b"guess"),
    )
    .unwrap();
    assert_eq!(call(forged).await, StatusCode::UNAUTHORIZED, "forged");
    assert_eq!(call("not-a-jwt".into()).await, StatusCode::UNAUTHORIZED);

    // Revoked: the credential's tokens stop at once.
    let html = app.get(&dev, "/account/credentials").await.text().await.unwrap();
    let start = html.find("/account/credentials/").unwrap() + "/account/credentials/".len();
    let client_id = html[start..].split('/').next().unwrap().to_owned();
    let res = app.post_form(&dev, &format!("/account/credentials/{client_id}/revoke"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(call(token).await, StatusCode::UNAUTHORIZED, "revoked");
}

#[tokio::test]
async fn disabling_a_user_stops_their_tokens() {
    let (app, admin) = TestApp::provisioned().await;
    let dev = app.user_with(&admin, "dev", &[Permission::FaasDeveloper]).await;
    let token = app.token(&dev).await;
    let id = app.user_id(&admin, "dev").await;
    let res = app.post_form(&admin, &format!("/users/{id}/disable"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app
        .client()
        .get(app.url(&format!("/api/account/{ACCOUNT}/runtimes")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.get(&dev, "/").await.status(), StatusCode::SEE_OTHER, "their session ended too");
}

#[tokio::test]
async fn api_routes_of_another_account_are_not_found() {
    let (app, admin) = TestApp::provisioned().await;
    let token = app.token(&admin).await;
    let res = app.client().get(app.url("/api/account/someoneelse/runtimes")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_sentinel_route_of_liveperson_clients_grants_tokens_too() {
    let (app, admin) = TestApp::provisioned().await;
    let (id, secret) = app.credentials(&admin).await;
    let route = format!("/sentinel/api/account/{ACCOUNT}/app/token?v=2.0");
    // The Node client: the fields in the form body.
    let res = app
        .client()
        .post(app.url(&route))
        .form(&[("grant_type", "client_credentials"), ("client_id", &id), ("client_secret", &secret)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let token: serde_json::Value = res.json().await.unwrap();
    let lambdas = app
        .client()
        .get(app.url(&format!("/api/account/{ACCOUNT}/lambdas?v=1")))
        .bearer_auth(token["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(lambdas.status(), StatusCode::OK, "the token works as a bearer");
    // The Java client: the fields in the query string, no body.
    let query = format!("{route}&grant_type=client_credentials&client_id={id}&client_secret={secret}");
    let res = app.client().post(app.url(&query)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .client()
        .post(app.url(&format!("{route}&grant_type=client_credentials&client_id={id}&client_secret=wrong")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let other =
        app.client()
            .post(app.url(&format!(
                "/sentinel/api/account/other1/app/token?{}",
                &query[route.len()..].trim_start_matches('&')
            )))
            .send()
            .await
            .unwrap();
    assert_eq!(other.status(), StatusCode::NOT_FOUND, "another account's route");
}
