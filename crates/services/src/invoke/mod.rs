//! The one place that runs a deployed lambda, for every caller (API, event, schedule, other
//! lambdas): find the deployed code, build the input and capabilities, run it in the sandbox,
//! classify and record the outcome. The UI test page runs drafts through `test_draft`.

pub mod cache;
pub mod capabilities;
pub mod recorder;

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use cache::DeployCache;
use lambdabox_domain::AccountId;
use lambdabox_domain::lambda::{EnvVar, LambdaId};
pub use lambdabox_runtime::CompileError;
/// The sandbox's limits, as the server configures them.
pub use lambdabox_runtime::Limits;
use lambdabox_runtime::{Busy, Compiled, FailureCode, LogEntry, RunOutcome, RuntimeError, Sandbox};
use lambdabox_store::{Store, StoreError, lambdas};
use recorder::Recorder;

/// Who asked for an invocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `POST .../lambdas/{uuid}/invoke` (and the orchestrator).
    Api,
    /// `POST .../events/{eventId}/invoke`.
    Event,
    /// A cron schedule.
    Schedule,
    /// The UI test page: not counted, logs not stored.
    Test,
}

impl Source {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Api => "api",
            Self::Event => "event",
            Self::Schedule => "schedule",
            Self::Test => "test",
        }
    }
}

/// How an invocation ended, as counted in metrics and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The lambda returned a result.
    Succeeded,
    /// The lambda's code failed (custom failure, exception, log limit).
    CodingFailure,
    /// lambdabox failed to run it.
    PlatformFailure,
    /// It ran into the time limit.
    Timeout,
}

impl Outcome {
    /// Stored and reported name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Succeeded => "SUCCEEDED",
            Self::CodingFailure => "CODING_FAILURE",
            Self::PlatformFailure => "PLATFORM_FAILURE",
            Self::Timeout => "TIMEOUT",
        }
    }

    fn of(result: &RunOutcome) -> Self {
        match result {
            RunOutcome::Ok(_) => Self::Succeeded,
            RunOutcome::Failure { code: FailureCode::ExecutionTimeExceeded, .. } => Self::Timeout,
            RunOutcome::Failure { .. } => Self::CodingFailure,
        }
    }
}

/// One invocation to run.
#[derive(Debug, Clone)]
pub struct InvokeRequest {
    /// The account (its id is the lambda's `BRAND_ID`).
    pub account: AccountId,
    /// The lambda.
    pub lambda: LambdaId,
    /// The `{timestamp, headers, payload}` input object.
    pub input: Value,
    /// Who asked.
    pub source: Source,
    /// Ties the invocation to its logs.
    pub request_id: String,
    /// The caller's `externalSystem`.
    pub external_system: Option<String>,
}

/// What came of an invocation.
#[derive(Debug, Clone)]
pub struct Invocation {
    /// Classified outcome.
    pub outcome: Outcome,
    /// The result or the failure.
    pub result: RunOutcome,
    /// Console entries, debug included.
    pub logs: Vec<LogEntry>,
    /// Wall-clock time.
    pub duration: Duration,
}

/// Why an invocation could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum InvokeError {
    /// No lambda with that id.
    #[error("There is no lambda {0} in this account")]
    Missing(LambdaId),
    /// The lambda exists but is not deployed.
    #[error("There is no {0} deployed on {1}")]
    NotDeployed(LambdaId, AccountId),
    /// Every worker is busy and the queue is full.
    #[error("lambdabox is busy; retry shortly")]
    Busy,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Deployed code no longer compiles (a runtime upgrade changed the rules).
    #[error("the deployed code could not be loaded: {0}")]
    Compile(#[from] CompileError),
}

impl From<Busy> for InvokeError {
    fn from(_: Busy) -> Self {
        Self::Busy
    }
}

/// Runs lambdas; cheap to clone.
#[derive(Clone)]
pub struct Invoker {
    inner: Arc<Inner>,
}

struct Inner {
    sandbox: Sandbox,
    store: Store,
    cache: DeployCache,
    recorder: Recorder,
    caps: capabilities::CapabilityFactory,
}

impl Invoker {
    /// An invoker over `sandbox` and `store`; starts the recorder task.
    /// Starts the sandbox's worker pool with these limits and the invoker over it.
    pub fn start(
        limits: Limits,
        workers: usize,
        queue: usize,
        store: Store,
        caps: capabilities::CapabilityFactory,
    ) -> Result<Self, RuntimeError> {
        Ok(Self::new(Sandbox::start(limits, workers, queue)?, store, caps))
    }

