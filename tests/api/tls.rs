//! HTTPS served by the real binary with `--tls-cert`/`--tls-key`: throwaway certificate
//! authorities made here, clients that trust only one of them, plain HTTP sent to the TLS port,
//! and SIGHUP swapping the pair (a broken pair on SIGHUP leaves the old one serving).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
use reqwest::StatusCode;

/// A certificate authority of the test's own.
struct Authority {
    pem: String,
    issuer: Issuer<'static, KeyPair>,
}

impl Authority {
    fn new(name: &str) -> Self {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(rcgen::DnType::CommonName, name);
        let key = KeyPair::generate().unwrap();
        let pem = params.self_signed(&key).unwrap().pem();
        Self { pem, issuer: Issuer::new(params, key) }
    }

    /// A certificate for 127.0.0.1 and its key, as PEM.
    fn leaf(&self) -> (String, String) {
        let params = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()]).unwrap();
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &self.issuer).unwrap();
        (cert.pem(), key.serialize_pem())
    }

    /// A client that trusts this authority and nothing else.
    fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .tls_built_in_root_certs(false)
            .add_root_certificate(reqwest::Certificate::from_pem(self.pem.as_bytes()).unwrap())
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap()
    }
}

fn write_pair(dir: &Path, (cert, key): &(String, String)) {
    std::fs::write(dir.join("cert.pem"), cert).unwrap();
    std::fs::write(dir.join("key.pem"), key).unwrap();
}

/// `lambdabox serve` over TLS; the log is collected for the assertions.
struct Server {
    child: Child,
    addr: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(data: &Path, pair_dir: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lambdabox"))
            .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
            .arg(data)
            .arg("--tls-cert")
            .arg(pair_dir.join("cert.pem"))
            .arg("--tls-key")
            .arg(pair_dir.join("key.pem"))
            .env("RUST_LOG", "info")
            .env("LAMBDABOX_LOG_FORMAT", "text")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("listening on https://").nth(1) {
                    let _ = tx.send(rest.chars().take_while(|c| !c.is_whitespace()).collect::<String>());
                }
                sink.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let addr = rx.recv_timeout(Duration::from_secs(20)).expect("the server reports an https:// address");
        Self { child, addr, log }
    }

    fn url(&self, path: &str) -> String {
        format!("https://{}{path}", self.addr)
    }

    fn hangup(&self) {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args(["-HUP", &pid]).status().unwrap().success());
    }

    /// Waits (bounded) until the log holds `needle`.
    fn wait_for_log(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.log.lock().unwrap().contains(needle) {
            assert!(Instant::now() < deadline, "no {needle:?} in the log:\n{}", self.log.lock().unwrap());
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn https_answers_plain_http_is_closed_and_sighup_swaps_the_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let (data, pair) = (dir.path().join("data"), dir.path().join("tls"));
    std::fs::create_dir_all(&pair).unwrap();
    let setup = Command::new(env!("CARGO_BIN_EXE_lambdabox"))
        .args(["setup", "--account", "acme1", "--admin", "root", "--data-dir"])
        .arg(&data)
        .env("LAMBDABOX_ADMIN_PASSWORD", "root-pass-phrase")
        .output()
        .unwrap();
    assert!(setup.status.success(), "{}", String::from_utf8_lossy(&setup.stderr));
    let (first, second) = (Authority::new("first test CA"), Authority::new("second test CA"));
    write_pair(&pair, &first.leaf());
    let server = Server::start(&data, &pair);

    // HTTPS answers, with the certificate of the first authority.
    let res = first.client().get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(second.client().get(server.url("/healthz")).send().await.is_err(), "not the second CA's certificate");

    // Under TLS the session cookie is Secure without --secure-cookies.
    let res = first
        .client()
        .post(server.url("/login"))
        .form(&[("username", "root"), ("password", "root-pass-phrase")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let cookie = res.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
    assert!(cookie.starts_with("lambdabox_session=") && cookie.contains("Secure"), "{cookie}");

    // Plain HTTP to the TLS port: the connection is closed promptly, no HTTP answer, and the
    // server goes on serving.
    let addr = server.addr.clone();
    let started = Instant::now();
    let answer = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
        let mut answer = Vec::new();
        match stream.read_to_end(&mut answer) {
            Ok(_) => Ok(answer),
            Err(e) => Err(e.kind()),
        }
    })
    .await
    .unwrap();
    match answer {
        Ok(bytes) => assert!(!bytes.starts_with(b"HTTP/"), "plain HTTP got an HTTP answer: {bytes:?}"),
        Err(kind) => assert_eq!(kind, std::io::ErrorKind::ConnectionReset),
    }
    assert!(started.elapsed() < Duration::from_secs(8), "the plain connection hung for {:?}", started.elapsed());
    assert_eq!(first.client().get(server.url("/healthz")).send().await.unwrap().status(), StatusCode::OK);

    // SIGHUP with a pair from the second authority: new connections get it.
    write_pair(&pair, &second.leaf());
    server.hangup();
    server.wait_for_log("TLS certificate and key reloaded");
    assert_eq!(second.client().get(server.url("/healthz")).send().await.unwrap().status(), StatusCode::OK);
    assert!(first.client().get(server.url("/healthz")).send().await.is_err(), "the old certificate is gone");

    // A broken pair on SIGHUP is refused and the second pair keeps serving.
    std::fs::write(pair.join("key.pem"), "not a key").unwrap();
    server.hangup();
    server.wait_for_log("TLS certificate not reloaded, the old one stays");
    assert_eq!(second.client().get(server.url("/healthz")).send().await.unwrap().status(), StatusCode::OK);
}

#[test]
fn a_key_that_does_not_fit_the_certificate_stops_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let authority = Authority::new("test CA");
    let (cert, _) = authority.leaf();
    let (_, other_key) = authority.leaf();
    write_pair(dir.path(), &(cert, other_key));
    let out = Command::new(env!("CARGO_BIN_EXE_lambdabox"))
        .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path().join("data"))
        .arg("--tls-cert")
        .arg(dir.path().join("cert.pem"))
        .arg("--tls-key")
        .arg(dir.path().join("key.pem"))
        .env("LAMBDABOX_LOG_FORMAT", "text")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("does not fit the certificate"), "{stderr}");

    let out = Command::new(env!("CARGO_BIN_EXE_lambdabox"))
        .args(["serve", "--tls-cert", "cert.pem"])
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .output()
        .unwrap();
    assert!(!out.status.success(), "a certificate without its key is refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--tls-key"));
}
