//! The server and API credentials the project commands use: stored by `lambdabox login` in
//! `$XDG_CONFIG_HOME/lambdabox/login.json` (or `~/.config/…`), readable by the user only;
//! `LAMBDABOX_SERVER`, `LAMBDABOX_CLIENT_ID` and `LAMBDABOX_CLIENT_SECRET` override it.

use std::path::PathBuf;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

/// Where to connect and as whom.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Login {
    pub server: String,
    pub client_id: String,
    pub client_secret: String,
}

/// The file `login` writes.
pub fn path() -> anyhow::Result<PathBuf> {
    let base = match std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => match std::env::var_os("HOME").filter(|v| !v.is_empty()) {
            Some(home) => PathBuf::from(home).join(".config"),
            None => bail!("neither XDG_CONFIG_HOME nor HOME is set: nowhere to keep the login"),
        },
    };
    Ok(base.join("lambdabox").join("login.json"))
}

/// The login in force: the environment's values over the stored file's.
pub fn current() -> anyhow::Result<Login> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let stored = stored()?;
    let pick =
        |env: Option<String>, field: fn(&Login) -> &String| env.or_else(|| stored.as_ref().map(|s| field(s).clone()));
    let server = pick(var("LAMBDABOX_SERVER"), |l| &l.server);
    let client_id = pick(var("LAMBDABOX_CLIENT_ID"), |l| &l.client_id);
    let client_secret = pick(var("LAMBDABOX_CLIENT_SECRET"), |l| &l.client_secret);
    match (server, client_id, client_secret) {
        (Some(server), Some(client_id), Some(client_secret)) => Ok(Login { server, client_id, client_secret }),
        _ => bail!(
            "not logged in: run `lambdabox login --server URL --client-id ID --client-secret SECRET` \
             (or set LAMBDABOX_SERVER, LAMBDABOX_CLIENT_ID and LAMBDABOX_CLIENT_SECRET)"
        ),
    }
}

fn stored() -> anyhow::Result<Option<Login>> {
    let path = path()?;
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let login = serde_json::from_str(&text)
                .with_context(|| format!("{} is not a lambdabox login; run `lambdabox login` again", path.display()))?;
            Ok(Some(login))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Writes the login, readable and writable by the user only.
pub fn store(login: &Login) -> anyhow::Result<PathBuf> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let path = path()?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let partial = path.with_extension("json.partial");
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&partial)
        .with_context(|| format!("cannot write {}", partial.display()))?;
    file.write_all(serde_json::to_string_pretty(login)?.as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&partial, &path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// Removes the stored login; true if there was one.
pub fn forget() -> anyhow::Result<bool> {
    let path = path()?;
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e).with_context(|| format!("cannot remove {}", path.display())),
    }
}
