//! The one place that runs a deployed lambda, for every caller (API, event, schedule, other
//! lambdas): find the deployed code, build the input and capabilities, run it in the sandbox,
//! classify and record the outcome. The UI test page runs drafts through `test_draft`.

pub mod cache;
pub mod capabilities;
pub mod recorder;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

use cache::DeployCache;
use lambdabox_domain::AccountId;
use lambdabox_domain::lambda::{EnvVar, LambdaId};
pub use lambdabox_runtime::CompileError;

/// How an invocation refused for lack of capacity is recorded.
const BUSY: (&str, &str) = ("busy", "lambdabox was busy: too many invocations in flight or waiting");

/// The sandbox's limits, as the server configures them.
pub use lambdabox_runtime::Limits;
use lambdabox_runtime::{
    Compiled, FailureCode, LogEntry, Refused, RunOptions, RunOutcome, RuntimeError, Sandbox, Tail,
};
pub use lambdabox_runtime::{ProcessOptions, WORKER_PROCESS_ENV, default_memory_total_bytes, worker_main};
use lambdabox_store::{Store, StoreError, lambdas};
use recorder::Recorder;
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};

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
            RunOutcome::Failure { code: FailureCode::PlatformFailure, .. } => Self::PlatformFailure,
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
    /// Where it stands in a chain of `OrchestratorClient` calls (top level for every other
    /// caller).
    pub chain: Chain,
}

/// An invocation's place in a chain of `OrchestratorClient` calls.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Chain {
    /// 0 for an invocation nobody orchestrated, its parent's depth + 1 otherwise.
    pub depth: u32,
    /// The parent's deadline: a child never outlives it.
    pub deadline: Option<Instant>,
}

/// Box-wide limits on invocations, beyond each one's own limits.
#[derive(Debug, Clone, Copy)]
pub struct InvokeLimits {
    /// Invocations running at once, all sources and orchestrated calls included; past it
    /// new ones are refused (429).
    pub max_in_flight: usize,
    /// How deep `OrchestratorClient` calls may nest (a lambda called by a lambda called by
    /// a lambda ...); a call past it fails in the calling lambda.
    pub orchestrator_max_depth: u32,
}

impl Default for InvokeLimits {
    fn default() -> Self {
        Self { max_in_flight: DEFAULT_MAX_IN_FLIGHT, orchestrator_max_depth: DEFAULT_ORCHESTRATOR_MAX_DEPTH }
    }
}

/// Default of `--lambda-max-in-flight`.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 2048;
/// Default of `--orchestrator-max-depth`.
pub const DEFAULT_ORCHESTRATOR_MAX_DEPTH: u32 = 5;

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
    /// As many invocations as `--lambda-max-in-flight` allows are running.
    #[error(
        "lambdabox is running {0} invocations at once, the most it is configured for \
         (--lambda-max-in-flight); retry shortly"
    )]
    TooManyInFlight(usize),
    /// The lambdas' memory in use is at `--lambda-memory-total-mb`.
    #[error(
        "the lambdas running now use all of the memory lambdabox may give them ({0} MiB, \
         --lambda-memory-total-mb); retry shortly"
    )]
    MemoryBudget(u64),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Deployed code no longer compiles (a runtime upgrade changed the rules).
    #[error("the deployed code could not be loaded: {0}")]
    Compile(#[from] CompileError),
}

impl From<Refused> for InvokeError {
    fn from(refused: Refused) -> Self {
        match refused {
            Refused::Busy => Self::Busy,
            Refused::MemoryBudget { budget_mib } => Self::MemoryBudget(budget_mib),
        }
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
    limits: InvokeLimits,
    in_flight: Arc<Semaphore>,
    tails: Tails,
}

/// Invocations whose work after the answer still runs (`flush` waits for them).
#[derive(Default)]
struct Tails {
    running: AtomicUsize,
    idle: Notify,
}

impl Invoker {
    /// Starts the sandbox with these limits (its JavaScript in worker processes when
    /// `processes` says how to start them, else in threads of this process) and the invoker
    /// over it; starts the recorder task.
    pub fn start(
        limits: Limits,
        workers: usize,
        queue: usize,
        store: Store,
        caps: capabilities::CapabilityFactory,
        box_limits: InvokeLimits,
        processes: Option<&ProcessOptions>,
    ) -> Result<Self, RuntimeError> {
        let sandbox = match processes {
            Some(options) => Sandbox::start_processes(limits, workers, queue, options)?,
            None => Sandbox::start(limits, workers, queue)?,
        };
        Ok(Self::with_limits(sandbox, store, caps, box_limits))
    }

    /// Process ids of the sandbox's worker processes (empty when it runs in threads).
    pub fn worker_pids(&self) -> Vec<u32> {
        self.inner.sandbox.worker_pids()
    }

    /// The worker processes' resident memory and the budget, in bytes.
    pub fn memory_use(&self) -> Option<(u64, u64)> {
        self.inner.sandbox.memory_use()
    }

    /// The invoker over a sandbox started by the caller.
    pub fn new(sandbox: Sandbox, store: Store, caps: capabilities::CapabilityFactory) -> Self {
        Self::with_limits(sandbox, store, caps, InvokeLimits::default())
    }

    /// `new` with box-wide limits.
    pub fn with_limits(
        sandbox: Sandbox,
        store: Store,
        caps: capabilities::CapabilityFactory,
        limits: InvokeLimits,
    ) -> Self {
        let recorder = Recorder::start(store.clone());
        let in_flight = Arc::new(Semaphore::new(limits.max_in_flight.max(1)));
        Self {
            inner: Arc::new(Inner {
                sandbox,
                store,
                cache: DeployCache::default(),
                recorder,
                caps,
                limits,
                in_flight,
                tails: Tails::default(),
            }),
        }
    }

