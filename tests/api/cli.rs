//! The real binary: `setup` and `credentials create` without a browser, and `serve` on port 0
//! with a graceful stop on SIGTERM.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use reqwest::StatusCode;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lambdabox"))
}

#[tokio::test]
async fn setup_and_credentials_from_the_command_line_then_serve_and_stop() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();

    let mut child = bin()
        .args(["setup", "--data-dir", data, "--account", "acme1", "--admin", "root"])
        .env_remove("LAMBDABOX_ADMIN_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"from-stdin-pass\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));

    let again = bin()
        .args(["setup", "--data-dir", data, "--account", "acme2", "--admin", "root2"])
        .env("LAMBDABOX_ADMIN_PASSWORD", "another-pass")
        .output()
        .unwrap();
    assert!(!again.status.success(), "setup twice is refused");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already set up"));

    let out = bin().args(["credentials", "create", "--data-dir", data, "--user", "root"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let creds: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let (id, secret) =
        (creds["clientId"].as_str().unwrap().to_owned(), creds["clientSecret"].as_str().unwrap().to_owned());
    let bad = bin().args(["credentials", "create", "--data-dir", data, "--user", "ghost"]).output().unwrap();
    assert!(!bad.status.success());

    let mut server = bin()
        .args(["serve", "--data-dir", data, "--bind", "127.0.0.1:0"])
        .env("RUST_LOG", "info")
        .env("LAMBDABOX_LOG_FORMAT", "text")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = server.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("listening on http://").nth(1) {
                let addr: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
                let _ = tx.send((addr, line.clone()));
            }
        }
    });
    let (addr, line) = rx.recv_timeout(std::time::Duration::from_secs(20)).expect("server reports its address");
    assert!(!line.contains('\u{1b}'), "colour codes in a log written to a pipe: {line:?}");
    let client = reqwest::Client::new();
    let res = client
        .post(format!("http://{addr}/oauth/token"))
        .form(&[("grant_type", "client_credentials"), ("client_id", id.as_str()), ("client_secret", secret.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(client.get(format!("http://{addr}/healthz")).send().await.unwrap().status(), StatusCode::OK);

    // An online backup while the server runs: a consistent copy that opens on its own.
    let backup = dir.path().join("backup").join("lambdabox-copy.db");
    std::fs::create_dir(backup.parent().unwrap()).unwrap();
    let out = bin().args(["backup", "--data-dir", data, "--to", backup.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Backed up"));
    let copy = rusqlite::Connection::open(&backup).unwrap();
    let account: String = copy.query_row("SELECT account_id FROM account", [], |r| r.get(0)).unwrap();
    let credentials: i64 = copy.query_row("SELECT count(*) FROM api_credentials", [], |r| r.get(0)).unwrap();
    assert_eq!((account.as_str(), credentials), ("acme1", 1));
    let again = bin().args(["backup", "--data-dir", data, "--to", backup.to_str().unwrap()]).output().unwrap();
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already exists"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let postgres = bin()
        .args(["backup", "--data-dir", data, "--to", "/nonexistent/x.db"])
        .env("LAMBDABOX_DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .output()
        .unwrap();
    assert!(!postgres.status.success());
    assert!(String::from_utf8_lossy(&postgres.stderr).contains("pg_dump"));

    let pid = server.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let status = server.wait().unwrap();
    assert!(status.success(), "graceful exit on SIGTERM: {status:?}");
}

/// The program picks its allocator by the role it runs in: mimalloc for the server and the
/// commands, the system's in a worker process (whose address space is limited and whose
/// resident memory the budget counts). mimalloc prints its statistics at exit when asked and
/// has something to report only when it was used.
#[test]
fn the_server_allocates_with_mimalloc_and_a_worker_process_with_the_system_allocator() {
    let stats = |worker: bool| {
        let mut command = bin();
        command.arg("--version").env("MIMALLOC_SHOW_STATS", "1");
        if worker {
            command.env("LAMBDABOX_WORKER_PROCESS", "1");
        } else {
            command.env_remove("LAMBDABOX_WORKER_PROCESS");
        }
        let out = command.output().unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let server = stats(false);
    assert!(server.contains("pages"), "mimalloc served the allocations: {server}");
    let worker = stats(true);
    assert!(!worker.contains("pages"), "the system allocator served the allocations: {worker}");
}

#[test]
fn help_explains_every_flag() {
    let out = bin().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--bind",
        "--data-dir",
        "LAMBDABOX_BIND",
        "LAMBDABOX_DATA_DIR",
        "--lambda-timeout-ms",
        "--max-scheduled-lambdas",
        "LAMBDABOX_MAX_SCHEDULED_LAMBDAS",
        "setup",
        "credentials",
        "backup",
        "--database-url",
        "LAMBDABOX_DATABASE_URL",
    ] {
        assert!(help.contains(flag), "--help mentions {flag}");
    }
}
