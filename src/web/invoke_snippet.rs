//! "How do I call it?": a function's invoke URLs and ready-to-paste curl commands (the token
//! exchange, the direct invocation and, for event functions, the event invocation), shown with
//! copy buttons on the function, deployment and test pages.

use actix_web::HttpRequest;
use lambdabox_services::lifecycle::Lambda;

use crate::state::AppState;

/// The address users reach lambdabox at: `--public-url`, else this request's `Host` with the
/// scheme lambdabox serves. Forwarded headers are not trusted (any client can send them);
/// behind a proxy, set `--public-url`.
pub fn public_base(req: &HttpRequest, state: &AppState) -> String {
    if let Some(url) = &state.config.public_url {
        return url.clone();
    }
    let scheme = if state.config.tls.is_some() { "https" } else { "http" };
    let host = req
        .headers()
        .get(actix_web::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)))
        .map_or_else(|| state.config.bind.to_string(), str::to_owned);
    format!("{scheme}://{host}")
}

/// What the "Invoke it" panel shows.
#[derive(Debug, Clone)]
pub struct InvokeSnippets {
    /// `POST` here to invoke the function.
    pub url: String,
    /// Exchanges API credentials for `$ACCESS_TOKEN`.
    pub token_curl: String,
    /// Invokes the function with its sample input.
    pub curl: String,
    /// The event's invoke URL and curl, when the function is bound to an event.
    pub event: Option<(String, String)>,
}

impl InvokeSnippets {
    /// The snippets of `lambda` as this request reaches lambdabox, sending its sample payload.
    pub fn for_lambda(req: &HttpRequest, state: &AppState, lambda: &Lambda) -> Self {
        let account = state.account().map(ToString::to_string).unwrap_or_default();
        let sample = lambda.sample_input.get("payload").map_or_else(|| "{}".to_owned(), ToString::to_string);
        Self::new(&public_base(req, state), &account, &lambda.id.to_string(), lambda.event_id.as_deref(), &sample)
    }

    /// The snippets for function `uuid` of `account`, sending `payload` (JSON).
    pub fn new(base: &str, account: &str, uuid: &str, event_id: Option<&str>, payload: &str) -> Self {
        let url = format!("{base}/api/account/{account}/lambdas/{uuid}/invoke?v=1&externalSystem=curl");
        let body = format!(r#"{{"timestamp":0,"headers":[],"payload":{}}}"#, compact(payload));
        let event = event_id.map(|event| {
            let url = format!("{base}/api/account/{account}/events/{event}/invoke?v=1&externalSystem=curl&skillId=");
            let curl = invoke_curl(&url, &body);
            (url, curl)
        });
        Self {
            token_curl: format!(
                "ACCESS_TOKEN=$(curl -s {} -d grant_type=client_credentials \\\n  -d client_id=YOUR_CLIENT_ID -d client_secret=YOUR_CLIENT_SECRET \\\n  | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')",
                shell_quote(&format!("{base}/oauth/token"))
            ),
            curl: invoke_curl(&url, &body),
            url,
            event,
        }
    }
}

fn invoke_curl(url: &str, body: &str) -> String {
    format!(
        "curl -X POST {} \\\n  -H \"Authorization: Bearer $ACCESS_TOKEN\" \\\n  -H 'Content-Type: application/json' \\\n  -d {}",
        shell_quote(url),
        shell_quote(body)
    )
}

/// `payload` as one line of JSON (`{}` when it is not JSON).
fn compact(payload: &str) -> String {
    serde_json::from_str::<serde_json::Value>(payload).map_or_else(|_| "{}".to_owned(), |v| v.to_string())
}

/// Single-quoted for a POSIX shell.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippets_quote_for_the_shell_and_name_the_event() {
        let s = InvokeSnippets::new("http://box:8080", "acc1", "u-1", Some("ev"), r#"{"name": "O'Neil"}"#);
        assert_eq!(s.url, "http://box:8080/api/account/acc1/lambdas/u-1/invoke?v=1&externalSystem=curl");
        assert!(s.curl.contains(r#"-d '{"timestamp":0,"headers":[],"payload":{"name":"O'\''Neil"}}'"#), "{}", s.curl);
        let (event_url, event_curl) = s.event.unwrap();
        assert!(event_url.ends_with("/events/ev/invoke?v=1&externalSystem=curl&skillId="));
        assert!(event_curl.starts_with("curl -X POST 'http://box:8080/api/account/acc1/events/ev/"));
        let plain = InvokeSnippets::new("http://box", "a", "u", None, "not json");
        assert!(plain.event.is_none() && plain.curl.contains(r#""payload":{}"#));
    }
}
