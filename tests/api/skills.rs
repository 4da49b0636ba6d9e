//! Skills of event lambdas as LivePerson has them: skill sets on one event must not overlap, a
//! default (no-skill) lambda stands alone, at most 50 skills; `skillId` picks the lambdas of a
//! skill (else the default) for `events/{eventId}/invoke` and `isImplemented`; the editor and
//! the wizard show and change them.

use reqwest::StatusCode;
use serde_json::{Value, json};

use lambdabox_domain::events;

use crate::helpers::*;
use crate::lambdas::Api;

const NEW_CONVERSATION: &str = "controllerbot_messaging_new_conversation";
const CONVERSATION_END: &str = "controllerbot_messaging_conversation_end";

fn answering(text: &str) -> String {
    format!("function lambda(input, callback) {{\n  callback(null, {{ type: 'systemMessage', text: '{text}' }});\n}}\n")
}

impl Api {
    /// Creates a lambda on `event` with `skills`; the raw response.
    async fn create_on(&self, name: &str, event: &str, skills: Value) -> reqwest::Response {
        let body =
            json!({"name": name, "eventId": event, "skills": skills, "implementation": {"code": answering(name)}});
        self.post("/lambdas", body).await
    }

    /// Creates and deploys a lambda on `event` with `skills`; its uuid.
    async fn deployed_on(&self, name: &str, event: &str, skills: Value) -> String {
        let res = self.create_on(name, event, skills).await;
        assert_eq!(res.status(), StatusCode::CREATED, "{}", res.text().await.unwrap());
        let uuid = res.json::<Value>().await.unwrap()["uuid"].as_str().unwrap().to_owned();
        assert_eq!(self.deploy(&uuid).await.status(), StatusCode::OK);
        uuid
    }

    /// `events/{event}/invoke` with an optional skill: the names of the lambdas that answered.
    async fn invoke_event(&self, event: &str, skill: Option<&str>) -> Vec<String> {
        let skill = skill.map(|s| format!("&skillId={s}")).unwrap_or_default();
        let res =
            self.post(&format!("/events/{event}/invoke?v=1&externalSystem=cb{skill}"), json!({"payload": {}})).await;
        assert_eq!(res.status(), StatusCode::OK);
        let body: Vec<Value> = res.json().await.unwrap();
        body.iter().map(|r| r["result"]["text"].as_str().unwrap().to_owned()).collect()
    }

    async fn implemented(&self, event: &str, skill: &str) -> bool {
        let res = self.get(&format!("/events/{event}/isImplemented?v=1&externalSystem=cb&skillId={skill}")).await;
        assert_eq!(res.status(), StatusCode::OK);
        res.json::<Value>().await.unwrap()["implemented"].as_bool().unwrap()
    }
}

async fn refused(res: reqwest::Response, status: StatusCode, naming: &str) {
    assert_eq!(res.status(), status);
    let body: Value = res.json().await.unwrap();
    let msg = body["errorMsg"].as_str().unwrap();
    assert!(msg.contains(naming), "{msg} names {naming}");
}

#[tokio::test]
async fn skill_sets_on_one_event_must_not_overlap_and_a_default_stands_alone() {
    let api = Api::start().await;
    let res = api.create_on("sales", NEW_CONVERSATION, json!(["1", 2])).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.json::<Value>().await.unwrap()["skills"], json!(["1", "2"]), "numbers are taken as skill ids");

    refused(api.create_on("overlap", NEW_CONVERSATION, json!(["2", "3"])).await, StatusCode::CONFLICT, "'sales'").await;
    refused(api.create_on("default", NEW_CONVERSATION, json!([])).await, StatusCode::CONFLICT, "'sales'").await;
    assert_eq!(api.create_on("service", NEW_CONVERSATION, json!(["3"])).await.status(), StatusCode::CREATED);

    assert_eq!(api.create_on("fallback", CONVERSATION_END, json!([])).await.status(), StatusCode::CREATED);
    refused(api.create_on("skilled", CONVERSATION_END, json!(["7"])).await, StatusCode::CONFLICT, "'fallback'").await;
    refused(api.create_on("second", CONVERSATION_END, json!([])).await, StatusCode::CONFLICT, "'fallback'").await;

    let names: Vec<String> =
        api.get("/lambdas").await.json::<Vec<Value>>().await.unwrap().iter().map(|l| l["name"].to_string()).collect();
    assert_eq!(names.len(), 3, "nothing refused was created: {names:?}");
}

#[tokio::test]
async fn at_most_fifty_skills_and_only_on_events_with_a_skills_filter() {
    let api = Api::start().await;
    let fifty_one: Vec<String> = (1..=51).map(|n| n.to_string()).collect();
    refused(api.create_on("many", NEW_CONVERSATION, json!(fifty_one)).await, StatusCode::BAD_REQUEST, "at most 50")
        .await;
    refused(api.create_on("words", NEW_CONVERSATION, json!(["sales"])).await, StatusCode::BAD_REQUEST, "'sales'").await;
    refused(
        api.create_on("command", "conversational_command", json!(["1"])).await,
        StatusCode::BAD_REQUEST,
        "no skills filter",
    )
    .await;
    let fifty: Vec<String> = (1..=50).map(|n| n.to_string()).collect();
    let res = api.create_on("many", NEW_CONVERSATION, json!(fifty)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.json::<Value>().await.unwrap()["skills"].as_array().unwrap().len(), 50);
}

