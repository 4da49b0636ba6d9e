-- lambdabox schema 5 on PostgreSQL: email report settings, recipients and periods.

CREATE TABLE email_report_settings (
    singleton BIGINT PRIMARY KEY CHECK (singleton = 1),
    smtp_host TEXT NOT NULL,
    smtp_port BIGINT NOT NULL CHECK (smtp_port BETWEEN 1 AND 65535),
    smtp_security TEXT NOT NULL CHECK (smtp_security IN ('starttls', 'tls', 'none')),
    smtp_username TEXT NOT NULL DEFAULT '',
    smtp_password_sealed BYTEA,
    from_address TEXT NOT NULL,
    frequency TEXT NOT NULL DEFAULT 'none' CHECK (frequency IN ('none', 'daily', 'weekly')),
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE TABLE email_report_recipients (
    email TEXT COLLATE nocase PRIMARY KEY,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL
);

CREATE TABLE email_report_periods (
    period_key TEXT NOT NULL UNIQUE,
    frequency TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly')),
    period_start BIGINT NOT NULL,
    period_end BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
    attempts BIGINT NOT NULL DEFAULT 0,
    last_attempt_at BIGINT NOT NULL,
    next_attempt_at BIGINT,
    last_error TEXT,
    sent_at BIGINT,
    lambdas BIGINT NOT NULL,
    deployed BIGINT NOT NULL
);
CREATE INDEX email_report_periods_by_end ON email_report_periods (period_end);
