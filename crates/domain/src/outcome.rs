//! What an invocation produces: the outcome (value or classified failure), its log entries
//! and how long it took. Failure codes are the LivePerson Functions strings, kept in one table.

use serde::Serialize;
use std::time::Duration;

/// Why an invocation failed; each maps to one LivePerson error code string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FailureCode {
    /// `callback(error)` with an `Error` or any other non-null value.
    CustomFailure,
    /// A throw, a rejected promise, TypeError/ReferenceError/SyntaxError, out of memory,
    /// stack overflow or a result that is not JSON.
    RuntimeException,
    /// The wall-clock limit was reached.
    ExecutionTimeExceeded,
    /// Too many log entries or characters.
    LogLimitReached,
    /// lambdabox could not finish running it (its worker process was lost); not the
    /// lambda's fault, and answered as a server error rather than a lambda failure.
    PlatformFailure,
}

impl FailureCode {
    /// The exact LivePerson error code string.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CustomFailure => "com.liveperson.faas.handler.custom-failure",
            Self::RuntimeException => "com.liveperson.faas.handler.runtime-exception",
            Self::ExecutionTimeExceeded => "com.liveperson.faas.handler.executiontime-exceeded",
            Self::LogLimitReached => "com.liveperson.faas.handler.log-limit-reached",
            Self::PlatformFailure => "com.liveperson.faas.es.general",
        }
    }
}

/// The result of one invocation.
#[derive(Debug, Clone, PartialEq)]
pub enum RunOutcome {
    /// The lambda succeeded with this JSON result (`null` for `undefined`).
    Ok(serde_json::Value),
    /// The lambda failed.
    Failure {
        /// Classification of the failure.
        code: FailureCode,
        /// Human-readable message (error.message, the callback value, or ours).
        message: String,
    },
}

impl RunOutcome {
    pub fn failure(code: FailureCode, message: impl Into<String>) -> Self {
        Self::Failure { code, message: message.into() }
    }

    pub fn timeout(timeout: Duration) -> Self {
        Self::failure(
            FailureCode::ExecutionTimeExceeded,
            format!("Lambda Execution is taking too long (time limit {} ms)", timeout.as_millis()),
        )
    }
}

/// Severity of a log entry (`console.log` is recorded as `Info`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LogLevel {
    /// `console.debug`
    Debug,
    /// `console.info` and `console.log`
    Info,
    /// `console.warn`, and runtime warnings such as a repeated callback
    Warn,
    /// `console.error`
    Error,
}

/// One `console.*` call.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogEntry {
    /// Level of the call.
    pub level: LogLevel,
    /// First argument, as a string.
    pub message: String,
    /// Remaining arguments as JSON values.
    pub extras: Vec<serde_json::Value>,
    /// Milliseconds since the Unix epoch.
    pub timestamp: i64,
}

/// Everything the caller learns about one invocation.
#[derive(Debug, Clone)]
pub struct RunResult {
    /// Value or failure.
    pub outcome: RunOutcome,
    /// Log entries in call order.
    pub logs: Vec<LogEntry>,
    /// Wall-clock time from `Sandbox::run` to the answer.
    pub duration: Duration,
}
