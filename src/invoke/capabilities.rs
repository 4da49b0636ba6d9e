//! What a production invocation may use: its deployment's environment variables plus
//! `BRAND_ID` and `LAMBDA_UUID`, the account's secrets, outbound HTTP through the account's
//! allowlist, and the orchestrator that invokes other lambdas of the account.

use std::sync::{Arc, Weak};

use serde_json::{Value, json};

use super::{Inner, InvokeError, InvokeRequest, Invoker, Source};
use crate::domain::AccountId;
use crate::domain::lambda::{EnvVar, LambdaId};
use crate::runtime::{
    BoxFuture, Capabilities, HttpEgress, Nothing, Orchestrator, OrchestratorReply, RunOutcome, SecretStore,
};

/// Builds the capabilities of each invocation.
#[derive(Clone)]
pub struct CapabilityFactory {
    secrets: Arc<dyn SecretStore>,
    http: Arc<dyn HttpEgress>,
}

impl Default for CapabilityFactory {
    /// Without a secret store or an allowlist: secrets are not found, outbound HTTP is refused.
    fn default() -> Self {
        Self { secrets: Arc::new(Nothing), http: Arc::new(Nothing) }
    }
}

impl CapabilityFactory {
    /// Uses `secrets` and `http` for every invocation.
    pub fn new(secrets: Arc<dyn SecretStore>, http: Arc<dyn HttpEgress>) -> Self {
        Self { secrets, http }
    }

    /// The capabilities of one invocation of `lambda`.
    pub(super) fn build(
        &self,
        invoker: &Invoker,
        account: &AccountId,
        lambda: &LambdaId,
        env: &[EnvVar],
    ) -> Capabilities {
        let orchestrator = LambdaOrchestrator { invoker: Arc::downgrade(&invoker.inner), account: account.clone() };
        Capabilities::new(account.as_str(), lambda.as_str())
            .with_env(env.iter().map(|v| (v.key.clone(), v.value.clone())))
            .with_secrets(self.secrets.clone())
            .with_http(self.http.clone())
            .with_orchestrator(Arc::new(orchestrator))
    }
}

/// `Toolbelt.OrchestratorClient().invoke(...)`: invokes another deployed lambda of the same
/// account through the invoker, answering like the HTTP API would (200 or 901).
struct LambdaOrchestrator {
    invoker: Weak<Inner>,
    account: AccountId,
}

impl Orchestrator for LambdaOrchestrator {
    fn invoke(&self, uuid: &str, input: Value) -> BoxFuture<Result<OrchestratorReply, String>> {
        let invoker = self.invoker.upgrade().map(|inner| Invoker { inner });
        let account = self.account.clone();
        let uuid = uuid.to_owned();
        Box::pin(async move {
            let invoker = invoker.ok_or_else(|| "lambdabox is shutting down".to_owned())?;
            let lambda = LambdaId::parse(&uuid)?;
            let request = InvokeRequest {
                account,
                lambda,
                input,
                source: Source::Api,
                request_id: uuid::Uuid::new_v4().to_string(),
                external_system: Some("orchestrator".into()),
            };
            match invoker.invoke(request).await {
                Ok(invocation) => Ok(match invocation.result {
                    RunOutcome::Ok(value) => OrchestratorReply { status_code: 200, body: value },
                    RunOutcome::Failure { code, message } => OrchestratorReply {
                        status_code: 901,
                        body: json!({"errorCode": code.as_str(), "errorMsg": message}),
                    },
                }),
                Err(err @ (InvokeError::Missing(_) | InvokeError::NotDeployed(..))) => {
                    Ok(OrchestratorReply { status_code: 404, body: json!({"errorMsg": err.to_string()}) })
                }
                Err(other) => Err(other.to_string()),
            }
        })
    }
}
