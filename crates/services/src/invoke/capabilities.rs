//! What a production invocation may use: its deployment's environment variables plus
//! `BRAND_ID` and `LAMBDA_UUID`, the account's secrets, outbound HTTP through the account's
//! allowlist, and the orchestrator that invokes other lambdas of the account.

use std::sync::{Arc, RwLock, Weak};

use serde_json::{Value, json};

use super::{Chain, Inner, InvokeError, InvokeRequest, Invoker, Source};
use crate::Error;
use crate::egress::{Allowlist, EgressClient};
use crate::vault::Vault;
use lambdabox_domain::AccountId;
use lambdabox_domain::lambda::{EnvVar, LambdaId};
use lambdabox_runtime::{
    BoxFuture, Capabilities, FailureCode, HttpEgress, HttpError, HttpRequest, HttpResponse, Nothing, Orchestrator,
    OrchestratorReply, RunOutcome, SecretError, SecretStore,
};

/// Builds the capabilities of each invocation.
#[derive(Clone)]
pub struct CapabilityFactory {
    vault: Option<Vault>,
    egress: Arc<AccountEgress>,
}

impl Default for CapabilityFactory {
    /// Without a vault or an allowlist: secrets are not found, outbound HTTP is refused.
    fn default() -> Self {
        Self { vault: None, egress: Arc::new(AccountEgress::new(&[])) }
    }
}

impl CapabilityFactory {
    /// Secrets from `vault`, outbound HTTP through `allowlist`.
    pub fn new(vault: Vault, allowlist: &[String]) -> Self {
        Self { vault: Some(vault), egress: Arc::new(AccountEgress::new(allowlist)) }
    }

    /// Applies a changed allowlist to every invocation that starts from now on.
    pub fn set_allowlist(&self, entries: &[String]) {
        self.egress.reload(entries);
    }

    /// The capabilities of one invocation of `lambda`.
    pub(super) fn build(
        &self,
        invoker: &Invoker,
        account: &AccountId,
        lambda: &LambdaId,
        env: &[EnvVar],
        children: Chain,
    ) -> Capabilities {
        let orchestrator = LambdaOrchestrator {
            invoker: Arc::downgrade(&invoker.inner),
            account: account.clone(),
            children,
            max_depth: invoker.inner.limits.orchestrator_max_depth,
        };
        let caps = Capabilities::new(account.as_str(), lambda.as_str())
            .with_env(env.iter().map(|v| (v.key.clone(), v.value.clone())))
            .with_http(self.egress.clone())
            .with_orchestrator(Arc::new(orchestrator));
        match &self.vault {
            Some(vault) => caps.with_secrets(Arc::new(VaultSecrets {
                vault: vault.clone(),
                account: account.clone(),
                lambda: lambda.to_string(),
            })),
            None => caps,
        }
    }
}

/// Outbound HTTP through the account's current allowlist; a change takes effect for the
/// next request without a restart.
pub struct AccountEgress {
    current: RwLock<Arc<dyn HttpEgress>>,
}

impl AccountEgress {
    fn new(entries: &[String]) -> Self {
        Self { current: RwLock::new(client_for(entries)) }
    }

    fn reload(&self, entries: &[String]) {
        let client = client_for(entries);
        *self.current.write().unwrap_or_else(std::sync::PoisonError::into_inner) = client;
    }
}

fn client_for(entries: &[String]) -> Arc<dyn HttpEgress> {
    match EgressClient::new(Allowlist::new(entries)) {
        Ok(client) => Arc::new(client),
        Err(err) => {
            tracing::error!(error = %err, "cannot build the outbound HTTP client; outbound HTTP is refused");
            Arc::new(Nothing)
        }
    }
}

impl HttpEgress for AccountEgress {
    fn send(&self, request: HttpRequest) -> BoxFuture<Result<HttpResponse, HttpError>> {
        let client = self.current.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        client.send(request)
    }
}

/// `Toolbelt.SecretClient()` backed by the account's vault.
struct VaultSecrets {
    vault: Vault,
    account: AccountId,
    lambda: String,
}

impl SecretStore for VaultSecrets {
    fn read(&self, key: &str) -> BoxFuture<Result<Value, SecretError>> {
        let (vault, account, key) = (self.vault.clone(), self.account.clone(), key.to_owned());
        Box::pin(async move {
            match vault.read_value(&account, &key).await {
                Ok(Some(value)) => Ok(value),
                Ok(None) => Err(SecretError::NotFound(key)),
                Err(err) => Err(SecretError::OpFailed(format!("could not read secret {key}: {err}"))),
            }
        })
    }

    fn update(&self, key: &str, value: Value) -> BoxFuture<Result<Value, SecretError>> {
        let (vault, account, key, lambda) =
            (self.vault.clone(), self.account.clone(), key.to_owned(), self.lambda.clone());
        Box::pin(async move {
            match vault.update_value(&account, &lambda, &key, &value).await {
                Ok(Some(stored)) => Ok(stored),
                Ok(None) => Err(SecretError::NotFound(key)),
                Err(Error::BadInput(msg)) => Err(SecretError::InvalidFormat(msg)),
                Err(err) => Err(SecretError::OpFailed(format!("could not update secret {key}: {err}"))),
            }
        })
    }
}

/// `Toolbelt.OrchestratorClient().invoke(...)`: invokes another deployed lambda of the same
/// account through the invoker, answering like the HTTP API would (200 or 901).
struct LambdaOrchestrator {
    invoker: Weak<Inner>,
    account: AccountId,
    /// The chain position of the calls this invocation makes.
    children: Chain,
    max_depth: u32,
}

impl Orchestrator for LambdaOrchestrator {
    fn invoke(&self, uuid: &str, input: Value) -> BoxFuture<Result<OrchestratorReply, String>> {
        let invoker = self.invoker.upgrade().map(|inner| Invoker { inner });
        let account = self.account.clone();
        let uuid = uuid.to_owned();
        let (chain, max_depth) = (self.children, self.max_depth);
        Box::pin(async move {
            if chain.depth > max_depth {
                return Err(format!(
                    "OrchestratorClient: lambda {uuid} was not invoked: calls may nest at most {max_depth} deep \
                     (--orchestrator-max-depth)"
                ));
            }
            let invoker = invoker.ok_or_else(|| "lambdabox is shutting down".to_owned())?;
            let lambda = LambdaId::parse(&uuid)?;
            let request = InvokeRequest {
                account,
                lambda,
                input,
                source: Source::Api,
                request_id: uuid::Uuid::new_v4().to_string(),
                external_system: Some("orchestrator".into()),
                chain,
            };
            match invoker.invoke(request).await {
                Ok(invocation) => Ok(match invocation.result {
                    RunOutcome::Ok(value) => OrchestratorReply { status_code: 200, body: value },
                    RunOutcome::Failure { code, message } => OrchestratorReply {
                        status_code: if code == FailureCode::PlatformFailure { 500 } else { 901 },
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
