//! User and profile management, its safety rules, and CSRF protection of its forms.

use lambdabox_domain::Permission;
use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn admin_creates_resets_disables_enables_and_deletes_a_user() {
    let (app, admin) = TestApp::provisioned().await;
    let dev = app.user_with(&admin, "dev", &[Permission::FaasDeveloper]).await;
    let id = app.user_id(&admin, "dev").await;

    let profile = app.profile_id(&admin, "profile-dev").await;
    let res = app
        .post_form(&admin, "/users", &[("username", "DEV"), ("password", "another-pass"), ("profile_id", &profile)])
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "names are unique, case-insensitively");
    assert!(res.text().await.unwrap().contains("already exists"));

    let res = app.post_form(&admin, &format!("/users/{id}/password"), &[("password", "brand-new-pass")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get(&dev, "/").await.status(), StatusCode::SEE_OTHER, "reset ends the user's sessions");
    assert_eq!(app.login("dev", "user-password-1").await.1, StatusCode::UNAUTHORIZED);
    assert_eq!(app.login("dev", "brand-new-pass").await.1, StatusCode::SEE_OTHER);

    app.post_form(&admin, &format!("/users/{id}/disable"), &[]).await;
    assert_eq!(app.login("dev", "brand-new-pass").await.1, StatusCode::UNAUTHORIZED, "disabled");
    app.post_form(&admin, &format!("/users/{id}/enable"), &[]).await;
    assert_eq!(app.login("dev", "brand-new-pass").await.1, StatusCode::SEE_OTHER, "enabled again");

    let res = app.post_form(&admin, &format!("/users/{id}/delete"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(!app.get(&admin, "/users").await.text().await.unwrap().contains("data-user=\"dev\""));
    let res = app.post_form(&admin, &format!("/users/{id}/delete"), &[]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn nobody_can_lock_the_account_out() {
    let (app, admin) = TestApp::provisioned().await;
    let me = app.user_id(&admin, ADMIN).await;
    for action in ["disable", "delete"] {
        let res = app.post_form(&admin, &format!("/users/{me}/{action}"), &[]).await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{action} yourself");
        assert!(res.text().await.unwrap().contains("yourself"));
    }
    // A second admin cannot remove the last other FaaS-Admin once it is alone.
    app.user_with(&admin, "second", &[Permission::FaasAdmin]).await;
    let second_id = app.user_id(&admin, "second").await;
    let res = app.post_form(&admin, &format!("/users/{second_id}/disable"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "allowed while another admin remains");
    let res = app.post_form(&admin, &format!("/users/{second_id}/enable"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (second, _) = app.login("second", "user-password-1").await;
    let dev_profile = {
        app.post_form(&admin, "/profiles", &[("name", "Developers"), ("permission", "FaaS-Developer")]).await;
        app.profile_id(&admin, "Developers").await
    };
    let res = app.post_form(&second, &format!("/users/{me}/profile"), &[("profile_id", &dev_profile)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "demoting one of two admins is fine");
    let res = app.post_form(&admin, &format!("/users/{second_id}/delete"), &[]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "the demoted admin lost FaaS-Admin at once");
    let res = app.post_form(&second, &format!("/users/{me}/profile"), &[("profile_id", "1")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn profiles_are_validated_and_in_use_profiles_cannot_be_deleted() {
    let (app, admin) = TestApp::provisioned().await;
    let res = app.post_form(&admin, "/profiles", &[("name", "X"), ("permission", "FaaS-Root")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("Unknown permission"));
    let res = app.post_form(&admin, "/profiles", &[("name", "")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = app.post_form(&admin, "/profiles/1/delete", &[]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "Administrator is built in");
    app.user_with(&admin, "inv", &[Permission::FaasInvocation]).await;
    let id = app.profile_id(&admin, "profile-inv").await;
    let res = app.post_form(&admin, &format!("/profiles/{id}/delete"), &[]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(res.text().await.unwrap().contains("held by 1 user"));
    let res = app.post_form(&admin, "/profiles", &[("name", "Empty")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "a profile needs a permission");
    assert!(res.text().await.unwrap().contains("at least one permission"));
    let res = app.post_form(&admin, "/profiles", &[("name", "Unused"), ("permission", "FaaS-Invocation")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let id = app.profile_id(&admin, "Unused").await;
    assert_eq!(app.post_form(&admin, &format!("/profiles/{id}/delete"), &[]).await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn forms_without_the_csrf_token_or_from_another_origin_are_refused() {
    let (app, admin) = TestApp::provisioned().await;
    let profile = "1";
    let fields = [("username", "mallory"), ("password", "mallory-pass"), ("profile_id", profile)];
    let res = admin.post(app.url("/users")).form(&fields).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "no token");
    assert!(res.text().await.unwrap().contains("did not come from this site"));
    let mut with_wrong = fields.to_vec();
    with_wrong.push(("csrf_token", "forged"));
    let res = admin.post(app.url("/users")).form(&with_wrong).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "wrong token");
    let token = app.csrf(&admin).await;
    let mut good = fields.to_vec();
    good.push(("csrf_token", &token));
    let res = admin.post(app.url("/users")).header("origin", "http://evil.example").form(&good).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "foreign origin");
    // Any Authorization header other than a bearer token leaves the cookie in charge, and
    // with it the CSRF check.
    let res = admin
        .post(app.url("/users"))
        .header("authorization", "Basic bWFsbG9yeTpwYXNz")
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "a Basic Authorization header and no token");
    assert!(!app.get(&admin, "/users").await.text().await.unwrap().contains("mallory"), "nothing was created");

    let res = admin.post(app.url("/users")).header("x-csrf-token", &token).form(&fields).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "the header works too");
    let same_origin = format!("http://{}", app.addr);
    let res = admin
        .post(app.url("/profiles"))
        .header("origin", same_origin)
        .form(&[("name", "P2"), ("permission", "FaaS-Admin"), ("csrf_token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "same origin is fine");
}
