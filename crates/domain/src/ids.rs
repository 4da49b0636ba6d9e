//! Newtype ids and names with their validation rules.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The account (LivePerson "brand") id: 1-40 ASCII letters and digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AccountId(String);

impl AccountId {
    /// Longest accepted account id.
    pub const MAX_LEN: usize = 40;

    /// Validates an account id.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err("account id is required".into());
        }
        if raw.len() > Self::MAX_LEN {
            return Err(format!("account id must be at most {} characters", Self::MAX_LEN));
        }
        if !raw.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err("account id may contain only letters and digits".into());
        }
        Ok(Self(raw.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Database id of a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UserId(pub i64);

/// Database id of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ProfileId(pub i64);

impl ProfileId {
    /// The built-in Administrator profile (all permissions, cannot be changed).
    pub const ADMINISTRATOR: ProfileId = ProfileId(1);
}

/// A user name: 1-64 characters of letters, digits, `.`, `_`, `-` and `@`, starting with a
/// letter or digit. Compared case-insensitively by the store.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    /// Longest accepted user name.
    pub const MAX_LEN: usize = 64;

    /// Validates a user name.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err("user name is required".into());
        }
        if raw.chars().count() > Self::MAX_LEN {
            return Err(format!("user name must be at most {} characters", Self::MAX_LEN));
        }
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@');
        if !raw.chars().all(allowed) || !raw.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Err("user name may contain only letters, digits, '.', '_', '-' and '@', and must \
                 start with a letter or digit"
                .into());
        }
        Ok(Self(raw.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_ids() {
        assert_eq!(AccountId::parse(" le12345 ").unwrap().as_str(), "le12345");
        assert!(AccountId::parse("").is_err());
        assert!(AccountId::parse("a-b").is_err());
        assert!(AccountId::parse(&"9".repeat(41)).is_err());
    }

    #[test]
    fn usernames() {
        assert!(Username::parse("alice.smith@corp").is_ok());
        assert!(Username::parse("_alice").is_err());
        assert!(Username::parse("al ice").is_err());
        assert!(Username::parse("<script>").is_err());
        assert!(Username::parse(&"a".repeat(65)).is_err());
    }
}