    /// A slot among the invocations running at once, or `TooManyInFlight`.
    fn admit(&self) -> Result<OwnedSemaphorePermit, InvokeError> {
        Arc::clone(&self.inner.in_flight)
            .try_acquire_owned()
            .map_err(|_| InvokeError::TooManyInFlight(self.inner.limits.max_in_flight))
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

    /// Brings the code cached for `lambda` in line with the database, where another node may
    /// have deployed, undeployed or removed it: the deployment serving it is compiled and
    /// cached, or nothing is cached if none is.
    pub async fn refresh(&self, lambda: &LambdaId) -> Result<(), InvokeError> {
        let id = lambda.clone();
        let serving = self.inner.store.read(move |conn| lambdas::get_serving(conn, &id)).await?;
        match serving {
            Some(deployment) => {
                if self.inner.cache.get(lambda).map(|d| d.deployment_id) != Some(deployment.id) {
                    let compiled = self.compile(&deployment.code)?;
                    self.inner.cache.insert(lambda.clone(), deployment.id, compiled, deployment.env);
                }
            }
            None => self.inner.cache.remove(lambda),
        }
        Ok(())
    }

    /// The lambdas whose code is cached, with the deployment each came from.
    pub fn cached_deployments(&self) -> Vec<(LambdaId, i64)> {
        self.inner.cache.entries()
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
        let slot = match self.admit() {
            Ok(slot) => slot,
            Err(err) => {
                self.inner.recorder.record(&request, Outcome::PlatformFailure, Some(BUSY), Duration::ZERO, &[]);
                return Err(err);
            }
        };
        // The run ends at its own time limit or its parent's deadline, whichever comes first;
        // its orchestrated children inherit that deadline.
        let limit = Instant::now() + self.inner.sandbox.limits().timeout;
        let deadline = request.chain.deadline.map_or(limit, |d| d.min(limit));
        let children = Chain { depth: request.chain.depth + 1, deadline: Some(deadline) };
        let caps = self.inner.caps.build(self, &request.account, &request.lambda, &deployed.env, children);
        let options = RunOptions { deadline: Some(deadline) };
        let run = self.inner.sandbox.run_with_tail(&deployed.compiled, request.input.clone(), caps, options).await;
        let (invocation, tail) = match run {
            Ok((result, tail)) => (
                Invocation {
                    outcome: Outcome::of(&result.outcome),
                    result: result.outcome,
                    logs: result.logs,
                    duration: result.duration,
                },
                tail,
            ),
            Err(refused) => {
                self.inner.recorder.record(&request, Outcome::PlatformFailure, Some(BUSY), Duration::ZERO, &[]);
                return Err(refused.into());
            }
        };
        let code = match &invocation.result {
            RunOutcome::Failure { code, message } => Some((code.as_str(), message.as_str())),
            RunOutcome::Ok(_) => None,
        };
        let stored = request.source != Source::Test;
        if stored {
            self.inner.recorder.record(&request, invocation.outcome, code, invocation.duration, &invocation.logs);
        }
        if let Some(tail) = tail {
            self.follow(tail, slot, stored.then_some(request));
        }
        Ok(invocation)
    }

    /// Waits in the background for the work a lambda left running after it answered: it keeps
    /// its place among the invocations in flight until it ends, and the log entries it writes
    /// are stored under its request id (when `request` is given).
    fn follow(&self, tail: Tail, slot: OwnedSemaphorePermit, request: Option<InvokeRequest>) {
        let inner = self.inner.clone();
        inner.tails.running.fetch_add(1, Ordering::AcqRel);
        tokio::spawn(async move {
            let logs = tail.finished().await;
            if let Some(request) = request {
                inner.recorder.record_after(&request, &logs);
            }
            drop(slot);
            if inner.tails.running.fetch_sub(1, Ordering::AcqRel) == 1 {
                inner.tails.idle.notify_waiters();
            }
        });
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
        let slot = self.admit()?;
        let deadline = Instant::now() + self.inner.sandbox.limits().timeout;
        let children = Chain { depth: 1, deadline: Some(deadline) };
        let caps = self.inner.caps.build(self, account, lambda, env, children);
        let options = RunOptions { deadline: Some(deadline) };
        let (result, tail) = self.inner.sandbox.run_with_tail(&compiled, input, caps, options).await?;
        if let Some(tail) = tail {
            self.follow(tail, slot, None);
        }
        Ok(Ok(Invocation {
            outcome: Outcome::of(&result.outcome),
            result: result.outcome,
            logs: result.logs,
            duration: result.duration,
        }))
    }

    /// Waits until every recorded invocation is in the database (reads that must see the
    /// invocations answered just now).
    pub async fn flush(&self) {
        self.inner.recorder.flush().await;
    }

    /// Waits until the work invocations left running after their answers has ended (each
    /// ends by its deadline) and everything recorded is in the database (tests, shutdown).
    pub async fn drain(&self) {
        loop {
            let idle = self.inner.tails.idle.notified();
            if self.inner.tails.running.load(Ordering::Acquire) == 0 {
                break;
            }
            idle.await;
        }
        self.inner.recorder.flush().await;
    }

    async fn load(&self, request: &InvokeRequest) -> Result<Arc<cache::Deployed>, InvokeError> {
        let id = request.lambda.clone();
        let removals = self.inner.cache.removals();
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
        let lambda = request.lambda.clone();
        Ok(self.inner.cache.insert_unless_removed(removals, lambda, deployment.id, compiled, deployment.env))
    }
}
