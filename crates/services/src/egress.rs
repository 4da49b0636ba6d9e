//! Outbound HTTP for lambdas: an account's domain allowlist (exact names or one leading
//! `*.` wildcard label), enforced on the URL, on every redirect hop and on the resolved
//! addresses (the client connects only to addresses that passed), so DNS rebinding and
//! numeric hosts cannot reach loopback, private or link-local networks unless listed.

use lambdabox_runtime::{BoxFuture, ClientTls, HttpEgress, HttpError, HttpRequest, HttpResponse};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use url::{Host, Url};

/// Largest response body handed to a lambda.
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
/// Longest any request may take (the invocation limit is 30 s anyway).
const MAX_TIMEOUT: Duration = Duration::from_secs(30);
const MAX_REDIRECTS: usize = 10;
/// Clients with a client certificate kept for reuse (their connections stay open), per
/// allowlist; past this many the cache starts over.
const MAX_IDENTITY_CLIENTS: usize = 32;

/// An account's allowed destinations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Allowlist {
    entries: Vec<String>,
    rules: Vec<Rule>,
}

/// One entry split into its host pattern and optional port.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    host: String,
    port: Option<u16>,
}

impl Rule {
    fn parse(entry: &str) -> Self {
        let (host, port) = match entry.rsplit_once(':') {
            // `[v6]:port` or `name:port`; a bare IPv6 address has colons but no port.
            Some((host, port)) if (host.ends_with(']') || !host.contains(':')) && !port.contains(']') => {
                (host, port.parse::<u16>().ok())
            }
            _ => (entry, None),
        };
        Self { host: normalize(host), port }
    }

    fn matches_host(&self, host: &str) -> bool {
        match self.host.strip_prefix("*.") {
            Some(domain) => {
                host.len() > domain.len() + 1
                    && host.ends_with(domain)
                    && host[..host.len() - domain.len()].ends_with('.')
            }
            None => self.host == host,
        }
    }
}

impl Allowlist {
    /// Builds the allowlist from entries such as `api.example.com`, `*.example.com`,
    /// `10.0.0.5` or `127.0.0.1:8080` (a port restricts the entry to that port).
    pub fn new<S: AsRef<str>>(entries: impl IntoIterator<Item = S>) -> Self {
        let entries: Vec<String> = entries
            .into_iter()
            .map(|e| e.as_ref().trim().trim_end_matches('.').to_ascii_lowercase())
            .filter(|e| !e.is_empty())
            .collect();
        let rules = entries.iter().map(|e| Rule::parse(e)).collect();
        Self { entries, rules }
    }

    /// True when `host` matches an entry on some port: exactly, or as a subdomain of a `*.`
    /// entry (the bare domain itself does not match the wildcard).
    pub fn allows_host(&self, host: &str) -> bool {
        let host = normalize(host);
        self.rules.iter().any(|r| r.matches_host(&host))
    }

    /// True when `host:port` matches an entry.
    pub fn allows_host_port(&self, host: &str, port: Option<u16>) -> bool {
        let host = normalize(host);
        self.rules.iter().any(|r| r.matches_host(&host) && (r.port.is_none() || r.port == port))
    }

    /// True when `host` is listed by exact name (needed for loopback/private destinations).
    pub fn names_exactly(&self, host: &str) -> bool {
        let host = normalize(host);
        self.rules.iter().any(|r| r.host == host)
    }

    /// True when connecting to `ip` for `host` is allowed: public addresses for any allowed
    /// host, other addresses only when the host is listed by exact name.
    pub fn allows_address(&self, host: &str, ip: IpAddr) -> bool {
        self.allows_host(host) && (is_public(ip) || self.names_exactly(host))
    }

    /// Checks a URL's scheme, host and port (IP literals are checked as addresses right here,
    /// because no DNS lookup happens for them).
    pub fn check_url(&self, url: &Url) -> Result<(), String> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("Socket is closed: scheme {} is not allowed (only http and https)", url.scheme()));
        }
        let (name, ip) = match url.host() {
            Some(Host::Domain(name)) => (name.to_owned(), None),
            Some(Host::Ipv4(ip)) => (ip.to_string(), Some(IpAddr::V4(ip))),
            Some(Host::Ipv6(ip)) => (format!("[{ip}]"), Some(IpAddr::V6(ip))),
            None => return Err("Socket is closed: the URL has no host".to_owned()),
        };
        let port_ok = self.allows_host_port(&name, url.port_or_known_default())
            || ip.is_some_and(|ip| self.allows_host_port(&ip.to_string(), url.port_or_known_default()));
        let allowed = port_ok
            && match ip {
                Some(ip) => self.allows_address(&name, ip) || self.allows_address(&ip.to_string(), ip),
                None => self.allows_host(&name),
            };
        if allowed { Ok(()) } else { Err(self.refusal(&name)) }
    }

    fn refusal(&self, host: &str) -> String {
        format!("Socket is closed: host {host} is not on the domain allowlist [{}]", self.entries.join(", "))
    }
}