    /// The invoker over a sandbox started by the caller.
    pub fn new(sandbox: Sandbox, store: Store, caps: capabilities::CapabilityFactory) -> Self {
        let recorder = Recorder::start(store.clone());
        Self { inner: Arc::new(Inner { sandbox, store, cache: DeployCache::default(), recorder, caps }) }
    }

    /// Checks the contract and compiles code (at save and deploy).
    pub fn compile(&self, code: &str) -> Result<Compiled, CompileError> {
        self.inner.sandbox.compile(code)
    }

    /// Makes `compiled` the code serving `lambda` from now on (after a successful deploy).
    pub fn activate(&self, lambda: &LambdaId, deployment_id: i64, compiled: Compiled, env: Vec<EnvVar>) {
        self.inner.cache.insert(lambda.clone(), deployment_id, compiled, env);
    }

    /// Applies a changed domain allowlist to the next invocations.
    pub fn set_allowlist(&self, entries: &[String]) {
        self.inner.caps.set_allowlist(entries);
    }

    /// Stops serving `lambda` (after undeploy or removal).
    pub fn deactivate(&self, lambda: &LambdaId) {
        self.inner.cache.remove(lambda);
    }

    /// Runs a deployed lambda and records the invocation (except test runs).
    #[tracing::instrument(skip_all, fields(lambda = %request.lambda, request_id = %request.request_id))]
    pub async fn invoke(&self, request: InvokeRequest) -> Result<Invocation, InvokeError> {
        let deployed = match self.inner.cache.get(&request.lambda) {
            Some(d) => d,
            None => self.load(&request).await?,
        };
        let caps = self.inner.caps.build(self, &request.account, &request.lambda, &deployed.env);
        let run = self.inner.sandbox.run(&deployed.compiled, request.input.clone(), caps).await;
        let invocation = match run {
            Ok(result) => Invocation {
                outcome: Outcome::of(&result.outcome),
                result: result.outcome,
                logs: result.logs,
                duration: result.duration,
            },
            Err(Busy) => {
                self.inner.recorder.record(&request, Outcome::PlatformFailure, Some("busy"), Duration::ZERO, &[]);
                return Err(InvokeError::Busy);
            }
        };
        let code = match &invocation.result {
            RunOutcome::Failure { code, .. } => Some(code.as_str()),
            RunOutcome::Ok(_) => None,
        };
        if request.source != Source::Test {
            self.inner.recorder.record(&request, invocation.outcome, code, invocation.duration, &invocation.logs);
        }
        Ok(invocation)
    }

    /// Runs unsaved or undeployed code for the test page: not counted, logs not stored.
    pub async fn test_draft(
        &self,
        account: &AccountId,
        lambda: &LambdaId,
        code: &str,
        env: &[EnvVar],
        input: Value,
    ) -> Result<Result<Invocation, CompileError>, InvokeError> {
        let compiled = match self.compile(code) {
            Ok(c) => c,
            Err(e) => return Ok(Err(e)),
        };
        let caps = self.inner.caps.build(self, account, lambda, env);
        let result = self.inner.sandbox.run(&compiled, input, caps).await?;
        Ok(Ok(Invocation {
            outcome: Outcome::of(&result.outcome),
            result: result.outcome,
            logs: result.logs,
            duration: result.duration,
        }))
    }

    /// Waits until every recorded invocation is in the database (tests, shutdown).
    pub async fn flush(&self) {
        self.inner.recorder.flush().await;
    }

    async fn load(&self, request: &InvokeRequest) -> Result<Arc<cache::Deployed>, InvokeError> {
        let id = request.lambda.clone();
        let (serving, exists) = self
            .inner
            .store
            .read(move |conn| Ok((lambdas::get_serving(conn, &id)?, lambdas::lambda_exists(conn, &id)?)))
            .await?;
        let Some(deployment) = serving else {
            return Err(if exists {
                InvokeError::NotDeployed(request.lambda.clone(), request.account.clone())
            } else {
                InvokeError::Missing(request.lambda.clone())
            });
        };
        let compiled = self.compile(&deployment.code)?;
        Ok(self.inner.cache.insert(request.lambda.clone(), deployment.id, compiled, deployment.env))
    }
}
