//! Daily and weekly email reports over SMTP (lettre), built from store queries and the
//! templates in `templates/email/`. `Reporter::tick(now)` does one step: if the newest period
//! is due and unclaimed, claim it, send it, record the answer; a background task calls it
//! every minute and tests call it with the `now` they choose.

pub mod content;
pub mod mailer;
pub mod period;
pub mod settings;

use std::time::Duration;

use time::OffsetDateTime;

use self::mailer::SmtpTarget;
use self::period::{Period, unix_ms};
use self::settings::{MAX_RECIPIENTS, PasswordChange, ValidSettings, open_password, parse_address, seal_password};
use crate::crypto::{CryptoError, MasterKey};
use crate::invoke::Invoker;
pub use lambdabox_store::email_reports::PeriodRow;
use lambdabox_store::email_reports::{self, PeriodClaim, RecipientAdded, ReportSettings};
use lambdabox_store::{Store, StoreError, accounts, activity, lambdas};

/// A period left `sending` this long is taken to be abandoned (the process died mid-send).
const STALE_SENDING: Duration = Duration::from_secs(15 * 60);
/// The first retry after a failure waits this long; each further one twice as long…
const FIRST_RETRY: Duration = Duration::from_secs(60);
/// …up to this.
const MAX_RETRY: Duration = Duration::from_secs(60 * 60);

/// Failures of the report service.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Input was invalid; the message says which field and why.
    #[error("{0}")]
    Invalid(String),
    /// The change conflicts with the current state.
    #[error("{0}")]
    Conflict(String),
    /// No such recipient.
    #[error("{0}")]
    NotFound(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Sealing the password failed.
    #[error(transparent)]
    Crypto(#[from] CryptoError),
}

impl From<ReportError> for crate::error::Error {
    fn from(err: ReportError) -> Self {
        match err {
            ReportError::Invalid(msg) => Self::BadInput(msg),
            ReportError::Conflict(msg) => Self::Conflict(msg),
            ReportError::NotFound(msg) => Self::NotFound(msg),
            other => Self::internal(other),
        }
    }
}

/// Everything the settings page and `GET email-report` show.
#[derive(Debug, Clone)]
pub struct Overview {
    /// The settings, if saved.
    pub settings: Option<ReportSettings>,
    /// The recipients.
    pub recipients: Vec<String>,
    /// The period attempted most recently.
    pub last: Option<PeriodRow>,
}

/// What one tick did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TickOutcome {
    /// Nothing was due (paused, not configured, no recipients, sent already, retry not due).
    Idle,
    /// The report for the period (key) was accepted by the SMTP server.
    Sent(String),
    /// Sending the period's report failed; it is retried later.
    Failed(String, String),
}

/// The test email's result: the SMTP server's answer, or the error.
pub type TestResult = Result<String, String>;

/// Sends the reports; cheap to clone.
#[derive(Clone)]
pub struct Reporter {
    store: Store,
    key: MasterKey,
    invoker: Invoker,
}

impl Reporter {
    /// A reporter over the store, sealing with `key`; `invoker` is flushed before counting.
    pub fn new(store: Store, key: MasterKey, invoker: Invoker) -> Self {
        Self { store, key, invoker }
    }

    /// Settings, recipients and the last send status.
    pub async fn overview(&self) -> Result<Overview, ReportError> {
        Ok(self
            .store
            .read(|conn| {
                Ok(Overview {
                    settings: email_reports::get_settings(conn)?,
                    recipients: email_reports::list_recipients(conn)?,
                    last: email_reports::get_last_period(conn)?,
                })
            })
            .await?)
    }

