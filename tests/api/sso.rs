//! Single sign-on's rules below the protocol (the code flow itself runs against a real OpenID
//! Connect provider in tests/browser/sso.test.mjs): which profile a user's groups give, that an
//! identity-provider account never takes over a local user, that SSO users have no password,
//! that `--oidc-only` leaves password sign-in to the administrator created at setup, and the
//! profiles' SSO groups in the UI and the API.

use lambdabox::config::SsoConfig;
use lambdabox_services::accounts::SsoSignIn;
use lambdabox_services::sso::{SsoIdentity, SsoSettings};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{ADMIN, ADMIN_PASSWORD, TestApp, test_config};

fn who(sub: &str, username: &str, groups: &[&str]) -> SsoIdentity {
    SsoIdentity {
        subject: format!("https://idp.example#{sub}"),
        username: username.into(),
        groups: groups.iter().map(|g| (*g).to_owned()).collect(),
    }
}

/// An app configured for SSO at a provider that is never reached by these tests.
async fn sso_app(only: bool) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let mut config = test_config(dir.path());
    config.sso = Some(SsoConfig {
        settings: SsoSettings {
            issuer: "http://127.0.0.1:9/".into(),
            client_id: "lambdabox".into(),
            client_secret: "secret".into(),
            scopes: vec!["openid".into()],
            groups_claim: "groups".into(),
        },
        group_profiles: vec![("ops".into(), "Administrator".into()), ("devs".into(), "Developers".into())],
        only,
    });
    TestApp::spawn_with(config, Some(dir)).await
}

fn mapping() -> Vec<(String, String)> {
    vec![("ops".into(), "Administrator".into()), ("devs".into(), "Developers".into())]
}

