//! The lambda lifecycle through the API: create from every template, states, optimistic
//! concurrency, build errors that keep the old deployment serving, removal, limits, validation.

use lambdabox_domain::events::{EVENTS, NO_EVENT, templates_for};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::lambdas::{Api, HELLO};

#[tokio::test]
async fn every_template_deploys_and_runs_on_its_sample_input() {
    let api = Api::start().await;
    for (n, event) in EVENTS.iter().enumerate() {
        for (i, template) in templates_for(event).into_iter().enumerate() {
            let name = format!("{}_{n}", template.id);
            // Templates of one skills-filtered event get a skill each, so they can live side by side.
            let skill = (i + 1).to_string();
            let skills = if event.skills_filter { json!([skill]) } else { json!([]) };
            let body = json!({"name": name, "eventId": event.id, "templateId": template.id, "skills": skills});
            let res = api.post("/lambdas", body).await;
            assert_eq!(res.status(), StatusCode::CREATED, "{} / {}", event.id, template.id);
            let lambda: Value = res.json().await.unwrap();
            let uuid = lambda["uuid"].as_str().unwrap().to_owned();
            assert_eq!(lambda["state"], "Draft");
            assert_eq!(api.deploy(&uuid).await.status(), StatusCode::OK, "{} deploys", template.id);
            let sample = lambda["samplePayload"].clone();
            assert_eq!(
                sample["payload"],
                serde_json::from_str::<Value>(event.sample_payload).unwrap(),
                "{}: the event's sample",
                event.id
            );
            let res = if event.id == NO_EVENT {
                api.post(&format!("/lambdas/{uuid}/invoke?v=1&externalSystem=t"), sample).await
            } else {
                api.post(&format!("/events/{}/invoke?v=1&externalSystem=t&skillId={skill}", event.id), sample).await
            };
            let status = res.status();
            let body: Value = res.json().await.unwrap();
            match template.id {
                // Documented: the HTTP template needs an allowlist entry, the secret template a secret.
                "http" | "secret" => assert_eq!(status.as_u16(), 901, "{}: {body}", template.id),
                _ => assert_eq!(status, StatusCode::OK, "{} on {}: {body}", template.id, event.id),
            }
            if event.id == NO_EVENT {
                continue;
            }
            assert_eq!(body.as_array().map(Vec::len), Some(1), "{}: one lambda answers: {body}", event.id);
            assert_eq!(body[0]["uuid"], uuid.as_str(), "event invoke answers per lambda");
            let result = &body[0]["result"];
            if event.id.starts_with("controllerbot_") || event.id.starts_with("surveybot_") {
                let text = result[0]["text"].as_str().unwrap_or_default();
                assert_eq!(result[0]["type"], "systemMessage", "{}: {result}", template.id);
                assert!(!text.is_empty(), "{}: {result}", template.id);
            }
            // The templates read the nested fields of their samples.
            let expected = match template.id {
                "new_conversation" => Some("first time"),
                "conversation_routing" => Some("Billing"),
                "conversation_end" => Some("Thank you for chatting"),
                "ttr" => Some("urgent: expect an answer within 5 minute(s)"),
                "participants_change" => Some("connected to an agent"),
                _ => None,
            };
            if let Some(expected) = expected {
                let text = result[0]["text"].as_str().unwrap_or_default();
                assert!(text.contains(expected), "{}: {text}", template.id);
            }
        }
    }
}

