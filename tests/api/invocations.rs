//! A function's invocation history and "how do I call it": invocations made over the API are
//! listed with outcome, error and a link to their logs; the page's curl command, run by a real
//! shell and curl with a real token, invokes the function; Home and the history chart count them.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::lambdas::Api;

const FAILS_ON_EMPTY: &str = "function lambda(input, callback) {\n  if (!input.payload.name) { callback(new Error('name is required')); return; }\n  console.info('greeting ' + input.payload.name);\n  callback(null, { hello: input.payload.name });\n}\n";

/// The text of the element with `id` (entities decoded as a browser would).
fn text_of(html: &str, id: &str) -> String {
    let start = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id}"));
    let body = &html[start..];
    let body = &body[body.find('>').unwrap() + 1..];
    let end = body.find("</").unwrap();
    let mut text = body[..end].to_owned();
    for (entity, plain) in [
        ("&quot;", "\""),
        ("&#34;", "\""),
        ("&#39;", "'"),
        ("&#x27;", "'"),
        ("&lt;", "<"),
        ("&#60;", "<"),
        ("&gt;", ">"),
        ("&#62;", ">"),
    ] {
        text = text.replace(entity, plain);
    }
    text.replace("&#38;", "&").replace("&amp;", "&")
}

#[tokio::test]
async fn the_history_lists_api_invocations_and_the_curl_command_invokes_the_function() {
    let api = Api::start().await;
    let uuid = api.deployed("greeter", FAILS_ON_EMPTY).await;
    assert_eq!(api.invoke(&uuid, json!({"name": "Ada"})).await.status(), StatusCode::OK);
    let failed = api.invoke(&uuid, json!({})).await;
    assert_eq!(failed.status().as_u16(), 901);
    let failed_id = failed.headers()["x-request-id"].to_str().unwrap().to_owned();

    let page = api.app.get(&api.admin, &format!("/functions/{uuid}/invocations")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert_eq!(html.matches("<tr data-request-id=").count(), 2, "both invocations listed");
    assert!(html.contains(&format!("data-request-id=\"{failed_id}\" data-outcome=\"failed\"")));
    assert!(html.contains("com.liveperson.faas.handler.custom-failure") && html.contains("name is required"));
    assert!(html.contains(&format!("/logs?lambda={uuid}&amp;requestId={failed_id}")), "links to its logs");
    assert!(html.contains("api (tests)"), "source and external system");
    assert!(html.contains("2 invocations, 1 failed"), "the chart's totals");

    // The failed request's logs page says what became of it, beside its console lines.
    let logs =
        api.app.get(&api.admin, &format!("/logs?lambda={uuid}&requestId={failed_id}")).await.text().await.unwrap();
    let summary = &logs[logs.find("id=\"request-summary\"").expect("a request summary")..];
    assert!(summary.contains("Failed") && summary.contains("com.liveperson.faas.handler.custom-failure"), "{summary}");
    assert!(summary.contains("name is required"));

    // The curl command of the page, with a real token, in a real shell.
    let curl = text_of(&html, "invoke-curl");
    assert!(curl.contains(&format!("/api/account/{ACCOUNT}/lambdas/{uuid}/invoke?v=1&externalSystem=curl")), "{curl}");
    let token_curl = text_of(&html, "invoke-token-curl");
    let (client_id, client_secret) = api.app.credentials(&api.admin).await;
    let script = format!(
        "set -e\n{}\n{}\n",
        token_curl.replace("YOUR_CLIENT_ID", &client_id).replace("YOUR_CLIENT_SECRET", &client_secret),
        curl.replace("-X POST", "-s -X POST"),
    );
    let out = std::process::Command::new("sh").arg("-c").arg(&script).output().expect("sh and curl are installed");
    let answer = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{script}\n{answer}\n{}", String::from_utf8_lossy(&out.stderr));
    // The command sends the function's sample input.
    assert_eq!(answer, r#"{"hello":"lambdabox"}"#);

    let home = api.app.get(&api.admin, "/").await.text().await.unwrap();
    assert!(home.contains("3 invocations, 1 failed"), "Home counts the curl call too");
}
