//! Log queries shared by the Logs page and the API: parsing filters from a query string
//! (UI names and LivePerson's API names), and the CSV export in LivePerson's format
//! (`;`-separated, header `lambdaUUID;requestID;timestamp;level;message;extras`, RFC 1123 times).

use lambdabox_store::Store;
use lambdabox_store::logs;
pub use lambdabox_store::logs::{LogFilter, LogRow};

use crate::Error;

/// Entries per page.
pub const PAGE_SIZE: usize = 100;
/// Most lines one export returns.
pub const MAX_EXPORT_LINES: i64 = 10_000;
/// The levels stored (Debug never is).
pub const LEVELS: [&str; 3] = ["Info", "Warn", "Error"];

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// "Until now and later": the end of a range nobody chose.
pub const OPEN_END: i64 = i64::MAX;

/// A parsed search.
#[derive(Debug, Clone)]
pub struct LogQuery {
    /// Only this lambda.
    pub lambda: Option<String>,
    /// Only these levels.
    pub levels: Vec<String>,
    /// From (Unix ms).
    pub from: i64,
    /// To (Unix ms).
    pub to: i64,
    /// Free text.
    pub text: String,
    /// Only this request id.
    pub request_id: String,
    /// Group by request id (UI).
    pub group: bool,
    /// Page number from 0.
    pub page: usize,
}

impl LogQuery {
    /// The default view: everything of the last 24 hours. The end stays open, so entries
    /// stamped by a clock a hair ahead of this one are not missed.
    pub fn default_for(now: i64) -> Self {
        Self {
            lambda: None,
            levels: vec![],
            from: now - DAY_MS,
            to: OPEN_END,
            text: String::new(),
            request_id: String::new(),
            group: false,
            page: 0,
        }
    }

    /// Parses query pairs; accepts the UI's names and the API's (`lambdaUUID`,
    /// `startTimestamp`, `endTimestamp`, `filterLevels`).
    pub fn from_pairs(pairs: &[(String, String)], now: i64) -> Result<Self, String> {
        let mut q = Self::default_for(now);
        for (key, value) in pairs {
            let value = value.trim();
            match key.as_str() {
                "lambda" | "lambdaUUID" if !value.is_empty() => {
                    let id = lambdabox_domain::lambda::LambdaId::parse(value)?;
                    q.lambda = Some(id.to_string());
                }
                "level" | "levels" | "filterLevels" => {
                    for level in value.split(',').map(str::trim).filter(|l| !l.is_empty()) {
                        let known = LEVELS
                            .iter()
                            .find(|l| l.eq_ignore_ascii_case(level))
                            .ok_or_else(|| format!("unknown level '{level}'; use {}", LEVELS.join(", ")))?;
                        if !q.levels.iter().any(|l| l == known) {
                            q.levels.push((*known).to_owned());
                        }
                    }
                }
                "from" | "startTimestamp" if !value.is_empty() => q.from = parse_time(value)?,
                "to" | "endTimestamp" if !value.is_empty() => q.to = parse_time(value)?,
                "q" | "text" => q.text = value.to_owned(),
                "requestId" | "requestID" => q.request_id = value.to_owned(),
                "group" => q.group = matches!(value, "1" | "on" | "true"),
                "page" => q.page = value.parse().map_err(|_| format!("invalid page '{value}'"))?,
                _ => {}
            }
        }
        if q.from > q.to {
            return Err("the start of the time range is after its end".into());
        }
        Ok(q)
    }

    /// The store filter.
    pub fn filter(&self) -> LogFilter {
        LogFilter {
            lambda_uuid: self.lambda.clone(),
            levels: self.levels.clone(),
            from: self.from,
            to: self.to,
            text: (!self.text.is_empty()).then(|| self.text.clone()),
            request_id: (!self.request_id.is_empty()).then(|| self.request_id.clone()),
        }
    }

    fn base_params(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![("from", self.from.to_string())];
        if self.to != OPEN_END {
            p.push(("to", self.to.to_string()));
        }
        if let Some(l) = &self.lambda {
            p.push(("lambda", l.clone()));
        }
        for l in &self.levels {
            p.push(("level", l.clone()));
        }
        if !self.text.is_empty() {
            p.push(("q", self.text.clone()));
        }
        if !self.request_id.is_empty() {
            p.push(("requestId", self.request_id.clone()));
        }
        p
    }

    /// Query string of another page of this view.
    pub fn page_params(&self, page: usize) -> String {
        let mut p = self.base_params();
        if self.group {
            p.push(("group", "1".into()));
        }
        p.push(("page", page.to_string()));
        serde_urlencoded::to_string(p).unwrap_or_default()
    }