#[tokio::test]
async fn event_samples_have_liveperson_s_nested_shape() {
    let api = Api::start().await;
    let events: Vec<Value> = api.get("/events").await.json().await.unwrap();
    let routing = events.iter().find(|e| e["eventId"] == "controllerbot_messaging_conversation_routing").unwrap();
    assert_eq!(routing["samplePayload"]["general"]["convId"], "c1f4e3a2-0000-4000-8000-000000000004");
    assert_eq!(routing["samplePayload"]["routing"]["newSkillId"], "2");
    assert_eq!(routing["templates"][0]["id"], "conversation_routing");
    let step_up = events.iter().find(|e| e["eventName"] == "Messaging Consumer Step Up").unwrap();
    assert_eq!(step_up["samplePayload"]["general"]["cbotEventType"], "CONSUMER_STEP_UP");

    let res = api
        .post(
            "/lambdas",
            json!({"name": "nested", "eventId": "controllerbot_messaging_conversation_routing", "implementation": {
                "code": "function lambda(input, callback) {\n  callback(null, input.payload.general.convId + ' ' + input.payload.routing.newSkillId);\n}\n"
            }}),
        )
        .await;
    let lambda: Value = res.json().await.unwrap();
    assert_eq!(api.deploy(lambda["uuid"].as_str().unwrap()).await.status(), StatusCode::OK);
    let res = api
        .post("/events/controllerbot_messaging_conversation_routing/invoke?v=1", lambda["samplePayload"].clone())
        .await;
    let body: Value = res.json().await.unwrap();
    assert_eq!(body[0]["result"], "c1f4e3a2-0000-4000-8000-000000000004 2", "a lambda reads the nested sample");
}

