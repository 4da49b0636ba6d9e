//! Email reports: the SMTP settings and frequency (one row; the password only ever sealed),
//! the recipients, and the report periods, each claimed in one transaction before its mail is
//! sent so that a period is reported once, even across restarts.

use crate::db::{Connection, OptionalExtension, Row, Transaction};
use crate::params;

use super::{StoreError, now_ms};
use lambdabox_domain::report::{Frequency, SmtpSecurity};

/// The stored settings.
#[derive(Clone)]
pub struct ReportSettings {
    /// SMTP server host name.
    pub host: String,
    /// SMTP server port.
    pub port: u16,
    /// How the connection is secured.
    pub security: SmtpSecurity,
    /// User name for SMTP AUTH; empty for none.
    pub username: String,
    /// The password sealed under the master key (see `reports::settings`), if any.
    pub password_sealed: Option<Vec<u8>>,
    /// Sender address.
    pub from: String,
    /// How often reports go out.
    pub frequency: Frequency,
    /// Last change (Unix ms).
    pub updated_at: i64,
    /// Who changed them last.
    pub updated_by: String,
}

impl std::fmt::Debug for ReportSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReportSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password_sealed", &self.password_sealed.as_ref().map(|_| "[REDACTED]"))
            .field("from", &self.from)
            .field("frequency", &self.frequency)
            .finish_non_exhaustive()
    }
}

fn corrupt(what: &str) -> impl Fn(String) -> StoreError + '_ {
    move |err| StoreError::Corrupt(format!("{what}: {err}"))
}

/// The settings, or `None` before they were first saved.
pub fn get_settings(conn: &Connection) -> Result<Option<ReportSettings>, StoreError> {
    let row = conn
        .query_row(
            "SELECT smtp_host, smtp_port, smtp_security, smtp_username, smtp_password_sealed, from_address,
                    frequency, updated_at, updated_by
             FROM email_report_settings WHERE singleton = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, u16>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<Vec<u8>>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, i64>(7)?,
                    r.get::<_, String>(8)?,
                ))
            },
        )
        .optional()?;
    let Some((host, port, security, username, password_sealed, from, frequency, updated_at, updated_by)) = row else {
        return Ok(None);
    };
    Ok(Some(ReportSettings {
        host,
        port,
        security: SmtpSecurity::parse(&security).map_err(corrupt("smtp_security"))?,
        username,
        password_sealed,
        from,
        frequency: Frequency::parse(&frequency).map_err(corrupt("frequency"))?,
        updated_at,
        updated_by,
    }))
}

/// Creates or replaces the settings.
pub fn put_settings(tx: &Transaction<'_>, s: &ReportSettings) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO email_report_settings (singleton, smtp_host, smtp_port, smtp_security, smtp_username,
             smtp_password_sealed, from_address, frequency, updated_at, updated_by)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (singleton) DO UPDATE SET smtp_host = ?1, smtp_port = ?2, smtp_security = ?3,
             smtp_username = ?4, smtp_password_sealed = ?5, from_address = ?6, frequency = ?7,
             updated_at = ?8, updated_by = ?9",
        params![
            s.host,
            s.port,
            s.security.as_str(),
            s.username,
            s.password_sealed,
            s.from,
            s.frequency.as_str(),
            s.updated_at,
            s.updated_by
        ],
    )?;
    Ok(())
}

/// The recipients, by when they were added (then by address).
pub fn list_recipients(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT email FROM email_report_recipients ORDER BY created_at, email COLLATE NOCASE")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What adding a recipient did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecipientAdded {
    /// Added.
    Added,
    /// The address is already a recipient (compared without case).
    Duplicate,
    /// The list already holds `max` addresses.
    Full,
}

