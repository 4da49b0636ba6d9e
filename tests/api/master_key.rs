//! Every node must hold the master key the database's secrets are sealed with: a node started
//! with another one refuses to start, before it serves anything, and says what to do. The same
//! check guards a single node whose key was swapped.

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;

use crate::postgres::TestDatabase;

fn key() -> String {
    base64::engine::general_purpose::STANDARD.encode(rand::random::<[u8; 32]>())
}

/// Runs the binary to its end, or kills it after 20 s (a server that should have refused).
fn lambdabox(args: &[&str], key: &str, database_url: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lambdabox"));
    command.args(args).env("LAMBDABOX_MASTER_KEY", key).env("LAMBDABOX_ADMIN_PASSWORD", "correct-horse-battery");
    match database_url {
        Some(url) => command.env("LAMBDABOX_DATABASE_URL", url),
        None => command.env_remove("LAMBDABOX_DATABASE_URL"),
    };
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    child.wait_with_output().unwrap()
}

/// Sets up with one key, then starts `serve` with another: it must exit with the message.
fn refused_with_another_key(database_url: Option<&str>) {
    let (first, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let setup = ["setup", "--data-dir", first.path().to_str().unwrap(), "--account", "acme1", "--admin", "root"];
    let out = lambdabox(&setup, &key(), database_url);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dir = if database_url.is_some() { data.path() } else { first.path() };
    let serve = ["serve", "--data-dir", dir.to_str().unwrap(), "--bind", "127.0.0.1:0"];
    let out = lambdabox(&serve, &key(), database_url);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a node with another key started: {stderr}");
    assert!(stderr.contains("give every node the same key"), "{stderr}");
    assert!(!stderr.contains("listening on"), "it refused before listening: {stderr}");
}

#[test]
fn a_node_with_another_master_key_than_the_database_refuses_to_start() {
    let Some(database) = TestDatabase::create("master_key") else { return };
    refused_with_another_key(Some(&database.url));
}

#[test]
fn a_swapped_master_key_is_refused_on_sqlite_too() {
    refused_with_another_key(None);
}
