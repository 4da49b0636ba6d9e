//! Lambdas: ids, names, descriptions, environment variables, states and limits, with the
//! validation rules LivePerson Functions applies.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Most lambdas an account may have (LivePerson's `limitTotalLambdas`).
pub const MAX_LAMBDAS: usize = 50;
/// Most characters of code.
pub const MAX_CODE_CHARS: usize = 100_000;
/// Longest name.
pub const MAX_NAME_CHARS: usize = 50;
/// Longest description.
pub const MAX_DESCRIPTION_CHARS: usize = 100;
/// Longest environment variable name and value.
pub const MAX_ENV_CHARS: usize = 200;
/// Most environment variables per lambda.
pub const MAX_ENV_VARS: usize = 100;
/// Deployments kept per lambda.
pub const DEPLOYMENT_HISTORY: usize = 5;

/// Names the platform sets itself; users may not define them.
pub const RESERVED_ENV: &[&str] = &[
    "BRAND_ID",
    "LAMBDA_UUID",
    "DOMAIN",
    "DC",
    "HTTPS_PROXY",
    "HTTP_PROXY",
    "NO_PROXY",
    "VAULT_K8S_MOUNT",
    "VAULT_DOMAIN",
    "VAULT_SERVICE_ENV",
    "VAULT_LAMBDA_ROLE",
    "WATCHDOG_VERSION",
    "NODE_ENV",
];

/// A lambda's uuid.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LambdaId(String);

impl LambdaId {
    /// A fresh random id.
    pub fn generate() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }

    /// Parses a uuid in its hyphenated form.
    pub fn parse(raw: &str) -> Result<Self, String> {
        uuid::Uuid::parse_str(raw)
            .map(|u| Self(u.hyphenated().to_string()))
            .map_err(|_| format!("'{raw}' is not a lambda uuid"))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LambdaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Validates a lambda name: letters, digits and `_`, at most 50.
pub fn parse_name(raw: &str) -> Result<String, String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err("name is required".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!("name must be at most {MAX_NAME_CHARS} characters"));
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err("name may contain only letters, digits and '_'".into());
    }
    Ok(name.to_owned())
}

/// Validates a description: at most 100 characters.
pub fn parse_description(raw: &str) -> Result<String, String> {
    let d = raw.trim();
    if d.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(format!("description must be at most {MAX_DESCRIPTION_CHARS} characters"));
    }
    Ok(d.to_owned())
}

/// Checks the size limit of code (the runtime checks the contract).
pub fn check_code_size(code: &str) -> Result<(), String> {
    let n = code.chars().count();
    if n > MAX_CODE_CHARS {
        return Err(format!("code is {n} characters; the limit is {MAX_CODE_CHARS}"));
    }
    Ok(())
}

/// One environment variable, as LivePerson's `{key, value}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnvVar {
    /// Name: letters, digits and `_`, not reserved.
    pub key: String,
    /// Value: a string of at most 200 characters.
    pub value: String,
}

/// Validates a lambda's environment variables.
pub fn parse_env(vars: Vec<EnvVar>) -> Result<Vec<EnvVar>, String> {
    if vars.len() > MAX_ENV_VARS {
        return Err(format!("at most {MAX_ENV_VARS} environment variables"));
    }
    let mut seen = std::collections::HashSet::new();
    for v in &vars {
        if v.key.is_empty() || !v.key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("environment variable name '{}' may contain only letters, digits and '_'", v.key));
        }
        if v.key.chars().count() > MAX_ENV_CHARS || v.value.chars().count() > MAX_ENV_CHARS {
            return Err(format!(
                "environment variable '{}': name and value must be at most {MAX_ENV_CHARS} characters",
                v.key
            ));
        }
        if RESERVED_ENV.contains(&v.key.as_str()) {
            return Err(format!("environment variable name '{}' is reserved and thereby blocked for use", v.key));
        }
        if !seen.insert(v.key.clone()) {
            return Err(format!("environment variable '{}' is defined twice", v.key));
        }
    }
    Ok(vars)
}

/// Where a lambda stands, derived from its version, its serving deployment and its last
/// deploy attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LambdaState {
    /// Never deployed, or undeployed.
    Draft,
    /// Deployed, no pending changes.
    Productive,
    /// Deployed, with saved changes not yet deployed.
    Modified,
    /// The last deploy of the current version failed to compile or validate.
    #[serde(rename = "Build Error")]
    BuildError,
    /// The last deploy of the current version failed for another reason (limits).
    #[serde(rename = "Deploy Error")]
    DeployError,
}

impl LambdaState {
    /// Derives the state. `serving_version`: the lambda version of the deployment serving, if
    /// any; `failed`: the state of the last attempt if it failed for the current version.
    pub fn derive(version: i64, serving_version: Option<i64>, failed: Option<LambdaState>) -> Self {
        if let Some(failure) = failed {
            return failure;
        }
        match serving_version {
            None => Self::Draft,
            Some(v) if v == version => Self::Productive,
            Some(_) => Self::Modified,
        }
    }

    /// The display name (also LivePerson's).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Productive => "Productive",
            Self::Modified => "Modified",
            Self::BuildError => "Build Error",
            Self::DeployError => "Deploy Error",
        }
    }

    /// Parses a display name (for filters).
    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Draft, Self::Productive, Self::Modified, Self::BuildError, Self::DeployError]
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(raw) || format!("{s:?}").eq_ignore_ascii_case(raw))
    }
}

impl fmt::Display for LambdaState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_env_follow_the_rules() {
        assert_eq!(parse_name(" my_lambda1 ").unwrap(), "my_lambda1");
        assert!(parse_name("my-lambda").is_err());
        assert!(parse_name(&"a".repeat(51)).is_err());
        assert!(parse_description(&"d".repeat(101)).is_err());
        let ok = vec![EnvVar { key: "API_URL".into(), value: "https://x".into() }];
        assert!(parse_env(ok).is_ok());
        let reserved = vec![EnvVar { key: "BRAND_ID".into(), value: "1".into() }];
        assert!(parse_env(reserved).unwrap_err().contains("reserved"));
        let twice = vec![EnvVar { key: "A".into(), value: "1".into() }, EnvVar { key: "A".into(), value: "2".into() }];
        assert!(parse_env(twice).is_err());
        assert!(check_code_size(&"x".repeat(100_001)).is_err());
    }

    #[test]
    fn state_is_derived() {
        assert_eq!(LambdaState::derive(1, None, None), LambdaState::Draft);
        assert_eq!(LambdaState::derive(2, Some(2), None), LambdaState::Productive);
        assert_eq!(LambdaState::derive(3, Some(2), None), LambdaState::Modified);
        assert_eq!(LambdaState::derive(3, Some(2), Some(LambdaState::BuildError)), LambdaState::BuildError);
        assert_eq!(LambdaState::parse("build error"), Some(LambdaState::BuildError));
    }
}
