//! First run: everything leads to setup until the account exists; setup validates, runs once,
//! and what it creates survives a restart.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn before_setup_pages_redirect_to_setup_and_api_answers_503() {
    let app = TestApp::spawn().await;
    let client = app.client();
    for path in ["/", "/functions", "/login", "/users", "/nope"] {
        let res = app.get(&client, path).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(res.headers()["location"], "/setup", "{path}");
    }
    let res = app.get(&client, "/api/account/x/runtimes").await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["errorCode"], "com.liveperson.faas.not-provisioned");
    assert_eq!(app.get(&client, "/healthz").await.status(), StatusCode::OK);
    let ready: serde_json::Value = app.get(&client, "/readyz").await.json().await.unwrap();
    assert_eq!(ready["provisioned"], false);
    let page = app.get(&client, "/setup").await.text().await.unwrap();
    assert!(page.contains("terms of use"), "setup page shows the terms");
}

#[tokio::test]
async fn invalid_setup_is_refused_with_reasons_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[
                ("account_id", "le1"),
                ("username", "admin"),
                ("password", "long-enough-1"),
                ("password_confirm", "different-1"),
                ("accept_terms", "yes"),
            ],
            "do not match",
        ),
        (
            &[
                ("account_id", "le1"),
                ("username", "admin"),
                ("password", "long-enough-1"),
                ("password_confirm", "long-enough-1"),
            ],
            "accept the terms",
        ),
        (
            &[
                ("account_id", "le-1"),
                ("username", "admin"),
                ("password", "long-enough-1"),
                ("password_confirm", "long-enough-1"),
                ("accept_terms", "yes"),
            ],
            "only letters and digits",
        ),
        (
            &[
                ("account_id", "le1"),
                ("username", "ad min"),
                ("password", "long-enough-1"),
                ("password_confirm", "long-enough-1"),
                ("accept_terms", "yes"),
            ],
            "user name may contain",
        ),
        (
            &[
                ("account_id", "le1"),
                ("username", "admin"),
                ("password", "short"),
                ("password_confirm", "short"),
                ("accept_terms", "yes"),
            ],
            "at least 8",
        ),
        (&[], "account id is required"),
    ];
    for (fields, reason) in cases {
        let res = client.post(app.url("/setup")).form(fields).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{reason}");
        let html = res.text().await.unwrap();
        assert!(html.to_lowercase().contains(&reason.to_lowercase()), "page explains '{reason}'");
    }
    let long = "a".repeat(41);
    let res = client.post(app.url("/setup")).form(&[("account_id", long.as_str())]).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.get(&client, "/").await.headers()["location"], "/setup", "still not provisioned");
}

#[tokio::test]
async fn setup_provisions_the_account_signs_in_and_runs_only_once() {
    let app = TestApp::spawn().await;
    let admin = app.setup().await;
    let home = app.get(&admin, "/?notice=welcome").await;
    assert_eq!(home.status(), StatusCode::OK);
    let html = home.text().await.unwrap();
    assert!(html.contains(ACCOUNT) && html.contains("Welcome to lambdabox"));
    assert!(html.contains("data-metric=\"lambdas\""), "home shows the metric tiles");

    let res = app
        .client()
        .post(app.url("/setup"))
        .form(&[
            ("account_id", "other"),
            ("username", "eve"),
            ("password", "long-enough-1"),
            ("password_confirm", "long-enough-1"),
            ("accept_terms", "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(app.get(&app.client(), "/setup").await.headers()["location"], "/login");
    let (_, status) = app.login("eve", "long-enough-1").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "no second administrator was created");
}

#[tokio::test]
async fn restart_keeps_account_users_and_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(test_config(dir.path()), None).await;
    let admin = app.setup().await;
    let dev = app.user_with(&admin, "dev", &[lambdabox_domain::Permission::FaasDeveloper]).await;
    let (client_id, secret) = app.credentials(&dev).await;
    app.stop().await;

    let app = TestApp::spawn_with(test_config(dir.path()), None).await;
    let (_, status) = app.login(ADMIN, ADMIN_PASSWORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "admin signs in after restart");
    let (dev, status) = app.login("dev", "user-password-1").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "user signs in after restart");
    assert_eq!(app.get(&dev, "/functions").await.status(), StatusCode::OK);
    let res = app
        .client()
        .post(app.url("/oauth/token"))
        .form(&[("grant_type", "client_credentials"), ("client_id", &client_id), ("client_secret", &secret)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "credentials survive a restart");
}

#[tokio::test]
async fn a_database_from_a_newer_release_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lambdabox.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 999;").unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let err = match lambdabox::App::build(test_config(dir.path())).await {
        Ok(_) => panic!("a newer schema must be refused"),
        Err(err) => format!("{err:#}"),
    };
    assert!(err.contains("newer"), "{err}");
    assert!(std::fs::read(&db).unwrap() == before, "file unchanged");
}