#[tokio::test]
async fn a_skill_id_invokes_the_lambdas_of_its_skill_or_the_default() {
    let api = Api::start().await;
    api.deployed_on("sales", NEW_CONVERSATION, json!(["1", "2"])).await;
    api.deployed_on("service", NEW_CONVERSATION, json!(["3"])).await;
    assert_eq!(api.invoke_event(NEW_CONVERSATION, Some("3")).await, ["service"]);
    assert_eq!(api.invoke_event(NEW_CONVERSATION, Some("1")).await, ["sales"]);
    assert!(api.invoke_event(NEW_CONVERSATION, Some("9")).await.is_empty(), "no lambda and no default for 9");
    assert_eq!(api.invoke_event(NEW_CONVERSATION, None).await, ["sales", "service"], "without a skill: all");
    assert_eq!(api.invoke_event(NEW_CONVERSATION, Some("")).await, ["sales", "service"], "an empty skill: all");
    assert!(api.implemented(NEW_CONVERSATION, "2").await);
    assert!(!api.implemented(NEW_CONVERSATION, "9").await);

    api.deployed_on("fallback", CONVERSATION_END, json!([])).await;
    assert_eq!(api.invoke_event(CONVERSATION_END, Some("9")).await, ["fallback"], "the default answers any skill");
    assert!(api.implemented(CONVERSATION_END, "9").await);
}

#[tokio::test]
async fn a_refused_skill_change_leaves_the_lambda_intact_and_an_accepted_one_needs_no_deploy() {
    let api = Api::start().await;
    api.deployed_on("sales", NEW_CONVERSATION, json!(["1", "2"])).await;
    let service = api.deployed_on("service", NEW_CONVERSATION, json!(["3"])).await;
    let before = api.lambda(&service).await;

    let changed = json!({
        "name": "service_renamed", "version": before["version"], "skills": ["3", "2"],
        "implementation": {"code": answering("changed")},
    });
    refused(api.put(&format!("/lambdas/{service}"), changed).await, StatusCode::CONFLICT, "'sales'").await;
    assert_eq!(api.lambda(&service).await, before, "nothing of the refused update was saved");

    let more = json!({"name": "service", "version": before["version"], "skills": ["3", "4"]});
    assert_eq!(api.put(&format!("/lambdas/{service}"), more).await.status(), StatusCode::ACCEPTED);
    let after = api.lambda(&service).await;
    assert_eq!(after["skills"], json!(["3", "4"]));
    assert_eq!(after["state"], "Productive", "skills are not deployed");
    assert_eq!(after["version"], before["version"]);
    assert_eq!(api.invoke_event(NEW_CONVERSATION, Some("4")).await, ["service"], "the next invocation uses them");
    assert!(api.implemented(NEW_CONVERSATION, "4").await);
}

#[tokio::test]
async fn the_wizard_and_the_editor_show_and_change_skills() {
    let (app, admin) = TestApp::provisioned().await;
    let wizard = app.get(&admin, &format!("/functions/new?event={NEW_CONVERSATION}")).await.text().await.unwrap();
    assert!(wizard.contains("name=\"skills\""), "the wizard asks for skills on this event");
    let plain = app.get(&admin, "/functions/new?event=conversational_command").await.text().await.unwrap();
    assert!(!plain.contains("name=\"skills\""), "not on events without a skills filter");

    let template = events::template(events::event(NEW_CONVERSATION).unwrap().default_template).unwrap();
    let create = |name: &'static str, skills: &'static str| {
        [("event", NEW_CONVERSATION), ("template", template.id), ("name", name), ("skills", skills)]
    };
    let res = app.post_form(&admin, "/functions", &create("sales", "1, 2")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app.post_form(&admin, "/functions", &create("service", "2 3")).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("Skill 2 is already taken"));
    let res = app.post_form(&admin, "/functions", &create("service", "3")).await;
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let id = location.trim_start_matches("/functions/").split('/').next().unwrap().to_owned();

    let list = app.get(&admin, "/functions").await.text().await.unwrap();
    assert!(list.contains("Skills: 1, 2") && list.contains("Skills: 3"), "the list shows skills");
    let edit = app.get(&admin, &format!("/functions/{id}/edit")).await.text().await.unwrap();
    assert_eq!(element_text(&edit, "skills-detail"), "3");
    let code = template.code.to_owned();
    let mut form = vec![
        ("version", "1".to_owned()),
        ("name", "service".to_owned()),
        ("description", String::new()),
        ("code", code),
        ("sample", "{\"headers\": [], \"payload\": {}}".to_owned()),
    ];
    form.push(("skills", "1, 3".to_owned()));
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.post_form(&admin, &format!("/functions/{id}"), &fields).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let page = res.text().await.unwrap();
    assert!(page.contains("&#39;sales&#39;") || page.contains("'sales'"), "names the other function");
    assert!(page.contains("value=\"1, 3\""), "the typed skills are kept");

    form.pop();
    form.push(("skills", "3, 4".to_owned()));
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.post_form(&admin, &format!("/functions/{id}"), &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let edit = app.get(&admin, &format!("/functions/{id}/edit")).await.text().await.unwrap();
    assert_eq!(element_text(&edit, "skills-detail"), "3, 4");
}