#[tokio::test]
async fn groups_give_the_first_mapped_profile_and_sso_never_takes_over_a_local_user() {
    let app = sso_app(false).await;
    let admin = app.setup().await;
    let identity = app.state.identity();

    // The command line names a profile that does not exist yet: a clear refusal.
    let missing = identity.sso_sign_in(&who("1", "alice", &["devs"]), &mapping()).await;
    assert!(format!("{:?}", missing.unwrap_err()).contains("'Developers', which does not exist"));

    let res = app.post_form(&admin, "/profiles", &[("name", "Developers"), ("permission", "FaaS-Developer")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let readers = app.post_form(&admin, "/profiles", &[("name", "Readers"), ("permission", "FaaS-Invocation")]).await;
    assert_eq!(readers.status(), StatusCode::SEE_OTHER);
    let readers_id = app.profile_id(&admin, "Readers").await;
    let res =
        app.post_form(&admin, &format!("/profiles/{readers_id}/sso-groups"), &[("sso_groups", "staff, devs")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "the UI saves a profile's SSO groups");

    // First sign-in creates the user; the command line's order decides over the profiles'.
    let SsoSignIn::SignedIn { user, created: true, group } =
        identity.sso_sign_in(&who("1", "alice", &["staff", "devs"]), &mapping()).await.unwrap()
    else {
        panic!("alice signs in");
    };
    assert_eq!((user.profile_name.as_str(), group.as_str()), ("Developers", "devs"));
    // Only a profile's SSO group matches: that profile.
    let SsoSignIn::SignedIn { user, .. } =
        identity.sso_sign_in(&who("2", "sam", &["staff"]), &mapping()).await.unwrap()
    else {
        panic!("sam signs in");
    };
    assert_eq!(user.profile_name, "Readers");
    // The profile follows the groups at every sign-in.
    let SsoSignIn::SignedIn { user, created: false, .. } =
        identity.sso_sign_in(&who("1", "alice", &["ops"]), &mapping()).await.unwrap()
    else {
        panic!("alice signs in again");
    };
    assert_eq!(user.profile_name, "Administrator");

    // No mapped group: refused, nothing created.
    let outcome = identity.sso_sign_in(&who("3", "bob", &["marketing"]), &mapping()).await.unwrap();
    assert!(matches!(outcome, SsoSignIn::Unmapped { .. }), "{outcome:?}");
    assert!(app.state.identity().login("bob").await.unwrap().is_none());

    // An IdP account named like a local user does not become that user.
    let outcome = identity.sso_sign_in(&who("4", ADMIN, &["ops"]), &mapping()).await.unwrap();
    assert!(matches!(outcome, SsoSignIn::NameTaken { .. }), "{outcome:?}");
    let outcome = identity.sso_sign_in(&who("5", "not a name!", &["ops"]), &mapping()).await.unwrap();
    assert!(matches!(outcome, SsoSignIn::BadName { .. }), "{outcome:?}");

    // Disabled stays disabled.
    let sam_id = app.user_id(&admin, "sam").await;
    let res = app.post_form(&admin, &format!("/users/{sam_id}/disable"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let outcome = identity.sso_sign_in(&who("2", "sam", &["staff"]), &mapping()).await.unwrap();
    assert!(matches!(outcome, SsoSignIn::Disabled { .. }), "{outcome:?}");

    // SSO users have no password: a password sign-in fails like a wrong one, not with a 500.
    let (_, status) = app.login("alice", "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (_, status) = app.login("alice", "anything-at-all").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // The activity stream records the sign-ins and the creation.
    let html = app.get(&admin, "/activity").await.text().await.unwrap();
    assert!(html.contains("alice signed in with SSO (group devs: Developers)"), "{html}");
    assert!(html.contains("Created user alice at their first SSO sign-in"), "{html}");
}

#[tokio::test]
async fn oidc_only_keeps_password_sign_in_for_the_setup_administrator_alone() {
    let app = sso_app(true).await;
    let admin = app.setup().await;
    let html = app.get(&app.client(), "/login").await.text().await.unwrap();
    assert!(html.contains("id=\"sso-login\"") && !html.contains("name=\"password\""), "{html}");
    let html = app.get(&app.client(), "/login?local=1").await.text().await.unwrap();
    assert!(html.contains("name=\"password\""), "break-glass form at /login?local=1");

    let profile = app.profile_id(&admin, "Administrator").await;
    let res = app
        .post_form(
            &admin,
            "/users",
            &[("username", "second"), ("password", "second-password"), ("profile_id", &profile)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, status) = app.login("second", "second-password").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "another administrator with a password is refused");
    let (_, wrong) = app.login("second", "not-the-password").await;
    assert_eq!(wrong, status, "a right password is answered like a wrong one");
    let (_, status) = app.login(ADMIN, ADMIN_PASSWORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the administrator from setup gets in");

    // Without SSO configured the routes do not exist.
    let plain = TestApp::spawn().await;
    plain.setup().await;
    assert_eq!(plain.get(&plain.client(), "/login/sso").await.status(), StatusCode::NOT_FOUND);
    let html = plain.get(&plain.client(), "/login").await.text().await.unwrap();
    assert!(!html.contains("sso-login"));
}

#[tokio::test]
async fn a_callback_without_the_flow_of_this_browser_is_refused_and_starts_no_session() {
    let app = sso_app(false).await;
    app.setup().await;
    let browser = app.client();
    let res = app.get(&browser, "/login/sso/callback?code=abc&state=xyz").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.headers().get_all("set-cookie").iter().all(|c| !c.to_str().unwrap().starts_with("lambdabox_session=")));
    assert!(res.text().await.unwrap().contains("The sign-in could not be completed"));
    let res = app.get(&browser, "/login/sso/callback?error=access_denied&error_description=no").await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // The provider is down: a clear 502 page, and lambdabox goes on.
    let res = app.get(&browser, "/login/sso").await;
    assert_eq!(res.status(), StatusCode::BAD_GATEWAY);
    assert!(res.text().await.unwrap().contains("Cannot reach the identity provider at http://127.0.0.1:9/"));
    assert_eq!(app.get(&browser, "/healthz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn profiles_carry_their_sso_groups_over_the_api() {
    let (app, admin) = TestApp::provisioned().await;
    let token = app.token(&admin).await;
    let api = app.client();
    let url = app.url(&format!("/api/account/{}/profiles", crate::helpers::ACCOUNT));
    let res = api
        .post(&url)
        .bearer_auth(&token)
        .json(&json!({"name": "Ops", "permissions": ["FaaS-Developer"], "ssoGroups": ["ops", " ops ", "sre"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let ops: serde_json::Value = res.json().await.unwrap();
    assert_eq!(ops["ssoGroups"], json!(["ops", "sre"]));
    let res = api
        .post(&url)
        .bearer_auth(&token)
        .json(&json!({"name": "Other", "permissions": ["FaaS-Developer"], "ssoGroups": ["sre"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT, "a group gives one profile");
    assert!(res.text().await.unwrap().contains("the SSO group 'sre' already gives the profile 'Ops'"));
    let all: serde_json::Value = api.get(&url).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    assert!(all.as_array().unwrap().iter().all(|p| p["name"] != "Other"), "nothing of the refused profile stays");
    let id = ops["id"].as_i64().unwrap();
    let res = api
        .put(format!("{url}/{id}"))
        .bearer_auth(&token)
        .json(&json!({"name": "Ops", "permissions": ["FaaS-Developer"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let kept: serde_json::Value = res.json().await.unwrap();
    assert_eq!(kept["ssoGroups"], json!(["ops", "sre"]), "left out, the groups stay");
    let res = api
        .put(format!("{url}/{id}"))
        .bearer_auth(&token)
        .json(&json!({"name": "Ops", "permissions": ["FaaS-Developer"], "ssoGroups": []}))
        .send()
        .await
        .unwrap();
    let cleared: serde_json::Value = res.json().await.unwrap();
    assert_eq!(cleared["ssoGroups"], json!([]));
}

#[test]
fn a_plain_http_identity_provider_is_refused_unless_on_this_machine() {
    let dir = tempfile::tempdir().unwrap();
    let serve = |issuer: &str, public_url: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_lambdabox"))
            .args(["serve", "--bind", "127.0.0.1:0", "--oidc-client-id", "c", "--oidc-client-secret", "s"])
            .args(["--oidc-issuer", issuer, "--public-url", public_url])
            .arg("--data-dir")
            .arg(dir.path())
            .output()
            .unwrap()
    };
    let out = serve("http://idp.example.com/realms/acme", "https://x.example");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("must be an https:// URL"), "{out:?}");
    let out = serve("http://127.0.0.1:9/", "https://x.example/?q");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--public-url must be"),
        "loopback passes; the query is refused"
    );
}
