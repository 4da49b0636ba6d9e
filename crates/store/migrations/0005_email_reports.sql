-- lambdabox: email reports. The SMTP settings and frequency (one row), the recipients, and one
-- row per report period, claimed before sending so a period is reported once even across
-- restarts. Times are Unix milliseconds (UTC).

CREATE TABLE email_report_settings (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    smtp_host TEXT NOT NULL,
    smtp_port INTEGER NOT NULL CHECK (smtp_port BETWEEN 1 AND 65535),
    smtp_security TEXT NOT NULL CHECK (smtp_security IN ('starttls', 'tls', 'none')),
    smtp_username TEXT NOT NULL DEFAULT '',
    smtp_password_sealed BLOB,              -- AES-256-GCM under the master key; never plain text
    from_address TEXT NOT NULL,
    frequency TEXT NOT NULL DEFAULT 'none' CHECK (frequency IN ('none', 'daily', 'weekly')),
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE TABLE email_report_recipients (
    email TEXT PRIMARY KEY COLLATE NOCASE,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL
) WITHOUT ROWID;

-- One row per period ("daily:2025-01-14", "weekly:2025-01-06"): claimed ('sending') before the
-- mail goes out, then 'sent' or 'failed' (retried from next_attempt_at). `lambdas` and
-- `deployed` snapshot the counts at sending time, for the next report's deltas.
CREATE TABLE email_report_periods (
    period_key TEXT NOT NULL UNIQUE,
    frequency TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly')),
    period_start INTEGER NOT NULL,
    period_end INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_attempt_at INTEGER NOT NULL,
    next_attempt_at INTEGER,
    last_error TEXT,
    sent_at INTEGER,
    lambdas INTEGER NOT NULL,
    deployed INTEGER NOT NULL
);
CREATE INDEX email_report_periods_by_end ON email_report_periods (period_end);
