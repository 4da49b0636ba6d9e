//! Runs a lambda from a project folder on this machine, without a server (`lambdabox invoke
//! NAME --local`): the same sandbox, modules and limits as the server's, in threads of this
//! process; secrets from a local map (updates last for the run), outbound HTTP through the same
//! allowlist checks as the server's, built from a local list; no orchestrator.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use lambdabox_runtime::{
    BoxFuture, Capabilities, CompileError, RunOptions, RuntimeError, Sandbox, SecretError, SecretStore,
};
pub use lambdabox_runtime::{Limits, LogEntry, RunOutcome};
use serde_json::Value;

use crate::egress::{Allowlist, EgressClient};

/// What a local run is given besides the code and input.
#[derive(Debug, Default)]
pub struct LocalSetup {
    /// The account id lambdas see as `BRAND_ID` (any text; nothing is called with it).
    pub account: String,
    /// The function's environment variables.
    pub env: Vec<(String, String)>,
    /// Secrets by key.
    pub secrets: HashMap<String, Value>,
    /// Allowed outbound destinations (the allowlist's entry syntax).
    pub allowlist: Vec<String>,
    /// The sandbox limits (the server's defaults unless told otherwise).
    pub limits: Limits,
}

/// The outcome of a local run, and every log entry, those written after the answer included.
#[derive(Debug)]
pub struct LocalRun {
    pub outcome: RunOutcome,
    pub logs: Vec<LogEntry>,
}

/// Why a local run did not happen.
#[derive(Debug, thiserror::Error)]
pub enum LocalError {
    #[error("{0}")]
    Compile(#[from] CompileError),
    #[error("the sandbox could not start: {0}")]
    Sandbox(#[from] RuntimeError),
    #[error("the HTTP client could not start: {0}")]
    Http(#[from] reqwest::Error),
    #[error("the sandbox refused the run: {0}")]
    Refused(String),
}

/// Secrets held in memory for one local run.
struct LocalSecrets(Mutex<HashMap<String, Value>>);

impl SecretStore for LocalSecrets {
    fn read(&self, key: &str) -> BoxFuture<Result<Value, SecretError>> {
        let found = match self.0.lock() {
            Ok(secrets) => secrets.get(key).cloned().ok_or_else(|| SecretError::NotFound(key.to_owned())),
            Err(_) => Err(SecretError::OpFailed("the local secrets are unavailable".to_owned())),
        };
        Box::pin(async move { found })
    }

    fn update(&self, key: &str, value: Value) -> BoxFuture<Result<Value, SecretError>> {
        let result = match self.0.lock() {
            Ok(mut secrets) => match secrets.get_mut(key) {
                Some(slot) => {
                    *slot = value.clone();
                    Ok(value)
                }
                None => Err(SecretError::NotFound(key.to_owned())),
            },
            Err(_) => Err(SecretError::OpFailed("the local secrets are unavailable".to_owned())),
        };
        Box::pin(async move { result })
    }
}

/// Compiles and runs `code` with `input` once; waits for the work it leaves running after its
/// answer too, so that its log is complete.
pub async fn invoke_local(code: &str, input: Value, setup: LocalSetup) -> Result<LocalRun, LocalError> {
    let sandbox = Sandbox::start(setup.limits, 1, 4)?;
    let compiled = sandbox.compile(code)?;
    let egress = EgressClient::new(Allowlist::new(&setup.allowlist))?;
    let caps = Capabilities::new(&setup.account, "local")
        .with_env(setup.env)
        .with_secrets(Arc::new(LocalSecrets(Mutex::new(setup.secrets))))
        .with_http(Arc::new(egress));
    let (result, tail) = sandbox
        .run_with_tail(&compiled, input, caps, RunOptions::default())
        .await
        .map_err(|refused| LocalError::Refused(refused.to_string()))?;
    let mut logs = result.logs;
    if let Some(tail) = tail {
        logs.extend(tail.finished().await);
    }
    Ok(LocalRun { outcome: result.outcome, logs })
}
