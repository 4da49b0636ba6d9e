//! The permissions a profile can hold. What each one allows is decided in
//! `auth::permission::MATRIX`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A permission a profile can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Permission {
    /// Administers the account: allowlist, secrets, email settings, users.
    FaasAdmin,
    /// Writes, deploys and invokes lambdas.
    FaasDeveloper,
    /// Invokes lambdas (external systems).
    FaasInvocation,
}

impl Permission {
    /// All permissions, in display order.
    pub const ALL: [Permission; 3] = [Self::FaasAdmin, Self::FaasDeveloper, Self::FaasInvocation];

    /// The name shown to users and stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FaasAdmin => "FaaS-Admin",
            Self::FaasDeveloper => "FaaS-Developer",
            Self::FaasInvocation => "FaaS-Invocation",
        }
    }

    /// Parses the stored/displayed name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == name)
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
