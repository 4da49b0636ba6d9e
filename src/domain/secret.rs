//! Wrappers for sensitive strings whose `Debug` never shows the value.

use std::fmt;

/// A password as typed by a user. `Debug` prints `[REDACTED]`.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    /// Shortest accepted new password (NIST SP 800-63B minimum).
    pub const MIN_LEN: usize = 8;
    /// Longest accepted password (bounds hashing work).
    pub const MAX_LEN: usize = 256;

    /// Wraps a password given at sign-in, without policy checks.
    pub fn new(raw: String) -> Self {
        Self(raw)
    }

    /// Validates a new password against the policy.
    pub fn parse_new(raw: String) -> Result<Self, String> {
        let len = raw.chars().count();
        if len < Self::MIN_LEN {
            return Err(format!("password must be at least {} characters", Self::MIN_LEN));
        }
        if len > Self::MAX_LEN {
            return Err(format!("password must be at most {} characters", Self::MAX_LEN));
        }
        Ok(Self(raw))
    }

    /// The plain text, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}
