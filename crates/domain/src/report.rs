//! Email report settings as the product names them: how often a report goes out and how the
//! connection to the SMTP server is secured. Names are the public contract of the API.

use std::fmt;

/// How often the account report is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Frequency {
    /// Paused: no report is sent.
    #[default]
    None,
    /// Every day, for the previous UTC day.
    Daily,
    /// Every Monday, for the previous week (Monday to Sunday, UTC).
    Weekly,
}

impl Frequency {
    /// Every frequency, in the order the UI offers them.
    pub const ALL: [Frequency; 3] = [Frequency::None, Frequency::Daily, Frequency::Weekly];

    /// The API and database name: `none`, `daily`, `weekly`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Daily => "daily",
            Self::Weekly => "weekly",
        }
    }

    /// Parses the API name (case-insensitive).
    pub fn parse(raw: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(raw.trim()))
            .ok_or_else(|| format!("frequency must be one of none, daily, weekly (got '{raw}')"))
    }

    /// The label shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            Self::None => "None (paused)",
            Self::Daily => "Daily (previous UTC day)",
            Self::Weekly => "Weekly (Monday, previous Monday to Sunday)",
        }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS, which is required (usually port 587).
    #[default]
    StartTls,
    /// TLS from the first byte ("SMTPS", usually port 465).
    Tls,
    /// No encryption: only for a relay on the same host or a trusted network.
    None,
}

impl SmtpSecurity {
    /// Every choice, in the order the UI offers them.
    pub const ALL: [SmtpSecurity; 3] = [SmtpSecurity::StartTls, SmtpSecurity::Tls, SmtpSecurity::None];

    /// The API and database name: `starttls`, `tls`, `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::StartTls => "starttls",
            Self::Tls => "tls",
            Self::None => "none",
        }
    }

    /// Parses the API name (case-insensitive).
    pub fn parse(raw: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(raw.trim()))
            .ok_or_else(|| format!("security must be one of starttls, tls, none (got '{raw}')"))
    }

    /// The label shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            Self::StartTls => "STARTTLS",
            Self::Tls => "TLS",
            Self::None => "None (unencrypted)",
        }
    }
}

impl fmt::Display for SmtpSecurity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_are_refused() {
        for f in Frequency::ALL {
            assert_eq!(Frequency::parse(f.as_str()), Ok(f));
        }
        for s in SmtpSecurity::ALL {
            assert_eq!(SmtpSecurity::parse(&s.as_str().to_uppercase()), Ok(s));
        }
        assert!(Frequency::parse("hourly").unwrap_err().contains("none, daily, weekly"));
        assert!(SmtpSecurity::parse("ssl").is_err());
    }
}
