//! Entries of the domain allowlist: a host name (RFC 1035 labels), optionally with one leading
//! wildcard label (`*.example.com`: any subdomain, not the bare domain), or an IP address;
//! either optionally with `:port`. Parsed into a canonical lower-case form.

use std::net::IpAddr;

/// Most entries an account may have.
pub const MAX_ENTRIES: usize = 200;

/// Validates an entry and returns its canonical form.
pub fn parse_entry(raw: &str) -> Result<String, String> {
    let entry = raw.trim().trim_end_matches('.').to_ascii_lowercase();
    if entry.is_empty() {
        return Err("enter a host name, *.domain or an IP address".into());
    }
    if entry.contains("://") || entry.contains('/') {
        return Err(format!("'{raw}' looks like a URL; enter only the host, e.g. api.example.com"));
    }
    // [v6]:port, v4:port or name:port
    let (host, port) = split_port(&entry).map_err(|e| format!("'{raw}': {e}"))?;
    if port == Some(0) {
        return Err(format!("'{raw}': port must be between 1 and 65535"));
    }
    let is_ip = host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>().is_ok();
    let host_ok = is_ip || valid_name(host.strip_prefix("*.").unwrap_or(host));
    if !host_ok {
        return Err(format!(
            "'{raw}' is not a valid host: use letters, digits and hyphens in dot-separated labels of at most \
             63 characters (e.g. api.example.com), one leading wildcard label (*.example.com) or an IP address"
        ));
    }
    Ok(entry)
}

/// Validates several entries typed at once (separated by new lines, spaces or commas) and
/// returns their canonical forms in order; or the reason of every invalid one, so a form can
/// list them all. Empty text is no entries.
pub fn parse_entries(raw: &str) -> Result<Vec<String>, Vec<String>> {
    let (mut entries, mut errors) = (Vec::new(), Vec::new());
    for item in raw.split(|c: char| c.is_whitespace() || c == ',').filter(|s| !s.is_empty()) {
        match parse_entry(item) {
            Ok(entry) => entries.push(entry),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() { Ok(entries) } else { Err(errors) }
}

fn split_port(entry: &str) -> Result<(&str, Option<u16>), String> {
    if let Some(rest) = entry.strip_prefix('[') {
        let (_, after) = rest.split_once(']').ok_or("unclosed [ in IPv6 address")?;
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p.parse::<u16>().map_err(|_| "invalid port".to_owned())?),
            None if after.is_empty() => None,
            None => return Err("unexpected text after ]".into()),
        };
        return Ok((&entry[..entry.len() - after.len()], port));
    }
    if entry.parse::<IpAddr>().is_ok() {
        return Ok((entry, None)); // a bare IPv6 address contains colons but no port
    }
    match entry.rsplit_once(':') {
        Some((host, port)) => Ok((host, Some(port.parse::<u16>().map_err(|_| "invalid port".to_owned())?))),
        None => Ok((entry, None)),
    }
}

fn valid_name(name: &str) -> bool {
    name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_validated_and_canonical() {
        assert_eq!(parse_entry(" API.Example.com. ").unwrap(), "api.example.com");
        assert_eq!(parse_entry("*.example.com").unwrap(), "*.example.com");
        assert_eq!(parse_entry("127.0.0.1:8080").unwrap(), "127.0.0.1:8080");
        assert_eq!(parse_entry("[::1]:443").unwrap(), "[::1]:443");
        assert_eq!(parse_entry("::1").unwrap(), "::1");
        assert_eq!(parse_entry("localhost").unwrap(), "localhost");
        for bad in [
            "",
            "https://x.com",
            "a..b",
            "*.*.x.com",
            "x.*.com",
            "-a.com",
            "a_b.com",
            "x.com:0",
            "x.com:99999",
            "a.com/x",
        ] {
            assert!(parse_entry(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn several_entries_are_split_and_every_bad_one_is_named() {
        assert_eq!(
            parse_entries(" API.example.com\n*.cdn.example.net, 10.0.0.1:8080 \r\n\n").unwrap(),
            ["api.example.com", "*.cdn.example.net", "10.0.0.1:8080"]
        );
        assert_eq!(parse_entries(" \n ").unwrap(), Vec::<String>::new());
        let errors = parse_entries("ok.example.com\nhttps://x.com\na..b").unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors[0].contains("looks like a URL") && errors[1].contains("'a..b'"), "{errors:?}");
    }
}
