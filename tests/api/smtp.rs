//! A real SMTP server for tests: a tokio listener on 127.0.0.1:0 speaking enough SMTP for
//! lettre (greeting, EHLO/HELO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT). It
//! records each accepted message, and can be told to answer 554 instead. Plus a small MIME
//! reader to assert on what arrived.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Mail {
    pub from: String,
    pub to: Vec<String>,
    /// `user\0password` from AUTH, if the client authenticated.
    pub auth: Option<String>,
    /// The DATA section, dot-stuffing removed, CRLF line ends.
    pub data: String,
}

#[derive(Default)]
struct Shared {
    mails: Vec<Mail>,
    reject: bool,
}

pub struct SmtpSink {
    pub addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
    task: JoinHandle<()>,
}

impl SmtpSink {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let state = Arc::clone(&shared);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, Arc::clone(&state)));
            }
        });
        Self { addr, shared, task }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Every message accepted so far.
    pub fn mails(&self) -> Vec<Mail> {
        self.shared.lock().unwrap().mails.clone()
    }

    /// Answer `MAIL FROM` with 554 (true) or accept mail again (false).
    pub fn reject(&self, reject: bool) {
        self.shared.lock().unwrap().reject = reject;
    }
}

/// A port on 127.0.0.1 where nothing listens: connecting is refused (an SMTP server that is down).
pub fn dead_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn session(stream: TcpStream, shared: Arc<Mutex<Shared>>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    if !reply(&mut write, "220 sink.test ESMTP test sink").await {
        return;
    }
    let (mut from, mut to, mut auth) = (String::new(), Vec::new(), None);
    loop {
        let Some(line) = read_line(&mut lines).await else { return };
        let upper = line.to_ascii_uppercase();
        let answer = if upper.starts_with("EHLO") {
            "250-sink.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME".to_owned()
        } else if upper.starts_with("HELO") {
            "250 sink.test".to_owned()
        } else if upper.starts_with("AUTH PLAIN") {
            let initial = line.get(11..).unwrap_or("").trim().to_owned();
            let encoded = if initial.is_empty() {
                reply(&mut write, "334 ").await;
                read_line(&mut lines).await.unwrap_or_default()
            } else {
                initial
            };
            let decoded = STANDARD.decode(encoded.trim()).unwrap_or_default();
            let text = String::from_utf8_lossy(&decoded);
            auth = Some(text.trim_start_matches('\0').to_owned());
            "235 2.7.0 Authentication successful".to_owned()
        } else if upper.starts_with("AUTH LOGIN") {
            reply(&mut write, "334 VXNlcm5hbWU6").await;
            let user = decode_line(read_line(&mut lines).await);
            reply(&mut write, "334 UGFzc3dvcmQ6").await;
            let password = decode_line(read_line(&mut lines).await);
            auth = Some(format!("{user}\0{password}"));
            "235 2.7.0 Authentication successful".to_owned()
        } else if upper.starts_with("MAIL FROM:") {
            if shared.lock().unwrap().reject {
                "554 5.7.1 Rejected by the test sink".to_owned()
            } else {
                from = address(&line);
                to.clear();
                "250 2.1.0 Ok".to_owned()
            }
        } else if upper.starts_with("RCPT TO:") {
            to.push(address(&line));
            "250 2.1.5 Ok".to_owned()
        } else if upper == "DATA" {
            reply(&mut write, "354 End data with <CR><LF>.<CR><LF>").await;
            let mut data = String::new();
            loop {
                let Some(line) = read_line(&mut lines).await else { return };
                if line == "." {
                    break;
                }
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
                data.push_str("\r\n");
            }
            let mut shared = shared.lock().unwrap();
            let mail = Mail { from: from.clone(), to: to.clone(), auth: auth.clone(), data };
            shared.mails.push(mail);
            format!("250 2.0.0 Ok: queued as {}", shared.mails.len())
        } else if upper == "RSET" || upper == "NOOP" {
            "250 2.0.0 Ok".to_owned()
        } else if upper == "QUIT" {
            reply(&mut write, "221 2.0.0 Bye").await;
            return;
        } else {
            "502 5.5.2 Command not recognized".to_owned()
        };
        if !reply(&mut write, &answer).await {
            return;
        }
    }
}

async fn reply(write: &mut tokio::net::tcp::OwnedWriteHalf, text: &str) -> bool {
    write.write_all(format!("{text}\r\n").as_bytes()).await.is_ok()
}

async fn read_line(lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> Option<String> {
    let mut line = String::new();
    match lines.read_line(&mut line).await {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(line.trim_end_matches(['\r', '\n']).to_owned()),
    }
}

fn decode_line(line: Option<String>) -> String {
    String::from_utf8_lossy(&STANDARD.decode(line.unwrap_or_default().trim()).unwrap_or_default()).into_owned()
}

fn address(line: &str) -> String {
    let start = line.find('<').map_or(0, |i| i + 1);
    let end = line[start..].find('>').map_or(line.len(), |i| start + i);
    line[start..end].to_owned()
}

/// A parsed message: unfolded headers and its text parts, decoded.
#[derive(Debug)]
pub struct Parsed {
    pub headers: Vec<(String, String)>,
    /// (content type, decoded body) of each leaf part; one for a single-part message.
    pub parts: Vec<(String, String)>,
}

impl Parsed {
    pub fn header(&self, name: &str) -> String {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// The decoded body of the first part whose content type starts with `mime`.
    pub fn part(&self, mime: &str) -> String {
        let found = self.parts.iter().find(|(t, _)| t.to_ascii_lowercase().starts_with(mime));
        found.map(|(_, body)| body.clone()).unwrap_or_else(|| panic!("no {mime} part in {:?}", self.parts))
    }
}

impl Mail {
    pub fn parse(&self) -> Parsed {
        let (headers, body) = split_entity(&self.data);
        let mut parts = Vec::new();
        collect_parts(&headers, body, &mut parts);
        Parsed { headers, parts }
    }
}

fn split_entity(entity: &str) -> (Vec<(String, String)>, &str) {
    let (head, body) = entity.split_once("\r\n\r\n").unwrap_or((entity, ""));
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.split("\r\n") {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    (headers, body)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map_or("", |(_, v)| v.as_str())
}

fn collect_parts(headers: &[(String, String)], body: &str, out: &mut Vec<(String, String)>) {
    let content_type = header(headers, "Content-Type").to_owned();
    if content_type.to_ascii_lowercase().starts_with("multipart/") {
        let boundary = content_type
            .split(';')
            .filter_map(|p| p.trim().strip_prefix("boundary="))
            .next()
            .unwrap()
            .trim_matches('"')
            .to_owned();
        let delimiter = format!("--{boundary}");
        for chunk in body.split(&delimiter).skip(1) {
            if chunk.starts_with("--") {
                break;
            }
            let (part_headers, part_body) = split_entity(chunk.trim_start_matches("\r\n"));
            collect_parts(&part_headers, part_body, out);
        }
        return;
    }
    let encoding = header(headers, "Content-Transfer-Encoding").to_ascii_lowercase();
    let decoded = match encoding.as_str() {
        "base64" => String::from_utf8(STANDARD.decode(body.replace("\r\n", "").trim()).unwrap()).unwrap(),
        "quoted-printable" => decode_quoted_printable(body),
        _ => body.to_owned(),
    };
    out.push((content_type, decoded));
}

fn decode_quoted_printable(body: &str) -> String {
    let joined = body.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        if let (b'=', Some(byte)) = (bytes[i], hex) {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}
