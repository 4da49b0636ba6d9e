//! What one invocation may use, handed in by the caller: environment variables, secrets,
//! outbound HTTP and the orchestrator. Traits, so the app plugs in its store and egress and
//! tests plug in fakes; the defaults refuse everything.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// A boxed, sendable future, as returned by the capability traits.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// Failure of a secret operation; each maps to a LivePerson `SecretError` code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// No secret with that key exists for the account.
    #[error("There is no Secret {0} for this account")]
    NotFound(String),
    /// The value is not acceptable (too long, wrong type).
    #[error("{0}")]
    InvalidFormat(String),
    /// Anything else went wrong.
    #[error("{0}")]
    OpFailed(String),
}

impl SecretError {
    /// The LivePerson error code string.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound(_) => "com.liveperson.faas.secret.not-found",
            Self::InvalidFormat(_) => "com.liveperson.faas.secret.invalid-format",
            Self::OpFailed(_) => "com.liveperson.faas.secret.op-failed",
        }
    }
}

/// The account's secrets, as the lambda sees them through `Toolbelt.SecretClient()`.
pub trait SecretStore: Send + Sync {
    /// Reads a secret's value.
    fn read(&self, key: &str) -> BoxFuture<Result<serde_json::Value, SecretError>>;
    /// Replaces an existing secret's value and returns the stored value.
    fn update(&self, key: &str, value: serde_json::Value) -> BoxFuture<Result<serde_json::Value, SecretError>>;
}

/// An outgoing HTTP request from a lambda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// Upper-case method.
    pub method: String,
    /// Absolute http(s) URL.
    pub url: String,
    /// Header pairs in order.
    pub headers: Vec<(String, String)>,
    /// Request body, if any.
    pub body: Option<Vec<u8>>,
    /// Per-request timeout asked for by the lambda.
    pub timeout: Option<Duration>,
    /// A client certificate to present (`Toolbelt.MTLSClient`).
    pub client_tls: Option<ClientTls>,
}

/// The TLS material of a mutual-TLS request, as the lambda handed it over (PEM text).
#[derive(Clone, PartialEq, Eq)]
pub struct ClientTls {
    /// The client certificate chain.
    pub cert_pem: String,
    /// The client's private key (PKCS#8, PKCS#1 or SEC1).
    pub key_pem: String,
    /// Extra certificate authorities to trust for the server.
    pub ca_pem: Option<String>,
    /// Accept a server certificate that does not verify (a self-signed test server).
    pub allow_self_signed: bool,
}

impl std::fmt::Debug for ClientTls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the key.
        f.debug_struct("ClientTls").field("allow_self_signed", &self.allow_self_signed).finish_non_exhaustive()
    }
}

/// The answer to an [`HttpRequest`] (after redirects).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Header pairs, names lower-case.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
    /// Final URL after redirects.
    pub url: String,
}

/// Why an outgoing request did not produce a response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    /// The destination is not on the allowlist (message names host and allowlist).
    #[error("{0}")]
    Refused(String),
    /// The request timed out.
    #[error("request timed out: {0}")]
    Timeout(String),
    /// Too many requests per second from this lambda.
    #[error("429 Too Many Requests: at most {0} outgoing requests per second")]
    RateLimited(u32),
    /// The client certificate or key of a mutual-TLS request cannot be used.
    #[error("{0}")]
    ClientIdentity(String),
    /// Connection or protocol failure.
    #[error("{0}")]
    Failed(String),
}

impl HttpError {
    /// A Node-style error code for `error.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Refused(_) => "ERR_SOCKET_CLOSED",
            Self::Timeout(_) => "ETIMEDOUT",
            Self::RateLimited(_) => "ERR_TOO_MANY_REQUESTS",
            Self::ClientIdentity(_) => "ERR_TLS_CLIENT_IDENTITY",
            Self::Failed(_) => "ECONNRESET",
        }
    }
}

/// Outbound HTTP for `Toolbelt.HTTPClient()` and `fetch` (the app supplies the allowlist).
pub trait HttpEgress: Send + Sync {
    /// Sends one request, following only allowed redirects.
    fn send(&self, request: HttpRequest) -> BoxFuture<Result<HttpResponse, HttpError>>;
}

