//! A tiny HTTP/1.1 server on 127.0.0.1 for egress tests: `/hello`, `/echo`, `/json`,
//! `/status/{code}`, `/redirect?to=<url>`, `/slow/{ms}`. One request per connection.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helper

use serde_json::json;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A running server; dropped with the test's runtime.
pub struct TestServer {
    pub port: u16,
}

impl TestServer {
    /// Binds 127.0.0.1:0 and serves in the background.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(handle(stream));
            }
        });
        Self { port }
    }

    /// `http://127.0.0.1:{port}{path}`
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

async fn handle(mut stream: TcpStream) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        buf.extend_from_slice(&chunk[..n]);
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let (method, target) = (first.next().unwrap_or_default().to_owned(), first.next().unwrap_or_default().to_owned());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize =
        headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    while buf.len() < head_end + length {
        let n = match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = String::from_utf8_lossy(&buf[head_end..]).to_string();
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let (status, extra, content_type, reply) = route(&method, path, query, &headers, &body).await;
    let response = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nx-test: yes\r\n{extra}connection: close\r\n\r\n{reply}",
        reply.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

async fn route(
    method: &str,
    path: &str,
    query: &str,
    headers: &[(String, String)],
    body: &str,
) -> (u16, String, &'static str, String) {
    let text = "text/plain";
    if path == "/hello" {
        return (200, String::new(), text, "hello".into());
    }
    if path == "/json" {
        return (200, String::new(), "application/json", json!({ "ok": true, "n": 7 }).to_string());
    }
    if path == "/echo" {
        let map: serde_json::Map<String, serde_json::Value> =
            headers.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        let echo = json!({ "method": method, "query": query, "headers": map, "body": body });
        return (200, String::new(), "application/json", echo.to_string());
    }
    if let Some(code) = path.strip_prefix("/status/") {
        return (code.parse().unwrap_or(500), String::new(), text, format!("status {code}"));
    }
    if let Some(ms) = path.strip_prefix("/slow/") {
        tokio::time::sleep(Duration::from_millis(ms.parse().unwrap_or(1000))).await;
        return (200, String::new(), text, "slow".into());
    }
    if path == "/redirect" {
        let to = query.strip_prefix("to=").unwrap_or_default();
        let to = to.replace("%3A", ":").replace("%2F", "/");
        return (302, format!("location: {to}\r\n"), text, String::new());
    }
    (404, String::new(), text, "not found".into())
}