fn normalize(host: &str) -> String {
    host.trim_start_matches('[').trim_end_matches(']').trim_end_matches('.').to_ascii_lowercase()
}

/// Globally routable unicast addresses; loopback, private, link-local (cloud metadata),
/// CGNAT, unspecified, multicast, documentation and unique-local ranges are not.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (b == 18 || b == 19))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

/// Resolves names, keeping only the addresses the allowlist permits for that name.
struct CheckedResolver(Arc<Allowlist>);

impl Resolve for CheckedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allowlist = self.0.clone();
        Box::pin(async move {
            let host = name.as_str().to_owned();
            if !allowlist.allows_host(&host) {
                return Err(allowlist.refusal(&host).into());
            }
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|addr| allowlist.allows_address(&host, addr.ip()))
                .collect();
            if addrs.is_empty() {
                return Err(format!(
                    "Socket is closed: {host} resolves only to loopback/private addresses; list {host} by exact name to allow them"
                )
                .into());
            }
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

/// An HTTP client bound to one allowlist; create one per account and reuse it.
#[derive(Clone)]
pub struct EgressClient {
    allowlist: Arc<Allowlist>,
    client: reqwest::Client,
    /// Clients that present a client certificate (mutual TLS), by a digest of their material.
    with_identity: Arc<Mutex<HashMap<[u8; 32], reqwest::Client>>>,
}

impl std::fmt::Debug for EgressClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EgressClient").field("allowlist", &self.allowlist).finish_non_exhaustive()
    }
}

impl EgressClient {
    /// Builds the client (TLS via rustls, no proxies, checked DNS and redirects).
    pub fn new(allowlist: Allowlist) -> Result<Self, reqwest::Error> {
        let allowlist = Arc::new(allowlist);
        let client = Self::builder(&allowlist).build()?;
        Ok(Self { allowlist, client, with_identity: Arc::default() })
    }

    /// Every client's settings: the allowlist checked on names, addresses and redirects.
    fn builder(allowlist: &Arc<Allowlist>) -> reqwest::ClientBuilder {
        let for_redirects = allowlist.clone();
        let policy = reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= MAX_REDIRECTS {
                return attempt.error("too many redirects");
            }
            match for_redirects.check_url(attempt.url()) {
                Ok(()) => attempt.follow(),
                Err(refusal) => attempt.error(refusal),
            }
        });
        reqwest::Client::builder()
            .no_proxy()
            .redirect(policy)
            .dns_resolver(Arc::new(CheckedResolver(allowlist.clone())))
            .connect_timeout(Duration::from_secs(10))
            .user_agent("lambdabox")
    }

    /// The client presenting `tls`'s certificate (built once per certificate, key and
    /// trust settings).
    fn client_with(&self, tls: &ClientTls) -> Result<reqwest::Client, HttpError> {
        let mut digest = Sha256::new();
        for part in [tls.cert_pem.as_str(), tls.key_pem.as_str(), tls.ca_pem.as_deref().unwrap_or("")] {
            digest.update((part.len() as u64).to_le_bytes());
            digest.update(part.as_bytes());
        }
        digest.update([u8::from(tls.allow_self_signed)]);
        let key: [u8; 32] = digest.finalize().into();
        if let Some(client) = self.with_identity.lock().ok().and_then(|clients| clients.get(&key).cloned()) {
            return Ok(client);
        }
        let identity = reqwest::Identity::from_pem(format!("{}\n{}", tls.cert_pem, tls.key_pem).as_bytes())
            .map_err(|e| HttpError::ClientIdentity(format!("the client certificate or key cannot be used: {e}")))?;
        let mut builder = Self::builder(&self.allowlist).identity(identity);
        if let Some(ca) = &tls.ca_pem {
            for cert in reqwest::Certificate::from_pem_bundle(ca.as_bytes())
                .map_err(|e| HttpError::ClientIdentity(format!("the CA certificate cannot be read: {e}")))?
            {
                builder = builder.add_root_certificate(cert);
            }
        }
        if tls.allow_self_signed {
            builder = builder.danger_accept_invalid_certs(true);
        }
        let client = builder
            .build()
            .map_err(|e| HttpError::ClientIdentity(format!("the client certificate or key cannot be used: {e}")))?;
        if let Ok(mut clients) = self.with_identity.lock() {
            if clients.len() >= MAX_IDENTITY_CLIENTS {
                clients.clear();
            }
            clients.insert(key, client.clone());
        }
        Ok(client)
    }

    /// The allowlist this client enforces.
    pub fn allowlist(&self) -> &Allowlist {
        &self.allowlist
    }

    async fn send_checked(
        client: reqwest::Client,
        allowlist: Arc<Allowlist>,
        request: HttpRequest,
    ) -> Result<HttpResponse, HttpError> {
        let url =
            Url::parse(&request.url).map_err(|e| HttpError::Failed(format!("Invalid URI \"{}\": {e}", request.url)))?;
        allowlist.check_url(&url).map_err(HttpError::Refused)?;
        let method = reqwest::Method::from_bytes(request.method.as_bytes())
            .map_err(|_| HttpError::Failed(format!("invalid method {}", request.method)))?;
        let mut builder = client.request(method, url).timeout(request.timeout.unwrap_or(MAX_TIMEOUT).min(MAX_TIMEOUT));
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = request.body {
            builder = builder.body(body);
        }
        let mut response = builder.send().await.map_err(|e| classify(&e))?;
        let status = response.status().as_u16();
        let final_url = response.url().to_string();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| classify(&e))? {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(HttpError::Failed(format!("response body larger than {MAX_BODY_BYTES} bytes")));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(HttpResponse { status, headers, body, url: final_url })
    }
}

