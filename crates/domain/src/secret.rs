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

/// Longest secret name.
pub const MAX_SECRET_NAME: usize = 100;
/// Longest secret value (characters).
pub const MAX_SECRET_VALUE: usize = 10_000;

/// How a secret's value is typed; `readSecret` returns numbers and JSON parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    /// Returned as a string.
    String,
    /// Returned as a number.
    Number,
    /// Returned as parsed JSON.
    Json,
}

impl SecretKind {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Number => "number",
            Self::Json => "json",
        }
    }

    /// Parses a stored or submitted name.
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "string" | "" => Ok(Self::String),
            "number" => Ok(Self::Number),
            "json" => Ok(Self::Json),
            other => Err(format!("unknown secret type '{other}'; use string, number or json")),
        }
    }

    /// Checks a value typed in a form (text) and returns the text to store.
    pub fn check_text(self, text: &str) -> Result<String, String> {
        if text.chars().count() > MAX_SECRET_VALUE {
            return Err(format!("the value must be at most {MAX_SECRET_VALUE} characters"));
        }
        match self {
            Self::String => Ok(text.to_owned()),
            Self::Number => {
                let n: f64 = text.trim().parse().map_err(|_| format!("'{text}' is not a number"))?;
                if n.is_finite() { Ok(text.trim().to_owned()) } else { Err("the number must be finite".into()) }
            }
            Self::Json => serde_json::from_str::<serde_json::Value>(text)
                .map(|v| v.to_string())
                .map_err(|e| format!("the value is not valid JSON: {e}")),
        }
    }

    /// Converts a value a lambda passed to `updateSecret` into the text to store.
    pub fn check_value(self, value: &serde_json::Value) -> Result<String, String> {
        let text = match (self, value) {
            (Self::String, serde_json::Value::String(s)) => s.clone(),
            (Self::String, other) => return Err(format!("secret is a string; got {other}")),
            (Self::Number, serde_json::Value::Number(n)) => n.to_string(),
            (Self::Number, serde_json::Value::String(s)) => s.clone(),
            (Self::Number, other) => return Err(format!("secret is a number; got {other}")),
            (Self::Json, v) => v.to_string(),
        };
        self.check_text(&text)
    }

    /// The value a lambda reads.
    pub fn to_value(self, text: &str) -> serde_json::Value {
        match self {
            Self::String => serde_json::Value::String(text.to_owned()),
            Self::Number => {
                serde_json::from_str(text.trim()).unwrap_or_else(|_| serde_json::Value::String(text.to_owned()))
            }
            Self::Json => serde_json::from_str(text).unwrap_or_else(|_| serde_json::Value::String(text.to_owned())),
        }
    }
}

/// Validates a secret name: 1-100 of letters, digits, `_` and `-`.
pub fn parse_secret_name(raw: &str) -> Result<String, String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err("secret name is required".into());
    }
    if name.chars().count() > MAX_SECRET_NAME {
        return Err(format!("secret name must be at most {MAX_SECRET_NAME} characters"));
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return Err("secret name may contain only letters, digits, '_' and '-'".into());
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_values_are_typed() {
        assert_eq!(SecretKind::Number.check_text(" 42 ").unwrap(), "42");
        assert!(SecretKind::Number.check_text("forty").is_err());
        assert_eq!(SecretKind::Json.check_text("{ \"a\": 1 }").unwrap(), "{\"a\":1}");
        assert!(SecretKind::Json.check_text("{").is_err());
        assert_eq!(SecretKind::Number.to_value("42"), serde_json::json!(42));
        assert_eq!(SecretKind::Json.to_value("{\"a\":1}"), serde_json::json!({"a": 1}));
        assert!(SecretKind::String.check_value(&serde_json::json!(1)).is_err());
        assert!(parse_secret_name("api-key_1").is_ok());
        assert!(parse_secret_name("api key").is_err());
        assert!(SecretKind::String.check_text(&"x".repeat(10_001)).is_err());
    }
}
