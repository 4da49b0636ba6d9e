//! Host operations started by lambda code (HTTP, secrets, orchestrator). Each runs as a task
//! on the sandbox's I/O runtime so a waiting lambda holds no CPU worker; its JSON answer is
//! handed back to the prelude's `opDone`. Dropping an [`IoTask`] aborts the work.

use super::capabilities::{Capabilities, ClientTls, HttpError, HttpRequest, HttpResponse};
use super::rate::RateLimits;
use super::state::HostState;
use base64::Engine as _;
use serde_json::{Value, json};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::task::JoinHandle;

/// The answer of an op: `Ok(json)` resolves the JS promise, `Err(json)` rejects it with an
/// Error carrying the JSON object's fields (`message`, `code`, `statusCode`, …).
pub(crate) type OpAnswer = Result<Value, Value>;

/// A running op; aborted when dropped (for example when the invocation ends first).
pub(crate) struct IoTask(JoinHandle<OpAnswer>);

impl Future for IoTask {
    type Output = OpAnswer;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<OpAnswer> {
        Pin::new(&mut self.0)
            .poll(cx)
            .map(|joined| joined.unwrap_or_else(|e| Err(json!({ "message": format!("host operation failed: {e}") }))))
    }
}

impl Drop for IoTask {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Starts op `name` with JSON arguments; errors become a rejected promise, never a throw.
pub(crate) fn start(state: &HostState, name: &str, args: &str) -> IoTask {
    let io = state.shared.io.clone();
    // In a worker process the server holds the capabilities and runs the operation.
    if let Some(link) = &state.shared.link {
        return IoTask(io.spawn(link.op(state.job.get(), name, args)));
    }
    let caps = state.caps.borrow().clone();
    let answer = match (caps, serde_json::from_str::<Value>(args)) {
        (Some(caps), Ok(args)) => {
            dispatch(&state.shared.rates, state.shared.limits.http_requests_per_second, &caps, name, args)
        }
        (None, _) => Box::pin(async { Err(json!({ "message": "no invocation is running" })) }),
        (_, Err(e)) => {
            let message = format!("invalid arguments for {name}: {e}");
            Box::pin(async move { Err(json!({ "message": message })) })
        }
    };
    IoTask(io.spawn(answer))
}

pub(crate) type AnswerFuture = Pin<Box<dyn Future<Output = OpAnswer> + Send>>;

/// Starts op `name` with `caps`; outbound HTTP counts against the lambda's rate `limit`.
pub(crate) fn dispatch(rates: &RateLimits, limit: u32, caps: &Capabilities, name: &str, args: Value) -> AnswerFuture {
    let text = |key: &str| args.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
    match name {
        "http" => {
            if !rates.try_acquire(&caps.lambda_uuid, limit) {
                return ready_err(&HttpError::RateLimited(limit), Some(429));
            }
            match http_request(&args) {
                Ok(request) => {
                    let send = caps.http.send(request);
                    Box::pin(async move {
                        match send.await {
                            Ok(response) => Ok(http_response(response)),
                            Err(e) => Err(http_error(&e, None)),
                        }
                    })
                }
                Err(message) => Box::pin(async move { Err(json!({ "message": message })) }),
            }
        }
        "secret.read" | "secret.update" => {
            let key = text("key");
            let future = if name == "secret.read" {
                caps.secrets.read(&key)
            } else {
                caps.secrets.update(&key, args.get("value").cloned().unwrap_or(Value::Null))
            };
            Box::pin(async move {
                match future.await {
                    Ok(value) => Ok(json!({ "key": key, "value": value })),
                    Err(e) => Err(json!({ "message": e.to_string(), "code": e.code(), "name": "SecretError" })),
                }
            })
        }
        "orchestrator.invoke" => {
            let future = caps.orchestrator.invoke(&text("uuid"), args.get("input").cloned().unwrap_or(Value::Null));
            Box::pin(async move {
                match future.await {
                    Ok(reply) => Ok(json!({ "statusCode": reply.status_code, "body": reply.body })),
                    Err(message) => Err(json!({ "message": message })),
                }
            })
        }
        other => {
            let message = format!("unknown host operation {other}");
            Box::pin(async move { Err(json!({ "message": message })) })
        }
    }
}

fn ready_err(error: &HttpError, status: Option<u16>) -> AnswerFuture {
    let answer = http_error(error, status);
    Box::pin(async move { Err(answer) })
}

/// What a lambda sees when the platform refuses a request: Node's error for a socket the
/// proxy closed, as on LivePerson Functions (lambdas compare the string); the reason is logged
/// beside it.
const REFUSED_MESSAGE: &str = "Socket is closed";

fn http_error(error: &HttpError, status: Option<u16>) -> Value {
    let mut value = match error {
        HttpError::Refused(reason) => {
            json!({ "message": REFUSED_MESSAGE, "code": error.code(), "explanation": reason })
        }
        _ => json!({ "message": error.to_string(), "code": error.code() }),
    };
    if let Some(status) = status {
        value["statusCode"] = json!(status);
    }
    value
}

/// Reads `{method, url, headers: [[k, v]], body (string), bodyBase64, timeoutMs, tls: {cert,
/// key, ca, allowSelfSigned}}`.
fn http_request(args: &Value) -> Result<HttpRequest, String> {
    let url = args.get("url").and_then(Value::as_str).ok_or("request has no url")?.to_owned();
    let method = args.get("method").and_then(Value::as_str).unwrap_or("GET").to_ascii_uppercase();
    let headers = args
        .get("headers")
        .and_then(Value::as_array)
        .map(|pairs| {
            pairs
                .iter()
                .filter_map(|pair| Some((pair.get(0)?.as_str()?.to_owned(), pair.get(1)?.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    let body = match (args.get("body").and_then(Value::as_str), args.get("bodyBase64").and_then(Value::as_str)) {
        (Some(text), _) => Some(text.as_bytes().to_vec()),
        (None, Some(b64)) => Some(base64::engine::general_purpose::STANDARD.decode(b64).map_err(|e| e.to_string())?),
        (None, None) => None,
    };
    let timeout = args.get("timeoutMs").and_then(Value::as_u64).filter(|ms| *ms > 0).map(Duration::from_millis);
    let client_tls = args.get("tls").filter(|tls| tls.is_object()).map(|tls| {
        let pem = |key: &str| tls.get(key).and_then(Value::as_str).map(str::to_owned);
        ClientTls {
            cert_pem: pem("cert").unwrap_or_default(),
            key_pem: pem("key").unwrap_or_default(),
            ca_pem: pem("ca"),
            allow_self_signed: tls.get("allowSelfSigned").and_then(Value::as_bool).unwrap_or(false),
        }
    });
    Ok(HttpRequest { method, url, headers, body, timeout, client_tls })
}

fn http_response(response: HttpResponse) -> Value {
    let headers: Vec<Value> = response.headers.into_iter().map(|(k, v)| json!([k, v])).collect();
    json!({
        "status": response.status,
        "headers": headers,
        "body": String::from_utf8_lossy(&response.body),
        "url": response.url,
    })
}