/// Maps reqwest's error onto the lambda-facing kinds, keeping our refusal text intact.
fn classify(error: &reqwest::Error) -> HttpError {
    let mut chain = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        chain.push_str(": ");
        chain.push_str(&inner.to_string());
        source = inner.source();
    }
    if let Some(start) = chain.find("Socket is closed") {
        return HttpError::Refused(chain[start..].split(": error").next().unwrap_or_default().to_owned());
    }
    if error.is_timeout() {
        return HttpError::Timeout(chain);
    }
    HttpError::Failed(chain)
}

impl HttpEgress for EgressClient {
    fn send(&self, request: HttpRequest) -> BoxFuture<Result<HttpResponse, HttpError>> {
        let client = match &request.client_tls {
            None => Ok(self.client.clone()),
            Some(tls) => self.client_with(tls),
        };
        let allowlist = self.allowlist.clone();
        Box::pin(async move { Self::send_checked(client?, allowlist, request).await })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_matches_subdomains_but_not_the_bare_domain() {
        let list = Allowlist::new(["*.example.com", "api.other.org"]);
        assert!(list.allows_host("a.example.com"));
        assert!(list.allows_host("A.B.Example.com."));
        assert!(!list.allows_host("example.com"));
        assert!(!list.allows_host("badexample.com"));
        assert!(list.allows_host("api.other.org"));
        assert!(!list.allows_host("x.api.other.org"));
    }

    #[test]
    fn private_addresses_need_an_exact_entry() {
        let wild = Allowlist::new(["*.example.com"]);
        let loopback: IpAddr = "127.0.0.1".parse().unwrap();
        assert!(!wild.allows_address("a.example.com", loopback), "DNS rebinding to loopback");
        assert!(!wild.allows_address("a.example.com", "169.254.169.254".parse().unwrap()));
        assert!(!wild.allows_address("a.example.com", "::ffff:10.0.0.1".parse().unwrap()));
        assert!(wild.allows_address("a.example.com", "93.184.216.34".parse().unwrap()));
        let exact = Allowlist::new(["intranet.example.com", "127.0.0.1"]);
        assert!(exact.allows_address("intranet.example.com", "10.1.2.3".parse().unwrap()));
        assert!(exact.check_url(&Url::parse("http://127.0.0.1:8080/").unwrap()).is_ok());
    }

    #[test]
    fn numeric_and_odd_hosts_are_checked_as_addresses() {
        let list = Allowlist::new(["*.example.com"]);
        for url in [
            "http://2130706433/",
            "http://0x7f.1/",
            "http://[::1]/",
            "http://169.254.169.254/latest",
            "file:///etc/passwd",
        ] {
            let refusal = list.check_url(&Url::parse(url).unwrap()).unwrap_err();
            assert!(refusal.contains("Socket is closed"), "{url}: {refusal}");
        }
    }

    #[test]
    fn a_port_restricts_the_entry() {
        let list = Allowlist::new(["127.0.0.1:8080", "api.example.com", "[::1]:443"]);
        assert!(list.check_url(&Url::parse("http://127.0.0.1:8080/x").unwrap()).is_ok());
        assert!(list.check_url(&Url::parse("http://127.0.0.1:8081/x").unwrap()).is_err());
        assert!(list.check_url(&Url::parse("https://api.example.com:8443/").unwrap()).is_ok());
        assert!(list.check_url(&Url::parse("https://[::1]/").unwrap()).is_ok());
        assert!(list.check_url(&Url::parse("http://[::1]/").unwrap()).is_err(), "port 80 is not 443");
    }
}