    /// Saves validated settings; the password is sealed, kept, or dropped with the user name.
    #[tracing::instrument(skip_all, fields(frequency = %input.frequency))]
    pub async fn save_settings(&self, input: ValidSettings, by: &str) -> Result<(), ReportError> {
        let new_password = match &input.password {
            PasswordChange::Set(p) => Some(seal_password(&self.key, p)?),
            PasswordChange::Keep => None,
        };
        let by = by.to_owned();
        self.store
            .write(move |tx| {
                let description = format!(
                    "Changed the email report settings ({} via {}:{})",
                    input.frequency, input.host, input.port
                );
                activity::insert_activity(tx, &by, "email_report.settings_changed", "email report", &description)?;
                let kept = email_reports::get_settings(tx)?.and_then(|s| s.password_sealed);
                let password_sealed = if input.username.is_empty() { None } else { new_password.or(kept) };
                let settings = ReportSettings {
                    host: input.host,
                    port: input.port,
                    security: input.security,
                    username: input.username,
                    password_sealed,
                    from: input.from,
                    frequency: input.frequency,
                    updated_at: lambdabox_domain::now_ms(),
                    updated_by: by,
                };
                email_reports::put_settings(tx, &settings)
            })
            .await?;
        Ok(())
    }

    /// Adds a recipient; returns the address as stored.
    pub async fn add_recipient(&self, raw: &str, by: &str) -> Result<String, ReportError> {
        let email = parse_address(raw).map_err(ReportError::Invalid)?;
        let (stored, by) = (email.clone(), by.to_owned());
        let added = self
            .store
            .write(move |tx| {
                let added = email_reports::insert_recipient(tx, &stored, &by, MAX_RECIPIENTS)?;
                if matches!(added, RecipientAdded::Added) {
                    let description = format!("Added {stored} to the email report's recipients");
                    activity::insert_activity(tx, &by, "email_report.recipient_added", &stored, &description)?;
                }
                Ok(added)
            })
            .await?;
        match added {
            RecipientAdded::Added => Ok(email),
            RecipientAdded::Duplicate => Err(ReportError::Conflict(format!("{email} is already a recipient"))),
            RecipientAdded::Full => Err(ReportError::Invalid(format!(
                "a report has at most {MAX_RECIPIENTS} recipients; remove one before adding {email}"
            ))),
        }
    }

    /// Removes a recipient.
    pub async fn remove_recipient(&self, raw: &str, by: &str) -> Result<(), ReportError> {
        let email = raw.trim().to_owned();
        let (shown, by) = (email.clone(), by.to_owned());
        let removed = self
            .store
            .write(move |tx| {
                let removed = email_reports::delete_recipient(tx, &email)?;
                if removed {
                    let description = format!("Removed {email} from the email report's recipients");
                    activity::insert_activity(tx, &by, "email_report.recipient_removed", &email, &description)?;
                }
                Ok(removed)
            })
            .await?;
        if removed { Ok(()) } else { Err(ReportError::NotFound(format!("{shown} is not a recipient"))) }
    }

    /// Sends a test email with the saved settings to `to` (or every recipient).
    #[tracing::instrument(skip_all)]
    pub async fn send_test(&self, to: Option<&str>) -> Result<TestResult, ReportError> {
        let (account, settings, recipients) = self.configuration().await?;
        let settings = settings.ok_or_else(|| ReportError::Invalid("save the SMTP settings first".into()))?;
        let to = match to.map(str::trim).filter(|t| !t.is_empty()) {
            Some(address) => vec![parse_address(address).map_err(ReportError::Invalid)?],
            None if recipients.is_empty() => {
                return Err(ReportError::Invalid("add a recipient first (or name an address to send to)".into()));
            }
            None => recipients,
        };
        let result = match self.target(&settings) {
            Ok(target) => mailer::send(&target, &to, content::test_message(&account)).await,
            Err(err) => Err(err),
        };
        tracing::info!(ok = result.is_ok(), "sent a test email");
        Ok(result)
    }

