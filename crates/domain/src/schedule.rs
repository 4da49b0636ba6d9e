//! Schedules: ids, cron expressions (5 fields or a shortcut, UTC, one minute at the finest),
//! payloads and limits. Cron text is parsed with croner, the parser tokio-cron-scheduler uses.

use std::fmt;

use chrono::{DateTime, TimeZone, Utc};
use croner::Cron;
use croner::parser::{CronParser, Seconds, Year};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Most characters of a schedule's payload (serialized JSON).
pub const MAX_PAYLOAD_CHARS: usize = 8_000;
/// Default for how many lambdas an account may schedule (`--max-scheduled-lambdas`).
pub const DEFAULT_MAX_SCHEDULED_LAMBDAS: usize = 10;
/// Next run times shown before saving.
pub const PREVIEW_RUNS: usize = 5;
/// Longest accepted cron text.
const MAX_CRON_CHARS: usize = 120;

/// Cron examples quoted in errors and on the form: expression and meaning.
pub const CRON_EXAMPLES: &[(&str, &str)] = &[
    ("*/15 * * * *", "every 15 minutes"),
    ("0 * * * *", "every hour, on the hour"),
    ("0 9 * * 1-5", "at 09:00 UTC, Monday to Friday"),
    ("30 2 1 * *", "at 02:30 UTC on the 1st of every month"),
    ("@daily", "every day at 00:00 UTC"),
];

/// Shortcuts accepted in place of the 5 fields.
pub const SHORTCUTS: &[&str] = &["@hourly", "@daily", "@weekly", "@monthly", "@yearly", "@annually"];

/// A schedule's uuid.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ScheduleId(String);

impl ScheduleId {
    /// A fresh random id.
    pub fn generate() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }

    /// Parses a uuid in its hyphenated form.
    pub fn parse(raw: &str) -> Result<Self, String> {
        uuid::Uuid::parse_str(raw)
            .map(|u| Self(u.hyphenated().to_string()))
            .map_err(|_| format!("'{raw}' is not a schedule uuid"))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ScheduleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What became of one due time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    /// Claimed and invoking.
    Running,
    /// The lambda returned a result.
    Succeeded,
    /// The lambda failed, timed out, or could not be invoked.
    Failed,
    /// Due while lambdabox was not running; not replayed.
    Missed,
}

impl RunStatus {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
            Self::Missed => "missed",
        }
    }

    /// Parses a stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Running, Self::Succeeded, Self::Failed, Self::Missed].into_iter().find(|s| s.as_str() == raw)
    }
}

/// A validated cron expression, evaluated in UTC.
#[derive(Debug, Clone)]
pub struct CronExpr {
    text: String,
    cron: Cron,
}

/// The due times in a window: the newest few, and how many there were in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DueTimes {
    /// The newest due times, oldest first (at most the `keep` asked for).
    pub newest: Vec<i64>,
    /// How many due times the window held (counting stops at `MAX_COUNTED`).
    pub total: u64,
}

impl DueTimes {
    /// Counting stops here, so a window of years cannot keep a tick busy.
    pub const MAX_COUNTED: u64 = 1_000_000;

    /// The newest due time, if any.
    pub fn last(&self) -> Option<i64> {
        self.newest.last().copied()
    }
}

fn examples() -> String {
    let list: Vec<String> = CRON_EXAMPLES.iter().map(|(e, m)| format!("'{e}' ({m})")).collect();
    format!("Examples: {}.", list.join(", "))
}

fn refuse(reason: String) -> String {
    format!(
        "{reason}. A cron expression has 5 fields: minute hour day-of-month month day-of-week, in UTC \
         (or one of {}). {}",
        SHORTCUTS.join(", "),
        examples()
    )
}

/// Unix milliseconds as a chrono time, floored to the second: croner carries the start's
/// fraction of a second into the times it finds, and due times must be whole minutes.
fn utc(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(ms.div_euclid(1000), 0).single().unwrap_or_default()
}

