//! The data dir: the SQLite store (opened and migrated) and the master key beside it, and the
//! key rotation that re-seals every secret under a new key without a moment in which one is
//! unreadable.

use std::path::Path;

use anyhow::Context;
use lambdabox_domain::AccountId;
use lambdabox_store::{Store, StoreError, accounts, email_reports, secrets};

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

/// Opens the data dir: store (migrated) and master key.
pub fn open_data_dir(dir: &Path) -> anyhow::Result<(Store, MasterKey)> {
    prepare_data_dir(dir)?;
    let store = Store::open(dir).with_context(|| format!("cannot open the database in {}", dir.display()))?;
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
pub async fn rotate_key(dir: &Path) -> anyhow::Result<usize> {
    if std::env::var(KEY_ENV).is_ok_and(|v| !v.trim().is_empty()) {
        anyhow::bail!(
            "the master key comes from {KEY_ENV}, which lambdabox cannot rewrite; rotate-key works with the key \
             file in the data dir (unset {KEY_ENV})"
        );
    }
    let (store, key) = open_data_dir(dir)?;
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
