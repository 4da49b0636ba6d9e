//! Validating what a user enters for email reports (SMTP settings, recipients) and keeping the
//! SMTP password sealed: AES-256-GCM under the master key, bound to its purpose by the
//! associated data, so a sealed value copied into another column does not open.

use std::fmt;
use std::str::FromStr;

use lettre::Address;

use crate::crypto::{CryptoError, MasterKey};
use lambdabox_domain::report::{Frequency, SmtpSecurity};

/// Associated data binding a sealed value to "the SMTP password of the email reports".
const PASSWORD_AAD: &[u8] = b"lambdabox:email-report:smtp-password";
/// Longest accepted address (RFC 5321 path limit).
const MAX_ADDRESS_LEN: usize = 254;
/// Longest accepted host name (DNS limit).
const MAX_HOST_LEN: usize = 253;
/// Longest accepted SMTP user name and password.
const MAX_CREDENTIAL_LEN: usize = 256;
/// At most this many recipients, as on LivePerson Functions.
pub const MAX_RECIPIENTS: usize = 10;

/// The SMTP password in plain text, only between the form and `seal`. `Debug` hides it.
#[derive(Clone)]
pub struct SmtpPassword(String);

impl SmtpPassword {
    /// The plain text, for SMTP AUTH only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SmtpPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

/// Seals the SMTP password for the database.
pub fn seal_password(key: &MasterKey, password: &SmtpPassword) -> Result<Vec<u8>, CryptoError> {
    key.seal(password.0.as_bytes(), PASSWORD_AAD)
}

/// Opens what `seal_password` produced.
pub fn open_password(key: &MasterKey, sealed: &[u8]) -> Result<SmtpPassword, CryptoError> {
    let plain = key.open(sealed, PASSWORD_AAD)?;
    String::from_utf8(plain).map(SmtpPassword).map_err(|_| CryptoError::Open)
}

/// What to do with the stored password when settings are saved.
#[derive(Debug, Clone)]
pub enum PasswordChange {
    /// Keep the stored one (the form left the field empty; the API omitted it).
    Keep,
    /// Replace it.
    Set(SmtpPassword),
}

/// Settings as entered, before validation. `port` is `None` when missing or not a number.
#[derive(Debug, Clone, Default)]
pub struct RawSettings {
    /// SMTP host.
    pub host: String,
    /// SMTP port.
    pub port: Option<i64>,
    /// `starttls`, `tls` or `none`.
    pub security: String,
    /// SMTP user name (empty: no authentication).
    pub username: String,
    /// New password; `None` or empty keeps the stored one.
    pub password: Option<String>,
    /// Sender address.
    pub from: String,
    /// `none`, `daily` or `weekly`.
    pub frequency: String,
}

/// Validated settings.
#[derive(Debug, Clone)]
pub struct ValidSettings {
    /// SMTP host.
    pub host: String,
    /// SMTP port.
    pub port: u16,
    /// Connection security.
    pub security: SmtpSecurity,
    /// SMTP user name; empty for no authentication (and then no password is kept).
    pub username: String,
    /// The password to store.
    pub password: PasswordChange,
    /// Sender address.
    pub from: String,
    /// Report frequency.
    pub frequency: Frequency,
}

impl RawSettings {
    /// Checks every field; the message names the first one that is wrong.
    pub fn validate(self) -> Result<ValidSettings, String> {
        let host = self.host.trim().to_owned();
        if host.is_empty() {
            return Err("SMTP host is required".into());
        }
        if host.len() > MAX_HOST_LEN
            || !host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'))
        {
            return Err(format!(
                "SMTP host must be a host name or IP address of at most {MAX_HOST_LEN} characters (got '{host}')"
            ));
        }
        let port = self
            .port
            .and_then(|p| u16::try_from(p).ok())
            .filter(|p| *p > 0)
            .ok_or("SMTP port must be a number between 1 and 65535")?;
        let security = SmtpSecurity::parse(&self.security)?;
        let username = self.username.trim().to_owned();
        if username.chars().count() > MAX_CREDENTIAL_LEN || username.chars().any(char::is_control) {
            return Err(format!(
                "SMTP user name must be at most {MAX_CREDENTIAL_LEN} characters, without control characters"
            ));
        }
        let password = match self.password.filter(|p| !p.is_empty()) {
            None => PasswordChange::Keep,
            Some(p) if p.chars().count() > MAX_CREDENTIAL_LEN || p.contains(['\r', '\n', '\0']) => {
                return Err(format!("SMTP password must be at most {MAX_CREDENTIAL_LEN} characters, on one line"));
            }
            Some(p) => PasswordChange::Set(SmtpPassword(p)),
        };
        let from = parse_address(&self.from).map_err(|e| format!("sender address: {e}"))?;
        let frequency = Frequency::parse(&self.frequency)?;
        Ok(ValidSettings { host, port, security, username, password, from, frequency })
    }
}

/// Validates an email address; returns it trimmed.
pub fn parse_address(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("an email address is required".into());
    }
    if raw.len() > MAX_ADDRESS_LEN {
        return Err(format!("an email address must be at most {MAX_ADDRESS_LEN} characters"));
    }
    match Address::from_str(raw) {
        Ok(address) => Ok(address.to_string()),
        Err(err) => Err(format!("'{raw}' is not a valid email address ({err})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> RawSettings {
        RawSettings {
            host: " smtp.example.com ".into(),
            port: Some(587),
            security: "starttls".into(),
            username: "reports".into(),
            password: Some("s3cret".into()),
            from: "lambdabox@example.com".into(),
            frequency: "daily".into(),
        }
    }

    #[test]
    fn good_settings_pass_and_bad_fields_are_named() {
        let ok = raw().validate().unwrap();
        assert_eq!((ok.host.as_str(), ok.port, ok.frequency), ("smtp.example.com", 587, Frequency::Daily));
        type Change = fn(&mut RawSettings);
        let cases: [(Change, &str); 6] = [
            (|r| r.host = String::new(), "host is required"),
            (|r| r.host = "smtp example".into(), "host"),
            (|r| r.port = Some(70000), "port"),
            (|r| r.security = "ssl".into(), "security"),
            (|r| r.from = "not an address".into(), "sender address"),
            (|r| r.frequency = "hourly".into(), "frequency"),
        ];
        for (change, expected) in cases {
            let mut r = raw();
            change(&mut r);
            let err = r.validate().unwrap_err();
            assert!(err.contains(expected), "{expected}: {err}");
        }
        let mut r = raw();
        r.password = Some(String::new());
        assert!(matches!(r.validate().unwrap().password, PasswordChange::Keep));
    }

    #[test]
    fn addresses_are_checked_with_lettre() {
        assert_eq!(parse_address(" ops@example.com ").unwrap(), "ops@example.com");
        for bad in ["", "ops", "ops@", "@example.com", "a b@example.com", "ops@exa mple.com"] {
            assert!(parse_address(bad).is_err(), "{bad}");
        }
        assert!(parse_address(&format!("{}@example.com", "a".repeat(250))).is_err());
    }

    #[test]
    fn the_password_is_sealed_for_its_purpose_only() {
        let key = MasterKey::generate();
        let sealed = seal_password(&key, &SmtpPassword("hunter2-smtp".into())).unwrap();
        assert!(!sealed.windows(12).any(|w| w == b"hunter2-smtp"));
        assert_eq!(open_password(&key, &sealed).unwrap().expose(), "hunter2-smtp");
        assert!(key.open(&sealed, b"lambdabox:secret:other").is_err());
        assert_eq!(format!("{:?}", SmtpPassword("x".into())), "[REDACTED]");
    }
}
