//! What a service call can refuse or fail with, in product terms. The server's `error.rs` maps
//! each variant to an HTTP status and an error code; nothing here knows about HTTP.

use lambdabox_store::StoreError;

/// A service refused a request or failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input breaks a rule; the message says which and why.
    #[error("{0}")]
    BadInput(String),
    /// No such thing (lambda, secret, schedule, ...).
    #[error("{0}")]
    NotFound(String),
    /// The change conflicts with the current state (duplicate name, stale version, a limit).
    #[error("{0}")]
    Conflict(String),
    /// The database cannot be reached now (a PostgreSQL server down or unreachable): worth
    /// retrying, on this node or another.
    #[error("{0}")]
    Unavailable(String),
    /// A bug or an environment failure; logged where it reaches the caller, never shown.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl Error {
    /// Wraps any failure that is not the caller's fault.
    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        Self::Internal(err.into())
    }

    /// An internal failure described by a message.
    pub fn internal_msg(message: String) -> Self {
        Self::Internal(anyhow::anyhow!(message))
    }
}

impl From<StoreError> for Error {
    fn from(err: StoreError) -> Self {
        match err {
            // A uniqueness rule, with a message written for the user.
            StoreError::Conflict(msg) => Self::Conflict(msg),
            StoreError::Unavailable(msg) => Self::Unavailable(msg),
            other => Self::internal(other),
        }
    }
}