/// Adds a recipient unless it is already there or the list holds `max` addresses.
pub fn insert_recipient(tx: &Transaction<'_>, email: &str, by: &str, max: usize) -> Result<RecipientAdded, StoreError> {
    let exists: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM email_report_recipients WHERE email = ?1)", [email], |r| r.get(0))?;
    if exists {
        return Ok(RecipientAdded::Duplicate);
    }
    let count: i64 = tx.query_row("SELECT count(*) FROM email_report_recipients", [], |r| r.get(0))?;
    if usize::try_from(count).map_or(true, |n| n >= max) {
        return Ok(RecipientAdded::Full);
    }
    tx.execute(
        "INSERT INTO email_report_recipients (email, created_at, created_by) VALUES (?1, ?2, ?3)",
        params![email, now_ms(), by],
    )?;
    Ok(RecipientAdded::Added)
}

/// Removes a recipient (compared without case); `false` if it was not one.
pub fn delete_recipient(tx: &Transaction<'_>, email: &str) -> Result<bool, StoreError> {
    Ok(tx.execute("DELETE FROM email_report_recipients WHERE email = ?1", [email])? > 0)
}

/// State of one report period's sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendStatus {
    /// Claimed; the mail is on its way (or the process died while sending).
    Sending,
    /// The SMTP server accepted the mail.
    Sent,
    /// The last attempt failed; retried from `next_attempt_at`.
    Failed,
}

impl SendStatus {
    /// The database and API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }

    fn parse(raw: &str) -> Result<Self, StoreError> {
        match raw {
            "sending" => Ok(Self::Sending),
            "sent" => Ok(Self::Sent),
            "failed" => Ok(Self::Failed),
            other => Err(StoreError::Corrupt(format!("unknown report status '{other}'"))),
        }
    }
}

/// One report period and how sending it went.
#[derive(Debug, Clone)]
pub struct PeriodRow {
    /// `daily:YYYY-MM-DD` or `weekly:YYYY-MM-DD` (the period's first day).
    pub key: String,
    /// Start (Unix ms, inclusive).
    pub start: i64,
    /// End (Unix ms, exclusive).
    pub end: i64,
    /// Where sending stands.
    pub status: SendStatus,
    /// Attempts so far.
    pub attempts: i64,
    /// When the last attempt started.
    pub last_attempt_at: i64,
    /// When a failed period is tried again.
    pub next_attempt_at: Option<i64>,
    /// The last failure, as the SMTP server or the network reported it.
    pub last_error: Option<String>,
    /// When the mail was accepted.
    pub sent_at: Option<i64>,
    /// Lambdas when the report was made.
    pub lambdas: i64,
    /// Deployed lambdas when the report was made.
    pub deployed: i64,
}

const PERIOD_COLUMNS: &str = "period_key, period_start, period_end, status, attempts, last_attempt_at, \
                              next_attempt_at, last_error, sent_at, lambdas, deployed";

fn period_from_row(r: &Row<'_>) -> Result<(PeriodRow, String), crate::DbError> {
    let status: String = r.get(3)?;
    Ok((
        PeriodRow {
            key: r.get(0)?,
            start: r.get(1)?,
            end: r.get(2)?,
            status: SendStatus::Sending,
            attempts: r.get(4)?,
            last_attempt_at: r.get(5)?,
            next_attempt_at: r.get(6)?,
            last_error: r.get(7)?,
            sent_at: r.get(8)?,
            lambdas: r.get(9)?,
            deployed: r.get(10)?,
        },
        status,
    ))
}

fn query_period(
    conn: &Connection,
    filter: &str,
    args: &[&dyn crate::db::ToSql],
) -> Result<Option<PeriodRow>, StoreError> {
    let sql = format!("SELECT {PERIOD_COLUMNS} FROM email_report_periods {filter} LIMIT 1");
    let Some((mut row, status)) = conn.query_row(&sql, args, period_from_row).optional()? else {
        return Ok(None);
    };
    row.status = SendStatus::parse(&status)?;
    Ok(Some(row))
}

/// The period attempted most recently, for "last send status".
pub fn get_last_period(conn: &Connection) -> Result<Option<PeriodRow>, StoreError> {
    query_period(conn, "ORDER BY last_attempt_at DESC, period_end DESC", &[])
}

