//! The data dir: the store (the SQLite file in it, or the PostgreSQL database named by a URL),
//! opened and migrated, and the master key beside it; the check that the key is the one the
//! database's secrets are sealed with; and the key rotation that re-seals every secret under a
//! new key without a moment in which one is unreadable.

use std::path::{Path, PathBuf};

use anyhow::Context;
use lambdabox_domain::AccountId;
use lambdabox_store::{PostgresOptions, Store, StoreError, accounts, cluster, email_reports, secrets};

use crate::Error;
use crate::reports::settings as reports_settings;

use crate::crypto::{KEY_ENV, MasterKey};

/// Creates the data dir (owner-only) if needed.
pub fn prepare_data_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create data dir {}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(dir)?;
        if meta.permissions().mode() & 0o077 != 0 && meta.permissions().mode() & 0o700 == 0o700 {
            // Tighten a freshly created directory; leave deliberately shared ones (e.g. a
            // mounted volume owned by someone else) alone if we cannot.
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        }
    }
    Ok(())
}

/// Which database holds the data.
#[derive(Clone, Default)]
pub struct Database {
    /// `postgres://…` for PostgreSQL; `None` (or empty) for the SQLite file in the data dir.
    pub url: Option<String>,
    /// Certificate authorities to trust for PostgreSQL's TLS certificate.
    pub ca_file: Option<PathBuf>,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may hold a password.
        f.debug_struct("Database")
            .field("url", &self.url.as_ref().map(|_| "[set]"))
            .field("ca_file", &self.ca_file)
            .finish()
    }
}

impl Database {
    /// The PostgreSQL URL, if one is set.
    pub fn postgres_url(&self) -> Option<&str> {
        self.url.as_deref().map(str::trim).filter(|url| !url.is_empty())
    }
}

/// Opens the data dir: store (migrated) and master key.
pub fn open_data_dir(dir: &Path, database: &Database) -> anyhow::Result<(Store, MasterKey)> {
    prepare_data_dir(dir)?;
    let store = match database.postgres_url() {
        Some(url) => {
            if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
                anyhow::bail!(
                    "--database-url must start with postgres:// (or be empty for the SQLite file in the data dir)"
                );
            }
            let options = PostgresOptions { ca_file: database.ca_file.clone(), ..PostgresOptions::default() };
            Store::connect(url, &options).context("cannot open the PostgreSQL database")?
        }
        None => Store::open(dir).with_context(|| format!("cannot open the database in {}", dir.display()))?,
    };
    let env_key = std::env::var(KEY_ENV).ok().filter(|v| !v.trim().is_empty());
    let key = MasterKey::load(dir, env_key.as_deref()).context("cannot load the master key")?;
    Ok((store, key))
}

/// Completes a key rotation that was interrupted (`master.key.next` still exists): re-seals
/// what is still sealed with the old key and promotes the new key. Every secret stays readable
/// whichever step the interruption hit.
pub async fn finish_rotation(store: &Store, dir: &Path, key: MasterKey) -> anyhow::Result<MasterKey> {
    let Some(next) = MasterKey::load_next(dir)? else { return Ok(key) };
    if let Some(account) = store.read(accounts::get_account).await?.map(|a| a.account_id) {
        let n = reseal_all(store, &account, &key, &next).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        tracing::info!(secrets = n, "re-sealed secrets under the new master key");
    }
    MasterKey::promote_next(dir)?;
    Ok(next)
}

/// `lambdabox rotate-key`: a new master key, every secret re-sealed under it atomically.
/// Returns how many secrets were re-sealed.
pub async fn rotate_key(dir: &Path, database: &Database) -> anyhow::Result<usize> {
    if std::env::var(KEY_ENV).is_ok_and(|v| !v.trim().is_empty()) {
        anyhow::bail!(
            "the master key comes from {KEY_ENV}, which lambdabox cannot rewrite; rotate-key works with the key \
             file in the data dir (unset {KEY_ENV})"
        );
    }
    let (store, key) = open_data_dir(dir, database)?;
    let key = finish_rotation(&store, dir, key).await?;
    let next = MasterKey::generate();
    next.write_next(dir)?;
    let mut n = 0;
    if let Some(account) = store.read(accounts::get_account).await?.map(|a| a.account_id) {
        n = reseal_all(&store, &account, &key, &next).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    MasterKey::promote_next(dir)?;
    store.checkpoint().await?;
    Ok(n)
}

/// Re-encrypts every secret sealed with another key than `new` (they must open with `old`),
/// and the email reports' SMTP password, in one transaction; idempotent, so an interrupted rotation can simply run again.
pub async fn reseal_all(store: &Store, account: &AccountId, old: &MasterKey, new: &MasterKey) -> Result<usize, Error> {
    let (account, old, new) = (account.clone(), old.clone(), new.clone());
    let new_id = new.id();
    store
        .write(move |tx| {
            cluster::record_master_key_id(tx, &new_id)?;
            let mut n = 0;
            for row in secrets::list_secrets(tx)?.into_iter().filter(|r| r.key_id != new_id) {
                let aad = crate::vault::aad(&account, &row.name);
                let plain = old
                    .open(&row.sealed, &aad)
                    .map_err(|e| StoreError::Corrupt(format!("secret {}: {e}", row.name)))?;
                let sealed = new.seal(&plain, &aad).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                secrets::reseal_secret(tx, &row.name, &sealed, &new_id)?;
                n += 1;
            }
            // The SMTP password of the email reports is sealed under the same key.
            if let Some(sealed) = email_reports::get_sealed_password(tx)?
                && let Ok(password) = reports_settings::open_password(&old, &sealed)
            {
                let resealed =
                    reports_settings::seal_password(&new, &password).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                email_reports::reseal_password(tx, &resealed)?;
            }
            Ok(n)
        })
        .await
        .map_err(Error::from)
}

/// Refuses a master key other than the one the database's secrets are sealed with (several
/// nodes share a PostgreSQL database, and each must be given the same key); records the key's
/// id on first use.
pub async fn check_master_key(store: &Store, key: &MasterKey) -> anyhow::Result<()> {
    let id = key.id();
    let claimed = id.clone();
    let recorded = store.write(move |tx| cluster::claim_master_key_id(tx, &claimed)).await?;
    if recorded == id {
        Ok(())
    } else {
        anyhow::bail!(
            "this lambdabox has master key {id}, but the secrets in {} are sealed with master key {recorded}: \
             give every node the same key ({KEY_ENV}, or the same master.key file in its data dir)",
            store.describe()
        )
    }
}

/// The database engine of `store`: `sqlite` or `postgresql`.
pub fn engine_name(store: &Store) -> &'static str {
    match store.dialect() {
        lambdabox_store::Dialect::Sqlite => "sqlite",
        lambdabox_store::Dialect::Postgres => "postgresql",
    }
}

/// Copies the SQLite database in `dir` to the new file `to`, consistent even while a server
/// writes to it; returns the database's path.
pub async fn backup_sqlite(dir: &Path, to: &Path) -> anyhow::Result<PathBuf> {
    let db = dir.join(lambdabox_store::DB_FILE);
    if !db.exists() {
        anyhow::bail!("there is no database in {} to back up", dir.display());
    }
    if to.exists() {
        anyhow::bail!("{} already exists; the backup is written to a new file", to.display());
    }
    let store = Store::open(dir).with_context(|| format!("cannot open the database in {}", dir.display()))?;
    store.backup_to(to.to_path_buf()).await.with_context(|| format!("cannot write {}", to.display()))?;
    Ok(db)
}
