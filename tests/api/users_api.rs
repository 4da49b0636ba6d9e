//! Users and profiles over the API (FaaS-Admin only), with the Users page's rules: create,
//! change, disable, delete; no self-demotion; the last active FaaS-Admin stays; the built-in
//! profile stays; a profile in use stays; bad input leaves everything as it was.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;
use crate::lambdas::Api;

async fn json_of(res: reqwest::Response) -> Value {
    res.json().await.unwrap()
}

async fn profile_named(api: &Api, name: &str) -> Value {
    let profiles = json_of(api.get("/profiles").await).await;
    profiles.as_array().unwrap().iter().find(|p| p["name"] == name).cloned().unwrap_or_else(|| panic!("{profiles}"))
}

#[tokio::test]
async fn users_and_profiles_are_managed_over_the_api_with_the_ui_s_rules() {
    let api = Api::start().await;
    let users = json_of(api.get("/users").await).await;
    let me = users.as_array().unwrap().iter().find(|u| u["username"] == ADMIN).cloned().unwrap();
    assert!(me["permissions"].as_array().unwrap().contains(&json!("FaaS-Admin")), "{me}");
    let admin_profile = me["profileId"].clone();

    // A custom profile, then a user holding it.
    let res = api.post("/profiles", json!({"name": "Builders", "permissions": ["FaaS-Developer"]})).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let builders = json_of(res).await;
    assert_eq!(builders["permissions"], json!(["FaaS-Developer"]));
    assert_eq!(builders["builtIn"], false);
    let res = api
        .post("/users", json!({"username": "builder", "password": "long-enough-1", "profileId": builders["id"]}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let builder = json_of(res).await;
    assert_eq!(builder["profile"], "Builders");
    let path = format!("/users/{}", builder["id"]);

    // Bad input: clear errors, nothing changes.
    for (body, status) in [
        (json!({"username": "x y", "password": "long-enough-1", "profileId": builders["id"]}), StatusCode::BAD_REQUEST),
        (json!({"username": "short", "password": "short", "profileId": builders["id"]}), StatusCode::BAD_REQUEST),
        (
            json!({"username": "builder", "password": "long-enough-1", "profileId": builders["id"]}),
            StatusCode::CONFLICT,
        ),
        (json!({"username": "ghost", "password": "long-enough-1", "profileId": 999_999}), StatusCode::CONFLICT),
    ] {
        assert_eq!(api.post("/users", body.clone()).await.status(), status, "{body}");
    }
    let unknown = api.post("/profiles", json!({"name": "Odd", "permissions": ["FaaS-Root"]})).await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    assert!(unknown.text().await.unwrap().contains("unknown permission 'FaaS-Root'"));
    let refused = api.put(&path, json!({"disabled": true, "password": "short"})).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert_eq!(json_of(api.get("/users").await).await.as_array().unwrap().len(), 2);
    assert_eq!(json_of(api.get("/users").await).await[1]["disabled"], false, "a refused change changes nothing");
    assert_eq!(api.put(&path, json!({"role": "admin"})).await.status(), StatusCode::BAD_REQUEST);

    // Changes, one at a time and together.
    let changed = json_of(api.put(&path, json!({"disabled": true})).await).await;
    assert_eq!(changed["disabled"], true);
    let changed = json_of(api.put(&path, json!({"disabled": false, "profileId": admin_profile})).await).await;
    assert_eq!((changed["disabled"].clone(), changed["profileId"].clone()), (json!(false), admin_profile.clone()));
    assert_eq!(api.put(&path, json!({"password": "another-long-1"})).await.status(), StatusCode::OK);
    let (_, status) = api.app.login("builder", "another-long-1").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the new password signs in");

    // The profile changes; the built-in one cannot; one in use cannot be deleted.
    let builders_path = format!("/profiles/{}", builders["id"]);
    let renamed =
        api.put(&builders_path, json!({"name": "Makers", "permissions": ["FaaS-Developer", "FaaS-Invocation"]})).await;
    assert_eq!(renamed.status(), StatusCode::OK);
    assert_eq!(json_of(renamed).await["permissions"], json!(["FaaS-Developer", "FaaS-Invocation"]));
    let builtin = api
        .put(&format!("/profiles/{admin_profile}"), json!({"name": "Root", "permissions": ["FaaS-Invocation"]}))
        .await;
    assert_eq!(builtin.status(), StatusCode::CONFLICT);
    assert_eq!(profile_named(&api, "Makers").await["users"], 0);
    let api_profile = json_of(api.post("/profiles", json!({"name": "Ops", "permissions": ["FaaS-Admin"]})).await).await;
    assert_eq!(api.put(&path, json!({"profileId": api_profile["id"]})).await.status(), StatusCode::OK);
    let in_use = api.delete(&format!("/profiles/{}", api_profile["id"])).await;
    assert_eq!(in_use.status(), StatusCode::CONFLICT);

    // Self-protection and the last administrator.
    let my_path = format!("/users/{}", me["id"]);
    for change in [json!({"disabled": true}), json!({"profileId": builders["id"]})] {
        let res = api.put(&my_path, change.clone()).await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{change}");
    }
    assert_eq!(api.delete(&my_path).await.status(), StatusCode::CONFLICT);
    // "Ops" loses FaaS-Admin: fine while the built-in administrator keeps it.
    let ops = format!("/profiles/{}", api_profile["id"]);
    assert_eq!(
        api.put(&ops, json!({"name": "Ops", "permissions": ["FaaS-Invocation"]})).await.status(),
        StatusCode::OK
    );

    assert_eq!(api.delete(&path).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(api.delete(&path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(api.delete(&ops).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(api.put("/users/abc", json!({})).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(json_of(api.get("/users").await).await.as_array().unwrap().len(), 1);
}

/// A caller cannot take FaaS-Admin away from the profile they hold themselves.
#[tokio::test]
async fn nobody_takes_admin_from_their_own_profile() {
    let api = Api::start().await;
    let ops = json_of(api.post("/profiles", json!({"name": "Ops", "permissions": ["FaaS-Admin"]})).await).await;
    let users = json_of(api.get("/users").await).await;
    let me = users.as_array().unwrap().iter().find(|u| u["username"] == ADMIN).cloned().unwrap();
    let moved = api.put(&format!("/users/{}", me["id"]), json!({"profileId": ops["id"]})).await;
    assert_eq!(moved.status(), StatusCode::OK, "a profile that keeps FaaS-Admin is fine");
    let ops_path = format!("/profiles/{}", ops["id"]);
    let refused = api.put(&ops_path, json!({"name": "Ops", "permissions": ["FaaS-Developer"]})).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(refused.text().await.unwrap().contains("your own profile"));
    assert_eq!(profile_named(&api, "Ops").await["permissions"], json!(["FaaS-Admin"]), "unchanged");
}
