//! The Functions and Deployments sections through their HTML forms: wizard, editor, stale
//! save that keeps the user's text, deploy review, history restore and the test page.

use reqwest::StatusCode;

use crate::helpers::*;

fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn wizard_editor_deploy_and_test_page() {
    let (app, admin) = TestApp::provisioned().await;
    let page = app.get(&admin, "/functions/new?event=no_event").await.text().await.unwrap();
    assert!(page.contains("Greeting Template") && page.contains("HTTP Template"), "templates listed");
    assert!(page.contains("callback(null, `Hello ${name}`)"), "live preview of the template code");

    let res = app
        .post_form(
            &admin,
            "/functions",
            &[("event", "no_event"), ("template", "greeting"), ("name", "greeter"), ("description", "says hi")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let edit = location(&res);
    let id = edit.split('/').nth(2).unwrap().to_owned();
    let html = app.get(&admin, &edit).await.text().await.unwrap();
    assert!(html.contains("data-code-editor") && html.contains("Function created"));
    assert!(html.contains("require(&#34;lodash&#34;)") || html.contains("require(\"lodash\")"), "modules listed");

    let code = "function lambda(input, callback) {\n  callback(null, 'Hi ' + input.payload.name);\n}\n";
    let save = |version: &'static str, code: &'static str| {
        let app = &app;
        let admin = &admin;
        let path = format!("/functions/{id}");
        async move {
            app.post_form(
                admin,
                &path,
                &[
                    ("version", version),
                    ("name", "greeter"),
                    ("description", "says hi"),
                    ("code", code),
                    ("sample", "{\"headers\": [], \"payload\": {\"name\": \"Ada\"}}"),
                    ("env_key", "GREETING"),
                    ("env_value", "Hi"),
                ],
            )
            .await
        }
    };
    let res = save("1", code).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).contains("notice=lambda-saved"));

    let mine = "function lambda(input, callback) {\n  callback(null, 'my unsaved work');\n}\n";
    let res = save("1", mine).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "stale save refused");
    let html = res.text().await.unwrap();
    assert!(html.contains("my unsaved work"), "the user's text is still in the editor");
    assert!(html.contains("changed by someone else"));

    let review = app.get(&admin, &format!("/deployments/{id}/review")).await.text().await.unwrap();
    assert!(review.contains("Approve &amp; Deploy") && review.contains("input.payload.name"), "review shows the code");
    let res = app.post_form(&admin, &format!("/deployments/{id}"), &[]).await;
    assert_eq!(location(&res), "/deployments?notice=deployed");
    let list = app.get(&admin, "/deployments").await.text().await.unwrap();
    assert!(list.contains("data-function=\"greeter\"") && list.contains("Productive"));

    let test = app.get(&admin, &format!("/functions/{id}/test")).await.text().await.unwrap();
    assert!(test.contains("Ada"), "input prefilled from the sample");
    let res = app
        .post_form(&admin, &format!("/functions/{id}/test"), &[("input", "{\"payload\": {\"name\": \"Bob\"}}")])
        .await;
    let html = res.text().await.unwrap();
    assert!(html.contains("SUCCEEDED") && html.contains("Hi Bob"), "result shown");
    let res = app.post_form(&admin, &format!("/functions/{id}/test"), &[("input", "{not json")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    // History: version 2 deployed; change and restore it.
    let res = save("2", mine).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = app.get(&admin, &format!("/functions/{id}/edit")).await.text().await.unwrap();
    assert!(html.contains("Modified"));
    let start = html.find("?restore=").unwrap() + 9;
    let deployment: String = html[start..].chars().take_while(char::is_ascii_digit).collect();
    let restored = app.get(&admin, &format!("/functions/{id}/edit?restore={deployment}")).await.text().await.unwrap();
    assert!(restored.contains("input.payload.name") && restored.contains("restoring does not deploy"));
    let compare = app.get(&admin, &format!("/functions/{id}/deployments/{deployment}")).await.text().await.unwrap();
    assert!(compare.contains("my unsaved work") && compare.contains("input.payload.name"), "compare shows both");
}

#[tokio::test]
async fn a_build_error_shows_its_cause_in_the_list_and_the_editor() {
    let (app, admin) = TestApp::provisioned().await;
    let res = app
        .post_form(&admin, "/functions", &[("event", "no_event"), ("template", "greeting"), ("name", "broken")])
        .await;
    let id = location(&res).split('/').nth(2).unwrap().to_owned();
    let res = app
        .post_form(
            &admin,
            &format!("/functions/{id}"),
            &[
                ("version", "1"),
                ("name", "broken"),
                ("description", ""),
                ("code", "function lambda(input, callback) {\n  callback(null, 1;\n}\n"),
                ("sample", "{}"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("cannot be deployed yet"));
    let res = app.post_form(&admin, &format!("/deployments/{id}"), &[]).await;
    assert!(location(&res).contains("notice=deploy-failed"));
    let list = app.get(&admin, "/functions").await.text().await.unwrap();
    assert!(list.contains("Build Error") && list.contains("syntax error on line 2"), "cause on hover and in the row");
    let edit = app.get(&admin, &format!("/functions/{id}/edit")).await.text().await.unwrap();
    assert!(edit.contains("id=\"failure-cause\"") && edit.contains("data-error-line=\"2\""));
    let filtered = app.get(&admin, "/functions?state=Build%20Error").await.text().await.unwrap();
    assert!(filtered.contains("data-function=\"broken\""));
    let drafts = app.get(&admin, "/functions?state=Draft").await.text().await.unwrap();
    assert!(!drafts.contains("data-function=\"broken\""));
}