/// The reply of another lambda invoked through the orchestrator.
#[derive(Debug, Clone, PartialEq)]
pub struct OrchestratorReply {
    /// HTTP-like status (200 on success, 901 for a lambda failure, …).
    pub status_code: u16,
    /// The lambda's result, or the error body.
    pub body: serde_json::Value,
}

/// Invokes other lambdas of the same account (`Toolbelt.OrchestratorClient().invoke`).
pub trait Orchestrator: Send + Sync {
    /// Invokes lambda `uuid` with the standard input object.
    fn invoke(&self, uuid: &str, input: serde_json::Value) -> BoxFuture<Result<OrchestratorReply, String>>;
}

/// Refuses every capability; the default for anything the caller did not provide.
#[derive(Debug, Clone, Copy, Default)]
pub struct Nothing;

impl SecretStore for Nothing {
    fn read(&self, key: &str) -> BoxFuture<Result<serde_json::Value, SecretError>> {
        let err = SecretError::NotFound(key.to_owned());
        Box::pin(async move { Err(err) })
    }
    fn update(&self, key: &str, _value: serde_json::Value) -> BoxFuture<Result<serde_json::Value, SecretError>> {
        let err = SecretError::NotFound(key.to_owned());
        Box::pin(async move { Err(err) })
    }
}

impl HttpEgress for Nothing {
    fn send(&self, request: HttpRequest) -> BoxFuture<Result<HttpResponse, HttpError>> {
        let message = format!("Socket is closed: outbound HTTP is not enabled (requested {})", request.url);
        Box::pin(async move { Err(HttpError::Refused(message)) })
    }
}

impl Orchestrator for Nothing {
    fn invoke(&self, uuid: &str, _input: serde_json::Value) -> BoxFuture<Result<OrchestratorReply, String>> {
        let message = format!("orchestrator is not available (lambda {uuid})");
        Box::pin(async move { Err(message) })
    }
}

/// Everything one invocation may use.
#[derive(Clone)]
pub struct Capabilities {
    /// `process.env`, including `BRAND_ID` and `LAMBDA_UUID`.
    pub env: BTreeMap<String, String>,
    /// Identifies the lambda for rate limiting (its UUID).
    pub lambda_uuid: String,
    /// Backing store of `Toolbelt.SecretClient()`.
    pub secrets: Arc<dyn SecretStore>,
    /// Backing client of `Toolbelt.HTTPClient()` and `fetch`.
    pub http: Arc<dyn HttpEgress>,
    /// Backing client of `Toolbelt.OrchestratorClient()`.
    pub orchestrator: Arc<dyn Orchestrator>,
}

impl Capabilities {
    /// Capabilities with the platform variables set and every client refusing.
    pub fn new(brand_id: &str, lambda_uuid: &str) -> Self {
        let env = BTreeMap::from([
            ("BRAND_ID".to_owned(), brand_id.to_owned()),
            ("LAMBDA_UUID".to_owned(), lambda_uuid.to_owned()),
        ]);
        Self {
            env,
            lambda_uuid: lambda_uuid.to_owned(),
            secrets: Arc::new(Nothing),
            http: Arc::new(Nothing),
            orchestrator: Arc::new(Nothing),
        }
    }

    /// Adds user environment variables; the platform's `BRAND_ID` and `LAMBDA_UUID` win.
    pub fn with_env(mut self, vars: impl IntoIterator<Item = (String, String)>) -> Self {
        for (name, value) in vars {
            if name != "BRAND_ID" && name != "LAMBDA_UUID" {
                self.env.insert(name, value);
            }
        }
        self
    }

    /// Uses `secrets` for `SecretClient`.
    pub fn with_secrets(mut self, secrets: Arc<dyn SecretStore>) -> Self {
        self.secrets = secrets;
        self
    }

    /// Uses `http` for `HTTPClient` and `fetch`.
    pub fn with_http(mut self, http: Arc<dyn HttpEgress>) -> Self {
        self.http = http;
        self
    }

    /// Uses `orchestrator` for `OrchestratorClient`.
    pub fn with_orchestrator(mut self, orchestrator: Arc<dyn Orchestrator>) -> Self {
        self.orchestrator = orchestrator;
        self
    }
}

impl std::fmt::Debug for Capabilities {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Capabilities")
            .field("env_names", &self.env.keys().collect::<Vec<_>>())
            .field("lambda_uuid", &self.lambda_uuid)
            .finish_non_exhaustive()
    }
}
