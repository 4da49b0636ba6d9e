//! Toolbelt.MTLSClient against a real HTTPS server on 127.0.0.1 that demands a client
//! certificate from its own test CA: the lambda's certificate is presented through the egress
//! path (allowlist included), a certificate from another CA is refused by the server, and bad
//! configuration fails with LivePerson's MTLSError codes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use crate::helpers::{caps, ok, run_with, sandbox_with};
use lambdabox_runtime::Capabilities;
use lambdabox_services::egress::{Allowlist, EgressClient};
use rcgen::{BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use serde_json::{Value, json};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A certificate authority of the test's own.
struct Authority {
    params: CertificateParams,
    key: KeyPair,
    cert: rcgen::Certificate,
}

impl Authority {
    fn new(name: &str) -> Self {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        let cert = params.clone().self_signed(&key).unwrap();
        Self { params, key, cert }
    }

    /// A leaf certificate and its key (PKCS#8), signed by this authority.
    fn issue(&self, names: &[&str], purpose: ExtendedKeyUsagePurpose) -> (rcgen::Certificate, KeyPair) {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>()).unwrap();
        params.distinguished_name.push(DnType::CommonName, names.first().copied().unwrap_or("client"));
        params.extended_key_usages = vec![purpose];
        let issuer = rcgen::Issuer::from_params(&self.params, &self.key);
        (params.signed_by(&key, &issuer).unwrap(), key)
    }
}

/// Serves HTTPS on 127.0.0.1, only to clients with a certificate from `authority`; answers
/// `{"client": "<how many certificates the client presented>"}`.
async fn serve(authority: &Authority) -> u16 {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    roots.add(authority.cert.der().clone()).unwrap();
    let verifier =
        rustls::server::WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone()).build().unwrap();
    let (cert, key) = authority.issue(&["127.0.0.1", "localhost"], ExtendedKeyUsagePurpose::ServerAuth);
    let chain: Vec<CertificateDer<'static>> = vec![cert.der().clone()];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_client_cert_verifier(verifier)
        .with_single_cert(chain, key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else { return };
                let mut head = Vec::new();
                let mut chunk = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&chunk[..n]),
                    }
                }
                let presented = tls.get_ref().1.peer_certificates().map_or(0, <[_]>::len);
                let body = json!({ "client": presented }).to_string();
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(response.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    port
}

fn with_allowlist(entries: &[&str]) -> Capabilities {
    caps().with_http(Arc::new(EgressClient::new(Allowlist::new(entries.iter().copied())).unwrap()))
}

/// A lambda that calls `body` with `cert`, `key` and `ca` in scope and answers what it got or
/// the error's name, code and message.
fn lambda(cert: &str, key: &str, ca: &str, body: &str) -> String {
    format!(
        "async function lambda(input, callback) {{
  const {{ Toolbelt, ErrorCodes }} = require('lp-faas-toolbelt');
  const cert = {cert:?}, key = {key:?}, ca = {ca:?};
  try {{
{body}
  }} catch (e) {{ callback(null, {{ name: e.name, code: e.code, message: e.message }}); }}
}}"
    )
}

#[tokio::test]
async fn the_client_certificate_is_presented_and_verified_by_the_server() {
    let authority = Authority::new("lambdabox test CA");
    let port = serve(&authority).await;
    let (cert, key) = authority.issue(&["lambda-client"], ExtendedKeyUsagePurpose::ClientAuth);
    let sandbox = sandbox_with(5000, 1);
    let call = format!(
        "const client = Toolbelt.MTLSClient({{ cert, key: Buffer.from(key), ca }});
    const res = await client.get('https://127.0.0.1:{port}/who', {{ accept: 'application/json' }}, undefined, {{ json: true }});
    const posted = await client.post('https://127.0.0.1:{port}/', {{}}, {{ a: 1 }});
    callback(null, {{ status: res.statusCode, body: res.body, type: res.headers['content-type'], posted: typeof posted.body }});"
    );
    let code = lambda(&cert.pem(), &key.serialize_pem(), &authority.cert.pem(), &call);
    let result = run_with(&sandbox, &code, with_allowlist(&["127.0.0.1"])).await;
    assert_eq!(
        ok(&result),
        json!({ "status": 200, "body": { "client": 1 }, "type": "application/json", "posted": "string" })
    );

    // A certificate from another authority: the server ends the handshake.
    let stranger = Authority::new("someone else");
    let (cert, key) = stranger.issue(&["intruder"], ExtendedKeyUsagePurpose::ClientAuth);
    let call = format!(
        "await Toolbelt.MTLSClient({{ cert, key, ca }}).get('https://127.0.0.1:{port}/'); callback(null, 'answered');"
    );
    let code = lambda(&cert.pem(), &key.serialize_pem(), &authority.cert.pem(), &call);
    let refused = ok(&run_with(&sandbox, &code, with_allowlist(&["127.0.0.1"])).await);
    assert_eq!(refused["name"], "MTLSError", "{refused}");
    assert_eq!(refused["code"], "com.liveperson.faas.mtls.remote-threw", "{refused}");
}

#[tokio::test]
async fn mtls_requests_go_through_the_allowlist() {
    let authority = Authority::new("lambdabox test CA");
    let port = serve(&authority).await;
    let (cert, key) = authority.issue(&["lambda-client"], ExtendedKeyUsagePurpose::ClientAuth);
    let call = format!(
        "await Toolbelt.MTLSClient({{ cert, key, ca }}).get('https://127.0.0.1:{port}/'); callback(null, 'answered');"
    );
    let code = lambda(&cert.pem(), &key.serialize_pem(), &authority.cert.pem(), &call);
    let result = ok(&run_with(&sandbox_with(5000, 1), &code, with_allowlist(&["api.example.com"])).await);
    assert_eq!(result["message"], "Error [ERR_SOCKET_CLOSED]: Socket is closed", "{result}");
    assert_eq!(result["code"], "com.liveperson.faas.mtls.remote-threw");
}

#[tokio::test]
async fn bad_configuration_fails_with_mtls_error_codes() {
    let authority = Authority::new("lambdabox test CA");
    let (cert, key) = authority.issue(&["lambda-client"], ExtendedKeyUsagePurpose::ClientAuth);
    let (cert, key, ca) = (cert.pem(), key.serialize_pem(), authority.cert.pem());
    let garbage_key = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n";
    let cases: [(&str, &str, Value); 4] = [
        ("Toolbelt.MTLSClient({ cert });", &key, json!("com.liveperson.faas.mtls.missing-conf")),
        ("Toolbelt.MTLSClient({ cert: 'nope', key });", &key, json!("com.liveperson.faas.mtls.invalid-cert")),
        ("Toolbelt.MTLSClient({ cert, key: 'nope' });", &key, json!("com.liveperson.faas.mtls.invalid-key")),
        (
            "await Toolbelt.MTLSClient({ cert, key }).get('https://127.0.0.1:1/');",
            garbage_key,
            json!("com.liveperson.faas.mtls.invalid-cert"),
        ),
    ];
    let sandbox = sandbox_with(5000, 1);
    for (call, key, expected) in cases {
        let code = lambda(&cert, key, &ca, &format!("{call} callback(null, 'no error');"));
        let result = ok(&run_with(&sandbox, &code, with_allowlist(&["127.0.0.1"])).await);
        assert_eq!(result["name"], "MTLSError", "{call}: {result}");
        assert_eq!(result["code"], expected, "{call}: {result}");
    }
}
