//! Sending one message over SMTP with lettre: a new connection per message (reports are rare),
//! secured as configured (STARTTLS required, TLS, or none) with rustls, and the server's answer
//! (or the failure) returned as text for the settings page.

use std::time::Duration;

use lettre::message::{Mailbox, Message, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::settings::SmtpPassword;
use lambdabox_domain::report::SmtpSecurity;

/// How long connecting, and each SMTP command, may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Where and how to send.
#[derive(Debug, Clone)]
pub struct SmtpTarget {
    /// Host.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Connection security.
    pub security: SmtpSecurity,
    /// User name and password for SMTP AUTH, if any.
    pub credentials: Option<(String, SmtpPassword)>,
    /// Sender.
    pub from: String,
}

/// A message's content, before addressing.
#[derive(Debug, Clone)]
pub struct Content {
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub text: String,
    /// HTML body; `None` sends plain text only.
    pub html: Option<String>,
}

/// Sends `content` from the target's sender to `to`. `Ok` carries the server's final answer
/// (e.g. `250 2.0.0 Ok: queued`), `Err` what went wrong, in words fit for the settings page.
pub async fn send(target: &SmtpTarget, to: &[String], content: Content) -> Result<String, String> {
    let message = build_message(target, to, content)?;
    let transport = transport(target).map_err(|e| format!("cannot prepare the SMTP connection: {e}"))?;
    match transport.send(message).await {
        Ok(response) => {
            let text = response.message().collect::<Vec<_>>().join(" ");
            Ok(format!("{} {text}", response.code()).trim().to_owned())
        }
        Err(err) => Err(describe(&err)),
    }
}

fn build_message(target: &SmtpTarget, to: &[String], content: Content) -> Result<Message, String> {
    let from: Mailbox = target.from.parse().map_err(|e| format!("sender address '{}': {e}", target.from))?;
    let mut builder = Message::builder().message_id(None).from(from).subject(content.subject);
    for address in to {
        let mailbox: Mailbox = address.parse().map_err(|e| format!("recipient '{address}': {e}"))?;
        builder = builder.to(mailbox);
    }
    let built = match content.html {
        Some(html) => builder.multipart(MultiPart::alternative_plain_html(content.text, html)),
        None => builder.singlepart(SinglePart::plain(content.text)),
    };
    built.map_err(|e| format!("cannot build the message: {e}"))
}

fn transport(target: &SmtpTarget) -> Result<AsyncSmtpTransport<Tokio1Executor>, lettre::transport::smtp::Error> {
    let tls = match target.security {
        SmtpSecurity::None => Tls::None,
        SmtpSecurity::StartTls => Tls::Required(TlsParameters::new(target.host.clone())?),
        SmtpSecurity::Tls => Tls::Wrapper(TlsParameters::new(target.host.clone())?),
    };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(target.host.as_str())
        .port(target.port)
        .tls(tls)
        .timeout(Some(SMTP_TIMEOUT));
    if let Some((user, password)) = &target.credentials {
        builder = builder.credentials(Credentials::new(user.clone(), password.expose().to_owned()));
    }
    Ok(builder.build())
}

/// The error and its causes on one line ("permanent error (554): no thanks").
fn describe(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}