impl CronExpr {
    /// Validates cron text: 5 fields or a shortcut. Seconds are refused, which keeps the
    /// interval at one minute or more; an expression that never matches is refused too.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return Err(refuse("a cron expression is required".into()));
        }
        if text.chars().count() > MAX_CRON_CHARS {
            return Err(refuse(format!("the cron expression is longer than {MAX_CRON_CHARS} characters")));
        }
        let text = if text.starts_with('@') {
            let lower = text.to_ascii_lowercase();
            if !SHORTCUTS.contains(&lower.as_str()) {
                return Err(refuse(format!("'{text}' is not a known shortcut")));
            }
            lower
        } else {
            match text.split(' ').count() {
                5 => text,
                6 | 7 => {
                    return Err(refuse(format!(
                        "'{text}' has {} fields: seconds (and years) are not supported, the shortest interval \
                         is one minute",
                        text.split(' ').count()
                    )));
                }
                n => return Err(refuse(format!("'{text}' has {n} field(s), not 5"))),
            }
        };
        let parser = CronParser::builder().seconds(Seconds::Disallowed).year(Year::Disallowed).build();
        let cron = parser.parse(&text).map_err(|e| refuse(format!("'{text}' is not a valid cron expression ({e})")))?;
        let expr = Self { text, cron };
        if expr.next_after(0).is_none() {
            return Err(refuse(format!("'{}' never matches a date", expr.text)));
        }
        Ok(expr)
    }

    /// The normalized text (single spaces, lower-case shortcut).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The first due time strictly after `ms`.
    pub fn next_after(&self, ms: i64) -> Option<i64> {
        self.cron.find_next_occurrence(&utc(ms), false).ok().map(|t| t.timestamp_millis())
    }

    /// The next `n` due times strictly after `ms`.
    pub fn next_runs(&self, ms: i64, n: usize) -> Vec<i64> {
        self.cron.iter_after(utc(ms)).take(n).map(|t| t.timestamp_millis()).collect()
    }

    /// The due times in `(after, until]`, keeping the newest `keep`.
    pub fn due_between(&self, after: i64, until: i64, keep: usize) -> DueTimes {
        let mut due = DueTimes::default();
        let mut newest = std::collections::VecDeque::with_capacity(keep.min(1024));
        for t in self.cron.iter_after(utc(after)) {
            let ms = t.timestamp_millis();
            if ms > until || due.total >= DueTimes::MAX_COUNTED {
                break;
            }
            due.total += 1;
            if keep > 0 {
                if newest.len() == keep {
                    newest.pop_front();
                }
                newest.push_back(ms);
            }
        }
        due.newest = newest.into();
        due
    }
}

/// Formats Unix milliseconds as `YYYY-MM-DD HH:MM UTC` (due times are whole minutes).
pub fn format_due(ms: i64) -> String {
    utc(ms).format("%Y-%m-%d %H:%M UTC").to_string()
}

/// Checks a payload: any JSON value of at most `MAX_PAYLOAD_CHARS` characters.
pub fn parse_payload(value: Value) -> Result<Value, String> {
    let chars = value.to_string().chars().count();
    if chars > MAX_PAYLOAD_CHARS {
        return Err(format!("the payload is {chars} characters of JSON; at most {MAX_PAYLOAD_CHARS} are allowed"));
    }
    Ok(value)
}

/// Parses payload text from a form: JSON (empty means `{}`).
pub fn parse_payload_text(text: &str) -> Result<Value, String> {
    if text.trim().is_empty() {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    if text.chars().count() > MAX_PAYLOAD_CHARS {
        return Err(format!("the payload is longer than {MAX_PAYLOAD_CHARS} characters"));
    }
    let value = serde_json::from_str(text).map_err(|e| format!("the payload is not valid JSON: {e}"))?;
    parse_payload(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_893_456_000_000; // 2030-01-01T00:00:00Z

    #[test]
    fn five_fields_and_shortcuts_are_accepted() {
        for ok in ["* * * * *", "*/5 * * * *", "0 9 * * MON-FRI", "@daily", "@Hourly", " 0  0 1 * * "] {
            assert!(CronExpr::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(CronExpr::parse(" 0  0 1 * * ").unwrap().as_str(), "0 0 1 * *");
        assert_eq!(CronExpr::parse("@Hourly").unwrap().as_str(), "@hourly");
    }

    #[test]
    fn bad_expressions_are_refused_with_examples() {
        for bad in ["", "* * * * * *", "0 0 * * * * *", "* * *", "61 * * * *", "@reboot", "0 0 31 2 *", "x y z a b"] {
            let err = CronExpr::parse(bad).unwrap_err();
            assert!(err.contains("Examples: '*/15 * * * *'"), "{bad}: {err}");
        }
        assert!(CronExpr::parse("* * * * * *").unwrap_err().contains("shortest interval is one minute"));
    }

    #[test]
    fn due_times_are_computed_in_utc() {
        let hourly = CronExpr::parse("@hourly").unwrap();
        assert_eq!(hourly.next_after(T0), Some(T0 + 3_600_000));
        assert_eq!(hourly.next_runs(T0 - 1, 2), vec![T0, T0 + 3_600_000]);
        let due = hourly.due_between(T0, T0 + 5 * 3_600_000 + 10, 2);
        assert_eq!(due.total, 5);
        assert_eq!(due.newest, vec![T0 + 4 * 3_600_000, T0 + 5 * 3_600_000]);
        assert_eq!(hourly.due_between(T0, T0 + 59_000, 2), DueTimes::default());
        let minutely = CronExpr::parse("* * * * *").unwrap();
        assert_eq!(minutely.next_after(T0 + 30_123), Some(T0 + 60_000), "due times are whole minutes");
        assert_eq!(minutely.due_between(T0 - 1, T0 + 60_500, 5).newest, vec![T0, T0 + 60_000]);
    }

    #[test]
    fn payloads_are_limited() {
        assert_eq!(parse_payload_text("").unwrap(), serde_json::json!({}));
        assert!(parse_payload_text("{nope").unwrap_err().contains("not valid JSON"));
        let big = serde_json::json!({"x": "a".repeat(MAX_PAYLOAD_CHARS)});
        assert!(parse_payload(big).unwrap_err().contains("at most 8000"));
    }
}
