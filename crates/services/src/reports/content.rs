//! What a report says: totals for the period with their change against the previous one, and
//! a row per deployed lambda; rendered as text and HTML from `templates/email/`.

use std::fmt;

use askama::Template;
use lambdabox_store::Connection;

use super::mailer::Content;
use super::period::Period;
use lambdabox_domain::events;
use lambdabox_domain::lambda::MAX_LAMBDAS;
use lambdabox_store::invocations::{self, OutcomeCounts};
use lambdabox_store::{StoreError, email_reports, lambdas};

/// A number, the limit it counts against (if any) and its change against the previous period,
/// shown as `12 (+3)` or `12 of 50 (+3)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    /// This period's value.
    pub value: i64,
    /// The limit, for counts that have one.
    pub limit: Option<usize>,
    /// Change against the previous period; `None` when there is nothing to compare with.
    pub delta: Option<i64>,
}

impl Figure {
    fn new(value: i64, previous: Option<i64>) -> Self {
        Self { value, limit: None, delta: previous.map(|p| value - p) }
    }

    fn of(self, limit: usize) -> Self {
        Self { limit: Some(limit), ..self }
    }

    /// The change as shown: `+3`, `-1`, `+0`; empty when unknown.
    pub fn delta_text(&self) -> String {
        self.delta.map(|d| format!("{d:+}")).unwrap_or_default()
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value)?;
        if let Some(limit) = self.limit {
            write!(f, " of {limit}")?;
        }
        match self.delta {
            Some(delta) => write!(f, " ({delta:+})"),
            None => Ok(()),
        }
    }
}

/// One line of the totals.
#[derive(Debug, Clone)]
pub struct Total {
    /// What is counted.
    pub label: &'static str,
    /// The count.
    pub figure: Figure,
}

/// A deployed lambda's counters in the period.
#[derive(Debug, Clone)]
pub struct LambdaLine {
    /// Lambda name.
    pub name: String,
    /// Event name, or "No Event".
    pub event: String,
    /// Successful invocations.
    pub succeeded: i64,
    /// Failed invocations (all kinds).
    pub failed: i64,
    /// Invocations that ran into the time limit.
    pub timeouts: i64,
    /// Invocations that failed in the lambda's code.
    pub coding_failures: i64,
}

/// A report, ready to render.
#[derive(Debug, Clone)]
pub struct Report {
    /// Account id.
    pub account: String,
    /// The period reported.
    pub period: Period,
    /// The totals, in the order shown.
    pub totals: Vec<Total>,
    /// Deployed lambdas, by name.
    pub lambdas: Vec<LambdaLine>,
}

/// Collects the report for `period` (after it was claimed, so its own row is not "previous").
pub fn gather(conn: &Connection, account: &str, period: &Period) -> Result<Report, StoreError> {
    let (total, deployed) = lambdas::count_lambdas(conn)?;
    let earlier = email_reports::get_previous_sent(conn, period.start_ms())?;
    let now = invocations::count_outcomes(conn, period.start_ms(), period.end_ms(), None)?;
    let previous = period.previous();
    let before = invocations::count_outcomes(conn, previous.start_ms(), previous.end_ms(), None)?;
    let totals = vec![
        Total { label: "Functions", figure: Figure::new(total, earlier.as_ref().map(|e| e.lambdas)).of(MAX_LAMBDAS) },
        Total { label: "Deployed functions", figure: Figure::new(deployed, earlier.as_ref().map(|e| e.deployed)) },
        Total { label: "Successful invocations", figure: Figure::new(now.succeeded, Some(before.succeeded)) },
        Total { label: "Failed invocations", figure: Figure::new(now.failed(), Some(before.failed())) },
        Total { label: "Timeouts", figure: Figure::new(now.timeouts, Some(before.timeouts)) },
        Total { label: "Coding failures", figure: Figure::new(now.coding_failures, Some(before.coding_failures)) },
    ];
    let mut lines = Vec::new();
    for lambda in lambdas::list_lambdas(conn)?.into_iter().filter(|l| l.serving.is_some()) {
        let counts: OutcomeCounts =
            invocations::count_outcomes(conn, period.start_ms(), period.end_ms(), Some(lambda.id.as_str()))?;
        let event = match lambda.event_id.as_deref() {
            None => "No Event".to_owned(),
            Some(id) => events::event(id).map_or_else(|| id.to_owned(), |e| e.name.to_owned()),
        };
        lines.push(LambdaLine {
            name: lambda.name,
            event,
            succeeded: counts.succeeded,
            failed: counts.failed(),
            timeouts: counts.timeouts,
            coding_failures: counts.coding_failures,
        });
    }
    Ok(Report { account: account.to_owned(), period: *period, totals, lambdas: lines })
}

#[derive(Template)]
#[template(path = "email/report.txt")]
struct ReportText<'a> {
    r: &'a Report,
    subject: &'a str,
}

#[derive(Template)]
#[template(path = "email/report.html")]
struct ReportHtml<'a> {
    r: &'a Report,
    subject: &'a str,
}

impl Report {
    /// `lambdabox daily report for account le123: 2025-01-14 (UTC)`.
    pub fn subject(&self) -> String {
        format!(
            "lambdabox {} report for account {}: {} (UTC)",
            self.period.frequency,
            self.account,
            self.period.label()
        )
    }

    /// The multipart message content.
    pub fn render(&self) -> Result<Content, askama::Error> {
        let subject = self.subject();
        let text = ReportText { r: self, subject: &subject }.render()?;
        let html = ReportHtml { r: self, subject: &subject }.render()?;
        Ok(Content { subject, text, html: Some(html) })
    }
}

/// The test message sent from the settings.
pub fn test_message(account: &str) -> Content {
    Content {
        subject: format!("lambdabox test email for account {account}"),
        text: format!(
            "This is a test email from lambdabox (account {account}).\n\n\
             The SMTP settings for email reports work: reports will be delivered to this address.\n"
        ),
        html: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_show_their_signed_change() {
        assert_eq!(Figure::new(12, Some(9)).to_string(), "12 (+3)");
        assert_eq!(Figure::new(2, Some(5)).to_string(), "2 (-3)");
        assert_eq!(Figure::new(4, Some(4)).to_string(), "4 (+0)");
        assert_eq!(Figure::new(4, None).to_string(), "4");
        assert_eq!(Figure::new(5, Some(4)).of(50).to_string(), "5 of 50 (+1)");
    }
}
