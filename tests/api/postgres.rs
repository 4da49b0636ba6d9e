//! A database of its own on the test PostgreSQL server for a test, and a TCP proxy to it that
//! can be cut to play a database outage. `LAMBDABOX_TEST_POSTGRES_URL` names the server (an
//! admin URL, e.g. `postgres://lambdabox@127.0.0.1:5432/postgres`); without it the tests that
//! need it are skipped, unless `LAMBDABOX_REQUIRE_POSTGRES=1` (as in CI) makes that a failure.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

const POSTGRES_URL: &str = "LAMBDABOX_TEST_POSTGRES_URL";
const REQUIRE_POSTGRES: &str = "LAMBDABOX_REQUIRE_POSTGRES";

/// A fresh database, dropped with this value.
pub struct TestDatabase {
    admin_url: String,
    name: String,
    /// `postgres://…/<name>`.
    pub url: String,
}

impl TestDatabase {
    /// A database for `test`, or `None` (after saying so) when no server is configured.
    pub fn create(test: &str) -> Option<Self> {
        let Ok(admin_url) = std::env::var(POSTGRES_URL) else {
            assert!(
                std::env::var(REQUIRE_POSTGRES).as_deref() != Ok("1"),
                "{REQUIRE_POSTGRES}=1 but {POSTGRES_URL} is not set"
            );
            println!("skipped: set {POSTGRES_URL}");
            return None;
        };
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let mut name = format!("lbx_api_{}_{}_{test}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        name.truncate(63);
        let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE); CREATE DATABASE {name}");
        admin(&admin_url, sql);
        let base = admin_url.rsplit_once('/').map_or(admin_url.as_str(), |(base, _)| base);
        let url = format!("{base}/{name}");
        Some(Self { admin_url, name, url })
    }

    /// The database's URL through `addr` (a proxy) instead of the server's own address.
    pub fn url_via(&self, addr: SocketAddr) -> String {
        let (scheme, rest) = self.url.split_once("://").unwrap();
        let (authority, path) = rest.split_once('/').unwrap();
        let user = authority.rsplit_once('@').map_or(String::new(), |(user, _)| format!("{user}@"));
        format!("{scheme}://{user}{addr}/{path}?sslmode=disable")
    }

    /// The server's address.
    pub fn server_addr(&self) -> String {
        let rest = self.url.split_once("://").unwrap().1;
        let authority = rest.split_once('/').unwrap().0;
        authority.rsplit_once('@').map_or(authority, |(_, host)| host).to_owned()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("kept the database {} to look into", self.name);
            return;
        }
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        admin(&self.admin_url, sql);
    }
}

/// Runs `sql` as the admin, on a thread of its own (the synchronous client runs a runtime of
/// its own, which cannot start on one of Tokio's threads).
fn admin(url: &str, sql: String) {
    let url = url.to_owned();
    std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("connect to the test PostgreSQL");
        for statement in sql.split("; ") {
            client.batch_execute(statement).expect("administer the test PostgreSQL");
        }
    })
    .join()
    .expect("admin thread");
}

/// A TCP proxy to the server; `cut` drops every connection and refuses new ones until
/// `restore`.
pub struct Proxy {
    pub addr: SocketAddr,
    up: watch::Sender<bool>,
}

impl Proxy {
    pub async fn start(target: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (up, watch) = watch::channel(true);
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if !*watch.borrow() {
                    continue; // dropped at once: the client sees the connection close
                }
                let (target, mut watch) = (target.clone(), watch.clone());
                tokio::spawn(async move {
                    let Ok(mut server) = TcpStream::connect(&target).await else { return };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = watch.wait_for(|up| !*up) => {}
                    }
                });
            }
        });
        Self { addr, up }
    }

    pub fn cut(&self) {
        self.up.send_replace(false);
    }

    pub fn restore(&self) {
        self.up.send_replace(true);
    }
}
