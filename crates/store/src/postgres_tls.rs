//! TLS to PostgreSQL with libpq's `sslmode` meanings, so that the URLs operators already use
//! mean what they expect:
//!
//! | sslmode | TLS | the server's certificate |
//! |---|---|---|
//! | `disable` | never | — |
//! | `prefer` (default), `require` | if offered / always | not checked, unless a CA file is given, then as `verify-ca` |
//! | `verify-ca` | always | must chain to the CA file (or the Mozilla roots) |
//! | `verify-full` | always | as `verify-ca`, and must name the host connected to |
//!
//! The driver knows only the first three; the last two are read here and passed on as
//! `require`.

use std::path::Path;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::verify_server_cert_signed_by_trust_anchor;
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::ParsedCertificate;
use rustls::{DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::StoreError;

/// How much of the server's certificate is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    /// Nothing (libpq's `prefer` and `require`): the connection is encrypted, not authenticated.
    Nothing,
    /// The chain to a trusted authority.
    Chain,
    /// The chain and the host name.
    Full,
}

/// The URL as the driver takes it, and the TLS connector for it.
pub(crate) fn connector(
    url: &str,
    ca_file: Option<&Path>,
) -> Result<(String, tokio_postgres_rustls::MakeRustlsConnect), StoreError> {
    let (url, mode) = split_sslmode(url);
    let check = match mode.as_deref() {
        Some("verify-full") => Check::Full,
        Some("verify-ca") => Check::Chain,
        _ if ca_file.is_some() => Check::Chain,
        _ => Check::Nothing,
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let roots = Arc::new(roots(ca_file)?);
    let builder = rustls::ClientConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .map_err(|e| StoreError::Unavailable(e.to_string()))?;
    let config = match check {
        Check::Full => builder.with_root_certificates(roots).with_no_client_auth(),
        Check::Chain | Check::Nothing => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(Verifier { check, roots, provider }))
            .with_no_client_auth(),
    };
    Ok((url, tokio_postgres_rustls::MakeRustlsConnect::new(config)))
}

/// `url` with a `verify-ca` or `verify-full` sslmode replaced by `require`, and the mode found.
fn split_sslmode(url: &str) -> (String, Option<String>) {
    let Some((base, query)) = url.split_once('?') else { return (url.to_owned(), None) };
    let mut mode = None;
    let params: Vec<String> = query
        .split('&')
        .map(|param| match param.split_once('=') {
            Some(("sslmode", value)) => {
                mode = Some(value.to_owned());
                if value.starts_with("verify-") { "sslmode=require".to_owned() } else { param.to_owned() }
            }
            _ => param.to_owned(),
        })
        .collect();
    (format!("{base}?{}", params.join("&")), mode)
}

fn roots(ca_file: Option<&Path>) -> Result<RootCertStore, StoreError> {
    let mut roots = RootCertStore::empty();
    let Some(path) = ca_file else {
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        return Ok(roots);
    };
    let unreadable =
        |e: &dyn std::fmt::Display| StoreError::Unavailable(format!("cannot read {}: {e}", path.display()));
    for cert in CertificateDer::pem_file_iter(path).map_err(|e| unreadable(&e))? {
        let cert = cert.map_err(|e| unreadable(&e))?;
        roots
            .add(cert)
            .map_err(|e| StoreError::Unavailable(format!("{}: not a usable certificate: {e}", path.display())))?;
    }
    if roots.is_empty() {
        return Err(StoreError::Unavailable(format!("{} holds no certificate", path.display())));
    }
    Ok(roots)
}

/// Checks the chain only (`verify-ca`), or nothing (`prefer`, `require`); the handshake's
/// signatures are verified either way.
#[derive(Debug)]
struct Verifier {
    check: Check,
    roots: Arc<RootCertStore>,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if self.check == Check::Chain {
            let cert = ParsedCertificate::try_from(end_entity)?;
            let algorithms = self.provider.signature_verification_algorithms.all;
            verify_server_cert_signed_by_trust_anchor(&cert, &self.roots, intermediates, now, algorithms)?;
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_modes_become_require_for_the_driver() {
        let (url, mode) = split_sslmode("postgres://u@h/db?application_name=x&sslmode=verify-full");
        assert_eq!(
            (url.as_str(), mode.as_deref()),
            ("postgres://u@h/db?application_name=x&sslmode=require", Some("verify-full"))
        );
        let (url, mode) = split_sslmode("postgres://u@h/db?sslmode=disable");
        assert_eq!((url.as_str(), mode.as_deref()), ("postgres://u@h/db?sslmode=disable", Some("disable")));
        assert_eq!(split_sslmode("postgres://u@h/db"), ("postgres://u@h/db".to_owned(), None));
    }
}