/// The last report sent for a period that ended by `before` (for the deltas of lambda counts).
pub fn get_previous_sent(conn: &Connection, before: i64) -> Result<Option<PeriodRow>, StoreError> {
    query_period(conn, "WHERE status = 'sent' AND period_end <= ?1 ORDER BY period_end DESC", &[&before])
}

/// A period about to be sent, with the counts it reports.
#[derive(Debug, Clone)]
pub struct PeriodClaim<'a> {
    /// Unique period key.
    pub key: &'a str,
    /// `daily` or `weekly`.
    pub frequency: Frequency,
    /// Start (Unix ms).
    pub start: i64,
    /// End (Unix ms).
    pub end: i64,
    /// Lambdas now.
    pub lambdas: i64,
    /// Deployed lambdas now.
    pub deployed: i64,
}

/// Claims a period for sending at `now`: a new period, a failed one whose retry is due, or one
/// left `sending` for longer than `stale_ms` (the process died mid-send). Returns the attempt
/// number, or `None` if the period is sent, being sent, or not due yet. Runs in the caller's
/// write transaction, so two tickers can never claim the same period.
pub fn claim_period(
    tx: &Transaction<'_>,
    claim: &PeriodClaim<'_>,
    now: i64,
    stale_ms: i64,
) -> Result<Option<i64>, StoreError> {
    let Some(current) = query_period(tx, "WHERE period_key = ?1", &[&claim.key])? else {
        tx.execute(
            "INSERT INTO email_report_periods (period_key, frequency, period_start, period_end, status, attempts,
                 last_attempt_at, lambdas, deployed)
             VALUES (?1, ?2, ?3, ?4, 'sending', 1, ?5, ?6, ?7)",
            params![claim.key, claim.frequency.as_str(), claim.start, claim.end, now, claim.lambdas, claim.deployed],
        )?;
        return Ok(Some(1));
    };
    let due = match current.status {
        SendStatus::Sent => false,
        SendStatus::Failed => current.next_attempt_at.is_none_or(|at| at <= now),
        SendStatus::Sending => current.last_attempt_at.saturating_add(stale_ms) <= now,
    };
    if !due {
        return Ok(None);
    }
    let attempt = current.attempts + 1;
    tx.execute(
        "UPDATE email_report_periods SET status = 'sending', attempts = ?2, last_attempt_at = ?3, next_attempt_at = NULL,
             lambdas = ?4, deployed = ?5
         WHERE period_key = ?1",
        params![claim.key, attempt, now, claim.lambdas, claim.deployed],
    )?;
    Ok(Some(attempt))
}

/// Records that the period's mail was accepted.
pub fn update_period_sent(tx: &Transaction<'_>, key: &str, now: i64) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE email_report_periods SET status = 'sent', sent_at = ?2, last_error = NULL, next_attempt_at = NULL
         WHERE period_key = ?1",
        params![key, now],
    )?;
    Ok(())
}

/// Records a failed attempt and when to try again.
pub fn update_period_failed(
    tx: &Transaction<'_>,
    key: &str,
    error: &str,
    next_attempt_at: i64,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE email_report_periods SET status = 'failed', last_error = ?2, next_attempt_at = ?3 WHERE period_key = ?1",
        params![key, error, next_attempt_at],
    )?;
    Ok(())
}

/// The sealed SMTP password, if one is stored (for key rotation).
pub fn get_sealed_password(conn: &crate::db::Connection<'_>) -> Result<Option<Vec<u8>>, super::StoreError> {
    use crate::db::OptionalExtension;
    Ok(conn
        .query_row("SELECT smtp_password_sealed FROM email_report_settings", [], |r| r.get::<_, Option<Vec<u8>>>(0))
        .optional()?
        .flatten())
}

/// Replaces the sealed SMTP password (key rotation), leaving everything else alone.
pub fn reseal_password(tx: &crate::db::Transaction<'_>, sealed: &[u8]) -> Result<(), super::StoreError> {
    tx.execute("UPDATE email_report_settings SET smtp_password_sealed = ?1", [sealed])?;
    Ok(())
}
