//! Sign-in, sessions and sign-out, lockout after repeated failures, idle expiry, cookie flags.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_answer() {
    let (app, _) = TestApp::provisioned().await;
    let (_, wrong) = app.login(ADMIN, "not-the-password").await;
    let (_, unknown) = app.login("nobody", "not-the-password").await;
    assert_eq!(wrong, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn session_cookie_is_httponly_samesite_and_logout_ends_it() {
    let (app, _) = TestApp::provisioned().await;
    let client = app.client();
    let res =
        client.post(app.url("/login")).form(&[("username", ADMIN), ("password", ADMIN_PASSWORD)]).send().await.unwrap();
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain HTTP by default");
    assert_eq!(app.get(&client, "/").await.status(), StatusCode::OK);

    let res = app.post_form(&client, "/logout", &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let old = cookie.split(';').next().unwrap().to_owned();
    let replay = app.client().get(app.url("/")).header("cookie", old).send().await.unwrap();
    assert_eq!(replay.status(), StatusCode::SEE_OTHER, "the old cookie no longer works");
    assert_eq!(replay.headers()["location"], "/login");
}

#[tokio::test]
async fn repeated_failures_lock_the_user_even_with_the_right_password() {
    let (app, _) = TestApp::provisioned().await;
    for _ in 0..3 {
        let (_, status) = app.login(ADMIN, "guess-guess").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let client = app.client();
    let res =
        client.post(app.url("/login")).form(&[("username", ADMIN), ("password", ADMIN_PASSWORD)]).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().contains_key("retry-after"));
    assert!(res.text().await.unwrap().contains("Too many failed sign-in attempts"));
}

#[tokio::test]
async fn idle_sessions_expire() {
    let (app, admin) = TestApp::provisioned().await;
    assert_eq!(app.get(&admin, "/").await.status(), StatusCode::OK);
    let conn = rusqlite::Connection::open(app.data_dir.join("lambdabox.db")).unwrap();
    conn.execute("UPDATE sessions SET last_seen_at = 0", []).unwrap();
    let res = app.get(&admin, "/").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/login");
}

#[tokio::test]
async fn passwords_never_reach_the_database_or_logs_in_clear() {
    let (app, _) = TestApp::provisioned().await;
    let bytes = std::fs::read(app.data_dir.join("lambdabox.db")).unwrap();
    let wal = std::fs::read(app.data_dir.join("lambdabox.db-wal")).unwrap_or_default();
    for file in [bytes, wal] {
        assert!(!file.windows(ADMIN_PASSWORD.len()).any(|w| w == ADMIN_PASSWORD.as_bytes()));
    }
    let conn = rusqlite::Connection::open(app.data_dir.join("lambdabox.db")).unwrap();
    let hash: String = conn.query_row("SELECT password_hash FROM users", [], |r| r.get(0)).unwrap();
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
}

/// Signs in as `user` with a wrong password, as a client the balancer names in `forwarded`.
async fn fail_via(app: &TestApp, user: &str, forwarded: &str) -> StatusCode {
    let res = app
        .client()
        .post(app.url("/login"))
        .header("X-Forwarded-For", forwarded)
        .form(&[("username", user), ("password", "wrong-password")])
        .send()
        .await
        .unwrap();
    res.status()
}

#[tokio::test]
async fn behind_a_trusted_balancer_failures_count_per_forwarded_client() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = test_config(dir.path());
    config.max_login_failures_per_address = 2;
    config.max_login_failures_per_user = 100;
    config.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()];
    let app = TestApp::spawn_with(config, Some(dir)).await;
    app.setup().await;
    assert_eq!(fail_via(&app, "ann", "203.0.113.7").await, StatusCode::UNAUTHORIZED);
    // The entries a client wrote itself come first; the balancer appends the real peer.
    assert_eq!(fail_via(&app, "bob", "198.51.100.1, 203.0.113.7").await, StatusCode::UNAUTHORIZED);
    assert_eq!(fail_via(&app, "cid", "203.0.113.7").await, StatusCode::TOO_MANY_REQUESTS, "that client is locked");
    assert_eq!(fail_via(&app, "dan", "203.0.113.8").await, StatusCode::UNAUTHORIZED, "another client is not");

    // Without trusting the balancer, the header is the client's own word and is ignored.
    let dir = tempfile::tempdir().unwrap();
    let mut config = test_config(dir.path());
    config.max_login_failures_per_address = 2;
    config.max_login_failures_per_user = 100;
    let app = TestApp::spawn_with(config, Some(dir)).await;
    app.setup().await;
    for forwarded in ["203.0.113.1", "203.0.113.2"] {
        assert_eq!(fail_via(&app, "ann", forwarded).await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(fail_via(&app, "ann", "203.0.113.3").await, StatusCode::TOO_MANY_REQUESTS, "one peer, one count");
}