    /// Query string of the CSV export of this view (API names).
    pub fn export_params(&self) -> String {
        let mut p = vec![("startTimestamp", self.from.to_string()), ("endTimestamp", self.to.to_string())];
        if let Some(l) = &self.lambda {
            p.push(("lambdaUUID", l.clone()));
        }
        if !self.levels.is_empty() {
            p.push(("filterLevels", self.levels.join(",")));
        }
        if !self.text.is_empty() {
            p.push(("text", self.text.clone()));
        }
        if !self.request_id.is_empty() {
            p.push(("requestId", self.request_id.clone()));
        }
        serde_urlencoded::to_string(p).unwrap_or_default()
    }

    /// Whether a level box is ticked (for the form).
    pub fn has_level(&self, level: &&str) -> bool {
        self.levels.iter().any(|l| l == level)
    }

    /// Whether this lambda is selected (for the form).
    pub fn is_lambda(&self, id: &str) -> bool {
        self.lambda.as_deref() == Some(id)
    }
}

/// Epoch milliseconds, or a `YYYY-MM-DDTHH:MM[:SS]` time in UTC (a datetime-local field).
fn parse_time(value: &str) -> Result<i64, String> {
    if let Ok(ms) = value.parse::<i64>() {
        return Ok(ms);
    }
    // "2026-12-07 09:30" (as the page shows times) or "2026-12-07T09:30" (datetime-local).
    let value = value.trim().replacen(' ', "T", 1);
    let value = value.trim_end_matches(" UTC").trim_end_matches('Z');
    let with_seconds = if value.len() == 16 { format!("{value}:00") } else { value.to_owned() };
    let fmt = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    time::PrimitiveDateTime::parse(&with_seconds, &fmt)
        .map(|t| i64::try_from(t.assume_utc().unix_timestamp_nanos() / 1_000_000).unwrap_or(0))
        .map_err(|_| format!("invalid time '{value}'; use YYYY-MM-DD HH:MM (UTC, 24-hour) or epoch milliseconds"))
}

/// Unix ms as `YYYY-MM-DD HH:MM` (UTC, 24-hour) for the time fields; empty for an open end.
pub fn datetime_field(ms: i64) -> String {
    datetime_local(ms).replacen('T', " ", 1)
}

/// Unix ms as the value of a datetime-local field (UTC); empty for an open end.
pub fn datetime_local(ms: i64) -> String {
    if ms == OPEN_END {
        return String::new();
    }
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000) else {
        return String::new();
    };
    let fmt = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    t.format(&fmt).unwrap_or_default()
}

fn csv_field(value: &str) -> String {
    if value.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// RFC 1123 time, e.g. `Wed, 16 Feb 2022 11:45:35 GMT`.
fn rfc1123(ms: i64) -> String {
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000) else {
        return String::new();
    };
    let fmt = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    t.format(&fmt).unwrap_or_default()
}

/// The CSV document of `rows`.
pub fn to_csv(rows: &[LogRow]) -> String {
    let mut out = String::from("lambdaUUID;requestID;timestamp;level;message;extras\n");
    for r in rows {
        let line = [
            csv_field(&r.lambda_uuid),
            csv_field(&r.request_id),
            rfc1123(r.at),
            csv_field(&r.level),
            csv_field(&r.message),
            csv_field(&r.extras),
        ]
        .join(";");
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Stored log entries matching `filter`, newest first.
pub async fn search(store: &Store, filter: LogFilter, limit: i64, offset: i64) -> Result<Vec<LogRow>, Error> {
    Ok(store.read(move |conn| logs::search(conn, &filter, limit, offset)).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_is_livepersons_format() {
        let row = LogRow {
            id: 1,
            lambda_uuid: "u".into(),
            request_id: "r".into(),
            level: "Info".into(),
            message: "a;b \"c\"".into(),
            extras: "[1]".into(),
            at: 1_645_011_935_000,
        };
        assert_eq!(
            to_csv(&[row]),
            "lambdaUUID;requestID;timestamp;level;message;extras\nu;r;Wed, 16 Feb 2022 11:45:35 GMT;Info;\"a;b \"\"c\"\"\";[1]\n"
        );
    }

    #[test]
    fn queries_parse_both_naming_styles() {
        let pairs = |v: &[(&str, &str)]| v.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect::<Vec<_>>();
        let q = LogQuery::from_pairs(
            &pairs(&[("filterLevels", "info,Error"), ("startTimestamp", "5"), ("endTimestamp", "9")]),
            100,
        )
        .unwrap();
        assert_eq!(q.levels, vec!["Info", "Error"]);
        assert_eq!((q.from, q.to), (5, 9));
        let q = LogQuery::from_pairs(&pairs(&[("from", "2022-02-16T11:45")]), 1_700_000_000_000).unwrap();
        assert_eq!(q.from, 1_645_011_900_000);
        assert!(LogQuery::from_pairs(&pairs(&[("level", "Debug")]), 0).is_err());
        assert!(LogQuery::from_pairs(&pairs(&[("from", "10"), ("to", "5")]), 0).is_err());
    }
}
