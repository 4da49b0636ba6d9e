//! The Functions and Deployments sections through their HTML forms: wizard (with its allowlist
//! step), editor, stale save that keeps the user's text, deploy review, history restore and the
//! test page.

use lambdabox_domain::Permission;
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

/// The markup inside the element with `id`, up to the first `end` tag after it.
fn inner<'a>(html: &'a str, id: &str, end: &str) -> &'a str {
    let start = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("#{id} on the page"));
    let rest = &html[start..];
    &rest[rest.find('>').unwrap() + 1..rest.find(end).unwrap()]
}

/// The allowlist as the Settings page lists it.
async fn allowlist(app: &TestApp, client: &reqwest::Client) -> Vec<String> {
    let html = app.get(client, "/settings?tab=allowlist").await.text().await.unwrap();
    html.split("data-entry=\"").skip(1).map(|rest| rest.split('"').next().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn the_wizard_adds_allowlist_domains_and_skips_listed_ones() {
    let (app, admin) = TestApp::provisioned().await;
    assert_eq!(
        app.post_form(&admin, "/settings/allowlist", &[("domain", "api.example.com")]).await.status(),
        StatusCode::SEE_OTHER
    );
    let page = app.get(&admin, "/functions/new").await.text().await.unwrap();
    assert!(page.contains("data-entry=\"api.example.com\""), "step 2 shows the current list");
    assert!(page.contains("name=\"domains\"") && page.contains("id=\"add-domains\""), "and takes new domains");

    // Every invalid entry is named, what was typed comes back, nothing changes.
    let typed = "good.example.com\nhttps://bad.example.com\na..b";
    let wizard = [("event", "no_event"), ("template", "http"), ("name", "fetcher"), ("domains", typed)];
    let res = app.post_form(&admin, "/functions", &[&wizard[..], &[("step", "allowlist")]].concat()).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let html = res.text().await.unwrap();
    let errors = inner(&html, "domain-errors", "</div>");
    assert!(errors.contains("looks like a URL") && errors.contains("&#39;a..b&#39; is not a valid host"), "{errors}");
    assert_eq!(inner(&html, "domains", "</textarea>"), typed, "what was typed is kept");
    assert!(
        html.contains("value=\"fetcher\"") && html.contains("value=\"http\" data-preview=\"preview-http\" checked")
    );
    assert_eq!(allowlist(&app, &admin).await, ["api.example.com"]);

    // "Add to allowlist" adds the new ones, skips the listed one with a note, empties the field.
    let domains = [("domains", "API.example.com, hooks.example.org\n*.cdn.example.net")];
    let res = app.post_form(&admin, "/functions", &[&wizard[..3], &domains, &[("step", "allowlist")]].concat()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    let note = inner(&html, "domain-note", "</div>");
    assert!(note.contains("<code>hooks.example.org</code>, <code>*.cdn.example.net</code>"), "{note}");
    assert!(inner(&html, "domain-skipped", "</p>").contains("<code>api.example.com</code>"), "{note}");
    assert_eq!(inner(&html, "domains", "</textarea>"), "", "the field is empty again");
    assert!(html.contains("value=\"fetcher\""), "step 3 is kept");
    assert_eq!(allowlist(&app, &admin).await, ["*.cdn.example.net", "api.example.com", "hooks.example.org"]);
    let res = app.post_form(&admin, "/functions", &[("domains", " \n"), ("step", "allowlist")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("Enter one or more domains to add."));

    // A name that cannot be used stops the create before the allowlist changes.
    let res = app.post_form(&admin, "/functions", &[("name", "bad name!"), ("domains", "late.example.com")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(!allowlist(&app, &admin).await.contains(&"late.example.com".to_owned()));

    // Creating adds what is still in the field, then opens the editor.
    let res = app.post_form(&admin, "/functions", &[("name", "fetcher"), ("domains", "late.example.com")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).ends_with("/edit?notice=lambda-created-domains"), "{}", location(&res));
    assert!(allowlist(&app, &admin).await.contains(&"late.example.com".to_owned()));
    let res = app.post_form(&admin, "/functions", &[("name", "fetcher2"), ("domains", "late.example.com")]).await;
    assert!(location(&res).ends_with("notice=lambda-created-domains-skipped"));
    let edit = app.get(&admin, &location(&res)).await.text().await.unwrap();
    assert!(edit.contains("those already on it were skipped"));
    let activity = app.get(&admin, "/activity").await.text().await.unwrap();
    assert!(activity.contains("Added late.example.com to the domain allowlist"));

    // A name already taken is refused by the create itself, still before any domain is added.
    let res = app.post_form(&admin, "/functions", &[("name", "fetcher"), ("domains", "taken.example.com")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(!allowlist(&app, &admin).await.contains(&"taken.example.com".to_owned()));
}

#[tokio::test]
async fn developers_see_the_wizards_allowlist_step_read_only_and_cannot_add_domains() {
    let (app, admin) = TestApp::provisioned().await;
    app.post_form(&admin, "/settings/allowlist", &[("domain", "api.example.com")]).await;
    let dev = app.user_with(&admin, "dev", &[Permission::FaasDeveloper]).await;
    let page = app.get(&dev, "/functions/new").await.text().await.unwrap();
    assert!(page.contains("data-entry=\"api.example.com\""), "developers see the list");
    assert!(element_text(&page, "allowlist-readonly").contains("needs FaaS-Admin"));
    assert!(!page.contains("name=\"domains\"") && !page.contains("id=\"add-domains\""));

    // Posting domains anyway is refused whole, before they are even validated.
    for step in ["create", "allowlist"] {
        for domains in ["evil.example.com", "https://not a domain"] {
            let fields = [("name", "sneaky"), ("domains", domains), ("step", step)];
            let res = app.post_form(&dev, "/functions", &fields).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{step} {domains}");
            assert!(res.text().await.unwrap().contains("FaaS-Admin"), "the denial names the permission");
        }
    }
    let res = app.post_form(&dev, "/functions", &[("step", "allowlist")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "the step itself needs FaaS-Admin");
    assert_eq!(allowlist(&app, &admin).await, ["api.example.com"]);
    assert!(!app.get(&admin, "/functions").await.text().await.unwrap().contains("sneaky"), "nothing created");

    // Without domains the step is simply skipped.
    let res = app.post_form(&dev, "/functions", &[("name", "dev_function"), ("domains", "")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).ends_with("notice=lambda-created"));
}

#[tokio::test]
async fn the_wizards_allowlist_step_needs_the_csrf_token() {
    let (app, admin) = TestApp::provisioned().await;
    let fields = [("name", "forged"), ("domains", "evil.example.com")];
    let res = admin.post(app.url("/functions")).form(&fields).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let forged = [&fields[..], &[("csrf_token", "forged")]].concat();
    let res = admin.post(app.url("/functions")).form(&forged).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(allowlist(&app, &admin).await, Vec::<String>::new());
    assert!(!app.get(&admin, "/functions").await.text().await.unwrap().contains("forged"));
}

#[tokio::test]
async fn code_declared_below_the_first_line_is_offered_the_move_and_saves_after_it() {
    let (app, admin) = TestApp::provisioned().await;
    let res = app
        .post_form(&admin, "/functions", &[("event", "no_event"), ("template", "greeting"), ("name", "moved")])
        .await;
    let id = location(&res).split('/').nth(2).unwrap().to_owned();
    let below = "const BASE = 40;\nconst GREETING = BASE + 1;\n\nfunction lambda(input, callback) {\n  callback(null, GREETING + 1);\n}\n";
    let form = |code: &'static str| {
        [("version", "1"), ("name", "moved"), ("description", "kept"), ("code", code), ("sample", "{\"payload\": {}}")]
    };
    let res = app.post_form(&admin, &format!("/functions/{id}"), &form(below)).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let page = res.text().await.unwrap();
    assert!(page.contains("first line must declare the lambda"), "the refusal says why");
    assert!(page.contains("id=\"fix-declaration\"") && page.contains("Move the declaration to the first line"));
    assert!(page.contains(&format!("formaction=\"/functions/{id}/fix-declaration\"")));

    let res = app.post_form(&admin, &format!("/functions/{id}/fix-declaration"), &form(below)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    let code = inner(&page, "code", "</textarea>");
    assert_eq!(
        code,
        "function lambda(input, callback) {\n  callback(null, GREETING + 1);\n}\n\nconst BASE = 40;\nconst GREETING = BASE + 1;\n",
        "declaration on line 1, the rest below"
    );
    assert!(page.contains("declaration of the lambda is now on line 1"), "notice");
    assert!(page.contains("value=\"kept\""), "the other fields as typed");
    assert!(!page.contains("id=\"fix-declaration\""), "nothing left to fix");
    let lambda = app.get(&admin, &format!("/functions/{id}/edit")).await.text().await.unwrap();
    assert!(!lambda.contains("GREETING"), "rewriting saves nothing");

    let fixed: &'static str = Box::leak(code.to_owned().into_boxed_str());
    let res = app.post_form(&admin, &format!("/functions/{id}"), &form(fixed)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).contains("notice=lambda-saved"), "the moved code passes the check and compiles");

    let res = app.post_form(&admin, &format!("/functions/{id}/fix-declaration"), &form("const x = 1;\n")).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("could not be moved"));
}