    /// Does one step: sends the newest completed period's report if it is due and unclaimed,
    /// or retries it after a failure once its backoff has passed.
    #[tracing::instrument(skip_all, fields(now = %now))]
    pub async fn tick(&self, now: OffsetDateTime) -> Result<TickOutcome, ReportError> {
        self.invoker.flush().await;
        let (account, settings, recipients) = self.configuration().await?;
        let Some(settings) = settings.filter(|_| !recipients.is_empty()) else {
            return Ok(TickOutcome::Idle);
        };
        let Some(period) = Period::latest_completed(settings.frequency, now) else {
            return Ok(TickOutcome::Idle);
        };
        let now_ms = unix_ms(now);
        let key = period.key();
        let claimed_key = key.clone();
        let claimed = self
            .store
            .write(move |tx| {
                let (lambdas, deployed) = lambdas::count_lambdas(tx)?;
                let claim = PeriodClaim {
                    key: &claimed_key,
                    frequency: period.frequency,
                    start: period.start_ms(),
                    end: period.end_ms(),
                    lambdas,
                    deployed,
                };
                email_reports::claim_period(tx, &claim, now_ms, millis(STALE_SENDING))
            })
            .await?;
        let Some(attempt) = claimed else {
            return Ok(TickOutcome::Idle);
        };
        let result = self.send_report(&account, &settings, &recipients, period).await;
        let recorded_key = key.clone();
        match result {
            Ok(answer) => {
                tracing::info!(period = %key, attempt, %answer, "email report sent");
                self.store.write(move |tx| email_reports::update_period_sent(tx, &recorded_key, now_ms)).await?;
                Ok(TickOutcome::Sent(key))
            }
            Err(error) => {
                tracing::warn!(period = %key, attempt, %error, "email report failed; will retry");
                let next = now_ms.saturating_add(millis(retry_delay(attempt)));
                let stored_error = error.clone();
                self.store
                    .write(move |tx| email_reports::update_period_failed(tx, &recorded_key, &stored_error, next))
                    .await?;
                Ok(TickOutcome::Failed(key, error))
            }
        }
    }

    async fn configuration(&self) -> Result<(String, Option<ReportSettings>, Vec<String>), ReportError> {
        Ok(self
            .store
            .read(|conn| {
                let account = accounts::get_account(conn)?.map(|a| a.account_id.to_string()).unwrap_or_default();
                Ok((account, email_reports::get_settings(conn)?, email_reports::list_recipients(conn)?))
            })
            .await?)
    }

    /// Gathers, renders and sends one report; any failure comes back as text for the settings.
    async fn send_report(
        &self,
        account: &str,
        settings: &ReportSettings,
        to: &[String],
        period: Period,
    ) -> Result<String, String> {
        let account_id = account.to_owned();
        let report = self
            .store
            .read(move |conn| content::gather(conn, &account_id, &period))
            .await
            .map_err(|e| format!("cannot read the figures: {e}"))?;
        let message = report.render().map_err(|e| format!("cannot render the report: {e}"))?;
        mailer::send(&self.target(settings)?, to, message).await
    }

    fn target(&self, settings: &ReportSettings) -> Result<SmtpTarget, String> {
        let credentials = match (&settings.password_sealed, settings.username.is_empty()) {
            (_, true) => None,
            (None, false) => {
                return Err("an SMTP user name is set but no password is stored; enter the password".into());
            }
            (Some(sealed), false) => {
                let password = open_password(&self.key, sealed)
                    .map_err(|_| "the stored SMTP password cannot be decrypted; enter it again".to_owned())?;
                Some((settings.username.clone(), password))
            }
        };
        Ok(SmtpTarget {
            host: settings.host.clone(),
            port: settings.port,
            security: settings.security,
            credentials,
            from: settings.from.clone(),
        })
    }
}

/// Backoff after failed attempt number `attempt` (1-based): 1, 2, 4 … minutes, at most an hour.
fn retry_delay(attempt: i64) -> Duration {
    let doublings = u32::try_from(attempt.saturating_sub(1).clamp(0, 16)).unwrap_or(16);
    FIRST_RETRY.saturating_mul(2u32.saturating_pow(doublings)).min(MAX_RETRY)
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Calls `tick` every `every` until the task is aborted (when the server stops).
pub fn spawn_ticker(reporter: Reporter, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(every);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            interval.tick().await;
            if let Err(err) = reporter.tick(OffsetDateTime::now_utc()).await {
                tracing::error!(error = %err, "email report tick failed");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_an_hour() {
        assert_eq!(retry_delay(1), Duration::from_secs(60));
        assert_eq!(retry_delay(2), Duration::from_secs(120));
        assert_eq!(retry_delay(4), Duration::from_secs(480));
        assert_eq!(retry_delay(20), MAX_RETRY);
    }
}
