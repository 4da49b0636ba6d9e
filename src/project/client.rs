//! The project commands' side of the server's API: a token from the client-credentials
//! exchange, then the LivePerson V1 routes under `/api/account/{account}`.

use anyhow::{Context, anyhow, bail};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::login::Login;

/// A connection to one server as one API client.
pub struct Api {
    http: reqwest::Client,
    server: String,
    account: String,
    token: String,
}

/// What an invocation answered: its status and body.
pub struct Answer {
    pub status: StatusCode,
    pub body: Value,
}

impl Api {
    /// Exchanges the login's credentials for a token; the account is the token's.
    pub async fn connect(login: &Login) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .user_agent(concat!("lambdabox-cli/", env!("CARGO_PKG_VERSION")))
            .build()
            .context("cannot start an HTTP client")?;
        let server = login.server.trim_end_matches('/').to_owned();
        let url = format!("{server}/oauth/token");
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", &login.client_id),
            ("client_secret", &login.client_secret),
        ];
        let res = http
            .post(&url)
            .form(&form)
            .send()
            .await
            .with_context(|| format!("cannot reach the lambdabox server at {server}"))?;
        let status = res.status();
        let body: Value = res.json().await.unwrap_or(Value::Null);
        if status == StatusCode::UNAUTHORIZED || status == StatusCode::BAD_REQUEST {
            bail!(
                "the server at {server} refused the credentials (wrong client id or secret, or revoked): {}",
                body["error_description"].as_str().unwrap_or("invalid client")
            );
        }
        if !status.is_success() {
            bail!("{url} answered {status}; is {server} a lambdabox server?");
        }
        let token = body["access_token"].as_str().ok_or_else(|| anyhow!("{url} answered no access_token"))?.to_owned();
        let account = account_of(&token).ok_or_else(|| anyhow!("the token from {url} names no account"))?;
        Ok(Self { http, server, account, token })
    }

    /// The account the credentials belong to.
    pub fn account(&self) -> &str {
        &self.account
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/account/{}{path}", self.server, self.account)
    }

    async fn send(&self, method: Method, path: &str, body: Option<&Value>) -> anyhow::Result<(StatusCode, Value)> {
        let mut req = self.http.request(method, self.url(path)).bearer_auth(&self.token);
        if let Some(body) = body {
            req = req.json(body);
        }
        let res = req.send().await.with_context(|| format!("cannot reach the lambdabox server at {}", self.server))?;
        let status = res.status();
        let text = res.text().await.unwrap_or_default();
        let value =
            if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
        Ok((status, value))
    }

    /// A request that must succeed; the server's error message otherwise.
    async fn call(&self, method: Method, path: &str, body: Option<&Value>) -> anyhow::Result<Value> {
        let (status, value) = self.send(method.clone(), path, body).await?;
        if status.is_success() || status == StatusCode::NOT_MODIFIED {
            return Ok(value);
        }
        bail!("{method} {path}: {status}: {}", error_text(&value))
    }

    /// Every function of the account.
    pub async fn lambdas(&self) -> anyhow::Result<Vec<Value>> {
        match self.call(Method::GET, "/lambdas", None).await? {
            Value::Array(list) => Ok(list),
            other => bail!("the server answered a list of functions that is not a list: {other}"),
        }
    }

    /// The function called `name`.
    pub async fn lambda_named(&self, name: &str) -> anyhow::Result<Value> {
        self.lambdas().await?.into_iter().find(|l| l["name"] == name).ok_or_else(|| {
            anyhow!("there is no function named {name} on the server (`lambdabox get functions` lists them)")
        })
    }

    pub async fn create(&self, body: &Value) -> anyhow::Result<Value> {
        self.call(Method::POST, "/lambdas", Some(body)).await
    }

    /// Saves a new version; `None` when nothing changed.
    pub async fn update(&self, uuid: &str, body: &Value) -> anyhow::Result<Option<Value>> {
        let (status, value) = self.send(Method::PUT, &format!("/lambdas/{uuid}"), Some(body)).await?;
        match status {
            StatusCode::NOT_MODIFIED => Ok(None),
            s if s.is_success() => Ok(Some(value)),
            s => bail!("PUT /lambdas/{uuid}: {s}: {}", error_text(&value)),
        }
    }

    pub async fn deploy(&self, uuid: &str) -> anyhow::Result<Value> {
        self.call(Method::POST, &format!("/deployments/{uuid}"), Some(&json!({}))).await
    }

    pub async fn undeploy(&self, uuid: &str) -> anyhow::Result<Value> {
        self.call(Method::DELETE, &format!("/deployments/{uuid}"), None).await
    }

    pub async fn invoke(&self, uuid: &str, input: &Value) -> anyhow::Result<Answer> {
        let path = format!("/lambdas/{uuid}/invoke?v=1&externalSystem=lambdabox-cli");
        let (status, body) = self.send(Method::POST, &path, Some(input)).await?;
        Ok(Answer { status, body })
    }

    pub async fn get(&self, path: &str) -> anyhow::Result<Value> {
        self.call(Method::GET, path, None).await
    }

    /// The logs export (CSV) for `query` (`lambdaUUID=…&startTimestamp=…`).
    pub async fn logs_csv(&self, query: &str) -> anyhow::Result<String> {
        let res = self
            .http
            .get(self.url(&format!("/logs/export?{query}")))
            .bearer_auth(&self.token)
            .send()
            .await
            .with_context(|| format!("cannot reach the lambdabox server at {}", self.server))?;
        let status = res.status();
        let text = res.text().await.unwrap_or_default();
        if !status.is_success() {
            let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
            bail!("GET /logs/export: {status}: {}", error_text(&value));
        }
        Ok(text)
    }
}

/// The message of an API error body (`{errorCode, errorMsg}` or OAuth's shape).
fn error_text(value: &Value) -> String {
    match (value["errorMsg"].as_str(), value["errorCode"].as_str()) {
        (Some(msg), Some(code)) => format!("{msg} ({code})"),
        (Some(msg), None) => msg.to_owned(),
        _ => match value {
            Value::String(text) => text.clone(),
            Value::Null => "no details".to_owned(),
            other => other.to_string(),
        },
    }
}

/// The `acc` claim of a JWT, read without checking the signature (the server checks it).
fn account_of(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    claims["acc"].as_str().map(str::to_owned)
}