#[tokio::test]
async fn states_follow_saves_deploys_and_undeploys() {
    let api = Api::start().await;
    let uuid = api.create("states", HELLO).await;
    assert_eq!(api.lambda(&uuid).await["state"], "Draft");
    assert_eq!(api.deploy(&uuid).await.status(), StatusCode::OK);
    let l = api.lambda(&uuid).await;
    assert_eq!(l["state"], "Productive");
    assert_eq!(l["lastDeployment"]["deploymentState"], "Succeeded");

    let changed = "function lambda(input, callback) {\n  callback(null, 'v2');\n}\n";
    let res = api
        .put(
            &format!("/lambdas/{uuid}"),
            json!({"name": "states", "version": l["version"], "implementation": {"code": changed}}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    assert_eq!(api.lambda(&uuid).await["state"], "Modified");
    let res = api.invoke(&uuid, json!({"name": "x"})).await;
    assert_eq!(res.json::<Value>().await.unwrap(), json!({"hello": "x"}), "the deployed version still serves");

    assert_eq!(api.deploy(&uuid).await.status(), StatusCode::OK);
    assert_eq!(api.lambda(&uuid).await["state"], "Productive");
    assert_eq!(api.invoke(&uuid, json!({})).await.json::<Value>().await.unwrap(), json!("v2"));

    assert_eq!(
        api.delete(&format!("/lambdas/{uuid}")).await.status(),
        StatusCode::CONFLICT,
        "only Draft can be removed"
    );
    assert_eq!(api.delete(&format!("/deployments/{uuid}")).await.status(), StatusCode::OK);
    assert_eq!(api.lambda(&uuid).await["state"], "Draft");
    let res = api.invoke(&uuid, json!({})).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.json::<Value>().await.unwrap()["errorCode"], "com.liveperson.faas.es.notdeployed");
    assert_eq!(api.delete(&format!("/lambdas/{uuid}")).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(api.get(&format!("/lambdas/{uuid}")).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn stale_saves_are_refused_and_unchanged_saves_say_so() {
    let api = Api::start().await;
    let uuid = api.create("concurrency", HELLO).await;
    let body = |v: i64, code: &str| json!({"name": "concurrency", "version": v, "implementation": {"code": code}});
    let res = api.put(&format!("/lambdas/{uuid}"), body(1, HELLO)).await;
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED, "unchanged");
    let v2 = "function lambda(input, callback) { callback(null, 2); }";
    assert_eq!(api.put(&format!("/lambdas/{uuid}"), body(1, v2)).await.status(), StatusCode::ACCEPTED);
    let stale = "function lambda(input, callback) { callback(null, 'stale'); }";
    let res = api.put(&format!("/lambdas/{uuid}"), body(1, stale)).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(res.json::<Value>().await.unwrap()["errorMsg"].as_str().unwrap().contains("changed by someone else"));
    let l = api.lambda(&uuid).await;
    assert_eq!(l["version"], 2);
    assert_eq!(l["implementation"]["code"], v2, "the stale save lost nothing and changed nothing");
}

#[tokio::test]
async fn a_build_error_is_recorded_with_its_cause_and_the_old_deployment_keeps_serving() {
    let api = Api::start().await;
    let uuid = api.deployed("builderr", HELLO).await;
    let broken = "function lambda(input, callback) {\n  callback(null, 'oops'\n}\n";
    let res = api
        .put(&format!("/lambdas/{uuid}"), json!({"name": "builderr", "version": 1, "implementation": {"code": broken}}))
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED, "work in progress may be saved");
    let saved: Value = res.json().await.unwrap();
    assert!(saved["warnings"][0].as_str().unwrap().contains("line"), "{saved}");
    let res = api.deploy(&uuid).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let l = api.lambda(&uuid).await;
    assert_eq!(l["state"], "Build Error");
    let cause = l["lastDeployment"]["deploymentError"]["errorMsg"].as_str().unwrap().to_owned();
    assert!(cause.contains("syntax error on line"), "{cause}");
    let res = api.invoke(&uuid, json!({"name": "still"})).await;
    assert_eq!(res.json::<Value>().await.unwrap(), json!({"hello": "still"}), "previous deployment serves");
}

#[tokio::test]
async fn invalid_lambdas_are_refused_with_clear_messages_and_nothing_is_created() {
    let api = Api::start().await;
    let cases = [
        (json!({"name": "bad-name"}), "letters, digits"),
        (
            json!({"name": "x", "implementation": {"code": "const x = 1;\nfunction lambda(input, callback) {}"}}),
            "function lambda(input, callback) {",
        ),
        (
            json!({"name": "x", "implementation": {"code": HELLO, "environmentVariables": [{"key": "BRAND_ID", "value": "1"}]}}),
            "reserved",
        ),
        (json!({"name": "x", "eventId": "no_such_event"}), "unknown event"),
        (json!({"name": "x", "description": "d".repeat(101)}), "description"),
        (
            json!({"name": "x", "implementation": {"code": format!("function lambda(input, callback) {{\n//{}\n}}", "x".repeat(100_000))}}),
            "100000",
        ),
    ];
    for (body, reason) in cases {
        let res = api.post("/lambdas", body).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{reason}");
        let msg = res.json::<Value>().await.unwrap()["errorMsg"].as_str().unwrap().to_owned();
        assert!(msg.contains(reason), "{msg} should mention {reason}");
    }
    let res = api
        .app
        .client()
        .post(api.url("/lambdas"))
        .bearer_auth(&api.token)
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    api.create("unique", HELLO).await;
    let res = api.post("/lambdas", json!({"name": "UNIQUE", "implementation": {"code": HELLO}})).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let list: Value = api.get("/lambdas").await.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn per_event_limits_and_filters_apply() {
    let api = Api::start().await;
    let event = "controllerbot_messaging_new_conversation";
    assert_eq!(api.post("/lambdas", json!({"name": "first", "eventId": event})).await.status(), StatusCode::CREATED);
    let res = api.post("/lambdas", json!({"name": "second", "eventId": event})).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    api.create("plain", HELLO).await;
    let list: Value = api.get(&format!("/lambdas?eventId={event}")).await.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let list: Value = api.get("/lambdas?state=Draft&name=PLA").await.json().await.unwrap();
    assert_eq!(list[0]["name"], "plain");
    let events: Value = api.get("/events").await.json().await.unwrap();
    assert_eq!(events.as_array().unwrap().len(), EVENTS.len());
    let counts: Value = api.get("/reports/lambdaCounts").await.json().await.unwrap();
    assert_eq!(counts["total"], 2);
}

#[tokio::test]
async fn the_list_answers_livepersons_client_as_it_asks() {
    let api = Api::start().await;
    let event = "controllerbot_messaging_new_conversation";
    assert_eq!(api.post("/lambdas", json!({"name": "evented", "eventId": event})).await.status(), StatusCode::CREATED);
    let res = api.post("/lambdas", json!({"name": "plain", "eventId": "No Event"})).await;
    assert_eq!(res.status(), StatusCode::CREATED, "\"No Event\" is no event");
    assert_eq!(res.json::<Value>().await.unwrap()["eventId"], Value::Null);
    // The Node client's getLambdas: trailing slash and empty filters.
    let res = api.get("/lambdas/?eventId=&state=").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.unwrap().as_array().unwrap().len(), 2);
    let list: Value = api.get("/lambdas/?eventId=No%20Event&state=").await.json().await.unwrap();
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|l| l["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["plain"]);
}
