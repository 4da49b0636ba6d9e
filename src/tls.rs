//! HTTPS served by lambdabox itself: a PEM certificate chain and private key (`--tls-cert`,
//! `--tls-key`) behind rustls. The pair is read at start (a bad pair stops the start with a
//! clear message) and again on `reload` (SIGHUP): connections made after a successful reload get
//! the new certificate, open ones keep theirs, and a pair that fails to load leaves the old one
//! serving.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use anyhow::{Context, bail};
use rustls::ServerConfig;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;

/// Where the certificate chain and its private key are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    /// PEM certificate chain, the server's certificate first.
    pub cert: PathBuf,
    /// PEM private key (PKCS#8, PKCS#1 or SEC1) of the first certificate.
    pub key: PathBuf,
}

/// The certificate being served; `reload` swaps it.
pub struct ServingCertificate {
    files: TlsFiles,
    provider: Arc<CryptoProvider>,
    current: RwLock<Arc<CertifiedKey>>,
}

impl fmt::Debug for ServingCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServingCertificate").field("files", &self.files).finish_non_exhaustive()
    }
}

impl ServingCertificate {
    /// Reads the pair; fails with what is wrong with which file.
    pub fn load(files: TlsFiles) -> anyhow::Result<Arc<Self>> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let key = read_pair(&files, &provider)?;
        Ok(Arc::new(Self { files, provider, current: RwLock::new(Arc::new(key)) }))
    }

    /// Reads the files again; on success new connections get the new pair. On failure the
    /// pair already serving stays.
    pub fn reload(&self) -> anyhow::Result<()> {
        let key = read_pair(&self.files, &self.provider)?;
        *self.current.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(key);
        Ok(())
    }

    /// The files the pair comes from.
    pub fn files(&self) -> &TlsFiles {
        &self.files
    }

    /// The rustls server configuration serving this certificate (HTTP/1.1, TLS 1.2 and 1.3).
    pub fn server_config(self: &Arc<Self>) -> anyhow::Result<ServerConfig> {
        let config = ServerConfig::builder_with_provider(Arc::clone(&self.provider))
            .with_safe_default_protocol_versions()
            .context("cannot set up TLS")?
            .with_no_client_auth()
            .with_cert_resolver(Arc::clone(self) as Arc<dyn ResolvesServerCert>);
        Ok(config)
    }
}

impl ResolvesServerCert for ServingCertificate {
    fn resolve(&self, _hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(Arc::clone(&self.current.read().unwrap_or_else(std::sync::PoisonError::into_inner)))
    }
}

fn read_pair(files: &TlsFiles, provider: &CryptoProvider) -> anyhow::Result<CertifiedKey> {
    let chain = read_chain(&files.cert)?;
    let key = PrivateKeyDer::from_pem_file(&files.key).map_err(|e| {
        anyhow::anyhow!("cannot read a PEM private key from {}: {}", files.key.display(), pem_error(&e))
    })?;
    CertifiedKey::from_der(chain, key, provider).map_err(|e| {
        anyhow::anyhow!(
            "the TLS key {} does not fit the certificate {}: {e}",
            files.key.display(),
            files.cert.display()
        )
    })
}

fn read_chain(path: &Path) -> anyhow::Result<Vec<CertificateDer<'static>>> {
    let chain = CertificateDer::pem_file_iter(path)
        .and_then(Iterator::collect::<Result<Vec<_>, _>>)
        .map_err(|e| anyhow::anyhow!("cannot read PEM certificates from {}: {}", path.display(), pem_error(&e)))?;
    if chain.is_empty() {
        bail!("{} holds no PEM certificate (-----BEGIN CERTIFICATE-----)", path.display());
    }
    Ok(chain)
}

fn pem_error(e: &rustls::pki_types::pem::Error) -> String {
    match e {
        rustls::pki_types::pem::Error::Io(io) => io.to_string(),
        rustls::pki_types::pem::Error::NoItemsFound => "no PEM item of that kind in the file".into(),
        other => format!("{other:?}"),
    }
}
